/* stellar-window.h: one window, one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <stellar-client.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_WINDOW (stellar_window_get_type ())

G_DECLARE_FINAL_TYPE (StellarWindow, stellar_window, STELLAR, WINDOW, AdwApplicationWindow)

StellarWindow  *stellar_window_new         (GtkApplication     *application);
StellarSession *stellar_window_get_session (StellarWindow      *self);
StellarClient  *stellar_window_get_client  (StellarWindow      *self);
void            stellar_window_connect_to  (StellarWindow      *self,
                                            const char         *url,
                                            const char * const *rooms);
void            stellar_window_show_room   (StellarWindow      *self,
                                            StellarRoom        *room);
void            stellar_window_show_tool   (StellarWindow      *self,
                                            const char         *tool);
GtkWidget      *stellar_window_get_page    (StellarWindow      *self,
                                            const char         *name);

G_END_DECLS
