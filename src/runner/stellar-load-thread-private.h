/* stellar-load-thread-private.h: a load test run on a connection and a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stellar-client.h>

#include "stellar-load-report.h"

G_BEGIN_DECLS

typedef struct _StellarLoadThread StellarLoadThread;

/* Called in the context that started the run, once the thread is done with
 * it: with the report, or with the error it ended on (the report is
 * %NULL). Both are the callee's. */
typedef void (*StellarLoadThreadDone) (StellarLoadReport *report,
                                       GError            *error,
                                       gpointer           user_data);

StellarLoadThread *_stellar_load_thread_start        (StellarClient         *like,
                                                      const char            *action,
                                                      JsonObject            *params,
                                                      guint                  count,
                                                      guint                  in_flight,
                                                      double                 rate,
                                                      StellarTransport       transport,
                                                      GCancellable          *cancellable,
                                                      StellarLoadThreadDone  done,
                                                      gpointer               user_data);
void               _stellar_load_thread_get_progress (StellarLoadThread     *self,
                                                      guint                 *completed,
                                                      guint                 *failed);
void               _stellar_load_thread_stop         (StellarLoadThread     *self);
void               _stellar_load_thread_free         (StellarLoadThread     *self);

/* for tests */
void               _stellar_load_thread_set_keep_alive (guint milliseconds);

G_END_DECLS
