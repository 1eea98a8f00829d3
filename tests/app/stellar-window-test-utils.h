/* stellar-window-test-utils.h: what the widget tests of a window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-window.h"

G_BEGIN_DECLS

gpointer   stellar_test_template_child      (gpointer       widget,
                                             GType          type,
                                             const char    *name);
gboolean   stellar_test_window_is_connected (StellarWindow *window);
gboolean   stellar_test_window_shows_page   (StellarWindow *window,
                                             const char    *name);
GtkWindow *stellar_test_find_toplevel       (GType          type);

StellarWindow *stellar_test_window_open  (const char         *url,
                                          const char * const *rooms,
                                          const char         *page);
void           stellar_test_window_close (StellarWindow      *window);

G_END_DECLS
