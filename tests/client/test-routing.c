/* test-routing.c: how inbound frames reach signals, and verb pipelining
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

typedef struct
{
  GPtrArray *log;
} Signals;

static void
log_object (Signals    *signals,
            const char *name,
            JsonObject *frame)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), frame);
  g_autofree char *json = json_to_string (node, FALSE);

  g_ptr_array_add (signals->log, g_strdup_printf ("%s %s", name, json));
}

static void
on_message (StellarClient *client,
            JsonNode      *frame,
            Signals       *signals)
{
  g_autofree char *json = json_to_string (frame, FALSE);

  g_ptr_array_add (signals->log, g_strdup_printf ("message %s", json));
}

static void on_alert (StellarClient *c, JsonObject *f, Signals *s) { log_object (s, "alert", f); }
static void on_api (StellarClient *c, JsonObject *f, Signals *s) { log_object (s, "api", f); }
static void on_welcome (StellarClient *c, JsonObject *f, Signals *s) { log_object (s, "welcome", f); }
static void on_say (StellarClient *c, JsonObject *f, Signals *s) { log_object (s, "say", f); }

static void
on_error (StellarClient *client,
          const GError  *error,
          Signals       *signals)
{
  g_ptr_array_add (signals->log, g_strdup_printf ("error %d %s", error->code, error->message));
}

static void
watch_signals (StellarClient *client,
               Signals       *signals)
{
  signals->log = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (client, "message", G_CALLBACK (on_message), signals);
  g_signal_connect (client, "alert", G_CALLBACK (on_alert), signals);
  g_signal_connect (client, "api", G_CALLBACK (on_api), signals);
  g_signal_connect (client, "welcome", G_CALLBACK (on_welcome), signals);
  g_signal_connect (client, "say", G_CALLBACK (on_say), signals);
  g_signal_connect (client, "error", G_CALLBACK (on_error), signals);
}

static void
test_routing_contexts (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonObject) details = NULL;
  Signals signals;

  watch_signals (client, &signals);
  details = test_client_connect (client);

  /* The welcome: ::message first, then ::welcome. The detailsView reply
   * goes through ::message and completes its request. */
  g_assert_cmpuint (signals.log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (signals.log, 0), ==,
                   "message {\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}");
  g_assert_cmpstr (g_ptr_array_index (signals.log, 1), ==,
                   "welcome {\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (signals.log, 2), "message {\"status\":\"OK\""));
  g_ptr_array_set_size (signals.log, 0);

  stellar_test_server_post (test_server, "/alert", "{\"message\":\"The server restarts soon\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"api\\\",\\\"notice\\\":1}\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"custom\\\",\\\"x\\\":1}\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"noContext\\\":true}\"}");
  stellar_test_wait_for (signals.log->len == 8);

  g_assert_cmpstr (g_ptr_array_index (signals.log, 0), ==, "message {\"message\":\"The server restarts soon\",\"context\":\"alert\"}");
  g_assert_cmpstr (g_ptr_array_index (signals.log, 1), ==, "alert {\"message\":\"The server restarts soon\",\"context\":\"alert\"}");
  g_assert_cmpstr (g_ptr_array_index (signals.log, 3), ==, "api {\"context\":\"api\",\"notice\":1}");
  /* Unknown or missing contexts go to ::api. */
  g_assert_cmpstr (g_ptr_array_index (signals.log, 5), ==, "api {\"context\":\"custom\",\"x\":1}");
  g_assert_cmpstr (g_ptr_array_index (signals.log, 7), ==, "api {\"noContext\":true}");

  test_client_free (client);
  g_ptr_array_unref (signals.log);
}

static void
test_routing_heartbeats_hidden (void)
{
  StellarTestServer *server = stellar_test_server_start ("--ping-interval", "100", NULL);
  StellarClient *client = test_client_new (server);
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  Signals signals;

  details = test_client_connect (client);
  watch_signals (client, &signals);
  stellar_test_sleep (450);

  /* Pings came and were answered, but no signal saw them. */
  frames = stellar_test_server_frames (server, "out");
  g_assert_cmpuint (test_count_frames (frames, "primus::ping::"), >=, 3);
  g_assert_cmpuint (signals.log->len, ==, 0);

  test_client_free (client);
  stellar_test_server_stop (server);
  g_ptr_array_unref (signals.log);
}

static void
test_routing_bad_frames (void)
{
  StellarClient *client = test_client_new_connected (test_server);
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  Signals signals;

  watch_signals (client, &signals);

  /* Not JSON, a number, an array, and a reply to nothing: each reported,
   * none breaks the connection. */
  stellar_test_server_post (test_server, "/send", "{\"text\":\"this is not json\"}");
  stellar_test_wait_for (signals.log->len == 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (signals.log, 0), "error 5 Ignored a malformed frame"));

  stellar_test_server_post (test_server, "/send", "{\"text\":\"42\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"[1,2]\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":9999}\"}");
  stellar_test_wait_for (signals.log->len == 7);
  g_assert_cmpstr (g_ptr_array_index (signals.log, 1), ==, "message 42");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (signals.log, 2), "error 5 Ignored a frame from the server that is not a JSON object"));
  g_assert_cmpstr (g_ptr_array_index (signals.log, 6), ==, "error 5 The server sent a reply to request 9999, which is not pending");

  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  response = test_client_action (client, "status", NULL, &error);
  g_assert_no_error (error);

  test_client_free (client);
  g_ptr_array_unref (signals.log);
}

/* --- pipelining --------------------------------------------------------- */

static const char *
frame_verb (const char *frame)
{
  static const char *verbs[] = { "roomJoin", "roomLeave", "roomView", "say", "event\"", "detailsView", "action" };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *needle = g_strdup_printf ("{\"event\":\"%s", verbs[i]);
      if (g_str_has_prefix (frame, needle))
        return verbs[i];
    }
  return NULL;
}

static gboolean
is_async_verb (const char *verb)
{
  return verb != NULL && !g_str_equal (verb, "detailsView") && !g_str_equal (verb, "action");
}

typedef struct
{
  guint pending;
} Counter;

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;

  /* Each request's own finish, chosen by its source tag. */
  if (g_task_get_source_tag (G_TASK (result)) == stellar_client_say_async)
    stellar_client_say_finish (STELLAR_CLIENT (source), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == stellar_client_emit_async)
    stellar_client_emit_finish (STELLAR_CLIENT (source), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == stellar_client_room_view_async)
    value = stellar_client_room_view_finish (STELLAR_CLIENT (source), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == stellar_client_details_view_async)
    value = stellar_client_details_view_finish (STELLAR_CLIENT (source), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == stellar_client_room_add_async)
    stellar_client_room_add_finish (STELLAR_CLIENT (source), result, &error);
  else
    value = stellar_client_action_finish (STELLAR_CLIENT (source), result, &error);

  g_assert_no_error (error);
  if (value != NULL && g_task_get_source_tag (G_TASK (result)) == stellar_client_action_full_async)
    json_node_unref (value);
  else if (value != NULL)
    json_object_unref (value);
  counter->pending--;
}

static void
test_pipelining (void)
{
  StellarClient *client = test_client_new_connected (test_server);
  g_autoptr(JsonObject) sleep_params = test_params ("{\"sleepDuration\":100}");
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;
  Counter counter = { 0 };
  gboolean awaiting_reply = FALSE;
  guint actions_before_first_reply = 0;
  gboolean replied = FALSE;

  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  stellar_test_server_clear_frames (test_server);

  /* Everything at once, mixed: the client must serialise the verbs whose
   * replies the server stamps at reply time, and may pipeline the rest. */
  for (guint i = 0; i < 3; i++)
    {
      stellar_client_action_async (client, "sleep", sleep_params, NULL, count_done, &counter);
      stellar_client_say_async (client, "anotherRoom", "hi", NULL, count_done, &counter);
      stellar_client_emit_async (client, "anotherRoom", "ping", NULL, NULL, count_done, &counter);
      stellar_client_room_view_async (client, "anotherRoom", NULL, count_done, &counter);
      stellar_client_details_view_async (client, NULL, count_done, &counter);
      counter.pending += 5;
    }
  stellar_test_wait_for (counter.pending == 0);

  /* Every request got its own reply: none was lost to a shared count. */
  frames = stellar_test_server_frames (test_server, NULL);
  for (guint i = 0; i < frames->len; i++)
    {
      const char *frame = g_ptr_array_index (frames, i);
      const char *verb = frame_verb (frame);

      if (verb != NULL)
        {
          /* A request reached the server: no async verb may be awaiting
           * its reply. */
          g_assert_false (awaiting_reply);
          awaiting_reply = is_async_verb (verb);
          if (!replied && g_str_equal (verb, "action"))
            actions_before_first_reply++;
        }
      else if (strstr (frame, "\"context\":\"response\"") != NULL)
        {
          replied = TRUE;
          if (strstr (frame, "sleepDuration") == NULL)
            awaiting_reply = FALSE;
        }
    }

  g_assert_cmpuint (test_count_frames (frames, "{\"event\":\"action\""), ==, 3);
  g_assert_cmpuint (test_count_frames (frames, "{\"event\":\"say\""), ==, 3);

  test_client_free (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/routing/contexts", test_routing_contexts);
  g_test_add_func ("/routing/heartbeats-hidden", test_routing_heartbeats_hidden);
  g_test_add_func ("/routing/bad-frames", test_routing_bad_frames);
  g_test_add_func ("/routing/pipelining", test_pipelining);

  return test_main_run ();
}
