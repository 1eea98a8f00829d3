/* stellar-cli-actions.c: details, action and file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "stellar-cli.h"
#include "stellar-cli-params.h"

int
stellar_cli_details (StellarCli  *cli,
                     int          argc,
                     char       **argv)
{
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("details"), NULL);
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 0, 0, &status))
    return status;

  if ((status = stellar_cli_connect (cli)) != STELLAR_CLI_EXIT_OK)
    return status;

  stellar_cli_output_object (&cli->out, stellar_client_get_details (cli->client));
  return STELLAR_CLI_EXIT_OK;
}

/* Reads the PARAMETER arguments; returns the exit status of a usage error,
 * or STELLAR_CLI_EXIT_OK. */
int
stellar_cli_read_params (StellarCli   *cli,
             char        **args,
             JsonObject  **params)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GError) error = NULL;

  *params = stellar_cli_params_parse ((const char * const *) args, input, &error);
  if (*params == NULL)
    return stellar_cli_usage_error (cli, error);

  return STELLAR_CLI_EXIT_OK;
}

/* Picks the transport the options ask for, and connects unless it is HTTP,
 * which needs no connection at all. */
int
stellar_cli_choose_transport (StellarCli       *cli,
                        gboolean          http,
                        gboolean          websocket,
                        StellarTransport *transport)
{
  if (http && websocket)
    {
      stellar_cli_output_error (&cli->err, _("Choose --http or --websocket, not both"));
      return STELLAR_CLI_EXIT_USAGE;
    }

  if (http || (cli->over_http && !websocket))
    *transport = STELLAR_TRANSPORT_HTTP;
  else if (websocket)
    *transport = STELLAR_TRANSPORT_WEBSOCKET;
  else
    *transport = STELLAR_TRANSPORT_AUTO;

  if (*transport == STELLAR_TRANSPORT_HTTP)
    return STELLAR_CLI_EXIT_OK;

  return stellar_cli_connect (cli);
}

int
stellar_cli_action (StellarCli  *cli,
                    int          argc,
                    char       **argv)
{
  gboolean http = FALSE;
  gboolean websocket = FALSE;
  const GOptionEntry entries[] = {
    { "http", 0, 0, G_OPTION_ARG_NONE, &http, N_("Call the action over HTTP, without a WebSocket"),
      NULL },
    { "websocket", 0, 0, G_OPTION_ARG_NONE, &websocket, N_("Call the action over the WebSocket"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("action"), entries);
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  StellarTransport transport;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 1, -1, &status))
    return status;

  if ((status = stellar_cli_read_params (cli, argv + 2, &params)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_choose_transport (cli, http, websocket, &transport)) != STELLAR_CLI_EXIT_OK)
    return status;

  stellar_client_action_full_async (cli->client, argv[1], params, transport, NULL,
                                    stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  response = stellar_client_action_finish (cli->client, result, &error);
  if (response == NULL)
    return stellar_cli_fail (cli, error);

  stellar_cli_output_json (&cli->out, response);
  return STELLAR_CLI_EXIT_OK;
}

int
stellar_cli_file (StellarCli  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("file"), NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 1, 1, &status))
    return status;

  /* Files come over HTTP: no WebSocket needed. */
  stellar_client_file_async (cli->client, argv[1], NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  file = stellar_client_file_finish (cli->client, result, &error);
  if (file == NULL)
    return stellar_cli_fail (cli, error);

  stellar_cli_output_object (&cli->out, file);
  return STELLAR_CLI_EXIT_OK;
}
