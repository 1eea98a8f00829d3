/* stellar-call-history.h: the API explorer's calls to one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-call.h"
#include "stellar-database.h"

G_BEGIN_DECLS

/* How many calls one load brings in. */
#define STELLAR_CALL_HISTORY_PAGE_SIZE 500

#define STELLAR_TYPE_CALL_HISTORY (stellar_call_history_get_type ())

G_DECLARE_FINAL_TYPE (StellarCallHistory, stellar_call_history, STELLAR, CALL_HISTORY, GObject)

StellarCallHistory *stellar_call_history_new               (StellarDatabase     *database,
                                                            const char          *server);
StellarDatabase    *stellar_call_history_get_database      (StellarCallHistory  *self);
const char         *stellar_call_history_get_server        (StellarCallHistory  *self);
gboolean            stellar_call_history_get_has_more      (StellarCallHistory  *self);
gboolean            stellar_call_history_get_loading       (StellarCallHistory  *self);
const char         *stellar_call_history_get_error_message (StellarCallHistory  *self);

void                stellar_call_history_add               (StellarCallHistory  *self,
                                                            StellarCall         *call);
void                stellar_call_history_clear             (StellarCallHistory  *self);

void                stellar_call_history_load_more_async   (StellarCallHistory  *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            stellar_call_history_load_more_finish  (StellarCallHistory  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void                stellar_call_history_search_async      (StellarCallHistory  *self,
                                                            const char          *text,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel         *stellar_call_history_search_finish     (StellarCallHistory  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
