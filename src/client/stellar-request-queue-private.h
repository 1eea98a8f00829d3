/* stellar-request-queue-private.h: requests on their way to the server, and their replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "stellar-client.h"
#include "stellar-primus-socket-private.h"

G_BEGIN_DECLS

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

#define STELLAR_TYPE_REQUEST_QUEUE (stellar_request_queue_get_type ())

G_DECLARE_FINAL_TYPE (StellarRequestQueue, stellar_request_queue, STELLAR, REQUEST_QUEUE, GObject)

StellarRequestQueue *_stellar_request_queue_new          (StellarClient        *client);
void      _stellar_request_queue_set_simultaneous_actions (StellarRequestQueue  *self,
                                                           guint                 limit);
void      _stellar_request_queue_set_timeout             (StellarRequestQueue  *self,
                                                          guint                 timeout_ms);

void      _stellar_request_queue_open                    (StellarRequestQueue  *self,
                                                          StellarPrimusSocket  *socket);
void      _stellar_request_queue_set_ready               (StellarRequestQueue  *self);
void      _stellar_request_queue_close                   (StellarRequestQueue  *self,
                                                          const GError         *error);
void      _stellar_request_queue_fail_waiting            (StellarRequestQueue  *self,
                                                          const GError         *error);
gboolean  _stellar_request_queue_route_reply             (StellarRequestQueue  *self,
                                                          JsonNode             *reply,
                                                          GError              **error);

void      _stellar_request_queue_verb_async              (StellarRequestQueue  *self,
                                                          StellarRequestKind    kind,
                                                          JsonObject           *frame,
                                                          StellarRequestFlags   flags,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
JsonNode *_stellar_request_queue_verb_finish             (StellarRequestQueue  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void      _stellar_request_queue_join_room_async         (StellarRequestQueue  *self,
                                                          const char           *room,
                                                          StellarRequestFlags   flags,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean  _stellar_request_queue_join_room_finish        (StellarRequestQueue  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void      _stellar_request_queue_send_action             (StellarRequestQueue  *self,
                                                          const char           *action,
                                                          JsonObject           *params,
                                                          StellarTransport      transport,
                                                          GTask                *task);
void      _stellar_request_queue_send_action_async       (StellarRequestQueue  *self,
                                                          const char           *action,
                                                          JsonObject           *params,
                                                          StellarTransport      transport,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
JsonNode *_stellar_request_queue_send_action_finish      (StellarRequestQueue  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
