/* stellar-client-private.h: the parts of StellarClient its files share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "stellar-client.h"
#include "stellar-primus-socket-private.h"

G_BEGIN_DECLS

/* How the server wants rooms joined: Stellar ≥ 1.2 knows `roomJoin`, older
 * servers only `roomAdd`. Learnt from the first join, then remembered. */
typedef enum {
  STELLAR_DIALECT_UNKNOWN,
  STELLAR_DIALECT_MODERN,
  STELLAR_DIALECT_LEGACY,
} StellarDialect;

typedef enum {
  /* `action`: answered with the count it was sent with; may be pipelined */
  STELLAR_REQUEST_ACTION,
  /* `detailsView`: answered at once; may be pipelined */
  STELLAR_REQUEST_VERB,
  /* room verbs, `say`, `event`: answered later, stamped with the count at
   * reply time, so nothing may be sent until the reply has arrived */
  STELLAR_REQUEST_ASYNC_VERB,
} StellarRequestKind;

typedef enum {
  STELLAR_REQUEST_DEFAULT = 0,
  /* part of the handshake: sent before the connection is ready */
  STELLAR_REQUEST_HANDSHAKE = 1 << 0,
  /* a follow-up of a request just answered: goes before what waits */
  STELLAR_REQUEST_NEXT = 1 << 1,
} StellarRequestFlags;

typedef struct _StellarRequest StellarRequest;
typedef struct _StellarConnectAttempt StellarConnectAttempt;

struct _StellarClient
{
  GObject parent_instance;

  GMainContext *context;

  /* Configuration */
  char *url;
  GUri *base_uri;
  GError *url_error;
  char *api_path;
  char *default_room;
  char *session_id;
  char **rooms;
  guint simultaneous_actions;
  guint request_timeout_ms;
  guint connect_timeout_ms;
  guint reconnect_attempts;
  GTlsCertificate *trusted_certificate;
  guint auto_reconnect : 1;

  /* The connection */
  StellarClientState state;
  SoupSession *session;
  StellarPrimusSocket *socket;
  StellarConnectAttempt *attempt;
  GPtrArray *connect_tasks;
  char *id;
  char *fingerprint;
  char *welcome_message;
  JsonObject *details;
  JsonObject *spec;
  char **joined_rooms;
  StellarDialect dialect;
  guint reconnect_count;
  GSource *reconnect_source;
  char **rooms_to_restore;
  GError *last_attempt_error;

  /* Requests (stellar-client-requests.c) */
  guint message_count;
  GQueue handshake_queue;
  GQueue outbox;
  GHashTable *pending;
  GQueue inflight;
  GSource *timeout_source;
  StellarRequest *barrier;
  GTask *outbox_hold;
  guint actions_in_flight;
  GHashTable *late_counts;
  /* where frames are encoded before they are copied into their request */
  GString *encoder;
};

/* stellar-client.c */
void      _stellar_client_emit_error             (StellarClient       *self,
                                                  const GError        *error);
void      _stellar_client_set_details            (StellarClient       *self,
                                                  JsonObject          *details);
void      _stellar_client_set_welcome_message    (StellarClient       *self,
                                                  const char          *message);
void      _stellar_client_remove_configured_room (StellarClient       *self,
                                                  const char          *room);
gboolean  _stellar_client_has_joined             (StellarClient       *self,
                                                  const char          *room);
void      _stellar_client_emit_frame_signals     (StellarClient       *self,
                                                  JsonNode            *frame);
void      _stellar_client_attach_socket          (StellarClient       *self,
                                                  StellarPrimusSocket *socket);
const StellarPrimusSocketEvents *
          _stellar_client_get_socket_events      (void);
char    **_stellar_client_rooms_to_join          (StellarClient       *self);
void      _stellar_client_receive_for_testing    (StellarClient       *self,
                                                  const char          *data,
                                                  gsize                length);
void      _stellar_client_attempt_succeeded      (StellarClient       *self);
void      _stellar_client_attempt_failed         (StellarClient       *self,
                                                  const GError        *error,
                                                  gboolean             timed_out);

/* stellar-client-requests.c */
void      _stellar_client_requests_init          (StellarClient       *self);
void      _stellar_client_requests_finalize      (StellarClient       *self);
void      _stellar_client_verb_async             (StellarClient       *self,
                                                  StellarRequestKind   kind,
                                                  JsonObject          *frame,
                                                  StellarRequestFlags  flags,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonNode *_stellar_client_verb_finish            (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void      _stellar_client_send_action            (StellarClient       *self,
                                                  const char          *action,
                                                  JsonObject          *params,
                                                  StellarTransport     transport,
                                                  GTask               *task);
void      _stellar_client_send_action_async      (StellarClient       *self,
                                                  const char          *action,
                                                  JsonObject          *params,
                                                  StellarTransport     transport,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonNode *_stellar_client_send_action_finish     (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void      _stellar_client_route_reply            (StellarClient       *self,
                                                  JsonNode            *reply);
void      _stellar_client_connection_opened      (StellarClient       *self);
void      _stellar_client_connection_ready       (StellarClient       *self);
void      _stellar_client_fail_sent_requests     (StellarClient       *self,
                                                  const GError        *error);
void      _stellar_client_fail_queued_requests   (StellarClient       *self,
                                                  const GError        *error);
void      _stellar_client_pump                   (StellarClient       *self);

/* stellar-client-http.c */
SoupMessage *_stellar_client_new_message          (StellarClient      *self,
                                                   const char         *method,
                                                   GUri               *uri);
void      _stellar_client_fetch_spec_async       (StellarClient       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonObject *_stellar_client_fetch_spec_finish    (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void      _stellar_client_http_action_async      (StellarClient       *self,
                                                  const char          *action,
                                                  const char          *body,
                                                  gsize                body_length,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonNode *_stellar_client_http_action_finish     (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void      _stellar_client_http_file_async        (StellarClient       *self,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
JsonObject *_stellar_client_http_file_finish     (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* stellar-client-connection.c */
void      _stellar_client_start_attempt          (StellarClient       *self);
void      _stellar_client_cancel_attempt         (StellarClient       *self);

/* stellar-client-rooms.c */
void      _stellar_client_join_room_async        (StellarClient       *self,
                                                  const char          *room,
                                                  gboolean             internal,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  _stellar_client_join_room_finish       (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
