/* stellar-room-row.h: a room in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-room.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM_ROW (stellar_room_row_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoomRow, stellar_room_row, STELLAR, ROOM_ROW, GtkListBoxRow)

GtkWidget   *stellar_room_row_new      (StellarRoom    *room);
StellarRoom *stellar_room_row_get_room (StellarRoomRow *self);

G_END_DECLS
