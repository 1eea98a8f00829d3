/* stellar-save-request-dialog.h: keeps the request being written in a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-action-request.h"
#include "stellar-collections.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_SAVE_REQUEST_DIALOG (stellar_save_request_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StellarSaveRequestDialog, stellar_save_request_dialog, STELLAR, SAVE_REQUEST_DIALOG, AdwWindow)

StellarSaveRequestDialog *stellar_save_request_dialog_new (GtkWindow            *parent,
                                                           StellarCollections   *collections,
                                                           StellarActionRequest *request);

G_END_DECLS
