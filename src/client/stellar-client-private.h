/* stellar-client-private.h: the parts of StellarClient its files share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "stellar-client.h"
#include "stellar-primus-socket-private.h"
#include "stellar-request-queue-private.h"

G_BEGIN_DECLS

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
  guint threaded_io : 1;

  /* The connection */
  StellarClientState state;
  SoupSession *session;
  StellarRequestQueue *queue;
  StellarPrimusSocket *socket;
  /* cancels the connection attempt under way */
  GCancellable *attempt;
  GPtrArray *connect_tasks;
  char *id;
  char *fingerprint;
  char *welcome_message;
  JsonObject *details;
  JsonObject *primus_spec;
  char **joined_rooms;
  guint reconnect_count;
  GSource *reconnect_source;
  char **rooms_to_restore;
  GError *last_attempt_error;
};

/* stellar-client.c */
void      _stellar_client_set_details            (StellarClient       *self,
                                                  JsonObject          *details);
void      _stellar_client_set_primus_spec        (StellarClient       *self,
                                                  JsonObject          *spec);
void      _stellar_client_forget_room            (StellarClient       *self,
                                                  const char          *room);
void      _stellar_client_receive_for_testing    (StellarClient       *self,
                                                  const char          *data,
                                                  gsize                length);
StellarPrimusSocket *
          _stellar_client_open_for_testing       (StellarClient       *self);
void      _stellar_client_establish_for_testing  (StellarClient       *self,
                                                  StellarPrimusSocket *socket,
                                                  JsonObject          *details);

/* stellar-client-connection.c */
void      _stellar_client_open_connection_async  (StellarClient                   *self,
                                                  StellarRequestQueue             *queue,
                                                  const char * const              *rooms,
                                                  const StellarPrimusSocketEvents *events,
                                                  GCancellable                    *cancellable,
                                                  GAsyncReadyCallback              callback,
                                                  gpointer                         user_data);
StellarPrimusSocket *
          _stellar_client_open_connection_finish (StellarClient       *self,
                                                  GAsyncResult        *result,
                                                  JsonObject         **details,
                                                  GError             **error);

/* stellar-client-http.c */
SoupMessage *_stellar_client_new_message         (StellarClient       *self,
                                                  const char          *method,
                                                  GUri                *uri);
GError   *_stellar_client_describe_message_error (SoupMessage         *message,
                                                  const GError        *error,
                                                  const char          *what);
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

G_END_DECLS
