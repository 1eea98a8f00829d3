/* stellar-file-chooser.h: the file choosers of exports and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileChooserNative *stellar_file_chooser_new (GtkWidget            *widget,
                                                const char           *title,
                                                GtkFileChooserAction  action,
                                                const char           *accept_label,
                                                const char           *filter_name,
                                                const char           *mime_type,
                                                const char           *suffix);

G_END_DECLS
