/* stellar-frame.h: one WebSocket frame, as the protocol inspector shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "stellar-json-tree.h"

G_BEGIN_DECLS

/**
 * StellarFrameKind:
 * @STELLAR_FRAME_KIND_HEARTBEAT: a Primus ping or pong
 * @STELLAR_FRAME_KIND_VERB_REQUEST: a verb the client sent (`roomJoin`, `say`, …)
 * @STELLAR_FRAME_KIND_VERB_REPLY: the server's reply to a verb
 * @STELLAR_FRAME_KIND_ACTION_REQUEST: an action call
 * @STELLAR_FRAME_KIND_ACTION_RESPONSE: an action's response
 * @STELLAR_FRAME_KIND_CHAT_MESSAGE: a room message (`context: "user"`)
 * @STELLAR_FRAME_KIND_ROOM_EVENT: a room event (`message: {event, data}`)
 * @STELLAR_FRAME_KIND_ALERT: an alert (`context: "alert"`)
 * @STELLAR_FRAME_KIND_WELCOME: the welcome that starts a connection
 * @STELLAR_FRAME_KIND_OTHER: valid JSON of any other shape
 * @STELLAR_FRAME_KIND_MALFORMED: text that is not JSON
 *
 * What a frame is, for labels and filtering.
 */
typedef enum {
  STELLAR_FRAME_KIND_HEARTBEAT,
  STELLAR_FRAME_KIND_VERB_REQUEST,
  STELLAR_FRAME_KIND_VERB_REPLY,
  STELLAR_FRAME_KIND_ACTION_REQUEST,
  STELLAR_FRAME_KIND_ACTION_RESPONSE,
  STELLAR_FRAME_KIND_CHAT_MESSAGE,
  STELLAR_FRAME_KIND_ROOM_EVENT,
  STELLAR_FRAME_KIND_ALERT,
  STELLAR_FRAME_KIND_WELCOME,
  STELLAR_FRAME_KIND_OTHER,
  STELLAR_FRAME_KIND_MALFORMED,
} StellarFrameKind;

#define STELLAR_FRAME_N_KINDS (STELLAR_FRAME_KIND_MALFORMED + 1)

#define STELLAR_TYPE_FRAME_KIND (stellar_frame_kind_get_type ())
GType stellar_frame_kind_get_type (void);

#define STELLAR_TYPE_FRAME (stellar_frame_get_type ())

G_DECLARE_FINAL_TYPE (StellarFrame, stellar_frame, STELLAR, FRAME, GObject)

guint64           stellar_frame_get_id            (StellarFrame *self);
gboolean          stellar_frame_get_outgoing      (StellarFrame *self);
gint64            stellar_frame_get_time          (StellarFrame *self);
gsize             stellar_frame_get_size          (StellarFrame *self);
const char       *stellar_frame_get_text          (StellarFrame *self);
StellarFrameKind  stellar_frame_get_kind          (StellarFrame *self);
const char       *stellar_frame_get_label         (StellarFrame *self);
gint64            stellar_frame_get_message_count (StellarFrame *self);
guint             stellar_frame_get_connection    (StellarFrame *self);
guint64           stellar_frame_get_peer_id       (StellarFrame *self);
gint64            stellar_frame_get_latency_ms    (StellarFrame *self);
const char * const *stellar_frame_get_added_params (StellarFrame *self);
StellarJsonTree  *stellar_frame_create_json_tree  (StellarFrame *self);

G_END_DECLS
