/* stellar-test-server.c: the Stellar-compatible test server, for a test suite
 *
 * Starts tests/server/server.mjs on free loopback ports and talks to its
 * control API. The server exits when its stdin closes, and the kernel kills
 * it if the test process dies first: a failed assertion leaks no process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <stdarg.h>
#include <sys/prctl.h>

#include <libsoup/soup.h>

#include "stellar-test-server.h"
#include "stellar-test-utils.h"

struct _StellarTestServer
{
  GSubprocess *process;
  SoupSession *session;
  char *url;
  char *control_url;
  char *proxy_url;
  guint port;
};

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static const char *
server_dir (void)
{
  const char *dir = g_getenv ("STELLAR_TEST_SERVER_DIR");

  if (dir == NULL)
    g_error ("STELLAR_TEST_SERVER_DIR is not set: run the tests with meson test");
  return dir;
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                     NULL, &error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static gboolean
line_read (gpointer data)
{
  return *(char **)data != NULL;
}

StellarTestServer *
stellar_test_server_startv (const char * const *options)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  StellarTestServer *server;
  JsonObject *object;

  g_ptr_array_add (argv, g_strdup (g_getenv ("NODE") ? g_getenv ("NODE") : "node"));
  g_ptr_array_add (argv, g_build_filename (server_dir (), "server.mjs", NULL));
  g_ptr_array_add (argv, g_strdup ("--exit-with-stdin"));
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (options[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  server = g_new0 (StellarTestServer, 1);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  /* The first line says where it listens. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  if (!stellar_test_iterate_until (line_read, &line, 20000))
    g_error ("The test server did not start within 20 s");
  if (*line == '\0')
    g_error ("The test server exited before listening (see its messages above)");

  node = json_from_string (line, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (object, "listening"));

  server->url = g_strdup (json_object_get_string_member (object, "url"));
  server->control_url = g_strdup (json_object_get_string_member (object, "controlUrl"));
  server->proxy_url = g_strdup (json_object_get_string_member_with_default (object, "proxyUrl", NULL));
  server->port = json_object_get_int_member (object, "port");
  server->session = soup_session_new ();

  return server;
}

/* Starts the server with the given command-line options, NULL-terminated. */
StellarTestServer *
stellar_test_server_start (const char *first_option,
                           ...)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new ();
  const char *option;
  va_list args;

  va_start (args, first_option);
  for (option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (options, (gpointer)option);
  va_end (args);
  g_ptr_array_add (options, NULL);

  return stellar_test_server_startv ((const char * const *)options->pdata);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

void
stellar_test_server_stop (StellarTestServer *server)
{
  gboolean exited = FALSE;

  if (server == NULL)
    return;

  /* Closing stdin asks it to exit; a server that does not is killed. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (server->process), NULL, NULL);
  g_subprocess_wait_async (server->process, NULL, on_exited, &exited);
  if (!stellar_test_iterate_until (is_true, &exited, 5000))
    {
      g_subprocess_force_exit (server->process);
      stellar_test_iterate_until (is_true, &exited, 5000);
    }

  g_clear_object (&server->process);
  g_clear_object (&server->session);
  g_free (server->url);
  g_free (server->control_url);
  g_free (server->proxy_url);
  g_free (server);
}

const char *
stellar_test_server_get_url (StellarTestServer *server)
{
  return server->url;
}

guint
stellar_test_server_get_port (StellarTestServer *server)
{
  return server->port;
}

/* For programs that call the control API without blocking their main loop
 * (stellar_test_server_control() does). */
const char *
stellar_test_server_get_control_url (StellarTestServer *server)
{
  return server->control_url;
}

/* Returns: (nullable): the forward proxy of a server started with --proxy */
const char *
stellar_test_server_get_proxy_url (StellarTestServer *server)
{
  return server->proxy_url;
}

/*
 * stellar_test_server_control:
 * @method: "GET" or "POST"
 * @path: a control endpoint, such as "/drop"
 * @json_body: (nullable): the request body
 *
 * Calls the control API and asserts it succeeded.
 *
 * Returns: (transfer full): the parsed answer
 */
JsonNode *
stellar_test_server_control (StellarTestServer *server,
                             const char        *method,
                             const char        *path,
                             const char        *json_body)
{
  g_autofree char *uri = g_strconcat (server->control_url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonNode *node;

  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  /* The session has no main context of its own: a synchronous call does not
   * run the test's main loop. */
  body = soup_session_send_and_read (server->session, message, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    g_error ("Control %s %s failed: HTTP %u: %.*s", method, path,
             soup_message_get_status (message),
             (int)g_bytes_get_size (body), (const char *)g_bytes_get_data (body, NULL));

  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  if (JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "ok") &&
      !json_object_get_boolean_member (json_node_get_object (node), "ok"))
    g_error ("Control %s %s failed: %s", method, path, (const char *)g_bytes_get_data (body, NULL));

  return node;
}

/* POSTs a control request whose body is built like printf(). */
void
stellar_test_server_post (StellarTestServer *server,
                          const char        *path,
                          const char        *json_body_format,
                          ...)
{
  g_autofree char *body = NULL;
  va_list args;

  if (json_body_format != NULL)
    {
      va_start (args, json_body_format);
      body = g_strdup_vprintf (json_body_format, args);
      va_end (args);
    }

  json_node_unref (stellar_test_server_control (server, "POST", path, body ? body : "{}"));
}

/*
 * stellar_test_server_frames:
 * @direction: (nullable): "in" (what the server received), "out", or NULL
 *   for both
 *
 * Returns: (transfer full) (element-type utf8): the text of every logged
 *   frame, in order
 */
GPtrArray *
stellar_test_server_frames (StellarTestServer *server,
                            const char        *direction)
{
  g_autoptr(JsonNode) node = stellar_test_server_control (server, "GET", "/frames", NULL);
  JsonArray *frames = json_object_get_array_member (json_node_get_object (node), "frames");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      JsonObject *frame = json_array_get_object_element (frames, i);

      if (direction == NULL || g_strcmp0 (json_object_get_string_member (frame, "dir"), direction) == 0)
        g_ptr_array_add (texts, g_strdup (json_object_get_string_member (frame, "data")));
    }

  return texts;
}

void
stellar_test_server_clear_frames (StellarTestServer *server)
{
  json_node_unref (stellar_test_server_control (server, "POST", "/frames/clear", "{}"));
}

/* Returns: (transfer full): what GET /connections says */
JsonArray *
stellar_test_server_connections (StellarTestServer *server)
{
  g_autoptr(JsonNode) node = stellar_test_server_control (server, "GET", "/connections", NULL);

  return json_array_ref (json_node_get_array (node));
}

/* The last message count the connection @connection_id sent (what GET
 * /connections says of it); fails the test when there is no such
 * connection. */
gint64
stellar_test_server_message_count (StellarTestServer *server,
                                   const char        *connection_id)
{
  g_autoptr(JsonArray) connections = stellar_test_server_connections (server);

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *connection = json_array_get_object_element (connections, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "id"), connection_id) == 0)
        return json_object_get_int_member (connection, "messageCount");
    }

  g_error ("The test server has no connection %s", connection_id);
}

/* Returns: (transfer full): what GET /proxy-log says */
JsonArray *
stellar_test_server_proxy_log (StellarTestServer *server)
{
  g_autoptr(JsonNode) node = stellar_test_server_control (server, "GET", "/proxy-log", NULL);

  return json_array_ref (json_node_get_array (node));
}

/* Returns: (transfer full): what GET /http-log says */
JsonArray *
stellar_test_server_http_log (StellarTestServer *server)
{
  g_autoptr(JsonNode) node = stellar_test_server_control (server, "GET", "/http-log", NULL);

  return json_array_ref (json_node_get_array (node));
}
