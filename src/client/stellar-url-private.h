/* stellar-url-private.h: the addresses of a Stellar server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GUri *_stellar_url_parse_base      (const char *url,
                                    GError    **error);
GUri *_stellar_url_build_http      (GUri       *base,
                                    const char *path,
                                    const char *query);
GUri *_stellar_url_build_websocket (GUri       *base,
                                    const char *session_id);
char *_stellar_url_describe        (GUri       *base);

G_END_DECLS
