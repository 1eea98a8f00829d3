/* test-actions.c: action calls over both transports, their limits and errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static void
test_action_websocket (TestFixture   *fixture,
                       gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(JsonArray) http = NULL;
  JsonObject *object;

  stellar_test_server_clear_frames (test_server);
  stellar_test_server_post (test_server, "/http-log/clear", NULL);

  response = test_client_action (client, "echo", "{\"message\":\"hi\",\"extra\":42,\"nested\":{\"a\":[1,2]}}", &error);
  g_assert_no_error (error);

  /* The whole reply, as the server sent it. */
  object = json_node_get_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "echo"), ==, "hi");
  g_assert_cmpstr (json_object_get_string_member (object, "context"), ==, "response");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "params"), "extra"), ==, 42);

  /* On the WebSocket, in the seed's frame, and not over HTTP. */
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==,
                   "{\"event\":\"action\",\"params\":{\"message\":\"hi\",\"extra\":42,\"nested\":{\"a\":[1,2]},\"action\":\"echo\"}}");
  http = stellar_test_server_http_log (test_server);
  g_assert_cmpuint (json_array_get_length (http), ==, 0);
}

static void
test_action_params_untouched (TestFixture   *fixture,
                              gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(JsonObject) params = test_params ("{\"message\":\"kept\"}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_action_async (client, "echo", params, NULL, stellar_test_store_result, &result);
  /* The caller may change its params at once: what was asked is sent. */
  json_object_set_string_member (params, "message", "changed");
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "kept");
  g_assert_false (json_object_has_member (params, "action"));
  g_assert_cmpuint (json_object_get_size (params), ==, 1);
}

typedef struct
{
  const char *action;
  const char *params;
  const char *message;
  const char *member;
} ServerErrorCase;

static void
test_action_server_errors (void)
{
  const ServerErrorCase cases[] = {
    { "errorAction", NULL, "This is an error", NULL },
    { "errorPromise", NULL, "This is a promise error", NULL },
    { "errorObject", NULL, "custom error object", NULL },
    { "doesNotExist", NULL, "Unknown action (doesNotExist) or invalid apiVersion", NULL },
    /* A validation error names the field and its text. */
    { "input-require", NULL, "value: The value field is required.", NULL },
  };
  StellarClient *clients[2] = { test_client_new_connected (test_server), test_client_new (test_server) };

  /* The same errors over the WebSocket and, not connected, over HTTP. */
  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) response = test_client_action (clients[c], cases[i].action, cases[i].params, &error);
        JsonNode *reply;

        g_assert_null (response);
        g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
        g_assert_cmpstr (error->message, ==, cases[i].message);

        /* The whole reply rides on the error. */
        reply = stellar_error_get_response (error);
        g_assert_nonnull (reply);
        g_assert_true (json_object_has_member (json_node_get_object (reply), "error"));
        if (c == 1)
          g_assert_true (json_object_has_member (json_node_get_object (reply), "serverInformation"));
        else
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply), "context"), ==, "response");
      }

  test_client_free (clients[0]);
  g_assert_finalize_object (clients[1]);
}

static void
test_action_partial_error (TestFixture   *fixture,
                           gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = test_client_action (client, "partialError", NULL, &error);
  JsonObject *reply;

  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "boom");
  /* What the action set before failing is kept. */
  reply = json_node_get_object (stellar_error_get_response (error));
  g_assert_cmpint (json_object_get_int_member (reply, "partial"), ==, 1);
}

static JsonObject *
last_http_request (void)
{
  g_autoptr(JsonArray) log = stellar_test_server_http_log (test_server);
  guint length = json_array_get_length (log);

  g_assert_cmpuint (length, >, 0);
  return json_object_ref (json_array_get_object_element (log, length - 1));
}

static void
test_action_http (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *cookie = NULL;
  JsonObject *object;

  /* Not connected: HTTP, as the seed does. */
  response = test_client_action (client, "echo", "{\"message\":\"via http\",\"n\":1}", &error);
  g_assert_no_error (error);
  object = json_node_get_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "echo"), ==, "via http");
  g_assert_true (json_object_has_member (object, "serverInformation"));

  request = last_http_request ();
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (request, "path"), ==, "/api");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "query"), "action"), ==, "echo");
  body = json_from_string (json_object_get_string_member (request, "body"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "action"), ==, "echo");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (body), "n"), ==, 1);

  /* The session cookie is the one the WebSocket will carry: one fingerprint
   * for both transports, and the server saw it. */
  g_object_get (client, "session-id", &session_id, NULL);
  cookie = g_strdup_printf ("sessionID=%s", session_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "headers"), "cookie"), ==, cookie);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "requesterInformation"), "fingerprint"), ==, session_id);

  g_assert_finalize_object (client);
}

static void
test_action_transport_choice (void)
{
  StellarClient *client = test_client_new_connected (test_server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  stellar_test_server_clear_frames (test_server);
  stellar_test_server_post (test_server, "/http-log/clear", NULL);

  /* Forced over HTTP although connected. */
  stellar_client_action_full_async (client, "status", NULL, STELLAR_TRANSPORT_HTTP, NULL,
                                    stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (response), "serverInformation"));

  log = stellar_test_server_http_log (test_server);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (test_count_frames (frames, "\"action\""), ==, 0);
  test_client_free (client);

  /* Forced over the WebSocket while not connected. */
  client = test_client_new (test_server);
  g_clear_pointer (&response, json_node_unref);
  stellar_client_action_full_async (client, "status", NULL, STELLAR_TRANSPORT_WEBSOCKET, NULL,
                                    stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED);

  g_assert_finalize_object (client);
}

static void
test_action_invalid (TestFixture   *fixture,
                     gconstpointer  options)
{
  StellarClient *client = fixture->client;
  const char *names[] = { NULL, "" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) response = test_client_action (client, names[i], NULL, &error);

      g_assert_null (response);
      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
    }
}

/* --- the simultaneous-actions limit ------------------------------------ */

typedef struct
{
  StellarClient *client;
  guint index;
  GArray *order;
  guint pending;
  GPtrArray *errors;
} Batch;

static void
on_batch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response G_GNUC_UNUSED =
    stellar_client_action_finish (STELLAR_CLIENT (source), result, &error);

  if (error != NULL)
    g_ptr_array_add (batch->errors, g_error_copy (error));
  batch->pending--;
}

static void
run_sleep_batch (StellarClient *client,
                 guint          count,
                 guint          sleep_ms,
                 Batch         *batch)
{
  g_autofree char *json = g_strdup_printf ("{\"sleepDuration\":%u}", sleep_ms);
  g_autoptr(JsonObject) params = test_params (json);

  batch->client = client;
  batch->pending = count;
  batch->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  for (guint i = 0; i < count; i++)
    stellar_client_action_async (client, "sleep", params, NULL, on_batch_done, batch);

  stellar_test_wait_for (batch->pending == 0);
}

/* The most frames between the server receiving an action and answering it. */
static guint
max_actions_in_flight (GPtrArray *all_frames)
{
  guint in_flight = 0;
  guint most = 0;

  for (guint i = 0; i < all_frames->len; i++)
    {
      const char *frame = g_ptr_array_index (all_frames, i);

      if (g_str_has_prefix (frame, "{\"event\":\"action\""))
        {
          in_flight++;
          most = MAX (most, in_flight);
        }
      else if (strstr (frame, "\"sleepDuration\"") != NULL && strstr (frame, "\"context\":\"response\"") != NULL)
        in_flight--;
    }

  return most;
}

static void
test_action_limit (TestFixture   *fixture,
                   gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GPtrArray) frames = NULL;
  Batch batch = { 0 };

  stellar_test_server_clear_frames (test_server);

  /* Nine at once: five in flight (the server's own limit is five pending
   * per connection, and it refuses a sixth with 007), four wait. */
  run_sleep_batch (client, 9, 150, &batch);
  g_assert_cmpuint (batch.errors->len, ==, 0);

  frames = stellar_test_server_frames (test_server, NULL);
  g_assert_cmpuint (test_count_frames (frames, "{\"event\":\"action\""), ==, 9);
  g_assert_cmpuint (max_actions_in_flight (frames), ==, 5);
  g_assert_cmpuint (test_count_frames (frames, "\"007\""), ==, 0);
  g_ptr_array_unref (batch.errors);

  /* A lower limit is kept too. */
  g_object_set (client, "simultaneous-actions", 2, NULL);
  stellar_test_server_clear_frames (test_server);
  run_sleep_batch (client, 5, 100, &batch);
  g_assert_cmpuint (batch.errors->len, ==, 0);
  g_clear_pointer (&frames, g_ptr_array_unref);
  frames = stellar_test_server_frames (test_server, NULL);
  g_assert_cmpuint (max_actions_in_flight (frames), ==, 2);
  g_ptr_array_unref (batch.errors);
}

static void
test_action_limit_http (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonArray) log = NULL;
  Batch batch = { 0 };
  gint64 start = g_get_monotonic_time ();

  /* The limit holds over HTTP too: six 300 ms calls with two at a time
   * take three rounds. */
  g_object_set (client, "simultaneous-actions", 2, NULL);
  stellar_test_server_post (test_server, "/http-log/clear", NULL);
  run_sleep_batch (client, 6, 300, &batch);
  g_assert_cmpuint (batch.errors->len, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3 * 300 * 1000);
  log = stellar_test_server_http_log (test_server);
  g_assert_cmpuint (json_array_get_length (log), ==, 6);
  g_ptr_array_unref (batch.errors);

  g_assert_finalize_object (client);
}

typedef struct
{
  GArray *order;
  guint pending;
} OrderRecorder;

static void
on_ordered_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OrderRecorder *recorder = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = stellar_client_action_finish (STELLAR_CLIENT (source), result, &error);
  gint64 n;

  g_assert_no_error (error);
  n = json_object_get_int_member (json_object_get_object_member (json_node_get_object (response), "params"), "n");
  g_array_append_val (recorder->order, n);
  recorder->pending--;
}

static void
test_action_fifo (TestFixture   *fixture,
                  gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GPtrArray) frames = NULL;
  OrderRecorder recorder = { g_array_new (FALSE, FALSE, sizeof (gint64)), 8 };

  /* With one slot, calls go one after the other in the order made. */
  g_object_set (client, "simultaneous-actions", 1, NULL);
  stellar_test_server_clear_frames (test_server);

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(JsonObject) params = test_params (json);

      stellar_client_action_async (client, "echo", params, NULL, on_ordered_done, &recorder);
    }
  stellar_test_wait_for (recorder.pending == 0);

  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (g_array_index (recorder.order, gint64, i), ==, i);

  frames = stellar_test_server_frames (test_server, "in");
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *expected = g_strdup_printf ("{\"event\":\"action\",\"params\":{\"n\":%u,\"action\":\"echo\"}}", i);
      g_assert_cmpstr (g_ptr_array_index (frames, i), ==, expected);
    }

  g_array_unref (recorder.order);
}

/* --- timeouts and cancellation ------------------------------------------ */

static const char * const short_action_timeout[] = { "--action-timeout", "600", NULL };

static void
test_action_timeout (TestFixture   *fixture,
                     gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  gint64 start;

  /* errorThrow is never answered before the server's action timeout. */
  g_object_set (client, "request-timeout", 200, NULL);
  stellar_test_recorder_clear (recorder);
  stellar_test_server_clear_frames (fixture->server);

  start = g_get_monotonic_time ();
  response = test_client_action (client, "errorThrow", NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 550 * 1000);

  /* The server's late 022 answer (read before the reply to a later call)
   * is dropped quietly, and the slot is free again for that call. */
  stellar_test_wait_for (test_count_server_frames (fixture->server, "out", "\"022\"") == 1);
  g_object_set (client, "request-timeout", 5000, NULL);
  g_clear_pointer (&response, json_node_unref);
  g_clear_error (&error);
  response = test_client_action (client, "status", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorder->errors->len, ==, 0);
}

static void
test_action_cancel (TestFixture   *fixture,
                    gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) queued_result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  stellar_test_recorder_clear (recorder);
  g_object_set (client, "simultaneous-actions", 1, NULL);
  stellar_test_server_clear_frames (test_server);

  /* One sent, one waiting for the slot; cancel both. */
  stellar_client_action_async (client, "sleep", params, cancellable, stellar_test_store_result, &result);
  stellar_client_action_async (client, "status", NULL, cancellable, stellar_test_store_result, &queued_result);
  stellar_test_wait_for (test_count_server_frames (test_server, "in", "sleep") == 1);
  g_cancellable_cancel (cancellable);

  stellar_test_wait_for (result != NULL && queued_result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&response, json_node_unref);
  response = stellar_client_action_finish (client, queued_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&queued_result);

  /* The reply to the one sent arrives later and goes nowhere; the waiting
   * one was never sent. The slot frees when that reply is in: the next
   * call goes out after it. */
  test_client_round_trip (client);
  g_assert_cmpuint (recorder->errors->len, ==, 0);
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 2);
  g_assert_cmpuint (test_count_frames (frames, "sleep"), ==, 1);
  g_assert_cmpuint (test_count_server_frames (test_server, "out", "sleepDelta"), ==, 1);

  /* Cancelled before the call: nothing is sent. */
  g_clear_pointer (&response, json_node_unref);
  stellar_client_action_async (client, "status", NULL, cancellable, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct {
  StellarClient *client;
  GError        *errors[3];
  guint          done;
} SharedCancel;

/* The first call to end disconnects the client, which ends the others. */
static void
on_shared_cancel_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SharedCancel *shared = user_data;
  g_autoptr(JsonNode) response = stellar_client_action_finish (shared->client, result,
                                                               &shared->errors[shared->done]);

  g_assert_null (response);
  if (shared->done++ == 0)
    stellar_client_disconnect (shared->client);
}

/* Calls that share a cancellable share what watches it: it outlives none of
 * them, and a caller answered may end the others meanwhile. */
static void
test_action_cancel_shared (TestFixture   *fixture,
                           gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GCancellable) finished = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  GAsyncResult *results[5] = { NULL, };
  SharedCancel shared = { client, { NULL, }, 0 };

  /* Five calls with one cancellable, all answered; cancelling it later
   * touches nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    stellar_client_action_async (client, "status", NULL, finished, stellar_test_store_result, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(JsonNode) response = NULL;
      g_autoptr(GError) error = NULL;

      stellar_test_wait_for (results[i] != NULL);
      response = stellar_client_action_finish (client, results[i], &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  g_cancellable_cancel (finished);
  stellar_test_assert_during (fixture->recorder->errors->len == 0 &&
                              stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED, 100);

  /* One sent, two waiting for the slot; the first one's caller disconnects
   * when told it was cancelled, which fails the two others. */
  g_object_set (client, "simultaneous-actions", 1, NULL);
  stellar_test_server_clear_frames (test_server);
  stellar_client_action_async (client, "sleep", params, cancellable, on_shared_cancel_done, &shared);
  stellar_client_action_async (client, "status", NULL, cancellable, on_shared_cancel_done, &shared);
  stellar_client_action_async (client, "status", NULL, cancellable, on_shared_cancel_done, &shared);
  stellar_test_wait_for (test_count_server_frames (test_server, "in", "sleep") == 1);
  g_cancellable_cancel (cancellable);

  stellar_test_wait_for (shared.done == 3);
  g_assert_error (shared.errors[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 1; i < 3; i++)
    {
      g_assert_nonnull (shared.errors[i]);
      g_assert_true (g_error_matches (shared.errors[i], G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                     g_error_matches (shared.errors[i], STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED));
    }
  for (guint i = 0; i < 3; i++)
    g_clear_error (&shared.errors[i]);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_connected ("/action/websocket", NULL, test_action_websocket);
  test_add_connected ("/action/params-untouched", NULL, test_action_params_untouched);
  g_test_add_func ("/action/server-errors", test_action_server_errors);
  test_add_connected ("/action/partial-error", NULL, test_action_partial_error);
  g_test_add_func ("/action/http", test_action_http);
  g_test_add_func ("/action/transport-choice", test_action_transport_choice);
  test_add_connected ("/action/invalid", NULL, test_action_invalid);
  test_add_connected ("/action/limit", NULL, test_action_limit);
  g_test_add_func ("/action/limit-http", test_action_limit_http);
  test_add_connected ("/action/fifo", NULL, test_action_fifo);
  test_add_connected ("/action/timeout", short_action_timeout, test_action_timeout);
  test_add_connected ("/action/cancel", NULL, test_action_cancel);
  test_add_connected ("/action/cancel-shared", NULL, test_action_cancel_shared);

  return test_main_run ();
}
