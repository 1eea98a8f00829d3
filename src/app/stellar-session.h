/* stellar-session.h: one connection to a server, as the app's views see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stellar-client.h>

#include "stellar-database.h"
#include "stellar-frame-log.h"
#include "stellar-explorer.h"
#include "stellar-message.h"
#include "stellar-room.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_SESSION (stellar_session_get_type ())

G_DECLARE_FINAL_TYPE (StellarSession, stellar_session, STELLAR, SESSION, GObject)

StellarSession     *stellar_session_new                     (const char           *url,
                                                             GSettings            *settings,
                                                             StellarDatabase      *database);

StellarClient      *stellar_session_get_client              (StellarSession       *self);
const char         *stellar_session_get_url                 (StellarSession       *self);
const char         *stellar_session_get_title               (StellarSession       *self);
StellarClientState  stellar_session_get_state               (StellarSession       *self);
gboolean            stellar_session_get_has_connected       (StellarSession       *self);
guint               stellar_session_get_reconnect_attempt   (StellarSession       *self);
gint64              stellar_session_get_reconnect_time      (StellarSession       *self);
guint               stellar_session_get_reconnections       (StellarSession       *self);
const char         *stellar_session_get_connection_id       (StellarSession       *self);
const char         *stellar_session_get_fingerprint         (StellarSession       *self);
const char         *stellar_session_get_remote_address      (StellarSession       *self);
const char         *stellar_session_get_primus_version      (StellarSession       *self);
const char         *stellar_session_get_primus_transformer  (StellarSession       *self);
const char         *stellar_session_get_primus_parser       (StellarSession       *self);
guint               stellar_session_get_heartbeat_interval  (StellarSession       *self);
GDateTime          *stellar_session_get_connected_at        (StellarSession       *self);
const char         *stellar_session_get_welcome_message     (StellarSession       *self);
GListModel         *stellar_session_get_rooms               (StellarSession       *self);
StellarRoom        *stellar_session_lookup_room             (StellarSession       *self,
                                                             const char           *name);
StellarDatabase    *stellar_session_get_database            (StellarSession       *self);
StellarFrameLog    *stellar_session_get_frame_log           (StellarSession       *self);
const char         *stellar_session_get_history_error       (StellarSession       *self);
StellarExplorer    *stellar_session_get_explorer            (StellarSession       *self);
StellarRoom        *stellar_session_get_active_room         (StellarSession       *self);
void                stellar_session_set_active_room         (StellarSession       *self,
                                                             StellarRoom          *room);
void                stellar_session_set_room_muted          (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             gboolean              muted);

void                stellar_session_add_rooms               (StellarSession       *self,
                                                             const char * const   *names);

void                stellar_session_connect_async           (StellarSession       *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            stellar_session_connect_finish          (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                stellar_session_reconnect               (StellarSession       *self);
void                stellar_session_disconnect              (StellarSession       *self);

void                stellar_session_refresh_details_async   (StellarSession       *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            stellar_session_refresh_details_finish  (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                stellar_session_join_room_async         (StellarSession       *self,
                                                             const char           *name,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
StellarRoom        *stellar_session_join_room_finish        (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                stellar_session_leave_room_async        (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            stellar_session_leave_room_finish       (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                stellar_session_view_room_async         (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GListModel         *stellar_session_view_room_finish        (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

StellarMessage     *stellar_session_send_message            (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             const char           *text);
void                stellar_session_retry_message           (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             StellarMessage       *message);
char               *stellar_session_dup_send_blocker        (StellarSession       *self,
                                                             StellarRoom          *room);

void                stellar_session_load_older_messages     (StellarSession       *self,
                                                             StellarRoom          *room);
void                stellar_session_search_messages_async   (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             const char           *text,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GListModel         *stellar_session_search_messages_finish  (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                stellar_session_reveal_message_async    (StellarSession       *self,
                                                             StellarRoom          *room,
                                                             StellarMessage       *message,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
StellarMessage     *stellar_session_reveal_message_finish   (StellarSession       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
