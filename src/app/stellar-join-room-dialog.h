/* stellar-join-room-dialog.h: asks for a room to join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_JOIN_ROOM_DIALOG (stellar_join_room_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StellarJoinRoomDialog, stellar_join_room_dialog, STELLAR, JOIN_ROOM_DIALOG, AdwWindow)

StellarJoinRoomDialog *stellar_join_room_dialog_new (GtkWindow      *parent,
                                                     StellarSession *session);

G_END_DECLS
