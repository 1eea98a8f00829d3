/* test-reconnect.c: losing an established connection, and getting it back
 *
 * Every test has a server of its own, which it stops, drops and restarts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static const char * const own_server[] = { NULL };

/* The frames the server received on the connection @id. */
static GPtrArray *
frames_of_connection (StellarTestServer *server,
                      const char        *id)
{
  g_autoptr(JsonNode) node = stellar_test_server_control (server, "GET", "/frames", NULL);
  JsonArray *frames = json_object_get_array_member (json_node_get_object (node), "frames");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      JsonObject *frame = json_array_get_object_element (frames, i);
      JsonNode *conn = json_object_get_member (frame, "conn");

      if (g_str_equal (json_object_get_string_member (frame, "dir"), "in") &&
          JSON_NODE_HOLDS_VALUE (conn) && g_strcmp0 (json_node_get_string (conn), id) == 0)
        g_ptr_array_add (texts, g_strdup (json_object_get_string_member (frame, "data")));
    }

  return texts;
}

static void
test_reconnect_after_drop (TestFixture   *fixture,
                           gconstpointer  options)
{
  const char *rooms[] = { "defaultRoom", NULL };
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_id = NULL;
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;

  g_object_set (client, "rooms", rooms, NULL);
  details = test_client_connect (client);
  /* A room joined later, not in the rooms property, is joined again too. */
  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  old_id = g_strdup (stellar_client_get_id (client));
  stellar_test_recorder_clear (recorder);

  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_null (stellar_client_get_id (client));
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);

  /* In the documented order, with Primus's first delay. */
  g_assert_cmpstr (recorder->events->str, ==, "disconnected reconnect reconnecting(1) connected ");
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 0), ==, 500);
  g_assert_cmpuint (recorder->errors->len, ==, 0);

  /* A new connection, with its details published and both rooms back. */
  g_assert_nonnull (stellar_client_get_id (client));
  g_assert_cmpstr (stellar_client_get_id (client), !=, old_id);
  g_assert_cmpstr (json_object_get_string_member (stellar_client_get_details (client), "id"), ==,
                   stellar_client_get_id (client));
  g_assert_true (g_strv_equal (stellar_client_get_rooms (client),
                               (const char *[]) { "defaultRoom", "anotherRoom", NULL }));

  /* On the new connection: a fresh handshake and a fresh count (the next
   * request is answered, which it would not be with a stale count). */
  frames = frames_of_connection (fixture->server, stellar_client_get_id (client));
  g_assert_cmpuint (frames->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==, "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 2), ==, "{\"event\":\"roomJoin\",\"room\":\"anotherRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 3), ==, "{\"event\":\"detailsView\"}");
  response = test_client_action (client, "status", NULL, &error);
  g_assert_no_error (error);
}

static void
test_pending_fail_not_resent (TestFixture   *fixture,
                              gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":400}");
  g_autoptr(GAsyncResult) action = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &action);
  stellar_test_wait_for (test_count_server_frames (fixture->server, "in", "sleep") == 1);

  stellar_test_server_post (fixture->server, "/drop", NULL);

  /* Pending at the loss: failed, never sent again (an action may not be
   * idempotent). */
  stellar_test_wait_for (action != NULL);
  response = stellar_client_action_finish (client, action, &error);
  g_clear_object (&action);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  /* A request made on the new connection is answered after anything the
   * client could have sent again. */
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  test_client_round_trip (client);
  frames = frames_of_connection (fixture->server, stellar_client_get_id (client));
  g_assert_cmpuint (test_count_frames (frames, "sleep"), ==, 0);
  g_assert_cmpuint (test_count_frames (frames, "status"), ==, 1);
}

typedef struct
{
  GPtrArray *order;
  guint pending;
  guint failed;
} Completions;

static void
completions_clear (Completions *completions)
{
  g_clear_pointer (&completions->order, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Completions, completions_clear)

static void
on_said (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Completions *completions = user_data;
  g_autoptr(GError) error = NULL;

  if (stellar_client_say_finish (STELLAR_CLIENT (source), result, &error))
    g_ptr_array_add (completions->order, g_strdup ("say"));
  else
    {
      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);
      completions->failed++;
    }
  completions->pending--;
}

static void
on_emitted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Completions *completions = user_data;
  g_autoptr(GError) error = NULL;

  if (stellar_client_emit_finish (STELLAR_CLIENT (source), result, &error))
    g_ptr_array_add (completions->order, g_strdup ("emit"));
  else
    completions->failed++;
  completions->pending--;
}

static void
on_joined (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Completions *completions = user_data;
  g_autoptr(GError) error = NULL;

  if (stellar_client_room_add_finish (STELLAR_CLIENT (source), result, &error))
    g_ptr_array_add (completions->order, g_strdup ("join"));
  else
    completions->failed++;
  completions->pending--;
}

/* The fixture's client, in defaultRoom, whose server went away: it is
 * reconnecting, and the recorder saw it go. */
static void
begin_outage (TestFixture *fixture,
              guint        reconnect_attempts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (fixture->client, "defaultRoom", &error));
  g_object_set (fixture->client, "reconnect-attempts", reconnect_attempts, NULL);
  stellar_test_recorder_clear (fixture->recorder);

  stellar_test_server_post (fixture->server, "/stop", NULL);
  stellar_test_wait_for (stellar_client_get_state (fixture->client) == STELLAR_CLIENT_STATE_RECONNECTING);
}

static void
test_outbox (TestFixture   *fixture,
             gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GPtrArray) frames = NULL;
  g_auto(Completions) completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  /* The server goes away; what the user types meanwhile waits. */
  begin_outage (fixture, 10);
  stellar_client_say_async (client, "defaultRoom", "first", NULL, on_said, &completions);
  stellar_client_room_add_async (client, "anotherRoom", NULL, on_joined, &completions);
  stellar_client_say_async (client, "anotherRoom", "second", NULL, on_said, &completions);
  stellar_client_emit_async (client, "defaultRoom", "typing", NULL, NULL, on_emitted, &completions);
  stellar_client_say_async (client, "defaultRoom", "third", NULL, on_said, &completions);
  completions.pending = 5;

  /* Nothing completes while there is no connection to send it on. */
  stellar_test_assert_during (completions.pending == 5, 100);

  stellar_test_server_post (fixture->server, "/start", NULL);
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 0);

  /* Sent once each, in the order asked, after the handshake. */
  g_assert_cmpuint (completions.order->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (completions.order, 0), ==, "say");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 1), ==, "join");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 2), ==, "say");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 3), ==, "emit");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 4), ==, "say");

  frames = frames_of_connection (fixture->server, stellar_client_get_id (client));
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"first\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"second\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"third\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "typing"), ==, 1);
  g_assert_cmpint (test_find_frame (frames, "roomJoin\",\"room\":\"defaultRoom", 0), <,
                   test_find_frame (frames, "\"message\":\"first\"", 0));

  /* And they arrived, once each, in order. */
  stellar_test_wait_for (recorder->said->len == 3);
  g_assert_cmpstr (g_ptr_array_index (recorder->said, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (recorder->said, 1), ==, "second");
  g_assert_cmpstr (g_ptr_array_index (recorder->said, 2), ==, "third");
}

/* What waits with a cancellable for the connection to come back can be
 * cancelled meanwhile, alone or with the others sharing its cancellable;
 * what is not cancelled goes out once the connection is back. */
static void
test_outbox_cancel (TestFixture   *fixture,
                    gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GCancellable) dropped = g_cancellable_new ();
  g_autoptr(GCancellable) kept = g_cancellable_new ();
  GAsyncResult *results[3] = { NULL, };
  g_autoptr(GPtrArray) frames = NULL;
  GError *error = NULL;

  begin_outage (fixture, 10);
  stellar_client_say_async (client, "defaultRoom", "dropped", dropped, stellar_test_store_result, &results[0]);
  stellar_client_say_async (client, "defaultRoom", "kept", kept, stellar_test_store_result, &results[1]);
  stellar_client_say_async (client, "defaultRoom", "dropped too", dropped, stellar_test_store_result, &results[2]);

  g_cancellable_cancel (dropped);
  stellar_test_wait_for (results[0] != NULL && results[2] != NULL);
  g_assert_null (results[1]);
  for (guint i = 0; i < 3; i += 2)
    {
      g_assert_false (stellar_client_say_finish (client, results[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&results[i]);
    }

  stellar_test_server_post (fixture->server, "/start", NULL);
  stellar_test_wait_for (results[1] != NULL);
  g_assert_true (stellar_client_say_finish (client, results[1], &error));
  g_assert_no_error (error);
  g_clear_object (&results[1]);

  frames = frames_of_connection (fixture->server, stellar_client_get_id (client));
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"kept\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "dropped"), ==, 0);

  /* Its cancellable is no longer watched: cancelling it now changes nothing. */
  g_cancellable_cancel (kept);
  stellar_test_assert_during (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED &&
                              fixture->recorder->errors->len == 0, 100);
}

static void
test_give_up (TestFixture   *fixture,
              gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_auto(Completions) completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  begin_outage (fixture, 3);
  stellar_client_say_async (client, "defaultRoom", "lost cause", NULL, on_said, &completions);
  completions.pending = 1;

  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);

  /* Three attempts on Primus's schedule, then the end. */
  g_assert_cmpstr (recorder->events->str, ==,
                   "disconnected reconnect reconnecting(1) reconnecting(2) reconnecting(3) error ");
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 0), ==, 500);
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 1), >=, 1000);
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 1), <, 2000);
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 2), >=, 2000);
  g_assert_cmpuint (g_array_index (recorder->delays, guint, 2), <, 4000);
  g_assert_error (stellar_test_recorder_error (recorder, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);
  g_assert_nonnull (strstr (stellar_test_recorder_error (recorder, 0)->message, "after 3 attempts"));

  /* What waited in the outbox fails, once. */
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 1);

  /* And nothing more happens: the next attempt would have come by now. */
  stellar_test_assert_during (recorder->delays->len == 3 &&
                              stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED,
                              600);
}

static void
test_restart (TestFixture   *fixture,
              gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;

  stellar_test_recorder_clear (recorder);

  /* Down for 1.2 s: the first attempts fail, a later one succeeds. */
  stellar_test_server_post (fixture->server, "/restart", "{\"after\":1200}");
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);

  g_assert_true (g_str_has_prefix (recorder->events->str, "disconnected reconnect reconnecting(1) reconnecting(2) "));
  g_assert_true (g_str_has_suffix (recorder->events->str, " connected "));
  g_assert_cmpuint (recorder->errors->len, ==, 0);

  /* A new outage starts again at attempt 1. */
  stellar_test_recorder_clear (recorder);
  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (recorder->events->str, ==, "disconnected reconnect reconnecting(1) connected ");
}

static void
test_no_auto_reconnect (TestFixture   *fixture,
                        gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;

  g_object_set (client, "auto-reconnect", FALSE, NULL);
  stellar_test_recorder_clear (recorder);

  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_cmpstr (recorder->events->str, ==, "disconnected error ");
  g_assert_error (stellar_test_recorder_error (recorder, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  /* No attempt follows, not even after Primus's first delay. */
  stellar_test_assert_during (g_str_equal (recorder->events->str, "disconnected error "), 700);
}

static void
test_disconnect_while_reconnecting (TestFixture   *fixture,
                                    gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_auto(Completions) completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  begin_outage (fixture, 10);
  stellar_client_say_async (client, "defaultRoom", "never", NULL, on_said, &completions);
  completions.pending = 1;

  stellar_client_disconnect (client);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 1);

  /* The server comes back, the client stays away: it was asked to. Its
   * attempts would have come within this time (500 ms, then ≤ 2 s). */
  stellar_test_server_post (fixture->server, "/start", NULL);
  stellar_test_assert_during (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED &&
                              g_str_equal (recorder->events->str, "disconnected reconnect reconnecting(1) "),
                              1500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add ("/reconnect/after-drop", own_server, test_reconnect_after_drop);
  test_add_connected ("/reconnect/pending-fail-not-resent", own_server, test_pending_fail_not_resent);
  test_add_connected ("/reconnect/outbox", own_server, test_outbox);
  test_add_connected ("/reconnect/outbox-cancel", own_server, test_outbox_cancel);
  test_add_connected ("/reconnect/give-up", own_server, test_give_up);
  test_add_connected ("/reconnect/restart", own_server, test_restart);
  test_add_connected ("/reconnect/no-auto-reconnect", own_server, test_no_auto_reconnect);
  test_add_connected ("/reconnect/disconnect-while-reconnecting", own_server,
                      test_disconnect_while_reconnecting);

  return g_test_run ();
}
