/* stellar-room.h: one chat room of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-message.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM (stellar_room_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoom, stellar_room, STELLAR, ROOM, GObject)

const char *stellar_room_get_name             (StellarRoom *self);
gboolean    stellar_room_get_joined           (StellarRoom *self);
const char *stellar_room_get_join_error       (StellarRoom *self);
GListModel *stellar_room_get_messages         (StellarRoom *self);
guint       stellar_room_get_unread_count     (StellarRoom *self);
guint       stellar_room_get_mention_count    (StellarRoom *self);
gboolean    stellar_room_get_muted            (StellarRoom *self);
gboolean    stellar_room_get_active           (StellarRoom *self);
gboolean    stellar_room_get_history_complete (StellarRoom *self);
gboolean    stellar_room_get_loading_history  (StellarRoom *self);
const char *stellar_room_get_last_own_text    (StellarRoom *self);

G_END_DECLS
