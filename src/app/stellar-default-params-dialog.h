/* stellar-default-params-dialog.h: the parameters added to every call to a server, to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-default-params.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_DEFAULT_PARAMS_DIALOG (stellar_default_params_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StellarDefaultParamsDialog, stellar_default_params_dialog, STELLAR, DEFAULT_PARAMS_DIALOG, AdwWindow)

StellarDefaultParamsDialog *stellar_default_params_dialog_new (GtkWindow            *parent,
                                                               StellarDefaultParams *params);

G_END_DECLS
