/* stellar-sender-avatar.h: the initial of a message's sender, in a disc
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_SENDER_AVATAR (stellar_sender_avatar_get_type ())

G_DECLARE_FINAL_TYPE (StellarSenderAvatar, stellar_sender_avatar, STELLAR, SENDER_AVATAR, GtkWidget)

GtkWidget  *stellar_sender_avatar_new         (void);
void        stellar_sender_avatar_set_name    (StellarSenderAvatar *self,
                                               const char          *name);
const char *stellar_sender_avatar_get_initial (StellarSenderAvatar *self);

G_END_DECLS
