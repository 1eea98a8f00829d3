/* stellar-window.h: one window, one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <stellar-client.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_WINDOW (stellar_window_get_type ())

G_DECLARE_FINAL_TYPE (StellarWindow, stellar_window, STELLAR, WINDOW, AdwApplicationWindow)

StellarWindow *stellar_window_new        (GtkApplication *application);
StellarClient *stellar_window_get_client (StellarWindow  *self);
void           stellar_window_connect_to (StellarWindow  *self,
                                          const char     *url);

G_END_DECLS
