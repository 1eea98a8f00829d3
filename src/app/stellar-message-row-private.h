/* stellar-message-row-private.h: the parts of a message row seldom shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *_stellar_message_part_divider_new (const char          *css_class,
                                              const char * const  *label_classes,
                                              GtkLabel           **label);
GtkWidget *_stellar_message_part_pending_new (void);
GtkWidget *_stellar_message_part_failed_new  (GtkLabel           **label);
GtkWidget *_stellar_message_part_event_new   (GtkLabel           **label,
                                              GtkLabel           **time_label);
GtkWidget *_stellar_message_part_alert_new   (GtkLabel           **label,
                                              GtkLabel           **time_label);

G_END_DECLS
