/* stellar-load-test-dialog.h: Run Repeatedly, an action called many times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-explorer.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_LOAD_TEST_DIALOG (stellar_load_test_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StellarLoadTestDialog, stellar_load_test_dialog, STELLAR, LOAD_TEST_DIALOG, AdwWindow)

StellarLoadTestDialog *stellar_load_test_dialog_new           (GtkWindow               *parent,
                                                               StellarExplorer         *explorer);
StellarExplorer       *stellar_load_test_dialog_get_explorer  (StellarLoadTestDialog   *self);
void                   stellar_load_test_dialog_export_async  (StellarLoadTestDialog   *self,
                                                               StellarLoadReportFormat  format,
                                                               GFile                   *file,
                                                               GCancellable            *cancellable,
                                                               GAsyncReadyCallback      callback,
                                                               gpointer                 user_data);
gboolean               stellar_load_test_dialog_export_finish (StellarLoadTestDialog   *self,
                                                               GAsyncResult            *result,
                                                               GError                 **error);

G_END_DECLS
