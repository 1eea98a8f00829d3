/* stellar-sidebar.h: a session's rooms and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_SIDEBAR (stellar_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (StellarSidebar, stellar_sidebar, STELLAR, SIDEBAR, GtkWidget)

StellarSession *stellar_sidebar_get_session (StellarSidebar *self);
void            stellar_sidebar_set_session (StellarSidebar *self,
                                             StellarSession *session);
void            stellar_sidebar_select_room (StellarSidebar *self,
                                             StellarRoom    *room);
void            stellar_sidebar_select_tool (StellarSidebar *self,
                                             const char     *tool);

G_END_DECLS
