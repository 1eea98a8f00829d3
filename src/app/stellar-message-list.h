/* stellar-message-list.h: the conversation of a room, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-message.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_MESSAGE_LIST (stellar_message_list_get_type ())

G_DECLARE_FINAL_TYPE (StellarMessageList, stellar_message_list, STELLAR, MESSAGE_LIST, GObject)

gboolean stellar_message_list_find (StellarMessageList *self,
                                    StellarMessage     *message,
                                    guint              *position);

G_END_DECLS
