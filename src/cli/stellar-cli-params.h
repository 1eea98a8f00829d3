/* stellar-cli-params.h: action parameters from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *stellar_cli_parse_json   (const char          *text,
                                      gssize               length,
                                      const char          *what,
                                      GError             **error);
JsonObject *stellar_cli_params_parse (const char * const  *args,
                                      GInputStream        *input,
                                      GError             **error);

G_END_DECLS
