/* stellar-load-test.h: one action called many times, and measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stellar-client.h>

#include "stellar-load-report.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_LOAD_TEST (stellar_load_test_get_type ())

G_DECLARE_FINAL_TYPE (StellarLoadTest, stellar_load_test, STELLAR, LOAD_TEST, GObject)

StellarLoadTest   *stellar_load_test_new                (StellarClient        *client,
                                                         const char           *action,
                                                         JsonObject           *params);
guint              stellar_load_test_get_count          (StellarLoadTest      *self);
void               stellar_load_test_set_count          (StellarLoadTest      *self,
                                                         guint                 count);
guint              stellar_load_test_get_in_flight      (StellarLoadTest      *self);
void               stellar_load_test_set_in_flight      (StellarLoadTest      *self,
                                                         guint                 in_flight);
double             stellar_load_test_get_rate           (StellarLoadTest      *self);
void               stellar_load_test_set_rate           (StellarLoadTest      *self,
                                                         double                rate);
StellarTransport   stellar_load_test_get_transport      (StellarLoadTest      *self);
void               stellar_load_test_set_transport      (StellarLoadTest      *self,
                                                         StellarTransport      transport);
gboolean           stellar_load_test_get_own_connection (StellarLoadTest      *self);
void               stellar_load_test_set_own_connection (StellarLoadTest      *self,
                                                         gboolean              own_connection);
gboolean           stellar_load_test_get_running        (StellarLoadTest      *self);
guint              stellar_load_test_get_completed      (StellarLoadTest      *self);
guint              stellar_load_test_get_failed         (StellarLoadTest      *self);

void               stellar_load_test_run_async          (StellarLoadTest      *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
StellarLoadReport *stellar_load_test_run_finish         (StellarLoadTest      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               stellar_load_test_stop               (StellarLoadTest      *self);

G_END_DECLS
