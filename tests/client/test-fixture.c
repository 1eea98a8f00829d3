/* test-fixture.c: clients of the test server, for the library suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

StellarTestServer *test_server;

/* Runs the suite's tests with one shared test server, always stopped. */
int
test_main_run (void)
{
  int status;

  test_server = stellar_test_server_startv (NULL);
  status = g_test_run ();
  g_clear_pointer (&test_server, stellar_test_server_stop);

  return status;
}

/* Every suite runs twice: with the WebSocket in the client's context, and
 * (STELLAR_TEST_THREADED_IO set) in a thread of its own. */
StellarClient *
test_client_new (StellarTestServer *server)
{
  StellarClient *client = stellar_client_new (stellar_test_server_get_url (server));

  if (g_getenv ("STELLAR_TEST_THREADED_IO") != NULL)
    g_object_set (client, "threaded-io", TRUE, NULL);

  return client;
}

JsonObject *
test_client_connect (StellarClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *details;

  stellar_client_connect_async (client, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  details = stellar_client_connect_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);

  return details;
}

/* A client of @server, connected; the details are not needed. */
StellarClient *
test_client_new_connected (StellarTestServer *server)
{
  StellarClient *client = test_client_new (server);
  g_autoptr(JsonObject) details G_GNUC_UNUSED = test_client_connect (client);

  return client;
}

/* Connects, expecting a failure; returns the error. */
GError *
test_client_connect_error (StellarClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;
  GError *error = NULL;

  stellar_client_connect_async (client, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  details = stellar_client_connect_finish (client, result, &error);
  g_assert_null (details);
  g_assert_nonnull (error);

  return error;
}

JsonObject *
test_params (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

JsonNode *
test_client_action (StellarClient  *client,
                    const char     *action,
                    const char     *params_json,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) params = test_params (params_json);

  stellar_client_action_async (client, action, params, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);

  return stellar_client_action_finish (client, result, error);
}

gboolean
test_client_room_add (StellarClient  *client,
                      const char     *room,
                      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_client_room_add_async (client, room, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);

  return stellar_client_room_add_finish (client, result, error);
}

gboolean
test_client_say (StellarClient  *client,
                 const char     *room,
                 const char     *message,
                 GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_client_say_async (client, room, message, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);

  return stellar_client_say_finish (client, result, error);
}

/* Disconnects and checks that nothing else holds the client, once what
 * was under way (an HTTP exchange, a completion) has wound down. */
void
test_client_free (StellarClient *client)
{
  stellar_client_disconnect (client);
  stellar_test_wait_for (g_atomic_int_get (&G_OBJECT (client)->ref_count) == 1);
  g_assert_finalize_object (client);
}

void
test_fixture_set_up (TestFixture   *fixture,
                     gconstpointer  options)
{
  fixture->server = options != NULL ? stellar_test_server_startv (options) : test_server;
  fixture->client = test_client_new (fixture->server);
  fixture->recorder = stellar_test_recorder_new (fixture->client, STELLAR_TEST_RECORD_DEFAULT);
}

void
test_fixture_set_up_connected (TestFixture   *fixture,
                               gconstpointer  options)
{
  g_autoptr(JsonObject) details G_GNUC_UNUSED = NULL;

  test_fixture_set_up (fixture, options);
  details = test_client_connect (fixture->client);
}

/* The threads the connections made with threaded-io run in, alive now. */
guint
test_count_io_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;
  guint n = 0;

  g_assert_nonnull (tasks);
  while ((task = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", task, "comm", NULL);
      g_autofree char *name = NULL;

      if (g_file_get_contents (path, &name, NULL, NULL) && g_str_has_prefix (name, "stellar-io"))
        n++;
    }

  return n;
}

void
test_fixture_tear_down (TestFixture   *fixture,
                        gconstpointer  options)
{
  g_clear_pointer (&fixture->recorder, stellar_test_recorder_free);
  g_clear_pointer (&fixture->client, test_client_free);
  if (fixture->server != test_server)
    stellar_test_server_stop (fixture->server);
  fixture->server = NULL;

  /* a connection's thread ends once libsoup closed it */
  stellar_test_wait_for (test_count_io_threads () == 0);
}

guint
test_count_frames (GPtrArray  *frames,
                   const char *substring)
{
  guint count = 0;

  for (guint i = 0; i < frames->len; i++)
    if (strstr (g_ptr_array_index (frames, i), substring) != NULL)
      count++;

  return count;
}

/* How many frames the server logged in @direction ("in", "out" or NULL)
 * containing @substring. */
guint
test_count_server_frames (StellarTestServer *server,
                          const char        *direction,
                          const char        *substring)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (server, direction);

  return test_count_frames (frames, substring);
}

/* An action there and back on the WebSocket: whatever the server sent
 * before its reply has been read and routed once this returns. */
void
test_client_round_trip (StellarClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_action_full_async (client, "status", NULL, STELLAR_TRANSPORT_WEBSOCKET, NULL,
                                    stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_assert_no_error (error);
}

/* The index of the first frame from @from containing @substring, or -1. */
gssize
test_find_frame (GPtrArray  *frames,
                 const char *substring,
                 guint       from)
{
  for (guint i = from; i < frames->len; i++)
    if (strstr (g_ptr_array_index (frames, i), substring) != NULL)
      return i;

  return -1;
}
