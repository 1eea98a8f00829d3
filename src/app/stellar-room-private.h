/* stellar-room-private.h: what only the session changes in a room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-room.h"

G_BEGIN_DECLS

StellarRoom *_stellar_room_new            (const char  *name);
void         _stellar_room_set_joined     (StellarRoom *self,
                                           gboolean     joined);
void         _stellar_room_set_join_error (StellarRoom *self,
                                           const char  *join_error);

G_END_DECLS
