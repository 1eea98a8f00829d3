/* stellar-connect-page.h: where a window asks which server to connect to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-recent-servers.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_CONNECT_PAGE (stellar_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (StellarConnectPage, stellar_connect_page, STELLAR, CONNECT_PAGE, GtkWidget)

const char *stellar_connect_page_get_url    (StellarConnectPage *self);
void        stellar_connect_page_set_url    (StellarConnectPage *self,
                                             const char         *url);
gboolean    stellar_connect_page_get_busy   (StellarConnectPage *self);
void        stellar_connect_page_set_busy   (StellarConnectPage *self,
                                             gboolean            busy);
void        stellar_connect_page_show_error (StellarConnectPage *self,
                                             const char         *message);
void        stellar_connect_page_clear_error (StellarConnectPage *self);
void        stellar_connect_page_connect    (StellarConnectPage *self);
void        stellar_connect_page_set_recent_servers (StellarConnectPage   *self,
                                                     StellarRecentServers *recent_servers);

G_END_DECLS
