/* stellar-curl-command.h: an action call over HTTP, as a curl command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *stellar_curl_command_for_action (const char  *base_url,
                                       const char  *api_path,
                                       const char  *action,
                                       JsonObject  *params,
                                       GError     **error);

G_END_DECLS
