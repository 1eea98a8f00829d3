/* stellar-primus-socket.c: Primus framing and heartbeats over a WebSocket
 *
 * A StellarPrimusSocket owns one open SoupWebsocketConnection. It decodes
 * each text message as one JSON value, answers or sends the Primus
 * heartbeats, and hands every other value to its owner. It reports the end of
 * the connection exactly once, and at once: when the server closes, breaks
 * the protocol or goes quiet, the owner learns of it without waiting for the
 * closing handshake, which libsoup finishes in the background.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "stellar-error.h"
#include "stellar-json-private.h"
#include "stellar-primus-socket-private.h"
#include "stellar-websocket-relay-private.h"

/* A legacy server does not answer a ping within this time: the link is dead. */
#define LEGACY_PONG_TIMEOUT_MS 10000

struct _StellarPrimusSocket
{
  GObject parent_instance;

  const StellarPrimusSocketEvents *events;
  gpointer owner;

  /* one of the two: a connection in the owner's thread, or one in an I/O
   * thread and what the owner heard of its state */
  SoupWebsocketConnection *connection;
  StellarWebsocketRelay *relay;
  SoupWebsocketState relay_state;
  gulong message_id;
  gulong error_id;
  gulong closing_id;
  gulong state_id;
  gulong closed_id;

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

static void
on_closed_after_release (SoupWebsocketConnection *connection,
                         gpointer                 user_data)
{
  g_signal_handlers_disconnect_by_func (connection, on_closed_after_release, user_data);
  g_object_unref (connection);
}

/* Lets go of the connection: libsoup ends it in the background, and keeps
 * it until the peer answered the close or its own timeout passed. @close:
 * whether to start the closing handshake; not while libsoup reports the
 * peer's close or error, as it answers those itself. */
static void
release_connection (StellarPrimusSocket *self,
                    gboolean             close)
{
  SoupWebsocketConnection *connection = g_steal_pointer (&self->connection);

  if (self->relay != NULL)
    _stellar_websocket_relay_release (g_steal_pointer (&self->relay),
                                      close && self->relay_state == SOUP_WEBSOCKET_STATE_OPEN);

  if (connection == NULL)
    return;

  g_clear_signal_handler (&self->message_id, connection);
  g_clear_signal_handler (&self->error_id, connection);
  g_clear_signal_handler (&self->closing_id, connection);
  g_clear_signal_handler (&self->state_id, connection);
  g_clear_signal_handler (&self->closed_id, connection);

  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_CLOSED)
    {
      g_object_unref (connection);
      return;
    }

  g_signal_connect (connection, "closed", G_CALLBACK (on_closed_after_release), NULL);
  if (close && soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

/* Ends the socket once: stops the heartbeat, lets go of the connection and
 * tells the owner. @reason is NULL when the end was asked for. */
static void
finish (StellarPrimusSocket *self,
        GError              *reason,
        gboolean             close)
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
  release_connection (self, close);

  g_object_ref (self);
  if (self->events->closed != NULL)
    self->events->closed (self->owner, self->server_ended, self->close_reason);
  g_object_unref (self);
}

static gboolean
is_open (StellarPrimusSocket *self)
{
  if (self->relay != NULL)
    return self->relay_state == SOUP_WEBSOCKET_STATE_OPEN;

  return self->connection != NULL &&
         soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
send_text (StellarPrimusSocket *self,
           const char          *text,
           gsize                length,
           JsonNode            *node)
{
  if (!is_open (self))
    return;

  if (self->events->wire != NULL)
    self->events->wire (self->owner, TRUE, text, length, node);

  /* Every frame is one JSON value, NUL-terminated: send_text() is the call
   * without a GBytes of its own. */
  if (!is_open (self))
    return;

  if (self->relay != NULL)
    _stellar_websocket_relay_send_text (self->relay, text);
  else
    soup_websocket_connection_send_text (self->connection, text);
}

/* "primus::<type>::<value>", for the heartbeats the socket sends. */
static void
send_control (StellarPrimusSocket *self,
              const char          *type,
              const char          *value)
{
  g_autofree char *string = g_strdup_printf ("primus::%s::%s", type, value);
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), string);
  g_autofree char *text = _stellar_json_encode (node);

  send_text (self, text, strlen (text), node);
}

static gboolean
on_heartbeat_expired (gpointer user_data)
{
  StellarPrimusSocket *self = user_data;

  g_clear_pointer (&self->heartbeat_source, g_source_unref);

  if (self->heartbeat == STELLAR_HEARTBEAT_CLIENT_PINGS && !self->awaiting_pong)
    {
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);

      send_control (self, "ping", now);
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
                                     _("The server stopped answering heartbeats")),
          TRUE);
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
  if (!g_str_has_prefix (string, "primus::"))
    return FALSE;

  string += strlen ("primus::");

  if (g_str_has_prefix (string, "ping::"))
    {
      /* Only servers of the modern generation ping. */
      if (self->heartbeat != STELLAR_HEARTBEAT_SERVER_PINGS)
        return FALSE;

      send_control (self, "pong", string + strlen ("ping::"));
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

  node = valid_utf8 ? _stellar_json_decode_utf8 (data, length, &error)
                    : _stellar_json_decode (data, length, &error);

  if (self->events->wire != NULL)
    self->events->wire (self->owner, FALSE, data, length, node);

  if (node == NULL)
    {
      problem (self, _("Ignored a malformed frame from the server: %s"), error->message);
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
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  receive (self, data, length, FALSE);
}

/* --- the connection's signals ------------------------------------------ */

static void
handle_message (StellarPrimusSocket *self,
                int                  type,
                GBytes              *message)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      problem (self, _("Ignored a binary frame of %lu bytes from the server"), (unsigned long) length);
      return;
    }

  /* libsoup hands out a text message only once it validated its UTF-8
   * (and NUL-terminates it; an empty one may have no data at all). */
  g_object_ref (self);
  receive (self, data != NULL ? data : "", length, TRUE);
  g_object_unref (self);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  handle_message (user_data, type, message);
}

/* SoupWebsocketConnection::message has no C marshaller: GLib would call
 * the handler of every message through libffi. This is its VOID:INT,BOXED
 * one. */
static void
marshal_message (GClosure     *closure,
                 GValue       *return_value,
                 guint         n_param_values,
                 const GValue *param_values,
                 gpointer      invocation_hint,
                 gpointer      marshal_data)
{
  typedef void (*MessageFunc) (gpointer  connection,
                               int       type,
                               GBytes   *message,
                               gpointer  user_data);
  GCClosure *cclosure = (GCClosure *)closure;
  MessageFunc callback;

  g_return_if_fail (n_param_values == 3);

  callback = (MessageFunc)(marshal_data ? marshal_data : cclosure->callback);
  callback (g_value_peek_pointer (&param_values[0]),
            g_value_get_int (&param_values[1]),
            g_value_get_boxed (&param_values[2]),
            closure->data);
}

static void
handle_error (StellarPrimusSocket *self,
              const GError        *error)
{
  GError *reason;

  /* A frame too large, bad UTF-8, a masked or reserved frame, a bad close:
   * the peer broke the protocol, which deserves saying on its own. libsoup
   * closes the connection; the owner learns at once that it is lost. */
  if (error->domain == SOUP_WEBSOCKET_ERROR)
    problem (self, _("The server broke the WebSocket protocol: %s"), error->message);

  reason = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                        _("The connection to the server was lost: %s"), error->message);

  g_object_ref (self);
  finish (self, reason, FALSE);
  g_object_unref (self);
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          gpointer                 user_data)
{
  handle_error (user_data, error);
}

static GError *
closed_by_server (gushort code)
{
  if (code == 0)
    return g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                _("The connection to the server was lost"));

  return g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                      _("The server closed the connection (code %u)"), code);
}

/* The server started the closing handshake (libsoup answers it), the
 * connection ended without one (the peer went away; libsoup closes its
 * stream in the background), or it closed: it is over for us. */
static void
handle_end (StellarPrimusSocket *self,
            gushort              close_code)
{
  g_object_ref (self);
  finish (self, self->server_ended ? NULL : closed_by_server (close_code), FALSE);
  g_object_unref (self);
}

static void
on_closing (SoupWebsocketConnection *connection,
            gpointer                 user_data)
{
  handle_end (user_data, soup_websocket_connection_get_close_code (connection));
}

static void
on_state_changed (SoupWebsocketConnection *connection,
                  GParamSpec              *pspec,
                  gpointer                 user_data)
{
  if (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_OPEN)
    handle_end (user_data, soup_websocket_connection_get_close_code (connection));
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  handle_end (user_data, soup_websocket_connection_get_close_code (connection));
}

/* --- the same, from a connection in the I/O thread ---------------------- */

static void
on_relayed_message (gpointer  owner,
                    int       type,
                    GBytes   *message)
{
  handle_message (owner, type, message);
}

static void
on_relayed_error (gpointer      owner,
                  const GError *error)
{
  handle_error (owner, error);
}

/* The server closing, the connection closed, or its state changing: as
 * on_closing(), on_closed() and on_state_changed(), with the state kept
 * for is_open(). */
static void
on_relayed_state_changed (gpointer           owner,
                          SoupWebsocketState state,
                          gushort            close_code)
{
  StellarPrimusSocket *self = owner;

  self->relay_state = state;
  handle_end (self, close_code);
}

static const StellarWebsocketRelayEvents relay_events = {
  .message = on_relayed_message,
  .error = on_relayed_error,
  .state_changed = on_relayed_state_changed,
};

/* --- GObject ------------------------------------------------------------ */

static void
stellar_primus_socket_dispose (GObject *object)
{
  StellarPrimusSocket *self = (StellarPrimusSocket *)object;

  self->finished = TRUE;
  clear_heartbeat (self);
  release_connection (self, TRUE);

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
 * @connection: (nullable): an open connection, or %NULL for a socket that
 *   only decodes what it is given (the fuzz target)
 * @heartbeat: who pings
 * @interval_ms: the server's ping interval, or the client's
 * @events: what to call, for as long as the socket is attached
 * @owner: the first argument of @events
 */
StellarPrimusSocket *
_stellar_primus_socket_new (SoupWebsocketConnection         *connection,
                            StellarHeartbeat                 heartbeat,
                            guint                            interval_ms,
                            const StellarPrimusSocketEvents *events,
                            gpointer                         owner)
{
  StellarPrimusSocket *self = g_object_new (STELLAR_TYPE_PRIMUS_SOCKET, NULL);
  GClosure *closure;

  self->events = events;
  self->owner = owner;

  self->heartbeat = heartbeat;
  self->interval_ms = MAX (interval_ms, 1);

  if (connection == NULL)
    return self;

  self->connection = g_object_ref (connection);

  /* libsoup's default is 128 KiB; Stellar's own limit is 10 MiB. libsoup
   * 3.8 also bounds a message in many frames; older ones only each frame. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, STELLAR_MAX_MESSAGE_SIZE);
#if SOUP_CHECK_VERSION (3, 8, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS /* newer than the API range the build pins */
  soup_websocket_connection_set_max_total_message_size (connection, STELLAR_MAX_MESSAGE_SIZE);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  closure = g_cclosure_new (G_CALLBACK (on_message), self, NULL);
  g_closure_set_marshal (closure, marshal_message);
  self->message_id = g_signal_connect_closure (connection, "message", closure, FALSE);
  self->error_id = g_signal_connect (connection, "error", G_CALLBACK (on_error), self);
  self->closing_id = g_signal_connect (connection, "closing", G_CALLBACK (on_closing), self);
  self->state_id = g_signal_connect (connection, "notify::state", G_CALLBACK (on_state_changed), self);
  self->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);

  arm_heartbeat (self);

  return self;
}

/*
 * _stellar_primus_socket_new_relayed:
 * @relay: (transfer full): an open connection in an I/O thread
 *
 * As _stellar_primus_socket_new(), over a connection that libsoup reads
 * and writes in an I/O thread.
 */
StellarPrimusSocket *
_stellar_primus_socket_new_relayed (StellarWebsocketRelay           *relay,
                                    StellarHeartbeat                 heartbeat,
                                    guint                            interval_ms,
                                    const StellarPrimusSocketEvents *events,
                                    gpointer                         owner)
{
  StellarPrimusSocket *self = _stellar_primus_socket_new (NULL, heartbeat, interval_ms, events, owner);

  self->relay = relay;
  self->relay_state = SOUP_WEBSOCKET_STATE_OPEN;
  _stellar_websocket_relay_attach (relay, &relay_events, self);
  arm_heartbeat (self);

  return self;
}

/*
 * _stellar_primus_socket_send:
 * @text: one JSON value, NUL-terminated
 * @node: (nullable): @text as JSON, for the owner's wire event
 */
void
_stellar_primus_socket_send (StellarPrimusSocket *self,
                             const char          *text,
                             gsize                length,
                             JsonNode            *node)
{
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  send_text (self, text, length, node);
}

/* Whether the socket has not ended yet. */
gboolean
_stellar_primus_socket_is_open (StellarPrimusSocket *self)
{
  g_return_val_if_fail (STELLAR_IS_PRIMUS_SOCKET (self), FALSE);

  return !self->finished;
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

  finish (self, NULL, TRUE);
}

/* For tests: what the I/O thread read and the owner was not handed yet. */
void
_stellar_primus_socket_get_queued (StellarPrimusSocket *self,
                                   guint               *n_messages,
                                   gsize               *n_bytes)
{
  g_return_if_fail (STELLAR_IS_PRIMUS_SOCKET (self));

  *n_messages = 0;
  *n_bytes = 0;
  if (self->relay != NULL)
    _stellar_websocket_relay_get_queued (self->relay, n_messages, n_bytes);
}
