/* stellar-params-parser.h: the parameters of a call, from the text a person typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *stellar_params_parse      (const char  *text,
                                       guint       *line,
                                       guint       *column,
                                       GError     **error);
JsonNode   *stellar_params_parse_value (const char  *text,
                                        GError     **error);

G_END_DECLS
