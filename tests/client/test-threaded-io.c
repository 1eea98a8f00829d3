/* test-threaded-io.c: the WebSocket in a thread of its own
 *
 * With threaded-io, libsoup reads the WebSocket in a thread of its own and
 * the client gets its messages a few milliseconds at a time: a flood
 * leaves the client's main loop free to run between them, and a client that
 * does not keep up holds the server back instead of queueing the flood.
 * (Every other suite runs with threaded-io too, as `SUITE-threaded-io`.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "stellar-client-private.h"
#include "test-fixture.h"

static StellarClient *
threaded_client_in_default_room (void)
{
  const char *rooms[] = { "defaultRoom", NULL };
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonObject) details = NULL;

  g_object_set (client, "threaded-io", TRUE, "rooms", rooms, NULL);
  details = test_client_connect (client);

  return client;
}

typedef struct
{
  guint expected;
  guint said;
  guint out_of_order;
  guint ticks_between;
} Flood;

/* Flood frames read "flood <n>." and come in order. */
static void
on_say (StellarClient *client,
        JsonObject    *frame,
        Flood         *flood)
{
  const char *text = json_object_get_string_member (frame, "message");
  g_autofree char *expected = g_strdup_printf ("flood %u.", flood->said + 1);

  if (!g_str_has_prefix (text, expected))
    flood->out_of_order++;
  flood->said++;
}

/* Floods take long under valgrind. */
#define FLOOD_TIMEOUT_MS (6 * STELLAR_TEST_TIMEOUT_MS)

static gboolean
all_said (gpointer data)
{
  Flood *flood = data;

  return flood->said == flood->expected;
}

static gboolean
on_tick (gpointer user_data)
{
  Flood *flood = user_data;

  if (flood->said > 0)
    flood->ticks_between++;

  return G_SOURCE_CONTINUE;
}

static void
test_flood_leaves_loop_free (void)
{
  StellarClient *client = threaded_client_in_default_room ();
  Flood flood = { .expected = 10000 };
  guint tick;

  /* a thread for the connection */
  g_assert_cmpuint (test_count_io_threads (), ==, 1);

  g_signal_connect (client, "say", G_CALLBACK (on_say), &flood);
  tick = g_timeout_add (1, on_tick, &flood);

  stellar_test_server_post (test_server, "/flood", "{\"room\":\"defaultRoom\",\"count\":10000,\"size\":100}");
  g_assert_true (stellar_test_iterate_until (all_said, &flood, FLOOD_TIMEOUT_MS));
  g_source_remove (tick);

  /* All of it, in order, and the loop ran other sources again and again
   * meanwhile: in the client's context, libsoup's one long read leaves the
   * timer a run or two. */
  g_assert_cmpuint (flood.out_of_order, ==, 0);
  g_test_message ("a 1 ms timer ran %u times during the flood", flood.ticks_between);
  g_assert_cmpuint (flood.ticks_between, >=, 10);

  g_signal_handlers_disconnect_by_data (client, &flood);
  test_client_free (client);
  stellar_test_wait_for (test_count_io_threads () == 0);
}

/* --- a client that does not keep up ------------------------------------- */

/* 50 MB: more than the socket buffers on both sides and the client's queue
 * hold together. */
#define HELD_COUNT "5000"
#define HELD_SIZE "10000"

static gpointer
post_flood (gpointer data)
{
  stellar_test_server_post (test_server, "/flood",
                            "{\"room\":\"defaultRoom\",\"count\":" HELD_COUNT ",\"size\":" HELD_SIZE "}");
  g_atomic_int_set ((int *) data, TRUE);

  return NULL;
}

/* The server finished writing the flood. */
static int flood_written;

static gboolean
flood_was_written (gpointer data)
{
  return g_atomic_int_get (&flood_written);
}

static gsize
queued_bytes (StellarClient *client)
{
  guint n_messages;
  gsize n_bytes;

  _stellar_primus_socket_get_queued (client->socket, &n_messages, &n_bytes);
  g_assert_cmpuint (n_messages, <=, STELLAR_WEBSOCKET_RELAY_MAX_MESSAGES);

  return n_bytes;
}

/* The client's context does not run meanwhile: its I/O thread reads until
 * its queue is full, and stops there; the socket buffers fill, and the
 * server waits. */
static GThread *
flood_while_not_reading (StellarClient *client)
{
  gint64 deadline = g_get_monotonic_time () + FLOOD_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  GThread *thread;

  g_atomic_int_set (&flood_written, FALSE);
  thread = g_thread_new ("flood", post_flood, &flood_written);

  while (queued_bytes (client) < STELLAR_WEBSOCKET_RELAY_MAX_BYTES)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }

  /* and nothing more comes */
  g_usleep (G_USEC_PER_SEC / 2);
  g_test_message ("%" G_GSIZE_FORMAT " bytes queued", queued_bytes (client));
  g_assert_cmpuint (queued_bytes (client), <, STELLAR_WEBSOCKET_RELAY_MAX_BYTES + 10000);
  g_assert_false (g_atomic_int_get (&flood_written));

  return thread;
}

static void
test_slow_client_holds_server_back (void)
{
  StellarClient *client = threaded_client_in_default_room ();
  Flood flood = { .expected = 5000 };
  GThread *thread;

  g_signal_connect (client, "say", G_CALLBACK (on_say), &flood);
  thread = flood_while_not_reading (client);

  /* once the client reads, all of it comes, in order */
  g_assert_true (stellar_test_iterate_until (all_said, &flood, FLOOD_TIMEOUT_MS));
  g_assert_true (stellar_test_iterate_until (flood_was_written, NULL, FLOOD_TIMEOUT_MS));
  g_thread_join (thread);
  g_assert_cmpuint (flood.out_of_order, ==, 0);

  g_signal_handlers_disconnect_by_data (client, &flood);
  test_client_free (client);
  stellar_test_wait_for (test_count_io_threads () == 0);
}

static guint
n_server_connections (void)
{
  g_autoptr(JsonArray) connections = stellar_test_server_connections (test_server);

  return json_array_get_length (connections);
}

static void
test_disconnect_while_held_back (void)
{
  StellarClient *client = threaded_client_in_default_room ();
  GThread *thread = flood_while_not_reading (client);

  /* the I/O thread is waiting for room: letting go wakes it, and the
   * connection closes */
  stellar_client_disconnect (client);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_true (stellar_test_iterate_until (flood_was_written, NULL, STELLAR_TEST_TIMEOUT_MS));
  g_thread_join (thread);
  stellar_test_wait_for (n_server_connections () == 0);

  test_client_free (client);
  stellar_test_wait_for (test_count_io_threads () == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threaded-io/flood-leaves-loop-free", test_flood_leaves_loop_free);
  g_test_add_func ("/threaded-io/slow-client-holds-server-back", test_slow_client_holds_server_back);
  g_test_add_func ("/threaded-io/disconnect-while-held-back", test_disconnect_while_held_back);

  return test_main_run ();
}
