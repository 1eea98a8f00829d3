/* stellar-test-utils.h: waiting for asynchronous results in tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a test waits for something that should happen before it fails. */
#define STELLAR_TEST_TIMEOUT_MS 10000

gboolean stellar_test_iterate_until (gboolean   (*condition) (gpointer data),
                                     gpointer     data,
                                     guint        timeout_ms);
void     stellar_test_sleep         (guint        milliseconds);
void     stellar_test_store_result  (GObject     *source,
                                     GAsyncResult *result,
                                     gpointer     user_data);
GAsyncResult *stellar_test_wait_result (GAsyncResult **slot);

/* Iterates the default main context until @expr holds, failing the test
 * after STELLAR_TEST_TIMEOUT_MS. */
#define stellar_test_wait_for(expr)                                                    \
  G_STMT_START {                                                                       \
    gint64 _deadline = g_get_monotonic_time () + STELLAR_TEST_TIMEOUT_MS * 1000;       \
    while (!(expr))                                                                    \
      {                                                                                \
        if (g_get_monotonic_time () > _deadline)                                       \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #expr);      \
        if (!g_main_context_iteration (NULL, FALSE))                                   \
          g_usleep (1000);                                                             \
      }                                                                                \
  } G_STMT_END

/* Iterates the default main context for @milliseconds, failing the test as
 * soon as @expr does not hold: for what must NOT happen (a reconnection
 * after a deliberate disconnect, a request sent while held). */
#define stellar_test_assert_during(expr, milliseconds)                                 \
  G_STMT_START {                                                                       \
    gint64 _until = g_get_monotonic_time () + (gint64)(milliseconds) * 1000;           \
    while (g_get_monotonic_time () < _until)                                           \
      {                                                                                \
        if (!(expr))                                                                   \
          g_error ("%s:%d: %s stopped holding", __FILE__, __LINE__, #expr);            \
        if (!g_main_context_iteration (NULL, FALSE))                                   \
          g_usleep (1000);                                                             \
      }                                                                                \
    if (!(expr))                                                                       \
      g_error ("%s:%d: %s stopped holding", __FILE__, __LINE__, #expr);                \
  } G_STMT_END

/* A server URL on 127.0.0.1 where nothing listens: a refused connection. */
char    *stellar_test_get_refused_url (void);

G_END_DECLS
