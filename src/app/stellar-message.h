/* stellar-message.h: one line of a room's conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * StellarMessageKind:
 * @STELLAR_MESSAGE_KIND_MESSAGE: text someone said in the room
 * @STELLAR_MESSAGE_KIND_EVENT: a room event (`{event, data}`), shown compact
 * @STELLAR_MESSAGE_KIND_ALERT: a notice from the server or the app
 *
 * What a message is.
 */
typedef enum {
  STELLAR_MESSAGE_KIND_MESSAGE,
  STELLAR_MESSAGE_KIND_EVENT,
  STELLAR_MESSAGE_KIND_ALERT,
} StellarMessageKind;

/**
 * StellarMessageDelivery:
 * @STELLAR_MESSAGE_DELIVERY_NONE: someone else's message
 * @STELLAR_MESSAGE_DELIVERY_PENDING: one of ours, not confirmed by the server yet
 * @STELLAR_MESSAGE_DELIVERY_SENT: one of ours, accepted by the server
 * @STELLAR_MESSAGE_DELIVERY_FAILED: one of ours that could not be sent; it can be retried
 *
 * Where one of our own messages stands.
 */
typedef enum {
  STELLAR_MESSAGE_DELIVERY_NONE,
  STELLAR_MESSAGE_DELIVERY_PENDING,
  STELLAR_MESSAGE_DELIVERY_SENT,
  STELLAR_MESSAGE_DELIVERY_FAILED,
} StellarMessageDelivery;

/* How many sender colours there are: stellar_message_get_sender_color()
 * is below it. */
#define STELLAR_MESSAGE_N_COLORS 10

#define STELLAR_TYPE_MESSAGE_KIND (stellar_message_kind_get_type ())
GType stellar_message_kind_get_type (void);

#define STELLAR_TYPE_MESSAGE_DELIVERY (stellar_message_delivery_get_type ())
GType stellar_message_delivery_get_type (void);

#define STELLAR_TYPE_MESSAGE (stellar_message_get_type ())

G_DECLARE_FINAL_TYPE (StellarMessage, stellar_message, STELLAR, MESSAGE, GObject)

StellarMessageKind      stellar_message_get_kind           (StellarMessage *self);
const char             *stellar_message_get_sender_id      (StellarMessage *self);
const char             *stellar_message_get_sender_name    (StellarMessage *self);
guint                   stellar_message_get_sender_color   (StellarMessage *self);
gint64                  stellar_message_get_time           (StellarMessage *self);
const char             *stellar_message_get_text           (StellarMessage *self);
const char             *stellar_message_get_event_name     (StellarMessage *self);
gboolean                stellar_message_get_own            (StellarMessage *self);
StellarMessageDelivery  stellar_message_get_delivery       (StellarMessage *self);
const char             *stellar_message_get_error          (StellarMessage *self);
gboolean                stellar_message_get_mentions_you   (StellarMessage *self);
gboolean                stellar_message_get_grouped        (StellarMessage *self);
gboolean                stellar_message_get_first_of_day   (StellarMessage *self);
gboolean                stellar_message_get_first_unread   (StellarMessage *self);
guint64                 stellar_message_get_frame_id       (StellarMessage *self);

G_END_DECLS
