/* test-connect.c: connecting, the handshake on the wire, and every way it fails
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <libsoup/soup.h>

#include "test-fixture.h"

static void
test_connect_details (TestFixture   *fixture,
                      gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) spec_property = NULL;
  JsonObject *spec;
  const char *session_id;

  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_null (stellar_client_get_id (client));
  g_assert_nonnull (stellar_client_get_rooms (client));
  g_assert_cmpuint (g_strv_length ((char **)stellar_client_get_rooms (client)), ==, 0);

  details = test_client_connect (client);

  /* The details are detailsView's data, and the client keeps them. */
  g_assert_true (details == stellar_client_get_details (client));
  g_assert_cmpuint (strlen (json_object_get_string_member (details, "id")), ==, 36);
  g_assert_cmpstr (stellar_client_get_id (client), ==, json_object_get_string_member (details, "id"));
  session_id = NULL;
  g_object_get (client, "session-id", &session_id, NULL);
  g_assert_cmpuint (strlen (session_id), ==, 40);
  /* Sent in the query and the cookie, it is the connection's fingerprint. */
  g_assert_cmpstr (json_object_get_string_member (details, "fingerprint"), ==, session_id);
  g_assert_cmpstr (stellar_client_get_fingerprint (client), ==, session_id);
  g_assert_cmpstr (stellar_client_get_welcome_message (client), ==, "Hello human! Welcome to Stellar");

  /* The server's Primus spec, as the real primus package serves it. */
  spec = stellar_client_get_primus_spec (client);
  g_assert_nonnull (spec);
  g_assert_cmpstr (json_object_get_string_member (spec, "pathname"), ==, "/primus");
  g_assert_cmpstr (json_object_get_string_member (spec, "transformer"), ==, "websockets");
  g_assert_cmpstr (json_object_get_string_member (spec, "parser"), ==, "json");
  g_assert_cmpuint (strlen (json_object_get_string_member (spec, "version")), >, 0);
  g_assert_cmpint (json_object_get_int_member (spec, "pingInterval"), >, 0);
  g_object_get (client, "primus-spec", &spec_property, NULL);
  g_assert_true (spec_property == spec);

  g_assert_cmpuint (recorder->states->len, ==, 2);
  g_assert_cmpint (g_array_index (recorder->states, StellarClientState, 0), ==, STELLAR_CLIENT_STATE_CONNECTING);
  g_assert_cmpint (g_array_index (recorder->states, StellarClientState, 1), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpuint (recorder->connected, ==, 1);
  g_assert_cmpuint (recorder->welcomes, ==, 1);
  g_assert_cmpuint (recorder->errors->len, ==, 0);

  g_free ((char *)session_id);
  stellar_client_disconnect (client);
  g_assert_cmpuint (recorder->disconnected, ==, 1);
}

static JsonObject *
find_connection (StellarTestServer *server,
                 const char        *id)
{
  g_autoptr(JsonArray) connections = stellar_test_server_connections (server);

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *connection = json_array_get_object_element (connections, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "id"), id) == 0)
        return json_object_ref (connection);
    }

  return NULL;
}

static void
test_connect_wire (TestFixture   *fixture,
                   gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) connection = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autofree char *expected_cookie = NULL;
  JsonObject *query;

  stellar_test_server_clear_frames (test_server);
  details = test_client_connect (client);

  connection = find_connection (test_server, stellar_client_get_id (client));
  g_assert_nonnull (connection);
  query = json_object_get_object_member (connection, "query");
  g_assert_cmpstr (json_object_get_string_member (query, "sessionID"), ==,
                   json_object_get_string_member (details, "fingerprint"));
  /* Primus's cache-buster is on every connection. */
  g_assert_true (json_object_has_member (query, "_primuscb"));
  expected_cookie = g_strdup_printf ("sessionID=%s", json_object_get_string_member (details, "fingerprint"));
  g_assert_cmpstr (json_object_get_string_member (connection, "cookie"), ==, expected_cookie);

  /* The server's welcome, then the one request of the handshake. */
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"detailsView\"}");
}

static void
test_connect_joins_rooms (TestFixture   *fixture,
                          gconstpointer  options)
{
  StellarClient *client = fixture->client;
  const char *rooms[] = { "defaultRoom", "anotherRoom", NULL };
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  const char * const *joined;

  g_object_set (client, "rooms", rooms, NULL);
  stellar_test_server_clear_frames (test_server);

  details = test_client_connect (client);

  /* Resolved only once both rooms are joined, with details that say so. */
  joined = stellar_client_get_rooms (client);
  g_assert_cmpuint (g_strv_length ((char **)joined), ==, 2);
  g_assert_true (g_strv_contains (joined, "defaultRoom"));
  g_assert_true (g_strv_contains (joined, "anotherRoom"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (details, "rooms")), ==, 2);

  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==, "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 2), ==, "{\"event\":\"roomJoin\",\"room\":\"anotherRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 3), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpuint (test_count_frames (frames, "roomAdd"), ==, 0);
}

static void
test_connect_missing_room (TestFixture   *fixture,
                           gconstpointer  options)
{
  StellarClient *client = fixture->client;
  const char *rooms[] = { "noSuchRoom", "defaultRoom", NULL };
  g_autoptr(JsonObject) details = NULL;
  const GError *error;

  g_object_set (client, "rooms", rooms, NULL);

  /* A room that cannot be joined does not fail the connection: it is
   * reported, and the other rooms are joined. */
  details = test_client_connect (client);
  g_assert_true (g_strv_equal (stellar_client_get_rooms (client),
                               (const char *[]) { "defaultRoom", NULL }));
  g_assert_cmpuint (fixture->recorder->errors->len, ==, 1);
  error = stellar_test_recorder_error (fixture->recorder, 0);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "noSuchRoom"));
  g_assert_nonnull (strstr (error->message, "does not exists"));
}

static void
test_connect_invalid_url (void)
{
  const char *urls[] = { "", "not a url", "ftp://example.com", "http://", "localhost:8080" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      StellarClient *client = stellar_client_new (urls[i]);
      g_autoptr(GError) error = test_client_connect_error (client);
      g_autoptr(GError) action_error = NULL;
      g_autoptr(JsonNode) response = NULL;

      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
      g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

      response = test_client_action (client, "status", NULL, &action_error);
      g_assert_null (response);
      g_assert_error (action_error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);

      g_assert_finalize_object (client);
    }

  {
    StellarClient *client = stellar_client_new (NULL);
    g_autoptr(GError) error = test_client_connect_error (client);

    g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
    g_assert_finalize_object (client);
  }
}

static void
test_connect_refused (void)
{
  g_autofree char *url = stellar_test_get_refused_url ();
  StellarClient *client = stellar_client_new (url);
  g_autoptr(StellarTestRecorder) recorder = stellar_test_recorder_new (client, STELLAR_TEST_RECORD_DEFAULT);
  g_autoptr(GError) error = NULL;

  error = test_client_connect_error (client);

  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

  /* A connection that never was is not retried, not even after Primus's
   * first delay. */
  stellar_test_assert_during (recorder->reconnects == 0 &&
                              stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED,
                              800);
  g_assert_cmpuint (recorder->connected, ==, 0);
  g_assert_cmpuint (recorder->disconnected, ==, 0);

  g_clear_pointer (&recorder, stellar_test_recorder_free);
  g_assert_finalize_object (client);
}

/* --- servers that are not Stellar --------------------------------------- */

typedef enum {
  PEER_NOT_FOUND,
  PEER_HTML,
  PEER_SILENT_UPGRADE,
} PeerKind;

static PeerKind peer_kind;

static void
serve_peer (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  static const char html[] = "<!doctype html><html><body><h1>Welcome</h1></body></html>";
  static const char spec[] = "{\"pingInterval\":30000,\"pathname\":\"/primus\",\"version\":\"8.0.9\"}";

  switch (peer_kind)
    {
    case PEER_NOT_FOUND:
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "Not Found", 9);
      break;

    case PEER_HTML:
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      break;

    case PEER_SILENT_UPGRADE:
      if (g_str_equal (path, "/primus/spec"))
        {
          soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            spec, strlen (spec));
        }
      else
        {
          /* Like Stellar for an upgrade to a path it does not know: never
           * answer. */
          g_object_ref (message);
          soup_server_message_pause (message);
        }
      break;
    }
}

static SoupServer *
start_peer (PeerKind   kind,
            char     **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  peer_kind = kind;
  soup_server_add_handler (server, NULL, serve_peer, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  return server;
}

static void
test_connect_not_stellar (void)
{
  PeerKind kinds[] = { PEER_NOT_FOUND, PEER_HTML };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *url = NULL;
      g_autoptr(SoupServer) peer = start_peer (kinds[i], &url);
      StellarClient *client = stellar_client_new (url);
      g_autoptr(GError) error = test_client_connect_error (client);
      g_autoptr(GError) action_error = NULL;
      g_autoptr(JsonNode) response = NULL;

      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "not a Stellar server"));
      g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

      /* Over HTTP, an answer that is not JSON is a protocol error too. */
      response = test_client_action (client, "status", NULL, &action_error);
      g_assert_null (response);
      g_assert_error (action_error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);

      g_assert_finalize_object (client);
      soup_server_disconnect (peer);
    }
}

static void
test_connect_upgrade_never_answered (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) peer = start_peer (PEER_SILENT_UPGRADE, &url);
  StellarClient *client = stellar_client_new (url);
  g_autoptr(StellarTestRecorder) recorder = stellar_test_recorder_new (client, STELLAR_TEST_RECORD_DEFAULT);
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_object_set (client, "connect-timeout", 400, NULL);

  start = g_get_monotonic_time ();
  error = test_client_connect_error (client);

  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (recorder->timeouts, ==, 1);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

  g_clear_pointer (&recorder, stellar_test_recorder_free);
  g_assert_finalize_object (client);
  soup_server_disconnect (peer);
}

static void
test_connect_cancel (TestFixture   *fixture,
                     gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;

  stellar_client_connect_async (client, cancellable, stellar_test_store_result, &result);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTING);
  g_cancellable_cancel (cancellable);

  stellar_test_wait_for (result != NULL);
  details = stellar_client_connect_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_null (details);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

  /* It can connect afterwards. */
  g_clear_pointer (&details, json_object_unref);
  details = test_client_connect (client);
}

static void
test_connect_twice (TestFixture   *fixture,
                    gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(JsonObject) first_details = NULL;
  g_autoptr(JsonObject) second_details = NULL;
  g_autoptr(JsonObject) third_details = NULL;
  g_autoptr(GError) error = NULL;

  /* Two callers wait for the same attempt. */
  stellar_client_connect_async (client, NULL, stellar_test_store_result, &first);
  stellar_client_connect_async (client, NULL, stellar_test_store_result, &second);
  stellar_test_wait_for (first != NULL && second != NULL);

  first_details = stellar_client_connect_finish (client, first, &error);
  g_assert_no_error (error);
  second_details = stellar_client_connect_finish (client, second, &error);
  g_assert_no_error (error);
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_cmpstr (json_object_get_string_member (first_details, "id"), ==,
                   json_object_get_string_member (second_details, "id"));

  /* Connected already: resolved at once, same connection. */
  third_details = test_client_connect (client);
  g_assert_cmpstr (json_object_get_string_member (third_details, "id"), ==,
                   json_object_get_string_member (first_details, "id"));
}

static void
test_disconnect_fails_pending (TestFixture   *fixture,
                               gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":2000}");

  stellar_test_recorder_clear (recorder);
  stellar_test_server_clear_frames (test_server);

  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (test_count_server_frames (test_server, "in", "sleep") == 1);
  stellar_client_disconnect (client);

  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_null (stellar_client_get_id (client));
  g_assert_cmpuint (recorder->disconnected, ==, 1);

  /* On purpose: no reconnection, not even after Primus's first delay. */
  stellar_test_assert_during (recorder->reconnects == 0 &&
                              stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED,
                              800);
}

static void
test_server_ends_session (TestFixture   *fixture,
                          gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;

  stellar_test_recorder_clear (recorder);

  /* "primus::server::close": the session is over, no reconnection. */
  stellar_test_server_post (test_server, "/kick", NULL);
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_cmpuint (recorder->disconnected, ==, 1);
  g_assert_cmpuint (recorder->errors->len, ==, 1);
  g_assert_error (stellar_test_recorder_error (recorder, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  stellar_test_assert_during (recorder->reconnects == 0 &&
                              stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED,
                              800);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add ("/connect/details", NULL, test_connect_details);
  test_add ("/connect/wire", NULL, test_connect_wire);
  test_add ("/connect/joins-rooms", NULL, test_connect_joins_rooms);
  test_add ("/connect/missing-room", NULL, test_connect_missing_room);
  g_test_add_func ("/connect/invalid-url", test_connect_invalid_url);
  g_test_add_func ("/connect/refused", test_connect_refused);
  g_test_add_func ("/connect/not-stellar", test_connect_not_stellar);
  g_test_add_func ("/connect/upgrade-never-answered", test_connect_upgrade_never_answered);
  test_add ("/connect/cancel", NULL, test_connect_cancel);
  test_add ("/connect/twice", NULL, test_connect_twice);
  test_add_connected ("/connect/disconnect-fails-pending", NULL, test_disconnect_fails_pending);
  test_add_connected ("/connect/server-ends-session", NULL, test_server_ends_session);

  return test_main_run ();
}
