/* stellar-room-private.h: what only the session changes in a room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-message-list-private.h"
#include "stellar-room.h"

G_BEGIN_DECLS

StellarRoom        *_stellar_room_new                  (const char     *name);
void                _stellar_room_set_joined           (StellarRoom    *self,
                                                        gboolean        joined);
void                _stellar_room_set_join_error       (StellarRoom    *self,
                                                        const char     *join_error);
void                _stellar_room_set_muted            (StellarRoom    *self,
                                                        gboolean        muted);
void                _stellar_room_set_active           (StellarRoom    *self,
                                                        gboolean        active);

StellarMessageList *_stellar_room_get_message_list     (StellarRoom    *self);
void                _stellar_room_add_message          (StellarRoom    *self,
                                                        StellarMessage *message,
                                                        gboolean        unread);
void                _stellar_room_flush_messages       (StellarRoom    *self);

void                _stellar_room_expect_echo          (StellarRoom    *self,
                                                        StellarMessage *message);
void                _stellar_room_forget_echo          (StellarRoom    *self,
                                                        StellarMessage *message);
StellarMessage     *_stellar_room_take_echo            (StellarRoom    *self,
                                                        const char     *text);

/* Paging in the history: the row of the oldest message read from it. */
gint64              _stellar_room_get_history_cursor   (StellarRoom    *self);
void                _stellar_room_add_history          (StellarRoom    *self,
                                                        GPtrArray      *messages,
                                                        gint64          cursor,
                                                        gboolean        complete);
void                _stellar_room_set_loading_history  (StellarRoom    *self,
                                                        gboolean        loading);

G_END_DECLS
