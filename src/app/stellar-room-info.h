/* stellar-room-info.h: who is in a room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM_INFO (stellar_room_info_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoomInfo, stellar_room_info, STELLAR, ROOM_INFO, GtkPopover)

void stellar_room_info_set_room (StellarRoomInfo *self,
                                 StellarSession  *session,
                                 StellarRoom     *room);

G_END_DECLS
