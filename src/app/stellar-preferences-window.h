/* stellar-preferences-window.h: the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_PREFERENCES_WINDOW (stellar_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (StellarPreferencesWindow, stellar_preferences_window, STELLAR, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *stellar_preferences_window_new (GSettings  *settings,
                                           GListModel *recent_servers,
                                           const char *current_server);

G_END_DECLS
