/* stellar-primus-socket.c: Primus framing and heartbeats over a WebSocket
 *
 * A StellarPrimusSocket owns one open StellarWebsocket. It decodes each
 * text frame as one JSON value, answers or sends the Primus heartbeats, and
 * hands every other value to its owner. It reports the end of the connection
 * exactly once, saying whether the server ended the session on purpose
 * ("primus::server::close") and why otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "config.h"

#include <string.h>

#include "stellar-error.h"
#include "stellar-json-private.h"
#include "stellar-primus-socket-private.h"
#include "stellar-websocket-private.h"

/* A legacy server does not answer a ping within this time: the link is dead. */
#define LEGACY_PONG_TIMEOUT_MS 10000

struct _StellarPrimusSocket
{
  GObject parent_instance;

  const StellarPrimusSocketEvents *events;
  gpointer owner;

  StellarWebsocket *websocket;

  StellarHeartbeat heartbeat;
  guint interval_ms;
  GSource *heartbeat_source;
  gboolean awaiting_pong;

  GError *close_reason;
  guint server_ended : 1;
  guint finished : 1;
};

G_DEFINE_FINAL_TYPE (StellarPrimusSocket, stellar_primus_socket, G_TYPE_OBJECT)

static const StellarPrimusSocketEvents no_events;

static void arm_heartbeat (StellarPrimusSocket *self);

static void
clear_heartbeat (StellarPrimusSocket *self)
{
  if (self->heartbeat_source != NULL)
    {
      g_source_destroy (self->heartbeat_source);
      g_clear_pointer (&self->heartbeat_source, g_source_unref);
    }
}

/* Closes the WebSocket in the background: the client learns of the end at
 * once, even when a dead peer would keep the closing handshake waiting. */
static void
release_websocket (StellarPrimusSocket *self)
{
  g_autoptr(StellarWebsocket) websocket = g_steal_pointer (&self->websocket);

  if (websocket != NULL)
    _stellar_websocket_close (websocket, STELLAR_WEBSOCKET_CLOSE_NORMAL);
}

/* Ends the socket once: stops the heartbeat, lets go of the connection and
 * tells the owner. @reason is NULL when the end was asked for. */
static void
finish (StellarPrimusSocket *self,
        GError              *reason)
{
  if (self->finished)
    {
      g_clear_error (&reason);
      return;
    }

  self->finished = TRUE;
  g_clear_error (&self->close_reason);
  self->close_reason = reason;
  clear_heartbeat (self);
  release_websocket (self);

  g_object_ref (self);
  if (self->events->closed != NULL)
    self->events->closed (self->owner, self->server_ended, self->close_reason);
  g_object_unref (self);
}

static void
send_text (StellarPrimusSocket *self,
           const char          *text,
           gsize                length)
{
  if (self->websocket == NULL)
    return;

  if (self->events->wire != NULL)
    self->events->wire (self->owner, TRUE, text, length);

  _stellar_websocket_send_text (self->websocket, text, length);
}

static gboolean
on_heartbeat_expired (gpointer user_data)
{
  StellarPrimusSocket *self = user_data;

  g_clear_pointer (&self->heartbeat_source, g_source_unref);

  if (self->heartbeat == STELLAR_HEARTBEAT_CLIENT_PINGS && !self->awaiting_pong)
    {
      g_autofree char *ping = g_strdup_printf ("\"primus::ping::%" G_GINT64_FORMAT "\"",
                                               g_get_real_time () / 1000);

      send_text (self, ping, strlen (ping));
      self->awaiting_pong = TRUE;
      arm_heartbeat (self);
      return G_SOURCE_REMOVE;
    }

  g_debug ("Heartbeat lost: no %s within the allowed time",
           self->heartbeat == STELLAR_HEARTBEAT_SERVER_PINGS ? "ping" : "pong");

  g_object_ref (self);
  if (self->events->heartbeat_timeout != NULL)
    self->events->heartbeat_timeout (self->owner);
  finish (self, g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                                     "The server stopped answering heartbeats"));
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* Modern: the server pings every interval; without a ping for 1.5 intervals
 * (Primus's own pingTimeout) the link is gone. Legacy: ping every interval
 * and wait a bounded time for the pong. */
static void
arm_heartbeat (StellarPrimusSocket *self)
{
  guint delay;

  clear_heartbeat (self);

  if (self->heartbeat == STELLAR_HEARTBEAT_SERVER_PINGS)
    delay = self->interval_ms + (self->interval_ms + 1) / 2;
  else if (self->awaiting_pong)
    delay = MIN (LEGACY_PONG_TIMEOUT_MS, self->interval_ms);
  else
    delay = self->interval_ms;

  self->heartbeat_source = g_timeout_source_new (delay);
  g_source_set_static_name (self->heartbeat_source, "[stellar] heartbeat");
  g_source_set_callback (self->heartbeat_source, on_heartbeat_expired, self, NULL);
  g_source_attach (self->heartbeat_source, g_main_context_get_thread_default ());
}

static void
problem (StellarPrimusSocket *self,
         const char          *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (StellarPrimusSocket *self,
         const char          *format,
         ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL, format, args);
  va_end (args);

  if (self->events->problem != NULL)
    self->events->problem (self->owner, error);
}

/* Handles "primus::<type>::<value>"; returns FALSE for any other string,
 * which is ordinary data. */
static gboolean
handle_control (StellarPrimusSocket *self,
                const char          *string)
{
  const char *value;

  if (!g_str_has_prefix (string, "primus::"))
    return FALSE;

  string += strlen ("primus::");

  if (g_str_has_prefix (string, "ping::"))
    {
      g_autoptr(GString) pong = g_string_new ("\"primus::pong::");

      /* Only servers of the modern generation ping. */
      if (self->heartbeat != STELLAR_HEARTBEAT_SERVER_PINGS)
        return FALSE;

      value = string + strlen ("ping::");
      g_string_append (pong, value);
      g_string_append_c (pong, '"');
      send_text (self, pong->str, pong->len);
      arm_heartbeat (self);
      return TRUE;
    }

  if (g_str_has_prefix (string, "pong::"))
    {
      if (self->heartbeat != STELLAR_HEARTBEAT_CLIENT_PINGS)
        return FALSE;
      self->awaiting_pong = FALSE;
      arm_heartbeat (self);
      return TRUE;
    }

  if (g_str_has_prefix (string, "server::"))
    {
      /* Only "close" means anything; Primus swallows the other values. */
      if (strcmp (string + strlen ("server::"), "close") == 0)
        self->server_ended = TRUE;
      return TRUE;
    }

  if (g_str_has_prefix (string, "id::"))
    return TRUE;

  return FALSE;
}

/* Decodes one inbound text frame and acts on it. @valid_utf8: whether the
 * text is known to be UTF-8 already. */
static void
receive (StellarPrimusSocket *self,
         const char          *data,
         gsize                length,
         gboolean             valid_utf8)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (self->events->wire != NULL)
    self->events->wire (self->owner, FALSE, data, length);

  node = valid_utf8 ? _stellar_json_decode_utf8 (data, length, &error)
                    : _stellar_json_decode (data, length, &error);
  if (node == NULL)
    {
      problem (self, "Ignored a malformed frame from the server: %s", error->message);
      return;
    }

  if (JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      handle_control (self, json_node_get_string (node)))
    return;

  if (self->events->frame != NULL)
    self->events->frame (self->owner, node);
}

/*
 * _stellar_primus_socket_receive:
 * @data: the text of one frame, which may be anything
 *
 * Decodes one inbound text frame and acts on it, as if the connection had
 * received it: the entry point of the fuzz target.
 */
void
_stellar_primus_socket_receive (StellarPrimusSocket *self,
                                const char          *data,
                                gsize                length)
{
  receive (self, data, length, FALSE);
}

static void
on_websocket_message (gpointer    owner,
                      const char *data,
                      gsize       length,
                      gboolean    binary)
{
  StellarPrimusSocket *self = owner;

  if (binary)
    {
      problem (self, "Ignored a binary frame of %" G_GSIZE_FORMAT " bytes from the server", length);
      return;
    }

  /* The WebSocket delivers a text message only once it validated its UTF-8. */
  g_object_ref (self);
  receive (self, data, length, TRUE);
  g_object_unref (self);
}

static void
on_websocket_error (gpointer      owner,
                    const GError *error)
{
  StellarPrimusSocket *self = owner;

  /* A frame too large, bad UTF-8, a broken frame: the peer broke the
   * protocol, which deserves saying on its own; the close follows. */
  problem (self, "The server broke the WebSocket protocol: %s", error->message);

  if (self->close_reason == NULL)
    self->close_reason = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                      "The connection to the server was lost: %s",
                                      error->message);
}

static void
on_websocket_closed (gpointer    owner,
                     guint       code,
                     const char *reason_text)
{
  StellarPrimusSocket *self = owner;
  GError *reason = g_steal_pointer (&self->close_reason);

  g_clear_object (&self->websocket);

  if (reason == NULL && !self->server_ended)
    {
      if (code == STELLAR_WEBSOCKET_CLOSE_ABNORMAL)
        reason = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                              "The connection to the server was lost: %s", reason_text);
      else
        reason = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                              "The server closed the connection (code %u)", code);
    }

  g_object_ref (self);
  finish (self, reason);
  g_object_unref (self);
}

static const StellarWebsocketEvents websocket_events = {
  .message = on_websocket_message,
  .error = on_websocket_error,
  .closed = on_websocket_closed,
};

static void
stellar_primus_socket_dispose (GObject *object)
{
  StellarPrimusSocket *self = (StellarPrimusSocket *)object;

  self->finished = TRUE;
  clear_heartbeat (self);
  release_websocket (self);

  G_OBJECT_CLASS (stellar_primus_socket_parent_class)->dispose (object);
}

static void
stellar_primus_socket_finalize (GObject *object)
{
  StellarPrimusSocket *self = (StellarPrimusSocket *)object;

  g_clear_error (&self->close_reason);

  G_OBJECT_CLASS (stellar_primus_socket_parent_class)->finalize (object);
}

static void
stellar_primus_socket_class_init (StellarPrimusSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stellar_primus_socket_dispose;
  object_class->finalize = stellar_primus_socket_finalize;
}

static void
stellar_primus_socket_init (StellarPrimusSocket *self)
{
  self->events = &no_events;
}

/*
 * _stellar_primus_socket_new:
 * @websocket: (nullable): an open WebSocket, or %NULL for a socket that
 *   only decodes what it is given (the fuzz target)
 * @heartbeat: who pings
 * @interval_ms: the server's ping interval, or the client's
 * @events: what to call, for as long as the socket is attached
 * @owner: the first argument of @events
 */
StellarPrimusSocket *
_stellar_primus_socket_new (StellarWebsocket                *websocket,
                            StellarHeartbeat                 heartbeat,
                            guint                            interval_ms,
                            const StellarPrimusSocketEvents *events,
                            gpointer                         owner)
{
  StellarPrimusSocket *self = g_object_new (STELLAR_TYPE_PRIMUS_SOCKET, NULL);

  self->events = events;
  self->owner = owner;

  self->heartbeat = heartbeat;
  self->interval_ms = MAX (interval_ms, 1);

  if (websocket != NULL)
    {
      self->websocket = g_object_ref (websocket);
      _stellar_websocket_start (websocket, &websocket_events, self);
      arm_heartbeat (self);
    }

  return self;
}

void
_stellar_primus_socket_send (StellarPrimusSocket *self,
                             const char          *text,
                             gsize                length)
{
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  send_text (self, text, length);
}

/* Stops telling the owner anything. */
void
_stellar_primus_socket_detach (StellarPrimusSocket *self)
{
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  self->events = &no_events;
  self->owner = NULL;
}

/* Closes on purpose: the owner is told at once, with no reason. */
void
_stellar_primus_socket_close (StellarPrimusSocket *self)
{
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  finish (self, NULL);
}
