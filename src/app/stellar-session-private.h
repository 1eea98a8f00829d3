/* stellar-session-private.h: the session's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

  /* StellarRoom, in the order the person joined them */
  GListStore         *rooms;
};

void _stellar_session_rooms_init          (StellarSession *self);
void _stellar_session_rooms_sync          (StellarSession *self);
void _stellar_session_rooms_join_all      (StellarSession *self);
void _stellar_session_emit_notice         (StellarSession *self,
                                           const char     *message);

G_END_DECLS
