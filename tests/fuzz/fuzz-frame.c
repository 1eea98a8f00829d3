/* fuzz-frame.c: libFuzzer target for inbound frame decoding and routing
 *
 * Each input is fed three ways:
 *
 * 1. as one frame to a client that is not connected, through
 *    _stellar_client_receive_for_testing(): JSON decoding, Primus control
 *    strings, routing by context and the signals;
 * 2. line by line to a fresh client whose handshake was played to the end
 *    (welcome, detailsView) and that has actions, a say, a join, a room view,
 *    an event and a detailsView waiting for their replies: reply matching,
 *    the verb barrier, the outbox and the completion of every request;
 * 3. to the JSON decoder alone: decoding, encoding and decoding again must
 *    give an equal tree, and encoding is a fixed point from then on.
 *
 * The WebSocket framing below them is libsoup's, not ours to fuzz.
 *
 * Every signal is recorded with the suites' recorder, which reads all its
 * arguments; the notify handler reads the properties. GLib criticals and
 * warnings abort, so they count as crashes. Nothing touches the network: the client
 * of mode 2 has a socket without a connection, whose sends go nowhere.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <stellar-client.h>

#include "stellar-client-private.h"
#include "stellar-json-private.h"
#include "stellar-test-recorder.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Mode 2 splits its input into at most this many frames. */
#define MAX_FRAMES 64

static StellarClient *idle_client;
static StellarTestRecorder *idle_recorder;
static volatile gsize sink;

/* --- handlers that read everything they are given ------------------------ */

static void
touch_node (JsonNode *node)
{
  g_autofree char *text = _stellar_json_encode (node);

  sink += strlen (text);
}

static void
touch_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (object);
  node = json_node_init_object (json_node_alloc (), object);
  touch_node (node);
}

static void
touch_error (const GError *error)
{
  JsonNode *response;

  g_assert_nonnull (error);
  sink += strlen (error->message);
  response = stellar_error_get_response (error);
  if (response != NULL)
    touch_node (response);
}

/* A detailed handler: the emission looks the detail up. */
static void
on_message_event (StellarClient *client,
                  const char    *room,
                  const char    *event,
                  JsonNode      *data,
                  JsonObject    *frame)
{
  g_assert_cmpstr (event, ==, "message");
  touch_object (frame);
}

static void
on_notify (StellarClient *client,
           GParamSpec    *pspec)
{
  const char * const *rooms = stellar_client_get_rooms (client);
  JsonObject *details = stellar_client_get_details (client);
  const char *id = stellar_client_get_id (client);

  for (guint i = 0; rooms[i] != NULL; i++)
    sink += strlen (rooms[i]);
  if (details != NULL)
    touch_object (details);
  if (id != NULL)
    sink += strlen (id);
}

/* Every signal is recorded: the recorder reads all it is given. */
static StellarTestRecorder *
watch_client (StellarClient *client)
{
  g_signal_connect (client, "event::message", G_CALLBACK (on_message_event), NULL);
  g_signal_connect (client, "notify", G_CALLBACK (on_notify), NULL);

  return stellar_test_recorder_new (client, STELLAR_TEST_RECORD_WIRE);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- mode 1: one frame to a client that is not connected ----------------- */

static void
feed_idle_client (const char *data,
                  gsize       size)
{
  _stellar_client_receive_for_testing (idle_client, data, size);
  drain ();
  stellar_test_recorder_clear (idle_recorder);
}

/* --- mode 2: frames after a completed handshake -------------------------- */

static const char welcome_frame[] =
  "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}";
static const char details_frame[] =
  "{\"status\":\"OK\",\"context\":\"response\",\"data\":{\"id\":\"<uuid1>\","
  "\"fingerprint\":\"fuzz\",\"remoteIP\":\"127.0.0.1\",\"remotePort\":40652,\"params\":{},"
  "\"connectedAt\":1795848009612,\"rooms\":[\"defaultRoom\"],\"totalActions\":0,"
  "\"pendingActions\":0},\"messageCount\":1}";

typedef struct
{
  guint issued;
  guint completed;
} Books;

/* Each request must complete exactly once; a second completion would be a
 * GTask critical. */
static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Books *books = user_data;
  StellarClient *client = STELLAR_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gpointer tag = g_task_get_source_tag (G_TASK (result));

  books->completed++;

  if (tag == stellar_client_action_full_async || tag == stellar_client_action_async)
    {
      g_autoptr(JsonNode) reply = stellar_client_action_finish (client, result, &error);
      if (reply != NULL)
        touch_node (reply);
    }
  else if (tag == stellar_client_room_view_async)
    {
      g_autoptr(JsonObject) view = stellar_client_room_view_finish (client, result, &error);
      if (view != NULL)
        touch_object (view);
    }
  else if (tag == stellar_client_details_view_async)
    {
      g_autoptr(JsonObject) details = stellar_client_details_view_finish (client, result, &error);
      if (details != NULL)
        touch_object (details);
    }
  else if (tag == stellar_client_say_async)
    stellar_client_say_finish (client, result, &error);
  else if (tag == stellar_client_emit_async)
    stellar_client_emit_finish (client, result, &error);
  else if (tag == stellar_client_room_add_async)
    stellar_client_room_add_finish (client, result, &error);
  else if (tag == stellar_client_room_leave_async)
    stellar_client_room_leave_finish (client, result, &error);
  else
    g_assert_not_reached ();

  if (error != NULL)
    touch_error (error);
}

/* The attempt's own first step: reads the details, as the handshake does. */
static void
on_handshake_details (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  JsonObject **details = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  reply = _stellar_request_queue_verb_finish (STELLAR_REQUEST_QUEUE (object), result, &error);
  g_assert_no_error (error);
  *details = json_object_ref (json_object_get_object_member (json_node_get_object (reply), "data"));
}

/* A client in the state a real handshake leaves it in, on a socket without
 * a connection. Returns the socket frames are fed to. */
static StellarPrimusSocket *
connected_client_new (StellarClient       **out_client,
                      StellarTestRecorder **out_recorder)
{
  const char *rooms[] = { "defaultRoom", NULL };
  g_autoptr(JsonObject) frame = json_object_new ();
  g_autoptr(JsonObject) details = NULL;
  StellarPrimusSocket *socket;
  StellarClient *client;

  client = g_object_new (STELLAR_TYPE_CLIENT,
                         "url", "http://127.0.0.1:1",
                         "rooms", rooms,
                         NULL);
  *out_recorder = watch_client (client);

  socket = _stellar_client_open_for_testing (client);

  json_object_set_string_member (frame, "event", "detailsView");
  _stellar_request_queue_verb_async (client->queue, STELLAR_REQUEST_VERB, frame,
                                     STELLAR_REQUEST_HANDSHAKE, NULL, on_handshake_details, &details);

  _stellar_primus_socket_receive (socket, welcome_frame, strlen (welcome_frame));
  _stellar_primus_socket_receive (socket, details_frame, strlen (details_frame));
  drain ();
  g_assert_nonnull (details);

  _stellar_client_establish_for_testing (client, socket, details);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);

  *out_client = client;
  return socket;
}

static void
on_call_response (StellarActionCall *call,
                  JsonNode          *response,
                  const GError      *error)
{
  if (response != NULL)
    touch_node (response);
  if (error != NULL)
    touch_error (error);
}

/* Shows the second action through an interceptor, as an application would
 * edit it; the first one takes the path without interceptors. */
static gboolean
on_intercept (StellarClient     *client,
              StellarActionCall *call)
{
  json_object_set_string_member (stellar_action_call_get_params (call), "token", "fuzz");
  g_signal_connect (call, "response", G_CALLBACK (on_call_response), NULL);
  return FALSE;
}

/* Requests that wait for replies: two actions take counts 2 and 3, the say
 * takes 4 and holds the barrier, the rest wait behind it in order. */
static void
issue_requests (StellarClient *client,
                Books         *books)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonNode) data = json_from_string ("{\"x\":[1,2.5,\"\\u2028\"]}", NULL);

  json_object_set_string_member (params, "message", "hi");

  stellar_client_action_full_async (client, "status", NULL, STELLAR_TRANSPORT_WEBSOCKET,
                                    NULL, on_done, books);
  g_signal_connect (client, "intercept", G_CALLBACK (on_intercept), NULL);
  stellar_client_action_full_async (client, "echo", params, STELLAR_TRANSPORT_WEBSOCKET,
                                    NULL, on_done, books);
  stellar_client_say_async (client, "defaultRoom", "hello", NULL, on_done, books);
  stellar_client_room_add_async (client, "anotherRoom", NULL, on_done, books);
  stellar_client_room_view_async (client, "defaultRoom", NULL, on_done, books);
  stellar_client_emit_async (client, NULL, "message", data, NULL, on_done, books);
  stellar_client_details_view_async (client, NULL, on_done, books);
  stellar_client_room_leave_async (client, "anotherRoom", NULL, on_done, books);
  books->issued += 8;
  drain ();
}

static void
feed_connected_client (const char *data,
                       gsize       size)
{
  g_autoptr(StellarPrimusSocket) socket = NULL;
  StellarTestRecorder *recorder = NULL;
  StellarClient *client = NULL;
  Books books = { 0, 0 };
  const char *end = data + size;
  const char *line = data;

  socket = connected_client_new (&client, &recorder);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *)&client);
  issue_requests (client, &books);

  for (guint n = 0; line < end && n < MAX_FRAMES; n++)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *stop = newline ? newline : end;

      _stellar_primus_socket_receive (socket, line, stop - line);
      drain ();
      line = stop + 1;
    }

  /* Whatever the frames did, closing fails what is left, exactly once. */
  stellar_client_disconnect (client);
  drain ();
  g_assert_cmpuint (books.completed, ==, books.issued);

  stellar_test_recorder_free (recorder);
  g_object_unref (client);
  drain ();
  /* Nothing may keep the client alive once its requests are over. */
  g_assert_null (client);
}

/* --- mode 3: the JSON round trip ---------------------------------------- */

static gboolean
all_finite (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (!all_finite (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!all_finite (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_DOUBLE ||
             isfinite (json_node_get_double (node));

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static void
check_round_trip (const char *data,
                  gsize       size)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) third = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *fixed = NULL;
  g_autoptr(GError) error = NULL;

  first = _stellar_json_decode (data, size, NULL);
  if (first == NULL)
    return;

  /* What the encoder writes, the decoder reads back. */
  text = _stellar_json_encode (first);
  second = _stellar_json_decode (text, strlen (text), &error);
  if (second == NULL)
    g_error ("The encoder wrote what the decoder refuses (%s): %s", error->message, text);

  /* JSON has no infinities: an overflowing number such as 1e999 is written
   * as null, as JSON.stringify does, and only then may the trees differ. */
  if (all_finite (first) && !json_node_equal (first, second))
    g_error ("The round trip changed the value: %s", text);

  /* From the first encoding on, encoding is a fixed point. */
  again = _stellar_json_encode (second);
  third = _stellar_json_decode (again, strlen (again), NULL);
  g_assert_nonnull (third);
  fixed = _stellar_json_encode (third);
  if (strcmp (again, fixed) != 0)
    g_error ("Encoding is not stable: %s became %s", again, fixed);
}

/* --- libFuzzer ---------------------------------------------------------- */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* No GIO modules or proxy settings from the machine: the same run
   * everywhere. */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  idle_client = stellar_client_new ("http://127.0.0.1:1");
  idle_recorder = watch_client (idle_client);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *)data;

  feed_idle_client (text, size);
  feed_connected_client (text, size);
  check_round_trip (text, size);

  return 0;
}
