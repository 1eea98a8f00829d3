/* bench-floor.c: the floor under the library, a bare libsoup WebSocket client
 *
 *   bench-floor roundtrip URL IN_FLIGHT COUNT WARMUP
 *     sends the text of an `echo` action frame to a trivial echo server and
 *     waits for it to come back, exactly IN_FLIGHT frames in flight. Given a
 *     Stellar server's ws://host:port/primus instead, it counts the replies
 *     (not the welcome, nor a heartbeat): the same round trip with the same
 *     server, minus the library.
 *   bench-floor flood URL COUNT PAUSE_MS
 *     joins `defaultRoom` on a Stellar server (URL: ws://host:port/primus)
 *     with a constant frame, prints {"ready":true}, sleeps PAUSE_MS and
 *     counts COUNT frames of the flood, as bench-client does, and how late
 *     a 10 ms timer ran meanwhile.
 *
 * No Primus, no JSON, no routing: what the library costs is measured on top
 * of this.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "bench-common.h"

/* The same bytes the library sends for one echo call. */
#define ECHO_FRAME "{\"event\":\"action\",\"params\":{\"message\":\"" BENCH_MESSAGE "\",\"action\":\"echo\"}}"
#define JOIN_FRAME "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}"
/* How the answer to the join and the flood's frames begin: anything else
 * (the welcome, a heartbeat) is not counted. */
#define REPLY_PREFIX "{\"status\""
#define FLOOD_PREFIX "{\"message\":\"flood "
#define WELCOME_PREFIX "{\"welcome\""
#define HEARTBEAT_PREFIX "\"primus::"

typedef struct
{
  BenchRun run;
  SoupWebsocketConnection *connection;
  gboolean flood;
  BenchRoundTrips trips;  /* the flood counts its frames here too */
  BenchLateness lateness;
} Floor;

static void
issue (Floor *floor_)
{
  floor_->trips.issued++;
  soup_websocket_connection_send_text (floor_->connection, ECHO_FRAME);
}

static void
on_echo (Floor *floor_)
{
  switch (bench_round_trips_answered (&floor_->trips))
    {
    case BENCH_ISSUE_NEXT:
      issue (floor_);
      break;
    case BENCH_FINISHED:
      g_main_loop_quit (floor_->run.loop);
      break;
    case BENCH_WAIT:
      break;
    }
}

static gboolean
has_prefix (GBytes     *message,
            const char *prefix)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  return length >= strlen (prefix) && memcmp (data, prefix, strlen (prefix)) == 0;
}

/* The join's answer ends the first wait; the flood's frames are counted. */
static void
on_flood_frame (Floor  *floor_,
                GBytes *message)
{
  if (has_prefix (message, REPLY_PREFIX))
    {
      g_main_loop_quit (floor_->run.loop);
      return;
    }
  if (!has_prefix (message, FLOOD_PREFIX))
    return;

  floor_->trips.completed++;
  if (floor_->trips.completed == 1)
    bench_sample_take (&floor_->trips.start);
  else if (floor_->trips.completed == floor_->trips.count)
    {
      bench_sample_take (&floor_->trips.end);
      g_main_loop_quit (floor_->run.loop);
    }
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Floor *floor_ = user_data;

  if (floor_->flood)
    on_flood_frame (floor_, message);
  else if (!has_prefix (message, WELCOME_PREFIX) && !has_prefix (message, HEARTBEAT_PREFIX))
    on_echo (floor_);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  Floor *floor_ = user_data;

  bench_run_fail (&floor_->run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                     "The server closed the connection"));
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Floor *floor_ = user_data;
  GError *error = NULL;

  floor_->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (floor_->connection == NULL)
    bench_run_fail (&floor_->run, error);
  else
    g_main_loop_quit (floor_->run.loop);
}

static int
usage (void)
{
  g_printerr ("Usage: bench-floor roundtrip URL IN_FLIGHT COUNT WARMUP\n"
              "       bench-floor flood URL COUNT PAUSE_MS\n");
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  Floor floor_ = { { loop } };
  guint in_flight = 0;
  guint pause_ms = 0;

  if (argc == 6 && strcmp (argv[1], "roundtrip") == 0)
    {
      guint count, warmup;

      in_flight = bench_parse_uint (argv[3], "IN_FLIGHT");
      count = bench_parse_uint (argv[4], "COUNT");
      warmup = bench_parse_uint (argv[5], "WARMUP");
      bench_round_trips_init (&floor_.trips, in_flight, count, warmup);
    }
  else if (argc == 5 && strcmp (argv[1], "flood") == 0)
    {
      floor_.flood = TRUE;
      floor_.trips.count = bench_parse_uint (argv[3], "COUNT");
      pause_ms = bench_parse_uint (argv[4], "PAUSE_MS");
      if (floor_.trips.count < 2)
        return usage ();
    }
  else
    return usage ();

  message = soup_message_new (SOUP_METHOD_GET, argv[2]);
  if (message == NULL)
    {
      g_printerr ("bench-floor: not a URL: %s\n", argv[2]);
      return 2;
    }

  bench_run_add_watchdog (&floor_.run);
  soup_session_websocket_connect_async (session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, &floor_);
  g_main_loop_run (loop);

  if (floor_.connection != NULL)
    {
      soup_websocket_connection_set_max_incoming_payload_size (floor_.connection, 0);
      g_signal_connect (floor_.connection, "message", G_CALLBACK (on_message), &floor_);
      g_signal_connect (floor_.connection, "closed", G_CALLBACK (on_closed), &floor_);

      if (floor_.flood)
        {
          soup_websocket_connection_send_text (floor_.connection, JOIN_FRAME);
          g_main_loop_run (loop);
          if (floor_.run.error == NULL)
            {
              bench_print_ready ();
              g_usleep ((gulong)pause_ms * 1000);
              bench_lateness_start (&floor_.lateness);
              g_main_loop_run (loop);
              bench_lateness_stop (&floor_.lateness);
            }
        }
      else
        {
          for (guint i = 0; i < in_flight; i++)
            issue (&floor_);
          g_main_loop_run (loop);
        }

      g_signal_handlers_disconnect_by_data (floor_.connection, &floor_);
      soup_websocket_connection_close (floor_.connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&floor_.connection);
    }

  if (floor_.run.error != NULL)
    {
      g_printerr ("bench-floor: %s\n", floor_.run.error->message);
      g_error_free (floor_.run.error);
      bench_lateness_clear (&floor_.lateness);
      return 1;
    }

  /* In a flood, the first frame opened the window. */
  if (floor_.flood)
    bench_print_result_with_lateness ("floor", floor_.trips.count - 1, &floor_.trips.start,
                                      &floor_.trips.end, &floor_.lateness);
  else
    bench_print_result ("floor", floor_.trips.count, &floor_.trips.start, &floor_.trips.end);
  bench_lateness_clear (&floor_.lateness);
  return 0;
}
