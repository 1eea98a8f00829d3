/* stellar-client.h: the public interface of libstellar-client-1
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define STELLAR_CLIENT_INSIDE

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stellar-types.h"
#include "stellar-client-enums.h"
#include "stellar-error.h"
#include "stellar-action-call.h"

#undef STELLAR_CLIENT_INSIDE

G_BEGIN_DECLS

#define STELLAR_TYPE_CLIENT (stellar_client_get_type ())

G_DECLARE_FINAL_TYPE (StellarClient, stellar_client, STELLAR, CLIENT, GObject)

StellarClient      *stellar_client_new                  (const char          *url);

StellarClientState  stellar_client_get_state            (StellarClient       *self);
const char         *stellar_client_get_url              (StellarClient       *self);
const char         *stellar_client_get_id               (StellarClient       *self);
const char         *stellar_client_get_fingerprint      (StellarClient       *self);
const char * const *stellar_client_get_rooms            (StellarClient       *self);
const char         *stellar_client_get_welcome_message  (StellarClient       *self);
JsonObject         *stellar_client_get_details          (StellarClient       *self);
JsonObject         *stellar_client_get_primus_spec      (StellarClient       *self);

void                stellar_client_connect_async        (StellarClient       *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonObject         *stellar_client_connect_finish       (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void                stellar_client_disconnect           (StellarClient       *self);

void                stellar_client_action_async         (StellarClient       *self,
                                                         const char          *action,
                                                         JsonObject          *params,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void                stellar_client_action_full_async    (StellarClient       *self,
                                                         const char          *action,
                                                         JsonObject          *params,
                                                         StellarTransport     transport,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonNode           *stellar_client_action_finish        (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void                stellar_client_say_async            (StellarClient       *self,
                                                         const char          *room,
                                                         const char          *message,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            stellar_client_say_finish           (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void                stellar_client_room_add_async       (StellarClient       *self,
                                                         const char          *room,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            stellar_client_room_add_finish      (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void                stellar_client_room_leave_async     (StellarClient       *self,
                                                         const char          *room,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            stellar_client_room_leave_finish    (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void                stellar_client_room_view_async      (StellarClient       *self,
                                                         const char          *room,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonObject         *stellar_client_room_view_finish     (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void                stellar_client_details_view_async   (StellarClient       *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonObject         *stellar_client_details_view_finish  (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void                stellar_client_emit_async           (StellarClient       *self,
                                                         const char          *room,
                                                         const char          *event,
                                                         JsonNode            *data,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            stellar_client_emit_finish          (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void                stellar_client_file_async           (StellarClient       *self,
                                                         const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
JsonObject         *stellar_client_file_finish          (StellarClient       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
