/* stellar-room.h: one chat room of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM (stellar_room_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoom, stellar_room, STELLAR, ROOM, GObject)

const char *stellar_room_get_name       (StellarRoom *self);
gboolean    stellar_room_get_joined     (StellarRoom *self);
const char *stellar_room_get_join_error (StellarRoom *self);

G_END_DECLS
