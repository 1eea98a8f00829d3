/* stellar-message-row-parts.c: the parts of a message row seldom shown
 *
 * A list view keeps some two hundred rows. Most of them show a message and
 * nothing else: a day's divider, the "new messages" line, the sending and
 * failed states, a room event and a server notice are made the first time
 * a row shows them, so that rows cost their visible widgets only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-message-row-private.h"

static GtkWidget *
label_new (const char * const *classes)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_css_classes (label, (const char **) classes);
  return label;
}

static GtkWidget *
icon_new (const char *icon_name,
          const char *css_class)
{
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", icon_name,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  return image;
}

static GtkWidget *
separator_new (void)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_set_hexpand (separator, TRUE);
  gtk_widget_set_valign (separator, GTK_ALIGN_CENTER);
  return separator;
}

/* A line across the row with a label in its middle. */
GtkWidget *
_stellar_message_part_divider_new (const char          *css_class,
                                   const char * const  *label_classes,
                                   GtkLabel           **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  *label = GTK_LABEL (label_new (label_classes));
  gtk_widget_add_css_class (box, css_class);
  gtk_box_append (GTK_BOX (box), separator_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));
  gtk_box_append (GTK_BOX (box), separator_new ());
  return box;
}

GtkWidget *
_stellar_message_part_pending_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = label_new ((const char *[]) { NULL });

  gtk_label_set_text (GTK_LABEL (label), _("Sending…"));
  gtk_widget_add_css_class (box, "caption");
  gtk_widget_add_css_class (box, "dim-label");
  gtk_box_append (GTK_BOX (box), icon_new ("document-open-recent-symbolic", NULL));
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* Grids, not boxes, around wrapping labels: see stellar-message-row.ui. */
GtkWidget *
_stellar_message_part_failed_new (GtkLabel **label)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));

  *label = GTK_LABEL (label_new ((const char *[]) { "caption", "error", NULL }));
  gtk_label_set_wrap (*label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (*label), TRUE);

  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "message-row.retry");
  gtk_widget_add_css_class (retry, "retry-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (retry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Retry"),
                                  -1);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), icon_new ("dialog-error-symbolic", "error"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (*label), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), retry, 2, 0, 1, 1);
  return grid;
}

GtkWidget *
_stellar_message_part_event_new (GtkLabel **label,
                                 GtkLabel **time_label)
{
  GtkWidget *grid = gtk_grid_new ();

  *label = GTK_LABEL (label_new ((const char *[]) { "caption", "dim-label", NULL }));
  gtk_widget_set_hexpand (GTK_WIDGET (*label), TRUE);
  gtk_label_set_wrap (*label, TRUE);
  gtk_label_set_wrap_mode (*label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (*label, 2);
  gtk_label_set_ellipsize (*label, PANGO_ELLIPSIZE_END);
  *time_label = GTK_LABEL (label_new ((const char *[]) { "caption", "dim-label", "numeric", NULL }));

  gtk_widget_add_css_class (grid, "room-event");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_attach (GTK_GRID (grid), icon_new ("emblem-synchronizing-symbolic", "dim-label"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (*label), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (*time_label), 2, 0, 1, 1);
  return grid;
}

GtkWidget *
_stellar_message_part_alert_new (GtkLabel **label,
                                 GtkLabel **time_label)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = icon_new ("dialog-warning-symbolic", NULL);

  *label = GTK_LABEL (label_new ((const char *[]) { NULL }));
  gtk_widget_set_hexpand (GTK_WIDGET (*label), TRUE);
  gtk_label_set_wrap (*label, TRUE);
  gtk_label_set_wrap_mode (*label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (*label, TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (*label), FALSE);
  *time_label = GTK_LABEL (label_new ((const char *[]) { "caption", "numeric", NULL }));
  gtk_widget_set_valign (GTK_WIDGET (*time_label), GTK_ALIGN_START);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);

  gtk_widget_add_css_class (grid, "alert-notice");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (*label), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (*time_label), 2, 0, 1, 1);
  return grid;
}
