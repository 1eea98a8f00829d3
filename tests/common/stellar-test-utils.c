/* stellar-test-utils.c: waiting for asynchronous results in tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "stellar-test-utils.h"

/* Iterates the default main context until @condition holds or @timeout_ms
 * passed. Returns whether it holds. */
gboolean
stellar_test_iterate_until (gboolean (*condition) (gpointer data),
                            gpointer   data,
                            guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

/* Lets the main loop run for @milliseconds: for checking that something
 * does NOT happen. */
void
stellar_test_sleep (guint milliseconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)milliseconds * 1000;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* A GAsyncReadyCallback that stores a reference to the result in the
 * GAsyncResult * its user data points to. */
void
stellar_test_store_result (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Waits until stellar_test_store_result() filled @slot, and takes it. */
GAsyncResult *
stellar_test_wait_result (GAsyncResult **slot)
{
  stellar_test_wait_for (*slot != NULL);
  return g_steal_pointer (slot);
}

/* A TCP port on 127.0.0.1 where nothing listens. */
static guint16
get_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) any_port = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  any_port = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);

  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* The port the kernel picked is free again once the socket closes, and
   * it hands out ports in turn: nothing takes it during a test. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/**
 * stellar_test_get_refused_url:
 *
 * Returns: (transfer full): the URL of a server on 127.0.0.1 that refuses
 *   every connection: nothing listens on its port
 */
char *
stellar_test_get_refused_url (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u", get_closed_port ());
}
