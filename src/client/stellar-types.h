/* stellar-types.h: enumerations and forward declarations of libstellar-client-1
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(STELLAR_CLIENT_INSIDE) && !defined(STELLAR_CLIENT_COMPILATION)
# error "Only <stellar-client.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * StellarClientState:
 * @STELLAR_CLIENT_STATE_DISCONNECTED: no connection, and none is being made
 * @STELLAR_CLIENT_STATE_CONNECTING: the first connection attempt is under way
 * @STELLAR_CLIENT_STATE_CONNECTED: the connection is ready: details known and rooms joined
 * @STELLAR_CLIENT_STATE_RECONNECTING: an established connection was lost and is being restored
 *
 * The life cycle of a [class@Client]'s connection.
 */
typedef enum {
  STELLAR_CLIENT_STATE_DISCONNECTED,
  STELLAR_CLIENT_STATE_CONNECTING,
  STELLAR_CLIENT_STATE_CONNECTED,
  STELLAR_CLIENT_STATE_RECONNECTING,
} StellarClientState;

/**
 * StellarTransport:
 * @STELLAR_TRANSPORT_AUTO: the WebSocket when connected, HTTP otherwise
 * @STELLAR_TRANSPORT_WEBSOCKET: always the WebSocket; fails when not connected
 * @STELLAR_TRANSPORT_HTTP: always the HTTP API endpoint
 *
 * Which transport carries an action call.
 */
typedef enum {
  STELLAR_TRANSPORT_AUTO,
  STELLAR_TRANSPORT_WEBSOCKET,
  STELLAR_TRANSPORT_HTTP,
} StellarTransport;

/**
 * StellarError:
 * @STELLAR_ERROR_FAILED: anything not covered by another code
 * @STELLAR_ERROR_INVALID_ARGUMENT: a bad URL, an empty action or room name, %NULL where not allowed
 * @STELLAR_ERROR_NOT_CONNECTED: a WebSocket-only request while not connected
 * @STELLAR_ERROR_DISCONNECTED: the connection dropped while the request was pending
 * @STELLAR_ERROR_TIMEOUT: no answer within the request or connect timeout
 * @STELLAR_ERROR_PROTOCOL: the peer is not a Primus/Stellar server, or broke the protocol
 * @STELLAR_ERROR_SERVER: the server answered with an error; see stellar_error_get_response()
 *
 * Error codes of the %STELLAR_ERROR domain.
 */
typedef enum {
  STELLAR_ERROR_FAILED,
  STELLAR_ERROR_INVALID_ARGUMENT,
  STELLAR_ERROR_NOT_CONNECTED,
  STELLAR_ERROR_DISCONNECTED,
  STELLAR_ERROR_TIMEOUT,
  STELLAR_ERROR_PROTOCOL,
  STELLAR_ERROR_SERVER,
} StellarError;

G_END_DECLS
