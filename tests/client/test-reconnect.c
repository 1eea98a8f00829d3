/* test-reconnect.c: losing an established connection, and getting it back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

typedef struct
{
  GString *events;
  GArray *delays;
  GPtrArray *errors;
  GPtrArray *said;
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
  /* The state is already RECONNECTING when an attempt is announced. */
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_RECONNECTING);
  g_string_append_printf (trace->events, "reconnecting(%u) ", attempt);
  g_array_append_val (trace->delays, delay);
}

static void
on_error (StellarClient *client,
          const GError  *error,
          Trace         *trace)
{
  g_string_append (trace->events, "error ");
  g_ptr_array_add (trace->errors, g_error_copy (error));
}

static void
on_say (StellarClient *client,
        JsonObject    *frame,
        Trace         *trace)
{
  JsonNode *message = json_object_get_member (frame, "message");

  /* Text only: events arrive here too, as objects. */
  if (JSON_NODE_HOLDS_VALUE (message))
    g_ptr_array_add (trace->said, g_strdup (json_node_get_string (message)));
}

static void
trace_client (StellarClient *client,
              Trace         *trace)
{
  trace->events = g_string_new (NULL);
  trace->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  trace->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  trace->said = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (client, "timeout", G_CALLBACK (on_timeout), trace);
  g_signal_connect (client, "disconnected", G_CALLBACK (on_disconnected), trace);
  g_signal_connect (client, "reconnect", G_CALLBACK (on_reconnect), trace);
  g_signal_connect (client, "reconnecting", G_CALLBACK (on_reconnecting), trace);
  g_signal_connect (client, "connected", G_CALLBACK (on_connected), trace);
  g_signal_connect (client, "error", G_CALLBACK (on_error), trace);
  g_signal_connect (client, "say", G_CALLBACK (on_say), trace);
}

static void
trace_clear (Trace *trace)
{
  g_string_free (trace->events, TRUE);
  g_array_unref (trace->delays);
  g_ptr_array_unref (trace->errors);
  g_ptr_array_unref (trace->said);
}

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
test_reconnect_after_drop (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  StellarClient *client = test_client_new (server);
  const char *rooms[] = { "defaultRoom", NULL };
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_id = NULL;
  Trace trace;

  g_object_set (client, "rooms", rooms, NULL);
  details = test_client_connect (client);
  /* A room joined later, not in the rooms property, is joined again too. */
  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  old_id = g_strdup (stellar_client_get_id (client));
  trace_client (client, &trace);

  stellar_test_server_post (server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  g_assert_null (stellar_client_get_id (client));
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);

  /* In the documented order, with Primus's first delay. */
  g_assert_cmpstr (trace.events->str, ==, "disconnected reconnect reconnecting(1) connected ");
  g_assert_cmpuint (g_array_index (trace.delays, guint, 0), ==, 500);
  g_assert_cmpuint (trace.errors->len, ==, 0);

  /* A new connection, with its details published and both rooms back. */
  g_assert_nonnull (stellar_client_get_id (client));
  g_assert_cmpstr (stellar_client_get_id (client), !=, old_id);
  g_assert_cmpstr (json_object_get_string_member (stellar_client_get_details (client), "id"), ==,
                   stellar_client_get_id (client));
  g_assert_true (g_strv_equal (stellar_client_get_rooms (client),
                               (const char *[]) { "defaultRoom", "anotherRoom", NULL }));

  /* On the new connection: a fresh handshake and a fresh count (the next
   * request is answered, which it would not be with a stale count). */
  frames = frames_of_connection (server, stellar_client_get_id (client));
  g_assert_cmpuint (frames->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==, "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 2), ==, "{\"event\":\"roomJoin\",\"room\":\"anotherRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 3), ==, "{\"event\":\"detailsView\"}");
  response = test_client_action (client, "status", NULL, &error);
  g_assert_no_error (error);

  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

static void
test_pending_fail_not_resent (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  StellarClient *client = test_client_new_connected (server);
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":400}");
  g_autoptr(GAsyncResult) action = NULL;
  g_autoptr(GAsyncResult) said G_GNUC_UNUSED = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &action);
  stellar_test_sleep (50);

  stellar_test_server_post (server, "/drop", NULL);

  /* Pending at the loss: failed, never sent again (an action may not be
   * idempotent). */
  stellar_test_wait_for (action != NULL);
  response = stellar_client_action_finish (client, action, &error);
  g_clear_object (&action);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  stellar_test_sleep (500);
  frames = frames_of_connection (server, stellar_client_get_id (client));
  g_assert_cmpuint (test_count_frames (frames, "sleep"), ==, 0);

  test_client_free (client);
  stellar_test_server_stop (server);
}

typedef struct
{
  GPtrArray *order;
  guint pending;
  guint failed;
} Completions;

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

/* A client in defaultRoom whose server went away: it is reconnecting, and
 * @trace saw it go. */
static StellarClient *
client_in_outage (StellarTestServer *server,
                  guint              reconnect_attempts,
                  Trace             *trace)
{
  StellarClient *client = test_client_new_connected (server);
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  g_object_set (client, "reconnect-attempts", reconnect_attempts, NULL);
  trace_client (client, trace);

  stellar_test_server_post (server, "/stop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);

  return client;
}

static void
test_outbox (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  g_autoptr(GPtrArray) frames = NULL;
  Completions completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };
  Trace trace;
  /* The server goes away; what the user types meanwhile waits. */
  StellarClient *client = client_in_outage (server, 10, &trace);

  stellar_client_say_async (client, "defaultRoom", "first", NULL, on_said, &completions);
  stellar_client_room_add_async (client, "anotherRoom", NULL, on_joined, &completions);
  stellar_client_say_async (client, "anotherRoom", "second", NULL, on_said, &completions);
  stellar_client_emit_async (client, "defaultRoom", "typing", NULL, NULL, on_emitted, &completions);
  stellar_client_say_async (client, "defaultRoom", "third", NULL, on_said, &completions);
  completions.pending = 5;

  stellar_test_sleep (100);
  g_assert_cmpuint (completions.pending, ==, 5);

  stellar_test_server_post (server, "/start", NULL);
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 0);

  /* Sent once each, in the order asked, after the handshake. */
  g_assert_cmpuint (completions.order->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (completions.order, 0), ==, "say");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 1), ==, "join");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 2), ==, "say");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 3), ==, "emit");
  g_assert_cmpstr (g_ptr_array_index (completions.order, 4), ==, "say");

  frames = frames_of_connection (server, stellar_client_get_id (client));
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"first\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"second\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "\"message\":\"third\""), ==, 1);
  g_assert_cmpuint (test_count_frames (frames, "typing"), ==, 1);
  g_assert_cmpint (test_find_frame (frames, "roomJoin\",\"room\":\"defaultRoom", 0), <,
                   test_find_frame (frames, "\"message\":\"first\"", 0));

  /* And they arrived, once each, in order. */
  stellar_test_wait_for (trace.said->len == 3);
  g_assert_cmpstr (g_ptr_array_index (trace.said, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (trace.said, 1), ==, "second");
  g_assert_cmpstr (g_ptr_array_index (trace.said, 2), ==, "third");

  g_ptr_array_unref (completions.order);
  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

static void
test_give_up (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  Completions completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };
  Trace trace;
  StellarClient *client = client_in_outage (server, 3, &trace);

  stellar_client_say_async (client, "defaultRoom", "lost cause", NULL, on_said, &completions);
  completions.pending = 1;

  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);

  /* Three attempts on Primus's schedule, then the end. */
  g_assert_cmpstr (trace.events->str, ==,
                   "disconnected reconnect reconnecting(1) reconnecting(2) reconnecting(3) error ");
  g_assert_cmpuint (g_array_index (trace.delays, guint, 0), ==, 500);
  g_assert_cmpuint (g_array_index (trace.delays, guint, 1), >=, 1000);
  g_assert_cmpuint (g_array_index (trace.delays, guint, 1), <, 2000);
  g_assert_cmpuint (g_array_index (trace.delays, guint, 2), >=, 2000);
  g_assert_cmpuint (g_array_index (trace.delays, guint, 2), <, 4000);
  g_assert_error ((GError *)g_ptr_array_index (trace.errors, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);
  g_assert_nonnull (strstr (((GError *)g_ptr_array_index (trace.errors, 0))->message, "after 3 attempts"));

  /* What waited in the outbox fails, once. */
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 1);

  /* And nothing more happens. */
  stellar_test_sleep (600);
  g_assert_cmpuint (trace.delays->len, ==, 3);

  g_ptr_array_unref (completions.order);
  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

static void
test_restart (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  StellarClient *client = test_client_new_connected (server);
  Trace trace;

  trace_client (client, &trace);

  /* Down for 1.2 s: the first attempts fail, a later one succeeds. */
  stellar_test_server_post (server, "/restart", "{\"after\":1200}");
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);

  g_assert_true (g_str_has_prefix (trace.events->str, "disconnected reconnect reconnecting(1) reconnecting(2) "));
  g_assert_true (g_str_has_suffix (trace.events->str, " connected "));
  g_assert_cmpuint (trace.errors->len, ==, 0);

  /* A new outage starts again at attempt 1. */
  g_string_truncate (trace.events, 0);
  stellar_test_server_post (server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "disconnected reconnect reconnecting(1) connected ");

  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

static void
test_no_auto_reconnect (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  StellarClient *client = test_client_new_connected (server);
  Trace trace;

  g_object_set (client, "auto-reconnect", FALSE, NULL);
  trace_client (client, &trace);

  stellar_test_server_post (server, "/drop", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "disconnected error ");
  g_assert_error ((GError *)g_ptr_array_index (trace.errors, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  stellar_test_sleep (700);
  g_assert_cmpstr (trace.events->str, ==, "disconnected error ");

  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

static void
test_disconnect_while_reconnecting (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  Completions completions = { g_ptr_array_new_with_free_func (g_free), 0, 0 };
  Trace trace;
  StellarClient *client = client_in_outage (server, 10, &trace);

  stellar_client_say_async (client, "defaultRoom", "never", NULL, on_said, &completions);
  completions.pending = 1;

  stellar_client_disconnect (client);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  stellar_test_wait_for (completions.pending == 0);
  g_assert_cmpuint (completions.failed, ==, 1);

  /* The server comes back, the client stays away: it was asked to. */
  stellar_test_server_post (server, "/start", NULL);
  stellar_test_sleep (1500);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_cmpstr (trace.events->str, ==, "disconnected reconnect reconnecting(1) ");

  g_ptr_array_unref (completions.order);
  test_client_free (client);
  stellar_test_server_stop (server);
  trace_clear (&trace);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reconnect/after-drop", test_reconnect_after_drop);
  g_test_add_func ("/reconnect/pending-fail-not-resent", test_pending_fail_not_resent);
  g_test_add_func ("/reconnect/outbox", test_outbox);
  g_test_add_func ("/reconnect/give-up", test_give_up);
  g_test_add_func ("/reconnect/restart", test_restart);
  g_test_add_func ("/reconnect/no-auto-reconnect", test_no_auto_reconnect);
  g_test_add_func ("/reconnect/disconnect-while-reconnecting", test_disconnect_while_reconnecting);

  return g_test_run ();
}
