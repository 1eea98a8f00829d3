/* stellar-message-row.h: one message in a room's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-message.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_MESSAGE_ROW (stellar_message_row_get_type ())

G_DECLARE_FINAL_TYPE (StellarMessageRow, stellar_message_row, STELLAR, MESSAGE_ROW, GtkWidget)

GtkWidget      *stellar_message_row_new           (gboolean           standalone);
StellarMessage *stellar_message_row_get_message   (StellarMessageRow *self);
void            stellar_message_row_set_message   (StellarMessageRow *self,
                                                   StellarMessage    *message);

G_END_DECLS
