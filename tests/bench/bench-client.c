/* bench-client.c: libstellar-client-1 under load, through its public API
 *
 *   bench-client roundtrip URL IN_FLIGHT COUNT WARMUP
 *     `echo` actions over one connection, exactly IN_FLIGHT of them in
 *     flight: each callback issues the next call. Measures COUNT round
 *     trips after WARMUP of them.
 *   bench-client flood URL COUNT PAUSE_MS
 *     joins `defaultRoom`, prints {"ready":true} and sleeps PAUSE_MS while
 *     the driver has the server flood the room, then receives COUNT chat
 *     messages through a ::say handler that reads each one's text. Measures
 *     from the first message to the last.
 *
 * Each prints one JSON line: what it measured (bench-common.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <stellar-client.h>

#include "bench-common.h"

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BenchRun *run = user_data;
  g_autoptr(JsonObject) details = NULL;
  GError *error = NULL;

  details = stellar_client_connect_finish (STELLAR_CLIENT (source), result, &error);
  if (details == NULL)
    bench_run_fail (run, error);
  else
    g_main_loop_quit (run->loop);
}

static gboolean
connect_client (StellarClient *client,
                BenchRun           *run)
{
  stellar_client_connect_async (client, NULL, on_connected, run);
  g_main_loop_run (run->loop);
  return run->error == NULL;
}

/* --- round trips ------------------------------------------------------- */

typedef struct
{
  BenchRun run;
  StellarClient *client;
  JsonObject *params;
  BenchRoundTrips trips;
} RoundTrip;

static void issue (RoundTrip *rt);

static void
on_echoed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RoundTrip *rt = user_data;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = stellar_client_action_finish (STELLAR_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      bench_run_fail (&rt->run, error);
      return;
    }
  if (!json_object_has_member (json_node_get_object (reply), "echo"))
    {
      bench_run_fail (&rt->run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                               "The echo reply has no echo"));
      return;
    }

  switch (bench_round_trips_answered (&rt->trips))
    {
    case BENCH_ISSUE_NEXT:
      issue (rt);
      break;
    case BENCH_FINISHED:
      g_main_loop_quit (rt->run.loop);
      break;
    case BENCH_WAIT:
      break;
    }
}

/* The library encodes the parameters before it returns and never changes
 * them: one object serves every call. */
static void
issue (RoundTrip *rt)
{
  rt->trips.issued++;
  stellar_client_action_async (rt->client, "echo", rt->params, NULL, on_echoed, rt);
}

static int
run_round_trips (const char *url,
                 guint       in_flight,
                 guint       count,
                 guint       warmup)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(StellarClient) client = stellar_client_new (url);
  g_autoptr(JsonObject) params = json_object_new ();
  RoundTrip rt = { { loop, NULL }, client, params };

  json_object_set_string_member (params, "message", BENCH_MESSAGE);
  bench_round_trips_init (&rt.trips, in_flight, count, warmup);

  bench_run_add_watchdog (&rt.run);
  g_object_set (client, "simultaneous-actions", in_flight, NULL);
  if (!connect_client (client, &rt.run))
    goto out;

  for (guint i = 0; i < in_flight; i++)
    issue (&rt);
  g_main_loop_run (loop);

out:
  stellar_client_disconnect (client);
  if (rt.run.error != NULL)
    {
      g_printerr ("bench-client: %s\n", rt.run.error->message);
      g_error_free (rt.run.error);
      return 1;
    }

  bench_print_result ("library", count, &rt.trips.start, &rt.trips.end);
  return 0;
}

/* --- the flood --------------------------------------------------------- */

typedef struct
{
  BenchRun run;
  guint count;
  guint received;
  gsize text_bytes;
  BenchSample start;
  BenchSample end;
  BenchLateness lateness;
} Flood;

/* A realistic handler: it reads the message's text. */
static void
on_say (StellarClient *client,
        JsonObject    *frame,
        gpointer       user_data)
{
  Flood *flood = user_data;
  JsonNode *message = json_object_get_member (frame, "message");

  if (message != NULL && JSON_NODE_HOLDS_VALUE (message) &&
      json_node_get_value_type (message) == G_TYPE_STRING)
    flood->text_bytes += strlen (json_node_get_string (message));

  if (flood->received++ == 0)
    bench_sample_take (&flood->start);
  if (flood->received == flood->count)
    {
      bench_sample_take (&flood->end);
      g_main_loop_quit (flood->run.loop);
    }
}

static int
run_flood (const char *url,
           guint       count,
           guint       pause_ms)
{
  const char * const rooms[] = { "defaultRoom", NULL };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(StellarClient) client = NULL;
  Flood flood = { { loop, NULL }, count };

  client = g_object_new (STELLAR_TYPE_CLIENT, "url", url, "rooms", rooms, NULL);
  bench_run_add_watchdog (&flood.run);
  g_signal_connect (client, "say", G_CALLBACK (on_say), &flood);
  if (!connect_client (client, &flood.run))
    goto out;

  /* Not reading while the server writes: the frames then arrive in bursts
   * and the client's own pace is what is measured. */
  bench_print_ready ();
  g_usleep ((gulong)pause_ms * 1000);
  bench_lateness_start (&flood.lateness);
  g_main_loop_run (loop);
  bench_lateness_stop (&flood.lateness);

out:
  stellar_client_disconnect (client);
  if (flood.run.error != NULL)
    {
      g_printerr ("bench-client: %s\n", flood.run.error->message);
      g_error_free (flood.run.error);
      bench_lateness_clear (&flood.lateness);
      return 1;
    }
  if (flood.text_bytes == 0)
    {
      g_printerr ("bench-client: the flood carried no text\n");
      bench_lateness_clear (&flood.lateness);
      return 1;
    }

  /* The first message opened the window. */
  bench_print_result_with_lateness ("library", count - 1, &flood.start, &flood.end, &flood.lateness);
  bench_lateness_clear (&flood.lateness);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 6 && strcmp (argv[1], "roundtrip") == 0)
    return run_round_trips (argv[2],
                            bench_parse_uint (argv[3], "IN_FLIGHT"),
                            bench_parse_uint (argv[4], "COUNT"),
                            bench_parse_uint (argv[5], "WARMUP"));

  if (argc == 5 && strcmp (argv[1], "flood") == 0)
    {
      guint count = bench_parse_uint (argv[3], "COUNT");

      if (count < 2)
        {
          g_printerr ("bench-client: a flood needs at least 2 messages\n");
          return 2;
        }
      return run_flood (argv[2], count, bench_parse_uint (argv[4], "PAUSE_MS"));
    }

  g_printerr ("Usage: bench-client roundtrip URL IN_FLIGHT COUNT WARMUP\n"
              "       bench-client flood URL COUNT PAUSE_MS\n");
  return 2;
}
