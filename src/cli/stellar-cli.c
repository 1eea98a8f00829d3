/* stellar-cli.c: a Stellar server from the terminal
 *
 *   stellar-cli URL details
 *   stellar-cli URL action NAME [PARAMS-JSON] [--http]
 *   stellar-cli URL say ROOM MESSAGE
 *   stellar-cli URL emit ROOM EVENT [DATA-JSON]
 *   stellar-cli URL listen ROOM…
 *   stellar-cli URL file PATH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <stellar-client.h>

typedef struct
{
  gboolean done;
  StellarClient *client;
  char **args;
  gboolean over_http;
  gboolean pretty;
  int status;
} Cli;

static void
print_json (Cli      *cli,
            JsonNode *node)
{
  g_autofree char *text = json_to_string (node, cli->pretty);

  g_print ("%s\n", text);
}

static void
print_object (Cli        *cli,
              JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  print_json (cli, node);
}

/* Prints @error with the server's reply when there is one; ends the run. */
static void
fail (Cli          *cli,
      const GError *error)
{
  JsonNode *response = stellar_error_get_response (error);

  g_printerr ("stellar-cli: %s\n", error->message);
  if (response != NULL)
    {
      g_autofree char *text = json_to_string (response, TRUE);
      g_printerr ("%s\n", text);
    }

  cli->status = 1;
  cli->done = TRUE;
}

static void
finish (Cli *cli)
{
  cli->done = TRUE;
}

static JsonNode *
parse_json_argument (const char  *text,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static void
on_action (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = stellar_client_action_finish (STELLAR_CLIENT (source), result, &error);

  if (response == NULL)
    return fail (cli, error);

  print_json (cli, response);
  finish (cli);
}

static void
on_said (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!stellar_client_say_finish (STELLAR_CLIENT (source), result, &error))
    return fail (cli, error);
  finish (cli);
}

static void
on_emitted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!stellar_client_emit_finish (STELLAR_CLIENT (source), result, &error))
    return fail (cli, error);
  finish (cli);
}

static void
on_file (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) file = stellar_client_file_finish (STELLAR_CLIENT (source), result, &error);

  if (file == NULL)
    return fail (cli, error);

  print_object (cli, file);
  finish (cli);
}

static void
on_frame (StellarClient *client,
          JsonNode      *frame,
          Cli           *cli)
{
  print_json (cli, frame);
}

static void
on_joined (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!stellar_client_room_add_finish (STELLAR_CLIENT (source), result, &error))
    fail (cli, error);
}

static void
on_client_error (StellarClient *client,
                 const GError  *error,
                 Cli           *cli)
{
  g_printerr ("stellar-cli: %s\n", error->message);
}

static void
on_state (StellarClient *client,
          GParamSpec    *pspec,
          Cli           *cli)
{
  /* Listening ends only when the client gives up. */
  if (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED)
    {
      cli->status = 1;
      cli->done = TRUE;
    }
}

static gboolean
check_arguments (Cli        *cli,
                 guint       min,
                 guint       max,
                 const char *usage)
{
  guint count = g_strv_length (cli->args);

  if (count >= min && count <= max)
    return TRUE;

  g_printerr ("Usage: stellar-cli URL %s\n", usage);
  cli->status = 2;
  finish (cli);
  return FALSE;
}

/* Runs the command once the connection is there (or without one). */
static void
run_command (Cli *cli)
{
  const char *command = cli->args[0];
  g_autoptr(GError) error = NULL;

  if (g_str_equal (command, "details"))
    {
      print_object (cli, stellar_client_get_details (cli->client));
      finish (cli);
    }
  else if (g_str_equal (command, "action"))
    {
      g_autoptr(JsonNode) params = NULL;

      if (!check_arguments (cli, 2, 3, "action NAME [PARAMS-JSON] [--http]"))
        return;
      if (cli->args[2] != NULL)
        {
          params = parse_json_argument (cli->args[2], &error);
          if (params == NULL || !JSON_NODE_HOLDS_OBJECT (params))
            {
              g_printerr ("stellar-cli: the parameters must be a JSON object%s%s\n",
                          error ? ": " : "", error ? error->message : "");
              cli->status = 2;
              return finish (cli);
            }
        }
      stellar_client_action_full_async (cli->client, cli->args[1],
                                        params ? json_node_get_object (params) : NULL,
                                        cli->over_http ? STELLAR_TRANSPORT_HTTP : STELLAR_TRANSPORT_AUTO,
                                        NULL, on_action, cli);
    }
  else if (g_str_equal (command, "say"))
    {
      if (check_arguments (cli, 3, 3, "say ROOM MESSAGE"))
        stellar_client_say_async (cli->client, cli->args[1], cli->args[2], NULL, on_said, cli);
    }
  else if (g_str_equal (command, "emit"))
    {
      g_autoptr(JsonNode) data = NULL;

      if (!check_arguments (cli, 3, 4, "emit ROOM EVENT [DATA-JSON]"))
        return;
      if (cli->args[3] != NULL && (data = parse_json_argument (cli->args[3], &error)) == NULL)
        {
          g_printerr ("stellar-cli: the data is not JSON: %s\n", error->message);
          cli->status = 2;
          return finish (cli);
        }
      stellar_client_emit_async (cli->client, cli->args[1], cli->args[2], data, NULL, on_emitted, cli);
    }
  else if (g_str_equal (command, "listen"))
    {
      if (!check_arguments (cli, 2, G_MAXUINT, "listen ROOM…"))
        return;
      g_signal_connect (cli->client, "message", G_CALLBACK (on_frame), cli);
      g_signal_connect (cli->client, "notify::state", G_CALLBACK (on_state), cli);
      for (guint i = 1; cli->args[i] != NULL; i++)
        stellar_client_room_add_async (cli->client, cli->args[i], NULL, on_joined, cli);
    }
  else if (g_str_equal (command, "file"))
    {
      if (check_arguments (cli, 2, 2, "file PATH"))
        stellar_client_file_async (cli->client, cli->args[1], NULL, on_file, cli);
    }
  else
    {
      g_printerr ("stellar-cli: unknown command “%s”\n", command);
      cli->status = 2;
      finish (cli);
    }
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = stellar_client_connect_finish (STELLAR_CLIENT (source), result, &error);

  if (details == NULL)
    return fail (cli, error);

  run_command (cli);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gboolean over_http = FALSE;
  gboolean compact = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "http", 0, 0, G_OPTION_ARG_NONE, &over_http, "Call actions over HTTP, without connecting", NULL },
    { "compact", 'c', 0, G_OPTION_ARG_NONE, &compact, "Print JSON on one line", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, "URL COMMAND [ARGUMENTS…]" },
    { NULL }
  };
  Cli cli = { 0 };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Talk to a server built with the Stellar web framework.\n\n"
                                "Commands:\n"
                                "  details                      the connection's details\n"
                                "  action NAME [PARAMS-JSON]    call an action\n"
                                "  say ROOM MESSAGE             say something in a room\n"
                                "  emit ROOM EVENT [DATA-JSON]  send an event to a room\n"
                                "  listen ROOM…                 join rooms and print every frame\n"
                                "  file PATH                    get a file of the public folder");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("stellar-cli: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("stellar-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (args == NULL || g_strv_length (args) < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }

  cli.client = stellar_client_new (args[0]);
  cli.args = &args[1];
  cli.over_http = over_http;
  cli.pretty = !compact;
  g_signal_connect (cli.client, "error", G_CALLBACK (on_client_error), &cli);

  /* Actions over HTTP and files need no WebSocket connection. */
  if ((over_http && g_str_equal (cli.args[0], "action")) || g_str_equal (cli.args[0], "file"))
    run_command (&cli);
  else
    stellar_client_connect_async (cli.client, NULL, on_connected, &cli);

  while (!cli.done)
    g_main_context_iteration (NULL, TRUE);

  stellar_client_disconnect (cli.client);
  g_clear_object (&cli.client);

  return cli.status;
}
