/* stellar-message-body.h: a message laid out: the avatar beside its column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_MESSAGE_BODY (stellar_message_body_get_type ())

G_DECLARE_FINAL_TYPE (StellarMessageBody, stellar_message_body, STELLAR, MESSAGE_BODY, GtkWidget)

GtkWidget *stellar_message_body_new         (void);
GtkWidget *stellar_message_body_get_aside   (StellarMessageBody *self);
void       stellar_message_body_set_aside   (StellarMessageBody *self,
                                             GtkWidget          *aside);
GtkLabel  *stellar_message_body_get_text    (StellarMessageBody *self);
void       stellar_message_body_set_text    (StellarMessageBody *self,
                                             GtkLabel           *text);
int        stellar_message_body_get_spacing (StellarMessageBody *self);
void       stellar_message_body_set_spacing (StellarMessageBody *self,
                                             int                 spacing);

G_END_DECLS
