/* stellar-server-url.h: reading a server address typed by a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *stellar_server_url_normalize         (const char  *text,
                                            GError     **error);
char *stellar_server_url_get_display_name  (const char  *url);

G_END_DECLS
