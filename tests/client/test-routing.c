/* test-routing.c: how inbound frames reach signals, and verb pipelining
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static const char * const fast_pings[] = { "--ping-interval", "200", NULL };

/* The recorder's lines about frames (not about the connection's life). */
static GPtrArray *
frame_lines (StellarTestRecorder *recorder)
{
  const char *kinds[] = { "message ", "welcome ", "alert ", "api ", "say ", "event ", "error ", "wire " };
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < recorder->log->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      if (g_str_has_prefix (g_ptr_array_index (recorder->log, i), kinds[k]))
        {
          g_ptr_array_add (lines, g_ptr_array_index (recorder->log, i));
          break;
        }

  return lines;
}

static void
test_routing_contexts (TestFixture   *fixture,
                       gconstpointer  options)
{
  g_autoptr(JsonObject) details = test_client_connect (fixture->client);
  g_autoptr(GPtrArray) lines = frame_lines (fixture->recorder);

  /* The welcome: ::message first, then ::welcome. The detailsView reply
   * goes through ::message and completes its request. */
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "message {\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==,
                   "welcome {\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 2), "message {\"status\":\"OK\""));
  stellar_test_recorder_clear (fixture->recorder);
  g_clear_pointer (&lines, g_ptr_array_unref);

  stellar_test_server_post (test_server, "/alert", "{\"message\":\"The server restarts soon\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"api\\\",\\\"notice\\\":1}\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"custom\\\",\\\"x\\\":1}\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"noContext\\\":true}\"}");
  stellar_test_wait_for (fixture->recorder->log->len == 8);

  lines = frame_lines (fixture->recorder);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "message {\"message\":\"The server restarts soon\",\"context\":\"alert\"}");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "alert {\"message\":\"The server restarts soon\",\"context\":\"alert\"}");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "api {\"context\":\"api\",\"notice\":1}");
  /* Unknown or missing contexts go to ::api. */
  g_assert_cmpstr (g_ptr_array_index (lines, 5), ==, "api {\"context\":\"custom\",\"x\":1}");
  g_assert_cmpstr (g_ptr_array_index (lines, 7), ==, "api {\"noContext\":true}");
}

static void
test_routing_heartbeats_hidden (TestFixture   *fixture,
                                gconstpointer  options)
{
  g_autoptr(StellarTestRecorder) wire = stellar_test_recorder_new (fixture->client,
                                                                  STELLAR_TEST_RECORD_WIRE);

  stellar_test_recorder_clear (fixture->recorder);

  /* Pings came and were answered: only ::wire saw them. */
  stellar_test_wait_for (stellar_test_recorder_count (wire, "wire > \"primus::pong::") >= 3);
  g_assert_cmpuint (stellar_test_recorder_count (wire, "wire < \"primus::ping::"), >=, 3);
  g_assert_cmpuint (fixture->recorder->log->len, ==, 0);
  /* ::wire reports a pong as it is sent; the server reads it a moment later. */
  stellar_test_wait_for (test_count_server_frames (fixture->server, "in", "primus::pong::") >= 3);
  g_assert_cmpuint (fixture->recorder->log->len, ==, 0);
}

static void
test_routing_bad_frames (TestFixture   *fixture,
                         gconstpointer  options)
{
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  stellar_test_recorder_clear (recorder);

  /* Not JSON, a number, an array, and a reply to nothing: each reported,
   * none breaks the connection. */
  stellar_test_server_post (test_server, "/send", "{\"text\":\"this is not json\"}");
  stellar_test_wait_for (recorder->log->len == 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (recorder->log, 0), "error 5 Ignored a malformed frame"));

  stellar_test_server_post (test_server, "/send", "{\"text\":\"42\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"[1,2]\"}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"{\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":9999}\"}");
  stellar_test_wait_for (recorder->log->len == 7);
  g_assert_cmpstr (g_ptr_array_index (recorder->log, 1), ==, "message 42");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (recorder->log, 2), "error 5 Ignored a frame from the server that is not a JSON object"));
  g_assert_cmpstr (g_ptr_array_index (recorder->log, 6), ==, "error 5 The server sent a reply to request 9999, which is not pending");

  g_assert_cmpint (stellar_client_get_state (fixture->client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  response = test_client_action (fixture->client, "status", NULL, &error);
  g_assert_no_error (error);
}

/* --- the wire signal ----------------------------------------------------- */

typedef struct
{
  StellarTestServer *server;
  StellarTestRecorder *recorder;
  guint frames;
  guint outgoing;
  guint without_json;
  /* the outgoing frames the server had already received when shown */
  guint already_received;
} Wire;

static void
on_wire (StellarClient *client,
         gboolean       outgoing,
         const char    *text,
         JsonNode      *frame,
         Wire          *wire)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  wire->frames++;

  /* The JSON is the text's, so an inspector never parses it again. */
  if (json_parser_load_from_data (parser, text, -1, NULL))
    {
      g_assert_nonnull (frame);
      g_assert_true (json_node_equal (frame, json_parser_get_root (parser)));
    }
  else
    {
      g_assert_null (frame);
      wire->without_json++;
    }

  if (outgoing)
    {
      wire->outgoing++;
      /* Shown before it is written: the server cannot have it yet. */
      if (g_str_has_prefix (text, "{\"event\":\"action\"") &&
          test_count_server_frames (wire->server, "in", text) > 0)
        wire->already_received++;
    }
  else if (wire->recorder != NULL)
    {
      g_autofree char *line = g_strdup_printf ("wire < %s", text);

      /* Shown before anything the frame causes: the recorder, connected
       * first, logged it just now, and nothing after it yet. */
      g_assert_cmpstr (g_ptr_array_index (wire->recorder->log, wire->recorder->log->len - 1), ==, line);
    }
}

static void
on_said_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  StellarTestRecorder *recorder = user_data;
  g_autoptr(GError) error = NULL;
  gssize reply;

  g_assert_true (stellar_client_say_finish (STELLAR_CLIENT (source), result, &error));
  /* The reply was on the wire before the request completed. */
  reply = stellar_test_recorder_find (recorder, "wire < {\"status\":\"OK\",\"context\":\"response\"", 0);
  g_assert_cmpint (reply, >=, 0);
  g_ptr_array_add (recorder->log, g_strdup ("said"));
}

static void
test_wire_incoming_first (TestFixture   *fixture,
                          gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(StellarTestRecorder) recorder = stellar_test_recorder_new (client, STELLAR_TEST_RECORD_WIRE);
  Wire wire = { fixture->server, recorder, 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  const char *kinds[] = { "message ", "say ", "event ", "alert " };

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  g_signal_connect (client, "wire", G_CALLBACK (on_wire), &wire);
  stellar_test_recorder_clear (recorder);

  stellar_client_say_async (client, "defaultRoom", "hello", NULL, on_said_done, recorder);
  stellar_client_emit_async (client, "defaultRoom", "typing", NULL, NULL, NULL, NULL);
  stellar_test_server_post (fixture->server, "/alert", "{\"message\":\"soon\"}");
  stellar_test_server_post (fixture->server, "/send", "{\"text\":\"not json\"}");
  stellar_test_wait_for (stellar_test_recorder_count (recorder, "event ") == 1 &&
                         stellar_test_recorder_count (recorder, "alert ") == 1 &&
                         stellar_test_recorder_count (recorder, "said") == 1 &&
                         recorder->errors->len == 1);

  /* Every signal a frame causes comes after that frame's wire line: each
   * ::message right after it, ::say, ::event and ::alert after their
   * ::message, with no other frame shown in between. */
  for (guint i = 0; i < recorder->log->len; i++)
    {
      const char *line = g_ptr_array_index (recorder->log, i);
      gssize shown = -1;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_str_has_prefix (line, kinds[k]))
          for (guint j = i; j > 0 && shown < 0; j--)
            if (g_str_has_prefix (g_ptr_array_index (recorder->log, j - 1), "wire "))
              shown = j - 1;

      if (g_str_has_prefix (line, "message "))
        g_assert_cmpint (shown, ==, (gssize)i - 1);
      if (shown >= 0)
        g_assert_true (g_str_has_prefix (g_ptr_array_index (recorder->log, shown), "wire < "));
    }
  g_assert_cmpuint (stellar_test_recorder_count (recorder, "wire < \"not json\""), ==, 0);
  g_assert_cmpuint (stellar_test_recorder_count (recorder, "wire < not json"), ==, 1);
  g_assert_cmpuint (wire.without_json, ==, 1);
  g_assert_cmpuint (wire.outgoing, ==, 2);

  g_signal_handlers_disconnect_by_data (client, &wire);
}

static void
test_wire_outgoing_before_written (TestFixture   *fixture,
                                   gconstpointer  options)
{
  StellarClient *client = fixture->client;
  Wire wire = { fixture->server, NULL, 0, 0, 0, 0 };
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":200}");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (client, "simultaneous-actions", 1, NULL);

  /* The second call waits for the first one's slot; it was encoded before
   * anyone watched the wire, and is shown with its JSON all the same. */
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &first);
  stellar_client_action_async (client, "echo", NULL, NULL, stellar_test_store_result, &second);
  g_signal_connect (client, "wire", G_CALLBACK (on_wire), &wire);

  stellar_test_wait_for (first != NULL && second != NULL);
  response = stellar_client_action_finish (client, second, &error);
  g_assert_no_error (error);

  /* And one encoded while watched. */
  g_clear_pointer (&response, json_node_unref);
  response = test_client_action (client, "echo", "{\"message\":\"watched\",\"list\":[1,{\"a\":null}]}", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (wire.outgoing, ==, 2);
  g_assert_cmpuint (wire.already_received, ==, 0);
  g_assert_cmpuint (wire.without_json, ==, 0);
  g_assert_cmpuint (test_count_server_frames (fixture->server, "in", "watched"), ==, 1);

  g_signal_handlers_disconnect_by_data (client, &wire);
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
test_pipelining (TestFixture   *fixture,
                 gconstpointer  options)
{
  StellarClient *client = fixture->client;
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
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add ("/routing/contexts", NULL, test_routing_contexts);
  test_add_connected ("/routing/heartbeats-hidden", fast_pings, test_routing_heartbeats_hidden);
  test_add_connected ("/routing/bad-frames", NULL, test_routing_bad_frames);
  test_add_connected ("/routing/wire-incoming-first", NULL, test_wire_incoming_first);
  test_add_connected ("/routing/wire-outgoing-before-written", NULL, test_wire_outgoing_before_written);
  test_add_connected ("/routing/pipelining", NULL, test_pipelining);

  return test_main_run ();
}
