/* test-file.c: static files over HTTP, never with the WebSocket file verb
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static JsonObject *
get_file (StellarClient  *client,
          const char     *path,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_client_file_async (client, path, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  return stellar_client_file_finish (client, result, error);
}

static void
test_file_text (TestFixture   *fixture,
                gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;

  stellar_test_server_clear_frames (test_server);
  file = get_file (client, "hello.txt", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (file, "content"), ==, "Hello from the Stellar public folder!\n");
  g_assert_cmpstr (json_object_get_string_member (file, "mime"), ==, "text/plain");
  g_assert_cmpint (json_object_get_int_member (file, "length"), ==, 38);
  g_assert_true (json_object_get_null_member (file, "error"));
  g_assert_false (json_object_has_member (file, "encoding"));

  /* Over HTTP: the WebSocket file verb brings real servers down. */
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 0);
}

static void
test_file_binary (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("STELLAR_TEST_SERVER_DIR"), "public", "stellar.png", NULL);
  g_autofree char *expected = NULL;
  g_autofree guchar *decoded = NULL;
  gsize expected_length, decoded_length;

  /* Not connected: files need no WebSocket. */
  file = get_file (client, "/stellar.png", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (file, "mime"), ==, "image/png");
  g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "base64");
  decoded = g_base64_decode (json_object_get_string_member (file, "content"), &decoded_length);
  g_file_get_contents (path, &expected, &expected_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (decoded, decoded_length, expected, expected_length);
  g_assert_cmpint (json_object_get_int_member (file, "length"), ==, expected_length);

  g_assert_finalize_object (client);
}

static void
test_file_missing (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *response;

  /* Stellar 1.4.6 never answers for a missing file: a timeout, not a hang. */
  g_object_set (client, "request-timeout", 300, NULL);
  file = get_file (client, "nope.txt", &error);
  g_assert_null (file);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT);
  g_clear_error (&error);

  /* A server that says 404: a server error in the seed's shape. */
  stellar_test_server_post (test_server, "/config", "{\"missingFileStatus\":404}");
  file = get_file (client, "nope.txt", &error);
  g_assert_null (file);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "The file “nope.txt” does not exist on the server");
  response = stellar_error_get_response (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (response), "error"), "code"), ==, "010");
  stellar_test_server_post (test_server, "/config", "{\"missingFileStatus\":null}");

  g_assert_finalize_object (client);
}

static void
test_file_invalid_path (void)
{
  StellarClient *client = test_client_new (test_server);
  const char *paths[] = { NULL, "", "/", "../secret", "a/../../b" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(JsonObject) file = NULL;
      g_autoptr(GError) error = NULL;

      file = get_file (client, paths[i], &error);
      g_assert_null (file);
      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
    }

  g_assert_finalize_object (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_connected ("/file/text", NULL, test_file_text);
  g_test_add_func ("/file/binary", test_file_binary);
  g_test_add_func ("/file/missing", test_file_missing);
  g_test_add_func ("/file/invalid-path", test_file_invalid_path);

  return test_main_run ();
}
