/* stellar-recent-servers.h: the servers connected to lately, from GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STELLAR_RECENT_SERVERS_MAX 10

#define STELLAR_TYPE_RECENT_SERVERS (stellar_recent_servers_get_type ())

G_DECLARE_FINAL_TYPE (StellarRecentServers, stellar_recent_servers, STELLAR, RECENT_SERVERS, GObject)

StellarRecentServers *stellar_recent_servers_new    (GSettings            *settings);
void                  stellar_recent_servers_add    (StellarRecentServers *self,
                                                     const char           *url);
void                  stellar_recent_servers_remove (StellarRecentServers *self,
                                                     const char           *url);

G_END_DECLS
