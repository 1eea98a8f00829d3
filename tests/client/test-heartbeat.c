/* test-heartbeat.c: Primus heartbeats of both generations, and their loss
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static const char * const fast_pings[] = { "--ping-interval", "400", NULL };
static const char * const slow_pings[] = { "--ping-interval", "500", NULL };
/* A Primus 6 server closes a connection idle for its timeout (here
 * 1000 ms) and expects the client to ping before that. */
static const char * const legacy_server[] = { "--legacy", "--legacy-timeout", "1000", NULL };

static void
test_modern_pongs (TestFixture   *fixture,
                   gconstpointer  options)
{
  g_autoptr(GPtrArray) frames = NULL;
  guint pings = 0;

  stellar_test_recorder_clear (fixture->recorder);
  stellar_test_wait_for (test_count_server_frames (fixture->server, "in", "\"primus::pong::") >= 5);

  /* Every ping answered at once with the same value, quoted: the server
   * would drop a client that misses one. */
  frames = stellar_test_server_frames (fixture->server, NULL);
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
  g_assert_cmpuint (test_count_server_frames (fixture->server, "in", "primus::ping::"), ==, 0);
  g_assert_cmpint (stellar_client_get_state (fixture->client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (fixture->recorder->events->str, ==, "");
}

static void
test_modern_heartbeat_lost (TestFixture   *fixture,
                            gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  gint64 start;

  stellar_test_recorder_clear (recorder);

  /* No ping for 1.5 intervals: the link is taken for dead. */
  stellar_test_server_post (fixture->server, "/pings/pause", NULL);
  start = g_get_monotonic_time ();
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_cmpstr (recorder->events->str, ==, "timeout disconnected reconnect reconnecting(1) ");
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 0), ==, 500);

  /* The server is there: the connection comes back. */
  stellar_test_server_post (fixture->server, "/pings/resume", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (recorder->events->str, ==, "timeout disconnected reconnect reconnecting(1) connected ");
}

static void
test_legacy_client_pings (TestFixture   *fixture,
                          gconstpointer  options)
{
  stellar_test_recorder_clear (fixture->recorder);

  /* Three rounds take longer than the server's idle timeout: only the
   * client's pings keep the connection. */
  stellar_test_wait_for (test_count_server_frames (fixture->server, "out", "\"primus::pong::") >= 3);
  g_assert_cmpuint (test_count_server_frames (fixture->server, "in", "\"primus::ping::"), >=, 3);
  g_assert_cmpint (stellar_client_get_state (fixture->client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (fixture->recorder->events->str, ==, "");
}

static void
test_legacy_pong_lost (TestFixture   *fixture,
                       gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;

  stellar_test_recorder_clear (recorder);

  /* The server stops answering pings: the client notices by itself. */
  stellar_test_server_post (fixture->server, "/pings/pause", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_true (g_str_has_prefix (recorder->events->str, "timeout disconnected reconnect reconnecting(1)") ||
                 /* the server's idle timer may win the race */
                 g_str_has_prefix (recorder->events->str, "disconnected reconnect reconnecting(1)"));
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 0), ==, 500);

  stellar_test_server_post (fixture->server, "/pings/resume", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_connected ("/heartbeat/modern-pongs", fast_pings, test_modern_pongs);
  test_add_connected ("/heartbeat/modern-lost", slow_pings, test_modern_heartbeat_lost);
  test_add_connected ("/heartbeat/legacy-client-pings", legacy_server, test_legacy_client_pings);
  test_add_connected ("/heartbeat/legacy-pong-lost", legacy_server, test_legacy_pong_lost);

  return g_test_run ();
}
