/* test-hostile.c: servers that send what they should not
 *
 * Each fault's outcome is asserted: what the client reports, and that it
 * goes on working (or reconnects) afterwards.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

typedef struct
{
  GPtrArray *errors;
  GPtrArray *api;
  guint reconnects;
} Watch;

static void
on_error (StellarClient *client,
          const GError  *error,
          Watch         *watch)
{
  g_ptr_array_add (watch->errors, g_error_copy (error));
}

static void
on_api (StellarClient *client,
        JsonObject    *frame,
        Watch         *watch)
{
  g_ptr_array_add (watch->api, json_object_ref (frame));
}

static void
on_reconnect (StellarClient *client,
              Watch         *watch)
{
  watch->reconnects++;
}

static StellarClient *
watched_client (StellarTestServer *server,
                Watch             *watch)
{
  StellarClient *client = test_client_new_connected (server);

  watch->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  watch->api = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  watch->reconnects = 0;
  g_signal_connect (client, "error", G_CALLBACK (on_error), watch);
  g_signal_connect (client, "api", G_CALLBACK (on_api), watch);
  g_signal_connect (client, "reconnect", G_CALLBACK (on_reconnect), watch);

  return client;
}

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->errors, g_ptr_array_unref);
  g_clear_pointer (&watch->api, g_ptr_array_unref);
}

static void
assert_still_works (StellarClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = test_client_action (client, "echo", "{\"message\":\"alive\"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "alive");
}

static const GError *
error_at (Watch *watch,
          guint  index)
{
  g_assert_cmpuint (index, <, watch->errors->len);
  return g_ptr_array_index (watch->errors, index);
}

static void
test_malformed_frames (void)
{
  const char *frames[] = {
    "{\"text\":\"this is not json\"}",
    "{\"text\":\"{\\\"unterminated\\\":\"}",
    "{\"text\":\"{} {}\"}",
  };
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      stellar_test_server_post (test_server, "/send", "%s", frames[i]);
      stellar_test_wait_for (watch.errors->len == i + 1);
      g_assert_error (error_at (&watch, i), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
      g_assert_true (g_str_has_prefix (error_at (&watch, i)->message, "Ignored a malformed frame"));
    }

  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  assert_still_works (client);
  g_assert_cmpuint (watch.reconnects, ==, 0);

  test_client_free (client);
  watch_clear (&watch);
}

static void
on_alert (StellarClient *client,
          JsonObject    *frame,
          GPtrArray     *alerts)
{
  g_ptr_array_add (alerts, g_strdup (json_object_get_string_member (frame, "message")));
}

static void
on_wire (StellarClient *client,
         gboolean       outgoing,
         const char    *text,
         gpointer       user_data)
{
  g_assert_nonnull (text);
}

static void
test_fragmented_messages (void)
{
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (client, "alert", G_CALLBACK (on_alert), alerts);
  g_signal_connect (client, "wire", G_CALLBACK (on_wire), NULL);

  /* A message in frames is one message; so is one whose first frames are
   * empty, and an empty one is a malformed frame, not a crash. */
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"alert\\\",\\\"message\\\":\\\"in three parts\\\"}\",\"fragments\":3}");
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"alert\\\",\\\"message\\\":\\\"x\\\"}\",\"fragments\":40}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"\",\"fragments\":2}");
  stellar_test_wait_for (alerts->len == 2 && watch.errors->len == 1);
  g_assert_cmpstr (g_ptr_array_index (alerts, 0), ==, "in three parts");
  g_assert_cmpstr (g_ptr_array_index (alerts, 1), ==, "x");
  g_assert_true (g_str_has_prefix (error_at (&watch, 0)->message, "Ignored a malformed frame"));

  assert_still_works (client);
  g_assert_cmpuint (watch.reconnects, ==, 0);
  test_client_free (client);
  watch_clear (&watch);
}

static void
test_binary_frame (void)
{
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);

  /* Stellar never sends binary frames: reported and ignored. */
  stellar_test_server_post (test_server, "/send", "{\"text\":\"AAECAwQ=\",\"binary\":true}");
  stellar_test_wait_for (watch.errors->len == 1);
  g_assert_error (error_at (&watch, 0), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_cmpstr (error_at (&watch, 0)->message, ==, "Ignored a binary frame of 5 bytes from the server");

  assert_still_works (client);
  test_client_free (client);
  watch_clear (&watch);
}

static void
test_non_object_values (void)
{
  const char *frames[] = { "null", "42", "[1,2,3]", "true", "\\\"just a string\\\"" };
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      stellar_test_server_post (test_server, "/send", "{\"text\":\"%s\"}", frames[i]);
      stellar_test_wait_for (watch.errors->len == i + 1);
      g_assert_error (error_at (&watch, i), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
      g_assert_true (g_str_has_prefix (error_at (&watch, i)->message,
                                       "Ignored a frame from the server that is not a JSON object"));
    }

  assert_still_works (client);
  test_client_free (client);
  watch_clear (&watch);
}

static void
test_oversized_frame (void)
{
  StellarTestServer *server = stellar_test_server_start ("--no-frame-log", NULL);
  Watch watch;
  StellarClient *client = watched_client (server, &watch);

  /* Over 10 MiB: the client refuses it, reports it, and starts afresh. */
  stellar_test_server_post (server, "/oversize", "{\"bytes\":%u}", 11 * 1024 * 1024);
  stellar_test_wait_for (watch.reconnects == 1);
  g_assert_cmpuint (watch.errors->len, >=, 1);
  g_assert_error (error_at (&watch, 0), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error_at (&watch, 0)->message, "larger than"));

  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  assert_still_works (client);

  test_client_free (client);
  stellar_test_server_stop (server);
  watch_clear (&watch);
}

static void
test_large_frame_accepted (void)
{
  StellarTestServer *server = stellar_test_server_start ("--no-frame-log", NULL);
  Watch watch;
  StellarClient *client = watched_client (server, &watch);

  /* 9 MiB: far above libsoup's default of 128 KiB, within Stellar's 10 MiB. */
  stellar_test_server_post (server, "/oversize", "{\"bytes\":%u}", 9 * 1024 * 1024);
  stellar_test_wait_for (watch.errors->len == 1);
  g_assert_true (g_str_has_prefix (error_at (&watch, 0)->message,
                                   "Ignored a frame from the server that is not a JSON object"));
  g_assert_cmpuint (watch.reconnects, ==, 0);
  assert_still_works (client);

  test_client_free (client);
  stellar_test_server_stop (server);
  watch_clear (&watch);
}

static guint
last_message_count (StellarTestServer *server,
                    const char        *id)
{
  g_autoptr(JsonArray) connections = stellar_test_server_connections (server);

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *connection = json_array_get_object_element (connections, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "id"), id) == 0)
        return json_object_get_int_member (connection, "messageCount");
    }

  g_assert_not_reached ();
}

static void
test_unknown_and_duplicate_replies (void)
{
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inject = NULL;
  guint count;

  /* A reply to a request never made. */
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":777}\"}");
  stellar_test_wait_for (watch.errors->len == 1);
  g_assert_cmpstr (error_at (&watch, 0)->message, ==,
                   "The server sent a reply to request 777, which is not pending");

  /* A forged reply takes the place of the real one, which then arrives as
   * a duplicate: reported, and completing nothing twice. */
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_sleep (50);
  count = last_message_count (test_server, stellar_client_get_id (client));
  inject = g_strdup_printf ("{\"text\":\"{\\\"forged\\\":true,\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":%u}\"}", count);
  stellar_test_server_post (test_server, "/send", "%s", inject);

  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "forged"));

  stellar_test_wait_for (watch.errors->len == 2);
  g_assert_error (error_at (&watch, 1), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_true (g_str_has_suffix (error_at (&watch, 1)->message, "which is not pending"));

  assert_still_works (client);
  test_client_free (client);
  watch_clear (&watch);
}

static void
test_reply_without_context (void)
{
  Watch watch;
  StellarClient *client = watched_client (test_server, &watch);
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inject = NULL;
  guint count;

  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_sleep (50);
  count = last_message_count (test_server, stellar_client_get_id (client));

  /* Without a context it is no reply: it goes to ::api, and the request
   * waits for its real answer. */
  inject = g_strdup_printf ("{\"text\":\"{\\\"impostor\\\":true,\\\"messageCount\\\":%u}\"}", count);
  stellar_test_server_post (test_server, "/send", "%s", inject);
  stellar_test_wait_for (watch.api->len == 1);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (watch.api, 0), "impostor"));
  g_assert_null (result);

  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (response), "sleepDelta"));
  g_assert_cmpuint (watch.errors->len, ==, 0);

  test_client_free (client);
  watch_clear (&watch);
}

static void
test_reset_mid_frame (void)
{
  StellarTestServer *server = stellar_test_server_start (NULL, NULL);
  Watch watch;
  StellarClient *client = watched_client (server, &watch);
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":1000}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_sleep (50);

  /* Half a frame, then the connection is gone. */
  stellar_test_server_post (server, "/reset-mid-frame", NULL);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  stellar_test_wait_for (watch.reconnects == 1);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_CONNECTED);
  assert_still_works (client);

  test_client_free (client);
  stellar_test_server_stop (server);
  watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/malformed-frames", test_malformed_frames);
  g_test_add_func ("/hostile/fragmented-messages", test_fragmented_messages);
  g_test_add_func ("/hostile/binary-frame", test_binary_frame);
  g_test_add_func ("/hostile/non-object-values", test_non_object_values);
  g_test_add_func ("/hostile/oversized-frame", test_oversized_frame);
  g_test_add_func ("/hostile/large-frame-accepted", test_large_frame_accepted);
  g_test_add_func ("/hostile/unknown-and-duplicate-replies", test_unknown_and_duplicate_replies);
  g_test_add_func ("/hostile/reply-without-context", test_reply_without_context);
  g_test_add_func ("/hostile/reset-mid-frame", test_reset_mid_frame);

  return test_main_run ();
}
