/* stellar-cli.h: what every stellar-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stellar-client.h>

#include "stellar-cli-output.h"

G_BEGIN_DECLS

/* Exit statuses: success; the server or the connection said no; the
 * command line is wrong. */
enum {
  STELLAR_CLI_EXIT_OK = 0,
  STELLAR_CLI_EXIT_FAILED = 1,
  STELLAR_CLI_EXIT_USAGE = 2,
};

typedef struct {
  StellarClient    *client;
  StellarCliOutput  out;
  StellarCliOutput  err;
  char             *color_name;
  gboolean          compact;
  gboolean          over_http;
  gboolean          interrupted;
  guint             interrupt_sources[2];
} StellarCli;

typedef struct {
  const char *name;
  const char *arguments;   /* for the usage line, translatable */
  const char *summary;     /* translatable */
  int       (*run)       (StellarCli *cli,
                          int         argc,
                          char      **argv);
} StellarCliCommand;

extern const StellarCliCommand stellar_cli_commands[];

void         stellar_cli_clear           (StellarCli        *cli);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StellarCli, stellar_cli_clear)

const StellarCliCommand *stellar_cli_lookup_command (const char        *name);
int          stellar_cli_main            (int                argc,
                                          char             **argv);

GOptionContext *stellar_cli_command_context (StellarCli              *cli,
                                             const StellarCliCommand *command,
                                             const GOptionEntry      *entries);
gboolean     stellar_cli_parse_command   (StellarCli        *cli,
                                          GOptionContext    *context,
                                          int               *argc,
                                          char            ***argv,
                                          int                min_args,
                                          int                max_args,
                                          int               *status);
int          stellar_cli_usage_error     (StellarCli        *cli,
                                          const GError      *error);
int          stellar_cli_fail            (StellarCli        *cli,
                                          const GError      *error);

GAsyncResult *stellar_cli_wait           (StellarCli        *cli,
                                          GAsyncResult     **slot);
void          stellar_cli_store_result   (GObject           *source,
                                          GAsyncResult      *result,
                                          gpointer           user_data);
void          stellar_cli_catch_interrupt (StellarCli       *cli,
                                           GSourceFunc       on_interrupt,
                                           gpointer          data);

int          stellar_cli_connect         (StellarCli        *cli);
int          stellar_cli_join            (StellarCli        *cli,
                                          const char        *room);
void         stellar_cli_leave           (StellarCli        *cli,
                                          const char        *room);

int          stellar_cli_read_params     (StellarCli        *cli,
                                          char             **args,
                                          JsonObject       **params);
int          stellar_cli_choose_transport (StellarCli       *cli,
                                           gboolean          http,
                                           gboolean          websocket,
                                           StellarTransport *transport);

/* the commands */
int stellar_cli_details   (StellarCli *cli, int argc, char **argv);
int stellar_cli_action    (StellarCli *cli, int argc, char **argv);
int stellar_cli_file      (StellarCli *cli, int argc, char **argv);
int stellar_cli_say       (StellarCli *cli, int argc, char **argv);
int stellar_cli_emit      (StellarCli *cli, int argc, char **argv);
int stellar_cli_room_view (StellarCli *cli, int argc, char **argv);
int stellar_cli_listen    (StellarCli *cli, int argc, char **argv);
int stellar_cli_bench     (StellarCli *cli, int argc, char **argv);

G_END_DECLS
