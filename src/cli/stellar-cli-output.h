/* stellar-cli-output.h: what stellar-cli prints, in colour on a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  STELLAR_CLI_COLOR_AUTO,
  STELLAR_CLI_COLOR_ALWAYS,
  STELLAR_CLI_COLOR_NEVER,
} StellarCliColor;

typedef struct {
  FILE     *stream;
  gboolean  color;
  gboolean  pretty;
} StellarCliOutput;

gboolean stellar_cli_color_parse       (const char        *text,
                                        StellarCliColor   *color);
void     stellar_cli_output_init       (StellarCliOutput  *output,
                                        FILE              *stream,
                                        StellarCliColor    color,
                                        gboolean           pretty);
gboolean stellar_cli_output_is_terminal (StellarCliOutput *output);
void     stellar_cli_output_json       (StellarCliOutput  *output,
                                        JsonNode          *node);
void     stellar_cli_output_json_line  (StellarCliOutput  *output,
                                        JsonNode          *node);
void     stellar_cli_output_object     (StellarCliOutput  *output,
                                        JsonObject        *object);
void     stellar_cli_output_object_line (StellarCliOutput *output,
                                         JsonObject       *object);
void     stellar_cli_output_error      (StellarCliOutput  *output,
                                        const char        *format,
                                        ...) G_GNUC_PRINTF (2, 3);
char    *stellar_cli_colorize_json     (const char        *text);

G_END_DECLS
