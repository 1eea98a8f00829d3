/* test-heartbeat.c: Primus heartbeats of both generations, and their loss
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

typedef struct
{
  GString *events;
} Trace;

static void on_timeout (StellarClient *c, Trace *t) { g_string_append (t->events, "timeout "); }
static void on_disconnected (StellarClient *c, Trace *t) { g_string_append (t->events, "disconnected "); }
static void on_reconnect (StellarClient *c, Trace *t) { g_string_append (t->events, "reconnect "); }
static void on_connected (StellarClient *c, Trace *t) { g_string_append (t->events, "connected "); }

static void
on_reconnecting (StellarClient *client,
                 guint          attempt,
                 guint          delay,
                 Trace         *trace)
{
  g_string_append_printf (trace->events, "reconnecting(%u,%u) ", attempt, delay);
}

static void
trace_client (StellarClient *client,
              Trace         *trace)
{
  trace->events = g_string_new (NULL);
  g_signal_connect (client, "timeout", G_CALLBACK (on_timeout), trace);
  g_signal_connect (client, "disconnected", G_CALLBACK (on_disconnected), trace);
  g_signal_connect (client, "reconnect", G_CALLBACK (on_reconnect), trace);
  g_signal_connect (client, "reconnecting", G_CALLBACK (on_reconnecting), trace);
  g_signal_connect (client, "connected", G_CALLBACK (on_connected), trace);
}

static void
test_modern_pongs (void)
{
  StellarTestServer *server = stellar_test_server_start ("--ping-interval", "150", NULL);
  StellarClient *client = test_client_new_connected (server);
  g_autoptr(GPtrArray) frames = NULL;
  guint pings = 0;
  Trace trace;

  trace_client (client, &trace);
  stellar_test_sleep (1000);

  /* Every ping answered at once with the same value, quoted: the server
   * would drop a client that misses one. */
  frames = stellar_test_server_frames (server, NULL);
  /* Only the heartbeats: a request may be logged between a ping and its
   * pong when it crossed the ping on the wire. */
  for (guint i = frames->len; i > 0; i--)
    if (!g_str_has_prefix (g_ptr_array_index (frames, i - 1), "\"primus::"))
      g_ptr_array_remove_index (frames, i - 1);
  for (guint i = 0; i < frames->len; i++)
    {
      const char *frame = g_ptr_array_index (frames, i);

      if (g_str_has_prefix (frame, "\"primus::ping::"))
        {
          g_autofree char *pong = g_strdup (frame);

          memcpy (pong + strlen ("\"primus::"), "pong", 4);
          /* The last ping may still be on its way back. */
          if (i + 1 == frames->len)
            break;
          g_assert_cmpstr (g_ptr_array_index (frames, i + 1), ==, pong);
          pings++;
        }
    }
  g_assert_cmpuint (pings, >=, 4);

  /* A modern server is never pinged: it would take it for data. */
  g_clear_pointer (&frames, g_ptr_array_unref);
  frames = stellar_test_server_frames (server, "in");
  g_assert_cmpuint (test_count_frames (frames, "primus::ping::"), ==, 0);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "");

  test_client_free (client);
  stellar_test_server_stop (server);
  g_string_free (trace.events, TRUE);
}

static void
test_modern_heartbeat_lost (void)
{
  StellarTestServer *server = stellar_test_server_start ("--ping-interval", "200", NULL);
  StellarClient *client = test_client_new_connected (server);
  Trace trace;
  gint64 start;

  trace_client (client, &trace);

  /* No ping for 1.5 intervals: the link is taken for dead. */
  stellar_test_server_post (server, "/pings/pause", NULL);
  start = g_get_monotonic_time ();
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_cmpstr (trace.events->str, ==, "timeout disconnected reconnect reconnecting(1,500) ");

  /* The server is there: the connection comes back. */
  stellar_test_server_post (server, "/pings/resume", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "timeout disconnected reconnect reconnecting(1,500) connected ");

  test_client_free (client);
  stellar_test_server_stop (server);
  g_string_free (trace.events, TRUE);
}

static void
test_legacy_client_pings (void)
{
  /* A Primus 6 server closes a connection idle for its timeout (here
   * 1000 ms) and expects the client to ping before that. */
  StellarTestServer *server = stellar_test_server_start ("--legacy", "--legacy-timeout", "1000", NULL);
  StellarClient *client = test_client_new_connected (server);
  g_autoptr(GPtrArray) frames = NULL;
  Trace trace;

  trace_client (client, &trace);
  stellar_test_sleep (2500);

  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "");
  frames = stellar_test_server_frames (server, NULL);
  g_assert_cmpuint (test_count_frames (frames, "\"primus::ping::"), >=, 3);
  g_assert_cmpuint (test_count_frames (frames, "\"primus::pong::"), >=, 3);

  test_client_free (client);
  stellar_test_server_stop (server);
  g_string_free (trace.events, TRUE);
}

static void
test_legacy_pong_lost (void)
{
  StellarTestServer *server = stellar_test_server_start ("--legacy", "--legacy-timeout", "1000", NULL);
  StellarClient *client = test_client_new_connected (server);
  Trace trace;

  trace_client (client, &trace);

  /* The server stops answering pings: the client notices by itself. */
  stellar_test_server_post (server, "/pings/pause", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_true (g_str_has_prefix (trace.events->str, "timeout disconnected reconnect reconnecting(1,500)") ||
                 /* the server's idle timer may win the race */
                 g_str_has_prefix (trace.events->str, "disconnected reconnect reconnecting(1,500)"));

  stellar_test_server_post (server, "/pings/resume", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);

  test_client_free (client);
  stellar_test_server_stop (server);
  g_string_free (trace.events, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heartbeat/modern-pongs", test_modern_pongs);
  g_test_add_func ("/heartbeat/modern-lost", test_modern_heartbeat_lost);
  g_test_add_func ("/heartbeat/legacy-client-pings", test_legacy_client_pings);
  g_test_add_func ("/heartbeat/legacy-pong-lost", test_legacy_pong_lost);

  return g_test_run ();
}
