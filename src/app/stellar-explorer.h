/* stellar-explorer.h: the API explorer of one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stellar-client.h>

#include "stellar-action-catalog.h"
#include "stellar-action-request.h"
#include "stellar-call-history.h"
#include "stellar-database.h"
#include "stellar-default-params.h"
#include "stellar-json-tree.h"
#include "stellar-load-test.h"

G_BEGIN_DECLS

/**
 * StellarLoadReportFormat:
 * @STELLAR_LOAD_REPORT_FORMAT_JSON: the report as one JSON object
 * @STELLAR_LOAD_REPORT_FORMAT_CSV: every call, a line each
 *
 * The files a load test's report is exported as (docs/load-test.md).
 */
typedef enum {
  STELLAR_LOAD_REPORT_FORMAT_JSON,
  STELLAR_LOAD_REPORT_FORMAT_CSV,
} StellarLoadReportFormat;

#define STELLAR_TYPE_EXPLORER (stellar_explorer_get_type ())

G_DECLARE_FINAL_TYPE (StellarExplorer, stellar_explorer, STELLAR, EXPLORER, GObject)

StellarExplorer      *stellar_explorer_new                     (StellarClient            *client,
                                                                GSettings                *settings,
                                                                StellarDatabase          *database);

StellarClient        *stellar_explorer_get_client              (StellarExplorer          *self);
StellarActionCatalog *stellar_explorer_get_catalog             (StellarExplorer          *self);
StellarActionRequest *stellar_explorer_get_request             (StellarExplorer          *self);
StellarCallHistory   *stellar_explorer_get_history             (StellarExplorer          *self);
StellarDefaultParams *stellar_explorer_get_default_params      (StellarExplorer          *self);
GListModel           *stellar_explorer_get_suggestions         (StellarExplorer          *self);

StellarCall          *stellar_explorer_get_current_call        (StellarExplorer          *self);
StellarJsonTree      *stellar_explorer_get_response_tree       (StellarExplorer          *self);
gboolean              stellar_explorer_get_sending             (StellarExplorer          *self);
gboolean              stellar_explorer_get_can_send            (StellarExplorer          *self);

void                  stellar_explorer_load_catalog            (StellarExplorer          *self);
gboolean              stellar_explorer_send                    (StellarExplorer          *self,
                                                                GError                  **error);
void                  stellar_explorer_cancel                  (StellarExplorer          *self);
void                  stellar_explorer_show_call               (StellarExplorer          *self,
                                                                StellarCall              *call);
char                 *stellar_explorer_build_curl              (StellarExplorer          *self,
                                                                GError                  **error);

StellarLoadTest      *stellar_explorer_get_load_test           (StellarExplorer          *self);
StellarLoadReport    *stellar_explorer_get_load_report         (StellarExplorer          *self);
gboolean              stellar_explorer_get_load_running        (StellarExplorer          *self);
const char           *stellar_explorer_get_load_error          (StellarExplorer          *self);
gboolean              stellar_explorer_start_load_test         (StellarExplorer          *self,
                                                                guint                     count,
                                                                guint                     in_flight,
                                                                double                    rate,
                                                                StellarTransport          transport,
                                                                GError                  **error);
void                  stellar_explorer_stop_load_test          (StellarExplorer          *self);
void                  stellar_explorer_export_load_report_async (StellarExplorer         *self,
                                                                 StellarLoadReportFormat  format,
                                                                 GFile                   *file,
                                                                 GCancellable            *cancellable,
                                                                 GAsyncReadyCallback      callback,
                                                                 gpointer                 user_data);
gboolean              stellar_explorer_export_load_report_finish (StellarExplorer        *self,
                                                                  GAsyncResult           *result,
                                                                  GError                **error);

G_END_DECLS
