/* stellar-websocket-relay-private.h: a WebSocket read and written in a thread of its own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _StellarWebsocketRelay StellarWebsocketRelay;

/* What the connection did, told in the owner's context and in order, as
 * SoupWebsocketConnection's signals tell it. */
typedef struct
{
  void (*message)       (gpointer owner, int type, GBytes *message);
  void (*error)         (gpointer owner, const GError *error);
  /* CLOSING or CLOSED: on ::closing, ::closed, and a change of state */
  void (*state_changed) (gpointer owner, SoupWebsocketState state, gushort close_code);
} StellarWebsocketRelayEvents;

void                   _stellar_websocket_relay_connect_async  (SoupSession                       *session,
                                                                SoupMessage                       *message,
                                                                guint64                            max_message_size,
                                                                GCancellable                      *cancellable,
                                                                GAsyncReadyCallback                callback,
                                                                gpointer                           user_data);
StellarWebsocketRelay *_stellar_websocket_relay_connect_finish (GAsyncResult                      *result,
                                                                GError                           **error);
void                   _stellar_websocket_relay_attach         (StellarWebsocketRelay             *self,
                                                                const StellarWebsocketRelayEvents *events,
                                                                gpointer                           owner);
void                   _stellar_websocket_relay_send_text      (StellarWebsocketRelay             *self,
                                                                const char                        *text);
void                   _stellar_websocket_relay_release        (StellarWebsocketRelay             *self,
                                                                gboolean                           close);
void                   _stellar_websocket_relay_get_queued     (StellarWebsocketRelay             *self,
                                                                guint                             *n_messages,
                                                                gsize                             *n_bytes);

/* at most this much waits for the owner, and one message more */
#define STELLAR_WEBSOCKET_RELAY_MAX_MESSAGES 1024
#define STELLAR_WEBSOCKET_RELAY_MAX_BYTES (4 * 1024 * 1024)

G_END_DECLS
