/* stellar-primus-socket-private.h: Primus framing and heartbeats over a WebSocket
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "stellar-websocket-relay-private.h"

G_BEGIN_DECLS

/* Which side sends the heartbeat pings: Primus ≥ 7 servers ping and the
 * client answers; Primus 5 and 6 servers (Stellar ≤ 1.1) wait for the
 * client's pings. */
typedef enum {
  STELLAR_HEARTBEAT_SERVER_PINGS,
  STELLAR_HEARTBEAT_CLIENT_PINGS,
} StellarHeartbeat;

/* The largest message we accept, as large as the server's own limit. */
#define STELLAR_MAX_MESSAGE_SIZE (10 * 1024 * 1024)

#define STELLAR_TYPE_PRIMUS_SOCKET (stellar_primus_socket_get_type ())

G_DECLARE_FINAL_TYPE (StellarPrimusSocket, stellar_primus_socket, STELLAR, PRIMUS_SOCKET, GObject)

/* What the socket tells its owner. A plain table rather than signals: there
 * is one listener, and frames arrive by the hundred thousand. */
typedef struct
{
  /* every text frame crossing the wire, heartbeats included, before
   * anything else is done with it: @node is its JSON, NULL when the text
   * is not JSON, or for an outgoing frame whose JSON nobody kept */
  void (*wire)              (gpointer owner, gboolean outgoing, const char *text, gsize length,
                             JsonNode *node);
  /* a decoded JSON value that is not a Primus control message */
  void (*frame)             (gpointer owner, JsonNode *frame);
  /* something that breaks the protocol but not the link */
  void (*problem)           (gpointer owner, const GError *error);
  /* no heartbeat in time; ::closed follows */
  void (*heartbeat_timeout) (gpointer owner);
  /* the end, once: whether the server ended the session, and why (NULL when
   * it was asked for); the owner may drop its reference here */
  void (*closed)            (gpointer owner, gboolean server_ended, const GError *reason);
} StellarPrimusSocketEvents;

StellarPrimusSocket *_stellar_primus_socket_new     (SoupWebsocketConnection         *connection,
                                                     StellarHeartbeat                 heartbeat,
                                                     guint                            interval_ms,
                                                     const StellarPrimusSocketEvents *events,
                                                     gpointer                         owner);
StellarPrimusSocket *_stellar_primus_socket_new_relayed (StellarWebsocketRelay           *relay,
                                                         StellarHeartbeat                 heartbeat,
                                                         guint                            interval_ms,
                                                         const StellarPrimusSocketEvents *events,
                                                         gpointer                         owner);
gboolean             _stellar_primus_socket_is_open (StellarPrimusSocket *self);
void                 _stellar_primus_socket_detach  (StellarPrimusSocket *self);
void                 _stellar_primus_socket_send    (StellarPrimusSocket *self,
                                                     const char          *text,
                                                     gsize                length,
                                                     JsonNode            *node);
void                 _stellar_primus_socket_close   (StellarPrimusSocket *self);
void                 _stellar_primus_socket_receive (StellarPrimusSocket *self,
                                                     const char          *data,
                                                     gsize                length);
void                 _stellar_primus_socket_get_queued (StellarPrimusSocket *self,
                                                        guint               *n_messages,
                                                        gsize               *n_bytes);

G_END_DECLS
