/* stellar-cli-rooms.c: say, emit, room-view and listen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-cli.h"
#include "stellar-cli-params.h"

/* A real Stellar server lets only a room's members speak or look in it:
 * each of these commands joins the room first and leaves it after, the way
 * a person means "say hello in defaultRoom". */

int
stellar_cli_say (StellarCli  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("say"), NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *room;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 2, -1, &status))
    return status;

  room = argv[1];
  message = g_strjoinv (" ", argv + 2);

  if ((status = stellar_cli_connect (cli)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_join (cli, room)) != STELLAR_CLI_EXIT_OK)
    return status;

  stellar_client_say_async (cli->client, room, message, NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  if (!stellar_client_say_finish (cli->client, result, &error))
    status = stellar_cli_fail (cli, error);

  stellar_cli_leave (cli, room);
  return status;
}

/* DATA is one JSON value of any kind (`true`, `"text"`, `[1,2]`), or
 * PARAMETERs that make an object, as for an action. */
static int
read_event_data (StellarCli  *cli,
                 char       **args,
                 JsonNode   **data)
{
  g_autoptr(JsonObject) object = NULL;
  int status;

  *data = NULL;
  if (args[0] == NULL)
    return STELLAR_CLI_EXIT_OK;

  if (args[1] == NULL && !g_str_equal (args[0], "-"))
    {
      *data = stellar_cli_parse_json (args[0], -1, "", NULL);
      if (*data != NULL)
        return STELLAR_CLI_EXIT_OK;
    }

  if ((status = stellar_cli_read_params (cli, args, &object)) != STELLAR_CLI_EXIT_OK)
    return status;

  *data = json_node_init_object (json_node_alloc (), object);
  return STELLAR_CLI_EXIT_OK;
}

int
stellar_cli_emit (StellarCli  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("emit"), NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  const char *room;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 2, -1, &status))
    return status;

  room = argv[1];
  if ((status = read_event_data (cli, argv + 3, &data)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_connect (cli)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_join (cli, room)) != STELLAR_CLI_EXIT_OK)
    return status;

  stellar_client_emit_async (cli->client, room, argv[2], data, NULL,
                             stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  if (!stellar_client_emit_finish (cli->client, result, &error))
    status = stellar_cli_fail (cli, error);

  stellar_cli_leave (cli, room);
  return status;
}

int
stellar_cli_room_view (StellarCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("room-view"), NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) view = NULL;
  const char *room;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 1, 1, &status))
    return status;

  room = argv[1];
  if ((status = stellar_cli_connect (cli)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_join (cli, room)) != STELLAR_CLI_EXIT_OK)
    return status;

  stellar_client_room_view_async (cli->client, room, NULL, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  view = stellar_client_room_view_finish (cli->client, result, &error);
  if (view != NULL)
    stellar_cli_output_object (&cli->out, view);
  else
    status = stellar_cli_fail (cli, error);

  stellar_cli_leave (cli, room);
  return status;
}

/* --- listen -------------------------------------------------------------- */

typedef struct {
  StellarCli *cli;
  gboolean    done;
  int         status;
} Listener;

static void
on_say (StellarClient *client,
        JsonObject    *frame,
        Listener      *listener)
{
  stellar_cli_output_object_line (&listener->cli->out, frame);
}

/* --frames: every frame either way, as {"direction": "in"|"out", "frame": …},
 * the frame as JSON where it is JSON (the client's own, not parsed again)
 * and as a string where it is not. */
static void
on_wire (StellarClient *client,
         gboolean       outgoing,
         const char    *text,
         JsonNode      *frame,
         Listener      *listener)
{
  g_autoptr(JsonObject) line = json_object_new ();

  json_object_set_string_member (line, "direction", outgoing ? "out" : "in");
  if (frame != NULL)
    json_object_set_member (line, "frame", json_node_copy (frame));
  else
    json_object_set_string_member (line, "frame", text);

  stellar_cli_output_object_line (&listener->cli->out, line);
}

static void
on_state_changed (StellarClient *client,
                  GParamSpec    *pspec,
                  Listener      *listener)
{
  /* The client reconnects by itself; it ends only when it gives up. */
  if (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED && !listener->done)
    {
      listener->status = STELLAR_CLI_EXIT_FAILED;
      listener->done = TRUE;
    }
}

static gboolean
on_interrupted (gpointer user_data)
{
  Listener *listener = user_data;

  listener->done = TRUE;
  return G_SOURCE_CONTINUE;
}

int
stellar_cli_listen (StellarCli  *cli,
                    int          argc,
                    char       **argv)
{
  gboolean frames = FALSE;
  const GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_NONE, &frames,
      N_("Print every frame, in and out, heartbeats and replies included"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("listen"), entries);
  g_autofree char *default_room = NULL;
  Listener listener = { cli, FALSE, STELLAR_CLI_EXIT_OK };
  char **rooms;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 0, -1, &status))
    return status;

  /* Without a room, the client's default room. */
  g_object_get (cli->client, "default-room", &default_room, NULL);
  rooms = argc > 1 ? argv + 1 : (char *[]) { default_room, NULL };

  if (frames)
    g_signal_connect (cli->client, "wire", G_CALLBACK (on_wire), &listener);
  else
    {
      g_signal_connect (cli->client, "say", G_CALLBACK (on_say), &listener);
      g_signal_connect (cli->client, "alert", G_CALLBACK (on_say), &listener);
    }

  if ((status = stellar_cli_connect (cli)) != STELLAR_CLI_EXIT_OK)
    return status;

  for (guint i = 0; rooms[i] != NULL; i++)
    if ((status = stellar_cli_join (cli, rooms[i])) != STELLAR_CLI_EXIT_OK)
      return status;

  g_signal_connect (cli->client, "notify::state", G_CALLBACK (on_state_changed), &listener);
  stellar_cli_catch_interrupt (cli, on_interrupted, &listener);

  while (!listener.done)
    g_main_context_iteration (NULL, TRUE);

  if (listener.status == STELLAR_CLI_EXIT_OK)
    for (guint i = 0; rooms[i] != NULL; i++)
      stellar_cli_leave (cli, rooms[i]);

  g_signal_handlers_disconnect_by_data (cli->client, &listener);
  return listener.status;
}
