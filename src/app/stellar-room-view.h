/* stellar-room-view.h: a room's conversation, and the composer under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ROOM_VIEW (stellar_room_view_get_type ())

G_DECLARE_FINAL_TYPE (StellarRoomView, stellar_room_view, STELLAR, ROOM_VIEW, GtkWidget)

GtkWidget      *stellar_room_view_new         (void);
StellarSession *stellar_room_view_get_session (StellarRoomView *self);
void            stellar_room_view_set_session (StellarRoomView *self,
                                               StellarSession  *session);
StellarRoom    *stellar_room_view_get_room    (StellarRoomView *self);
void            stellar_room_view_set_room    (StellarRoomView *self,
                                               StellarRoom     *room);

G_END_DECLS
