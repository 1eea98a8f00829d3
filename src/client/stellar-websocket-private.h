/* stellar-websocket-private.h: the client side of RFC 6455 over GIO
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The close codes of RFC 6455 that the client uses or reports. */
#define STELLAR_WEBSOCKET_CLOSE_NORMAL         1000
#define STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR 1002
#define STELLAR_WEBSOCKET_CLOSE_ABNORMAL       1006
#define STELLAR_WEBSOCKET_CLOSE_BAD_DATA       1007
#define STELLAR_WEBSOCKET_CLOSE_TOO_BIG        1009

#define STELLAR_TYPE_WEBSOCKET (stellar_websocket_get_type ())

G_DECLARE_FINAL_TYPE (StellarWebsocket, stellar_websocket, STELLAR, WEBSOCKET, GObject)

/* What an open WebSocket tells its owner; a plain table, as for the Primus
 * socket above it. */
typedef struct
{
  /* a whole message; @data is valid during the call only */
  void (*message) (gpointer owner, const char *data, gsize length, gboolean binary);
  /* the peer broke the protocol; ::closed follows */
  void (*error)   (gpointer owner, const GError *error);
  /* the end, once: the close code (1006 when the connection just ended) */
  void (*closed)  (gpointer owner, guint code, const char *reason);
} StellarWebsocketEvents;

void              _stellar_websocket_connect_async  (GUri                         *uri,
                                                     const char                   *cookie,
                                                     GTlsCertificate              *trusted_certificate,
                                                     gsize                         max_message_size,
                                                     GCancellable                 *cancellable,
                                                     GAsyncReadyCallback           callback,
                                                     gpointer                      user_data);
StellarWebsocket *_stellar_websocket_connect_finish (GAsyncResult                 *result,
                                                     GError                      **error);
void              _stellar_websocket_start          (StellarWebsocket             *self,
                                                     const StellarWebsocketEvents *events,
                                                     gpointer                      owner);
void              _stellar_websocket_send_text      (StellarWebsocket             *self,
                                                     const char                   *text,
                                                     gsize                         length);
void              _stellar_websocket_close          (StellarWebsocket             *self,
                                                     guint                         code);

StellarWebsocket *_stellar_websocket_new_for_testing     (gsize             max_message_size);
void              _stellar_websocket_receive_for_testing (StellarWebsocket *self,
                                                          const char       *data,
                                                          gsize             length);

G_END_DECLS
