/* stellar-session-private.h: the session's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-database.h"
#include "stellar-default-params.h"
#include "stellar-frame-log.h"
#include "stellar-room-private.h"
#include "stellar-session.h"

G_BEGIN_DECLS

struct _StellarSession
{
  GObject             parent_instance;

  StellarClient      *client;
  GSettings          *settings;
  char               *title;

  /* the connection */
  StellarClientState  state;
  gboolean            has_connected;
  guint               reconnect_attempt;
  gint64              reconnect_time;
  guint               reconnections;
  GCancellable       *cancellable;

  /* what the server said about it (detailsView, welcome) */
  char               *connection_id;
  char               *fingerprint;
  char               *remote_address;
  GDateTime          *connected_at;
  char               *welcome_message;

  /* how the server runs Primus (/primus/spec) */
  char               *primus_version;
  char               *primus_transformer;
  char               *primus_parser;
  guint               heartbeat_interval;

  /* StellarRoom, in the order the person joined them */
  GListStore         *rooms;
  /* what the `remembered-rooms` setting said last, for this server */
  char              **remembered;

  /* the conversations (stellar-session-chat.c) */
  GHashTable         *own_ids;
  char              **mention_names;
  char              **mention_words;             /* get_mention_words() */
  guint               mention_words_ids;
  char               *mention_words_fingerprint;
  StellarRoom        *active_room;

  /* their history (stellar-session-history.c) */
  StellarDatabase    *database;
  GPtrArray          *unsaved;
  guint               save_source;
  char               *history_error;

  /* the protocol inspector (stellar-session-frames.c) */
  StellarFrameLog    *frame_log;
  gboolean            frames_since_lost;
  guint64             last_sent_frame_id;      /* 0: none yet */
  guint64             last_received_frame_id;
  /* calls the default parameters were added to, until their request is
   * seen going out or they are answered (AddedParams) */
  GPtrArray          *calls_with_defaults;

  /* the API explorer */
  StellarExplorer    *explorer;
};

void _stellar_session_rooms_init          (StellarSession *self);
void _stellar_session_rooms_sync          (StellarSession *self);
void _stellar_session_rooms_join_all      (StellarSession *self);
void _stellar_session_emit_notice         (StellarSession *self,
                                           const char     *message);

void _stellar_session_chat_init           (StellarSession *self);
void _stellar_session_chat_dispose        (StellarSession *self);
void _stellar_session_prepare_room        (StellarSession *self,
                                           StellarRoom    *room);
void _stellar_session_emit_new_message    (StellarSession *self,
                                           StellarRoom    *room,
                                           StellarMessage *message);
void _stellar_session_update_mentions     (StellarSession *self,
                                           GPtrArray      *messages);

void _stellar_session_frames_init        (StellarSession *self);
void _stellar_session_frames_dispose     (StellarSession *self);
void _stellar_session_frames_follow_defaults (StellarSession       *self,
                                              StellarDefaultParams *defaults);

void _stellar_session_set_history_error   (StellarSession *self,
                                           const char     *history_error);
void _stellar_session_history_init        (StellarSession *self);
void _stellar_session_history_dispose     (StellarSession *self);
void _stellar_session_load_history        (StellarSession *self,
                                           StellarRoom    *room);
void _stellar_session_save_message        (StellarSession *self,
                                           StellarRoom    *room,
                                           StellarMessage *message);
void _stellar_session_save_delivery       (StellarSession *self,
                                           StellarMessage *message);

G_END_DECLS
