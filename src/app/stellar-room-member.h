/* stellar-room-member.h: someone in a room, as roomView tells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM_MEMBER (stellar_room_member_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoomMember, stellar_room_member, STELLAR, ROOM_MEMBER, GObject)

StellarRoomMember *stellar_room_member_new            (const char        *id,
                                                       const char        *name,
                                                       gint64             joined_at,
                                                       gboolean           is_you);
const char        *stellar_room_member_get_id         (StellarRoomMember *self);
const char        *stellar_room_member_get_name       (StellarRoomMember *self);
gint64             stellar_room_member_get_joined_at  (StellarRoomMember *self);
gboolean           stellar_room_member_get_is_you     (StellarRoomMember *self);

G_END_DECLS
