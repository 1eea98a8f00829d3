/* stellar-message-private.h: what only the session, the room's list and
 * the history change in a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-message.h"

G_BEGIN_DECLS

/* Two messages from one sender less than this apart are shown as a group. */
#define STELLAR_MESSAGE_GROUP_USEC (5 * 60 * G_USEC_PER_SEC)

StellarMessage *_stellar_message_new              (StellarMessageKind      kind,
                                                   const char             *sender_id,
                                                   const char             *sender_name,
                                                   gint64                  time_us,
                                                   const char             *text);
StellarMessage *_stellar_message_new_own          (const char             *sender_id,
                                                   const char             *sender_name,
                                                   gint64                  time_us,
                                                   const char             *text,
                                                   const char             *uid);

void            _stellar_message_set_event_name   (StellarMessage         *self,
                                                   const char             *event_name);
void            _stellar_message_set_own          (StellarMessage         *self,
                                                   gboolean                own);
void            _stellar_message_set_delivery     (StellarMessage         *self,
                                                   StellarMessageDelivery  delivery,
                                                   const char             *error);
void            _stellar_message_set_mentions_you (StellarMessage         *self,
                                                   gboolean                mentions_you);
void            _stellar_message_set_grouped      (StellarMessage         *self,
                                                   gboolean                grouped);
void            _stellar_message_set_first_of_day (StellarMessage         *self,
                                                   gboolean                first_of_day);
void            _stellar_message_set_first_unread (StellarMessage         *self,
                                                   gboolean                first_unread);

/* Our own messages carry an id of their own, to find their row in the
 * history again when their delivery changes. */
const char     *_stellar_message_get_uid          (StellarMessage         *self);

/* Whether the server's broadcast of one of our messages came back. */
gboolean        _stellar_message_get_echoed       (StellarMessage         *self);
void            _stellar_message_set_echoed       (StellarMessage         *self,
                                                   gboolean                echoed);

/* The frame that brought or sent the message (StellarMessage:frame-id). */
void            _stellar_message_set_frame_id     (StellarMessage         *self,
                                                   guint64                 frame_id);

/* The message's row in the history database, 0 when it came live. */
gint64          _stellar_message_get_store_id     (StellarMessage         *self);
void            _stellar_message_set_store_id     (StellarMessage         *self,
                                                   gint64                  store_id);

/* The local day of the message's time, to compare two messages' days. */
guint           _stellar_message_get_day          (StellarMessage         *self);

G_END_DECLS
