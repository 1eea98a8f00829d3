/* stellar-file-chooser.c: the file choosers of exports and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-file-chooser.h"

/**
 * stellar_file_chooser_new:
 * @widget: the widget asking, whose window the chooser is modal for
 * @title: the chooser's title
 * @action: open or save
 * @accept_label: the label of the button that accepts, with a mnemonic
 * @filter_name: the name of the one kind of file it offers ("JSON Files")
 * @mime_type: that kind's MIME type
 * @suffix: that kind's file name suffix, without the dot
 *
 * A portal's chooser inside a Flatpak, GTK's own outside it.
 *
 * Returns: (transfer full): a new chooser, not shown yet
 */
GtkFileChooserNative *
stellar_file_chooser_new (GtkWidget            *widget,
                          const char           *title,
                          GtkFileChooserAction  action,
                          const char           *accept_label,
                          const char           *filter_name,
                          const char           *mime_type,
                          const char           *suffix)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  return chooser;
}
