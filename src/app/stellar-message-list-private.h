/* stellar-message-list-private.h: what only the session changes in a
 * room's conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-message-list.h"

G_BEGIN_DECLS

StellarMessageList *_stellar_message_list_new           (void);
void                _stellar_message_list_append        (StellarMessageList *self,
                                                         GPtrArray          *messages);
void                _stellar_message_list_prepend       (StellarMessageList *self,
                                                         GPtrArray          *messages);
StellarMessage     *_stellar_message_list_peek          (StellarMessageList *self,
                                                         guint               position);
StellarMessage     *_stellar_message_list_find_stored   (StellarMessageList *self,
                                                         gint64              store_id,
                                                         const char         *sender_id,
                                                         gint64              time_us,
                                                         const char         *text);

G_END_DECLS
