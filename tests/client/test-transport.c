/* test-transport.c: the WebSocket goes where the client's SoupSession goes
 *
 * The upgrade is a request of the client's own session: it follows the
 * proxy settings HTTP requests follow, and takes the WebSocket extensions
 * the session offers, permessage-deflate among them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "stellar-client-private.h"
#include "test-fixture.h"

static const char * const proxied_server[] = { "--proxy", NULL };
static const char * const compressing_server[] = { "--compression", "--no-frame-log", NULL };

/* The entries of the proxy's log whose target contains @substring. */
static guint
count_proxied (JsonArray  *log,
               const char *method,
               const char *substring)
{
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *entry = json_array_get_object_element (log, i);

      if (g_str_equal (json_object_get_string_member (entry, "method"), method) &&
          strstr (json_object_get_string_member (entry, "target"), substring) != NULL)
        count++;
    }

  return count;
}

static JsonObject *
the_connection (StellarTestServer *server)
{
  g_autoptr(JsonArray) connections = stellar_test_server_connections (server);

  g_assert_cmpuint (json_array_get_length (connections), ==, 1);
  return json_object_ref (json_array_get_object_element (connections, 0));
}

static void
test_proxy (TestFixture   *fixture,
            gconstpointer  options)
{
  StellarClient *client = fixture->client;
  const char *proxy_url = stellar_test_server_get_proxy_url (fixture->server);
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
  g_autofree char *server_address = g_strdup_printf ("127.0.0.1:%u", stellar_test_server_get_port (fixture->server));
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  /* As GNOME's proxy settings would, through the session. */
  soup_session_set_proxy_resolver (client->session, resolver);
  details = test_client_connect (client);

  /* The spec and the upgrade both went through the proxy: the upgrade as
   * an absolute-URI request, or tunnelled with CONNECT. */
  log = stellar_test_server_proxy_log (fixture->server);
  g_assert_cmpuint (count_proxied (log, "GET", "/primus/spec"), ==, 1);
  g_assert_cmpuint (count_proxied (log, "GET", "/primus?") + count_proxied (log, "CONNECT", server_address), ==, 1);

  /* And the connection works, on both transports. */
  response = test_client_action (client, "echo", "{\"message\":\"via the proxy\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "via the proxy");

  g_clear_pointer (&response, json_node_unref);
  stellar_client_action_full_async (client, "status", NULL, STELLAR_TRANSPORT_HTTP, NULL,
                                    stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&log, json_array_unref);
  log = stellar_test_server_proxy_log (fixture->server);
  g_assert_cmpuint (count_proxied (log, "POST", "/api?action=status"), ==, 1);
}

static void
test_permessage_deflate (TestFixture   *fixture,
                         gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(JsonObject) connection = the_connection (fixture->server);
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *extensions;

  /* The client offered it, and the server took it. */
  g_assert_nonnull (strstr (json_object_get_string_member (connection, "offeredExtensions"),
                            "permessage-deflate"));
  extensions = json_object_get_array_member (connection, "extensions");
  g_assert_cmpuint (json_array_get_length (extensions), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (extensions, 0), ==, "permessage-deflate");

  /* Large frames both ways, compressed far below their size. */
  for (guint i = 0; message->len < 256 * 1024; i++)
    g_string_append_printf (message, "line %u of a long message; ", i);
  json_object_set_string_member (params, "message", message->str);
  stellar_client_action_async (client, "echo", params, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, message->str);

  stellar_test_recorder_clear (recorder);
  stellar_test_server_post (fixture->server, "/oversize", "{\"bytes\":%u}", 4 * 1024 * 1024);
  stellar_test_wait_for (recorder->errors->len == 1);
  g_assert_true (g_str_has_prefix (stellar_test_recorder_error (recorder, 0)->message,
                                   "Ignored a frame from the server that is not a JSON object"));

  /* Small frames too, and the room traffic. */
  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  g_assert_true (test_client_say (client, "defaultRoom", "squeezed", &error));
  stellar_test_wait_for (recorder->said->len == 1);
  g_assert_cmpstr (g_ptr_array_index (recorder->said, 0), ==, "squeezed");
  g_assert_cmpuint (recorder->reconnects, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add ("/transport/proxy", proxied_server, test_proxy);
  test_add_connected ("/transport/permessage-deflate", compressing_server, test_permessage_deflate);

  return g_test_run ();
}
