/* stellar-cli.c: the command line, and what every command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "stellar-cli.h"

const StellarCliCommand stellar_cli_commands[] = {
  { "details", "", N_("Print the connection’s details"), stellar_cli_details },
  { "action", N_("NAME [PARAMETER…]"), N_("Call an action and print its response"),
    stellar_cli_action },
  { "say", N_("ROOM MESSAGE…"), N_("Join a room, say something there, and leave"),
    stellar_cli_say },
  { "emit", N_("ROOM EVENT [DATA…]"), N_("Join a room, send an event there, and leave"),
    stellar_cli_emit },
  { "room-view", N_("ROOM"), N_("Join a room, print who is in it, and leave"),
    stellar_cli_room_view },
  { "listen", N_("[ROOM…]"), N_("Join rooms and print what happens there, a JSON line each"),
    stellar_cli_listen },
  { "file", N_("PATH"), N_("Print a file of the server’s public folder"), stellar_cli_file },
  { "bench", N_("ACTION [PARAMETER…]"), N_("Call an action many times and measure it"),
    stellar_cli_bench },
  { NULL }
};

const StellarCliCommand *
stellar_cli_lookup_command (const char *name)
{
  for (const StellarCliCommand *command = stellar_cli_commands; command->name != NULL; command++)
    if (g_strcmp0 (command->name, name) == 0)
      return command;

  return NULL;
}

/* --- waiting for the client ---------------------------------------------- */

void
stellar_cli_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main loop until an asynchronous call stored its result. */
GAsyncResult *
stellar_cli_wait (StellarCli    *cli,
                  GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

typedef struct {
  StellarCli  *cli;
  GSourceFunc  callback;
  gpointer     data;
} Interrupt;

static gboolean
on_interrupt (gpointer user_data)
{
  Interrupt *interrupt = user_data;

  interrupt->cli->interrupted = TRUE;
  return interrupt->callback (interrupt->data);
}

/* Ctrl+C and SIGTERM call @callback (for as long as it returns
 * G_SOURCE_CONTINUE) instead of ending the process. */
void
stellar_cli_catch_interrupt (StellarCli  *cli,
                             GSourceFunc  callback,
                             gpointer     data)
{
  int signals[] = { SIGINT, SIGTERM };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      Interrupt *interrupt = g_new (Interrupt, 1);

      interrupt->cli = cli;
      interrupt->callback = callback;
      interrupt->data = data;
      g_clear_handle_id (&cli->interrupt_sources[i], g_source_remove);
      cli->interrupt_sources[i] = g_unix_signal_add_full (G_PRIORITY_DEFAULT, signals[i],
                                                          on_interrupt, interrupt, g_free);
    }
}

/* --- failing ------------------------------------------------------------- */

/* Says what went wrong, with the server's whole answer when it gave one. */
int
stellar_cli_fail (StellarCli   *cli,
                  const GError *error)
{
  JsonNode *response = stellar_error_get_response (error);

  stellar_cli_output_error (&cli->err, "%s", error->message);
  if (response != NULL)
    stellar_cli_output_json (&cli->err, response);

  return STELLAR_CLI_EXIT_FAILED;
}

int
stellar_cli_usage_error (StellarCli   *cli,
                         const GError *error)
{
  stellar_cli_output_error (&cli->err, "%s", error->message);

  return STELLAR_CLI_EXIT_USAGE;
}

/* The options every command takes, wherever they are on the line. */
static GOptionGroup *
output_options (StellarCli *cli)
{
  const GOptionEntry entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &cli->color_name,
      N_("Colour the output: auto (on a terminal), always or never"), N_("WHEN") },
    { "compact", 'c', 0, G_OPTION_ARG_NONE, &cli->compact, N_("Print JSON on one line"), NULL },
    { "http", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &cli->over_http,
      N_("Call actions over HTTP, without a WebSocket"), NULL },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("output", _("Output Options:"),
                                            _("Show the output options"), NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);

  return group;
}

/* Sets up the outputs as the options say; FALSE for a bad --color. */
static gboolean
apply_output_options (StellarCli *cli)
{
  StellarCliColor color = STELLAR_CLI_COLOR_AUTO;
  gboolean valid = cli->color_name == NULL || stellar_cli_color_parse (cli->color_name, &color);

  stellar_cli_output_init (&cli->out, stdout, color, !cli->compact);
  stellar_cli_output_init (&cli->err, stderr, color, TRUE);

  if (!valid)
    stellar_cli_output_error (&cli->err, _("--color is auto, always or never, not “%s”"),
                              cli->color_name);

  return valid;
}

GOptionContext *
stellar_cli_command_context (StellarCli              *cli,
                             const StellarCliCommand *command,
                             const GOptionEntry      *entries)
{
  g_autofree char *parameters = g_strdup_printf ("[URL] %s %s", command->name,
                                                 _(command->arguments));
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, output_options (cli));

  return context;
}

/*
 * stellar_cli_parse_command:
 * @argc: (inout): the command's arguments, its name first
 * @argv: (inout): same
 * @min_args: how many arguments the command needs after its name
 * @max_args: how many it takes at most, -1 for any number
 * @status: (out): the exit status, when parsing fails
 *
 * Parses the command's options, wherever they are among its arguments.
 *
 * Returns: whether to go on
 */
gboolean
stellar_cli_parse_command (StellarCli       *cli,
                           GOptionContext   *context,
                           int              *argc,
                           char           ***argv,
                           int               min_args,
                           int               max_args,
                           int              *status)
{
  g_autoptr(GError) error = NULL;
  int count;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = stellar_cli_usage_error (cli, error);
      return FALSE;
    }

  if (!apply_output_options (cli))
    {
      *status = STELLAR_CLI_EXIT_USAGE;
      return FALSE;
    }

  count = *argc - 1;
  if (count < min_args || (max_args >= 0 && count > max_args))
    {
      g_autofree char *help = g_option_context_get_help (context, FALSE, NULL);

      stellar_cli_output_error (&cli->err, count < min_args ? _("Missing arguments")
                                                            : _("Too many arguments"));
      fputs (help, cli->err.stream);
      *status = STELLAR_CLI_EXIT_USAGE;
      return FALSE;
    }

  return TRUE;
}

/* --- the connection and its rooms ---------------------------------------- */

int
stellar_cli_connect (StellarCli *cli)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_connect_async (cli->client, NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  details = stellar_client_connect_finish (cli->client, result, &error);

  return details != NULL ? STELLAR_CLI_EXIT_OK : stellar_cli_fail (cli, error);
}

/* Stellar lets only a room's members speak or look in it: a one-shot
 * command joins first, as a person means it. */
int
stellar_cli_join (StellarCli *cli,
                  const char *room)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_room_add_async (cli->client, room, NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);

  if (!stellar_client_room_add_finish (cli->client, result, &error))
    return stellar_cli_fail (cli, error);

  return STELLAR_CLI_EXIT_OK;
}

/* Leaves @room, as the connection found it; a failure says so but changes
 * nothing of the command's outcome. */
void
stellar_cli_leave (StellarCli *cli,
                   const char *room)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_room_leave_async (cli->client, room, NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);

  if (!stellar_client_room_leave_finish (cli->client, result, &error))
    g_debug ("Could not leave %s: %s", room, error->message);
}

/* --- the command line ---------------------------------------------------- */

/* What a run leaves behind: the connection is closed on purpose. */
void
stellar_cli_clear (StellarCli *cli)
{
  for (guint i = 0; i < G_N_ELEMENTS (cli->interrupt_sources); i++)
    g_clear_handle_id (&cli->interrupt_sources[i], g_source_remove);

  if (cli->client != NULL)
    {
      stellar_client_disconnect (cli->client);
      g_clear_object (&cli->client);
    }

  g_clear_pointer (&cli->color_name, g_free);
}

static void
on_client_error (StellarClient *client,
                 const GError  *error,
                 StellarCli    *cli)
{
  stellar_cli_output_error (&cli->err, "%s", error->message);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (const StellarCliCommand *command = stellar_cli_commands; command->name != NULL; command++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", command->name, _(command->arguments));
      glong width = g_utf8_strlen (usage, -1);

      /* Padded by characters, not bytes: “…” is one. */
      g_string_append_printf (text, "\n  %s%*s %s", usage, (int) MAX (0, 28 - width), "",
                              _(command->summary));
    }

  g_string_append (text, "\n\n");
  g_string_append (text, _("Without a URL, the server is the one $STELLAR_URL names.\n"
                           "PARAMETER is KEY=VALUE (a string), KEY:=JSON (any JSON value), a JSON\n"
                           "object, or - to read a JSON object from the standard input.\n"
                           "“stellar-cli COMMAND --help” shows a command’s options; man stellar-cli\n"
                           "tells all."));

  return g_string_free (text, FALSE);
}

static gboolean
asks_for_help (int    argc,
               char **argv)
{
  for (int i = 0; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
        g_str_equal (argv[i], "-?"))
      return TRUE;

  return FALSE;
}

int
stellar_cli_main (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const StellarCliCommand *command;
  const char *url = NULL;
  gboolean version = FALSE;
  g_auto(StellarCli) cli = { 0 };
  int first;
  const GOptionEntry entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &cli.color_name,
      N_("Colour the output: auto (on a terminal), always or never"), N_("WHEN") },
    { "compact", 'c', 0, G_OPTION_ARG_NONE, &cli.compact, N_("Print JSON on one line"), NULL },
    { "http", 0, 0, G_OPTION_ARG_NONE, &cli.over_http,
      N_("Call actions over HTTP, without a WebSocket"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[URL] COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Talk to a server built with the Stellar web framework."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* The command's own options come after it. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      apply_output_options (&cli);
      return stellar_cli_usage_error (&cli, error);
    }

  if (!apply_output_options (&cli))
    return STELLAR_CLI_EXIT_USAGE;

  if (version)
    {
      g_print ("stellar-cli %s\n", PACKAGE_VERSION);
      return STELLAR_CLI_EXIT_OK;
    }

  /* stellar-cli [URL] COMMAND …: the URL may come from the environment; a
   * first word that is no address is taken for a mistyped command. Options
   * may stand after the URL too. */
  first = 1;
  if (argc >= 2 && stellar_cli_lookup_command (argv[1]) == NULL && strchr (argv[1], ':') != NULL)
    {
      url = argv[1];
      argv[1] = argv[0];
      argc--;
      argv++;
      if (!g_option_context_parse (context, &argc, &argv, &error))
        return stellar_cli_usage_error (&cli, error);
      if (!apply_output_options (&cli))
        return STELLAR_CLI_EXIT_USAGE;
    }
  else
    url = g_getenv ("STELLAR_URL");

  command = argc > first ? stellar_cli_lookup_command (argv[first]) : NULL;
  if (command == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (argc > first)
        stellar_cli_output_error (&cli.err, _("Unknown command “%s”"), argv[first]);
      else
        stellar_cli_output_error (&cli.err, _("Which command?"));
      fputs (help, stderr);
      return STELLAR_CLI_EXIT_USAGE;
    }

  if ((url == NULL || *url == '\0') && !asks_for_help (argc - first, argv + first))
    {
      stellar_cli_output_error (&cli.err, _("Which server? Give its URL, or set STELLAR_URL"));
      return STELLAR_CLI_EXIT_USAGE;
    }

  if (url != NULL)
    {
      cli.client = stellar_client_new (url);
      g_signal_connect (cli.client, "error", G_CALLBACK (on_client_error), &cli);
    }

  return command->run (&cli, argc - first, argv + first);
}
