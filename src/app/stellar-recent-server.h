/* stellar-recent-server.h: one server connected to lately
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_RECENT_SERVER (stellar_recent_server_get_type ())

G_DECLARE_FINAL_TYPE (StellarRecentServer, stellar_recent_server, STELLAR, RECENT_SERVER, GObject)

StellarRecentServer *stellar_recent_server_new       (const char          *url);
const char          *stellar_recent_server_get_url   (StellarRecentServer *self);
const char          *stellar_recent_server_get_title (StellarRecentServer *self);

G_END_DECLS
