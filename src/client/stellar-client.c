/* stellar-client.c: a client of a Stellar server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-json-private.h"

#include "stellar-client-marshal.h"
#include "stellar-client-private.h"
#include "stellar-error-private.h"
#include "stellar-url-private.h"

/**
 * StellarClient:
 *
 * A client of a server built with the Stellar web framework: a native port of
 * Stellar's own JavaScript client.
 *
 * A client talks to one server, given by its base URL. [method@Client.connect_async]
 * opens a WebSocket (Primus) connection, learns the connection's details and
 * joins the rooms of [property@Client:rooms]. Actions go over the WebSocket
 * when connected and over HTTP otherwise; chat and room verbs need the
 * WebSocket. Everything the server pushes arrives as signals:
 * [signal@Client::say] and [signal@Client::event] for room messages,
 * [signal@Client::alert], [signal@Client::api] and [signal@Client::welcome],
 * and [signal@Client::message] for every frame. Interceptors are handlers of
 * [signal@Client::intercept].
 *
 * ## Reconnection and the outbox
 *
 * When an established connection is lost unexpectedly (the network drops,
 * heartbeats stop, the server restarts), the client emits
 * [signal@Client::disconnected] and [signal@Client::reconnect], goes to
 * %STELLAR_CLIENT_STATE_RECONNECTING and tries again on Primus's schedule:
 * after 500 ms, then after 500 × 2^(n−1) ms stretched by a random factor
 * between 1 and 2, announcing each attempt with
 * [signal@Client::reconnecting]. On success it starts a new count, reads the
 * details again, joins again every room it had joined, and emits
 * [signal@Client::connected]. After [property@Client:reconnect-attempts]
 * failed attempts it gives up: state %STELLAR_CLIENT_STATE_DISCONNECTED and
 * an [signal@Client::error]. It never reconnects after
 * [method@Client.disconnect] or when the server ends the session
 * (`primus::server::close`).
 *
 * Requests sent before a loss fail with %STELLAR_ERROR_DISCONNECTED: the
 * client cannot know whether the server acted on them, and actions are never
 * sent twice. `say`, `emit` and room joins and leaves asked for while
 * reconnecting wait in an outbox and are sent once, in order, when the
 * connection is back; each completes exactly once, when sent and answered,
 * or with %STELLAR_ERROR_DISCONNECTED when the client gives up. Actions asked
 * for while reconnecting go over HTTP (with %STELLAR_TRANSPORT_AUTO).
 */

enum {
  PROP_0,
  PROP_URL,
  PROP_STATE,
  PROP_ID,
  PROP_FINGERPRINT,
  PROP_WELCOME_MESSAGE,
  PROP_ROOMS,
  PROP_JOINED_ROOMS,
  PROP_DETAILS,
  PROP_PRIMUS_SPEC,
  PROP_API_PATH,
  PROP_DEFAULT_ROOM,
  PROP_SIMULTANEOUS_ACTIONS,
  PROP_REQUEST_TIMEOUT,
  PROP_CONNECT_TIMEOUT,
  PROP_AUTO_RECONNECT,
  PROP_RECONNECT_ATTEMPTS,
  PROP_SESSION_ID,
  PROP_TRUSTED_CERTIFICATE,
  PROP_THREADED_IO,
  N_PROPS
};

enum {
  CONNECTED,
  DISCONNECTED,
  RECONNECT,
  RECONNECTING,
  TIMEOUT,
  ERROR,
  MESSAGE,
  WELCOME,
  ALERT,
  API,
  SAY,
  EVENT,
  INTERCEPT,
  WIRE,
  N_SIGNALS
};

/* The first reconnection delay and the backoff factor, as Primus's. */
#define RECONNECT_MIN_DELAY_MS 500

G_DEFINE_FINAL_TYPE (StellarClient, stellar_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean on_reconnect_timer (gpointer user_data);

static const char * const no_rooms[] = { NULL };

/* --- small setters ------------------------------------------------------ */

static void
set_state (StellarClient      *self,
           StellarClientState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (StellarClient  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_joined_rooms (StellarClient      *self,
                  const char * const *rooms)
{
  if (rooms == NULL)
    rooms = no_rooms;

  if (self->joined_rooms != NULL && g_strv_equal ((const char * const *)self->joined_rooms, rooms))
    return;

  g_strfreev (self->joined_rooms);
  self->joined_rooms = g_strdupv ((char **)rooms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOINED_ROOMS]);
}

static char **
strv_from_json_array (JsonArray *array)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  guint length = array ? json_array_get_length (array) : 0;
  char **strv;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

/* Keeps what /primus/spec answered, notifying when it differs. */
void
_stellar_client_set_primus_spec (StellarClient *self,
                                 JsonObject    *spec)
{
  if (self->primus_spec != NULL && json_object_equal (self->primus_spec, spec))
    return;

  g_clear_pointer (&self->primus_spec, json_object_unref);
  self->primus_spec = json_object_ref (spec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMUS_SPEC]);
}

/* Stores a detailsView reply's data: the details, the connection id and
 * fingerprint, and the rooms joined now. */
void
_stellar_client_set_details (StellarClient *self,
                             JsonObject    *details)
{
  g_auto(GStrv) rooms = NULL;
  JsonNode *rooms_node;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->details != details)
    {
      g_clear_pointer (&self->details, json_object_unref);
      self->details = json_object_ref (details);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
    }

  set_string (self, &self->id,
              _stellar_json_get_string (details, "id"), PROP_ID);
  set_string (self, &self->fingerprint,
              _stellar_json_get_string (details, "fingerprint"),
              PROP_FINGERPRINT);

  rooms_node = json_object_get_member (details, "rooms");
  rooms = strv_from_json_array (rooms_node && JSON_NODE_HOLDS_ARRAY (rooms_node)
                                ? json_node_get_array (rooms_node) : NULL);
  set_joined_rooms (self, (const char * const *)rooms);

  g_object_thaw_notify (G_OBJECT (self));
}

static char **
strv_without (char       **strv,
              const char  *removed)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  for (guint i = 0; strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], removed) != 0)
      g_strv_builder_add (builder, strv[i]);

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* Leaving a room on purpose also means not joining it again on reconnect,
 * as the seed's leave() drops it from its rooms option. */
void
_stellar_client_forget_room (StellarClient *self,
                             const char    *room)
{
  if (self->rooms_to_restore != NULL)
    {
      char **rooms = strv_without (self->rooms_to_restore, room);

      g_strfreev (self->rooms_to_restore);
      self->rooms_to_restore = rooms;
    }

  if (self->rooms != NULL && g_strv_contains ((const char * const *)self->rooms, room))
    {
      char **rooms = strv_without (self->rooms, room);

      g_strfreev (self->rooms);
      self->rooms = rooms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOMS]);
    }
}

/* --- what the server sends ------------------------------------------- */

static void
emit_error (StellarClient *self,
            const GError  *error)
{
  g_debug ("%s", error->message);
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* Routes one inbound Stellar frame, as the seed does: ::message for every
 * frame, then by its context. */
static void
emit_frame_signals (StellarClient *self,
                    JsonNode      *frame)
{
  JsonObject *object;
  const char *context;

  if (g_signal_has_handler_pending (self, signals[MESSAGE], 0, FALSE))
    g_signal_emit (self, signals[MESSAGE], 0, frame);

  if (!JSON_NODE_HOLDS_OBJECT (frame))
    {
      g_autoptr(GError) error =
        g_error_new (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                     _("Ignored a frame from the server that is not a JSON object (%s)"),
                     json_node_type_name (frame));
      emit_error (self, error);
      return;
    }

  object = json_node_get_object (frame);
  context = _stellar_json_get_string (object, "context");

  if (g_strcmp0 (context, "response") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!_stellar_request_queue_route_reply (self->queue, frame, &error))
        emit_error (self, error);
    }
  else if (g_strcmp0 (context, "user") == 0)
    {
      JsonNode *message = json_object_get_member (object, "message");

      g_signal_emit (self, signals[SAY], 0, object);

      if (message != NULL && JSON_NODE_HOLDS_OBJECT (message))
        {
          JsonObject *payload = json_node_get_object (message);
          const char *event = _stellar_json_get_string (payload, "event");

          if (event != NULL && *event != '\0')
            {
              JsonNode *data = json_object_get_member (payload, "data");
              const char *room = _stellar_json_get_string (object, "room");

              /* Only look the name up: a quark made for every name a server
               * sends would never be freed. No handler can be connected to a
               * detail without its quark. */
              g_signal_emit (self, signals[EVENT], g_quark_try_string (event),
                             room, event,
                             data != NULL && !JSON_NODE_HOLDS_NULL (data) ? data : NULL,
                             object);
            }
        }
    }
  else if (g_strcmp0 (context, "alert") == 0)
    g_signal_emit (self, signals[ALERT], 0, object);
  else if (g_strcmp0 (context, "api") == 0 && json_object_has_member (object, "welcome"))
    {
      JsonNode *welcome = json_object_get_member (object, "welcome");

      if (JSON_NODE_HOLDS_VALUE (welcome) && json_node_get_value_type (welcome) == G_TYPE_STRING)
        set_string (self, &self->welcome_message, json_node_get_string (welcome), PROP_WELCOME_MESSAGE);
      g_signal_emit (self, signals[WELCOME], 0, object);
    }
  else
    g_signal_emit (self, signals[API], 0, object);
}

/* --- the socket -------------------------------------------------------- */

static void connection_lost (StellarClient *self,
                             gboolean       server_ended,
                             const GError  *reason);

static void
on_socket_wire (gpointer    owner,
                gboolean    outgoing,
                const char *text,
                gsize       length,
                JsonNode   *node)
{
  StellarClient *self = owner;
  g_autoptr(JsonNode) decoded = NULL;
  g_autofree char *copy = NULL;

  if (!g_signal_has_handler_pending (self, signals[WIRE], 0, FALSE))
    return;

  /* A frame queued before the first handler was connected was encoded
   * without its JSON being kept. */
  if (node == NULL && outgoing)
    node = decoded = _stellar_json_decode (text, length, NULL);

  copy = g_strndup (text, length);
  g_signal_emit (self, signals[WIRE], 0, outgoing, copy, node);
}

static void
on_socket_frame (gpointer  owner,
                 JsonNode *frame)
{
  emit_frame_signals (owner, frame);
}

static void
on_socket_problem (gpointer      owner,
                   const GError *error)
{
  emit_error (owner, error);
}

static void
on_socket_heartbeat_timeout (gpointer owner)
{
  g_signal_emit (owner, signals[TIMEOUT], 0);
}

static void
on_socket_closed (gpointer      owner,
                  gboolean      server_ended,
                  const GError *reason)
{
  connection_lost (owner, server_ended, reason);
}

static const StellarPrimusSocketEvents socket_events = {
  .wire = on_socket_wire,
  .frame = on_socket_frame,
  .problem = on_socket_problem,
  .heartbeat_timeout = on_socket_heartbeat_timeout,
  .closed = on_socket_closed,
};

static void
drop_socket (StellarClient *self)
{
  g_autoptr(StellarPrimusSocket) socket = g_steal_pointer (&self->socket);

  if (socket != NULL)
    {
      _stellar_primus_socket_detach (socket);
      _stellar_primus_socket_close (socket);
    }
}

/* --- connect waiters ---------------------------------------------------- */

typedef struct
{
  StellarClient *self;
  GTask *task;
  GSource *cancel_source;
} ConnectWaiter;

static void end_session (StellarClient *self,
                         const GError  *error);

static void
connect_waiter_free (ConnectWaiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
complete_waiters (StellarClient *self,
                  const GError  *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->connect_tasks);

  self->connect_tasks = g_ptr_array_new ();

  for (guint i = 0; i < waiters->len; i++)
    {
      ConnectWaiter *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_pointer (waiter->task, json_object_ref (self->details),
                               (GDestroyNotify)json_object_unref);
      connect_waiter_free (waiter);
    }
}

static gboolean
on_connect_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  ConnectWaiter *waiter = user_data;
  StellarClient *self = g_object_ref (waiter->self);

  g_ptr_array_remove (self->connect_tasks, waiter);
  g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The connection was cancelled"));
  connect_waiter_free (waiter);

  /* Nobody waits for the first connection any more: give it up. */
  if (self->connect_tasks->len == 0 && self->state == STELLAR_CLIENT_STATE_CONNECTING)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The connection was cancelled"));
      end_session (self, error);
    }

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
add_waiter (StellarClient *self,
            GTask         *task)
{
  ConnectWaiter *waiter = g_new0 (ConnectWaiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->self = self;
  waiter->task = g_object_ref (task);

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (waiter->cancel_source, "[stellar] connect cancelled");
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_connect_cancelled),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, self->context);
    }

  g_ptr_array_add (self->connect_tasks, waiter);
}

/* --- the life cycle ----------------------------------------------------- */

static void
clear_reconnect_timer (StellarClient *self)
{
  if (self->reconnect_source != NULL)
    {
      g_source_destroy (self->reconnect_source);
      g_clear_pointer (&self->reconnect_source, g_source_unref);
    }
}

/* Gives the attempt under way up: its result, when it comes, is ignored. */
static void
cancel_attempt (StellarClient *self)
{
  g_autoptr(GCancellable) attempt = g_steal_pointer (&self->attempt);

  if (attempt != NULL)
    g_cancellable_cancel (attempt);
}

/* The connection is no more: forget what belonged to it. */
static void
forget_connection (StellarClient *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->id, NULL, PROP_ID);
  set_joined_rooms (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The end of the road: no connection, and none coming. The state is settled
 * before any callback runs, so callbacks may connect again. */
static void
end_session (StellarClient *self,
             const GError  *error)
{
  gboolean was_connected = self->state == STELLAR_CLIENT_STATE_CONNECTED;

  g_object_freeze_notify (G_OBJECT (self));
  clear_reconnect_timer (self);
  cancel_attempt (self);
  drop_socket (self);
  forget_connection (self);
  g_clear_pointer (&self->rooms_to_restore, g_strfreev);
  self->reconnect_count = 0;
  set_state (self, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_object_thaw_notify (G_OBJECT (self));

  _stellar_request_queue_close (self->queue, error);
  _stellar_request_queue_fail_waiting (self->queue, error);
  complete_waiters (self, error);

  if (was_connected)
    g_signal_emit (self, signals[DISCONNECTED], 0);
}

/* Primus's backoff: 500 ms first, then 500 × 2^(n−1) ms times a random
 * factor in [1, 2). */
static guint
reconnect_delay (guint attempt)
{
  double base = RECONNECT_MIN_DELAY_MS * (double)(1u << MIN (attempt - 1, 20u));

  if (attempt <= 1)
    return RECONNECT_MIN_DELAY_MS;

  return (guint)MIN (base * (1.0 + g_random_double ()), (double)G_MAXUINT);
}

static void
schedule_reconnect (StellarClient *self)
{
  guint delay;

  if (self->reconnect_count >= self->reconnect_attempts)
    {
      g_autoptr(GError) error = NULL;

      error = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "Could not reconnect to %s after %u attempt%s%s",
                                        "Could not reconnect to %s after %u attempts%s%s",
                                        self->reconnect_count),
                           self->url, self->reconnect_count,
                           self->last_attempt_error ? ": " : "",
                           self->last_attempt_error ? self->last_attempt_error->message : "");
      end_session (self, error);
      emit_error (self, error);
      return;
    }

  self->reconnect_count++;
  delay = reconnect_delay (self->reconnect_count);

  g_debug ("Reconnecting to %s in %u ms (attempt %u of %u)",
           self->url, delay, self->reconnect_count, self->reconnect_attempts);

  clear_reconnect_timer (self);
  self->reconnect_source = g_timeout_source_new (delay);
  g_source_set_static_name (self->reconnect_source, "[stellar] reconnect");
  g_source_set_callback (self->reconnect_source, on_reconnect_timer, self, NULL);
  g_source_attach (self->reconnect_source, self->context);

  g_signal_emit (self, signals[RECONNECTING], 0, self->reconnect_count, delay);
}

/* Rooms to join on the next connection: those configured, then those the
 * connection that was lost had joined. */
static char **
rooms_to_join (StellarClient *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **sources[] = { self->rooms, self->rooms_to_restore };
  char **rooms;

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint i = 0; sources[s] != NULL && sources[s][i] != NULL; i++)
      if (g_hash_table_add (seen, sources[s][i]))
        g_strv_builder_add (builder, sources[s][i]);

  rooms = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return rooms;
}

/* The handshake of a first or restored connection is over. */
static void
connection_established (StellarClient       *self,
                        StellarPrimusSocket *socket,
                        JsonObject          *details)
{
  g_assert (self->socket == NULL);

  self->socket = g_object_ref (socket);
  g_clear_pointer (&self->rooms_to_restore, g_strfreev);
  g_clear_error (&self->last_attempt_error);
  self->reconnect_count = 0;

  _stellar_client_set_details (self, details);
  set_state (self, STELLAR_CLIENT_STATE_CONNECTED);
  _stellar_request_queue_set_ready (self->queue);

  g_signal_emit (self, signals[CONNECTED], 0);
  complete_waiters (self, NULL);
}

/* The attempt failed, before or after the upgrade. */
static void
attempt_failed (StellarClient *self,
                const GError  *error)
{
  if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT))
    g_signal_emit (self, signals[TIMEOUT], 0);

  if (self->state == STELLAR_CLIENT_STATE_CONNECTING)
    {
      /* The first attempt decides: no reconnection for a connection that
       * never was. */
      end_session (self, error);
      return;
    }

  if (self->state == STELLAR_CLIENT_STATE_RECONNECTING)
    {
      g_clear_error (&self->last_attempt_error);
      self->last_attempt_error = g_error_copy (error);
      schedule_reconnect (self);
    }
}

static void
on_connection_opened (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  StellarClient *self = STELLAR_CLIENT (object);
  g_autoptr(GCancellable) attempt = user_data;
  g_autoptr(StellarPrimusSocket) socket = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  socket = _stellar_client_open_connection_finish (self, result, &details, &error);

  /* Given up, and maybe another under way since. */
  if (attempt != self->attempt)
    {
      if (socket != NULL)
        {
          _stellar_primus_socket_detach (socket);
          _stellar_primus_socket_close (socket);
        }
      return;
    }
  g_clear_object (&self->attempt);

  if (socket != NULL && !_stellar_primus_socket_is_open (socket))
    {
      /* Lost between the last reply of the handshake and now. */
      g_clear_object (&socket);
      error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                   _("The connection to the server was lost during the handshake"));
    }

  g_object_ref (self);
  if (socket != NULL)
    connection_established (self, socket, details);
  else
    attempt_failed (self, error);
  g_object_unref (self);
}

static void
start_attempt (StellarClient *self)
{
  g_auto(GStrv) rooms = rooms_to_join (self);

  g_assert (self->attempt == NULL);

  self->attempt = g_cancellable_new ();
  _stellar_client_open_connection_async (self, self->queue, (const char * const *)rooms,
                                         &socket_events, self->attempt,
                                         on_connection_opened, g_object_ref (self->attempt));
}

static gboolean
on_reconnect_timer (gpointer user_data)
{
  StellarClient *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  start_attempt (self);

  return G_SOURCE_REMOVE;
}

/* The socket of an established or half-established connection closed. */
static void
connection_lost (StellarClient *self,
                 gboolean       server_ended,
                 const GError  *reason)
{
  g_autoptr(GError) error = NULL;

  /* The socket keeps itself alive while it calls us. */
  g_clear_object (&self->socket);
  g_object_ref (self);

  if (server_ended)
    error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                 _("The server ended the session"));
  else if (reason != NULL)
    error = g_error_copy (reason);
  else
    error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                 _("The connection to the server was closed"));

  if (error->domain == STELLAR_ERROR && error->code == STELLAR_ERROR_TIMEOUT)
    {
      /* A heartbeat timeout: pending requests were cut off by the loss. */
      g_autoptr(GError) lost = g_error_new (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                            _("The connection to the server was lost: %s"),
                                            error->message);
      g_clear_error (&error);
      error = g_steal_pointer (&lost);
    }

  if (self->attempt != NULL)
    {
      /* Lost during a handshake: failing its requests fails the attempt. */
      if (server_ended && self->state == STELLAR_CLIENT_STATE_RECONNECTING)
        {
          end_session (self, error);
          emit_error (self, error);
        }
      else
        _stellar_request_queue_close (self->queue, error);
    }
  else if (self->state == STELLAR_CLIENT_STATE_CONNECTED)
    {
      if (server_ended || !self->auto_reconnect)
        {
          end_session (self, error);
          emit_error (self, error);
        }
      else
        {
          /* Settle the state first: the callbacks of the failed requests
           * and the signal handlers may queue more, or disconnect. */
          g_strfreev (self->rooms_to_restore);
          self->rooms_to_restore = g_strdupv (self->joined_rooms);
          self->reconnect_count = 0;
          g_object_freeze_notify (G_OBJECT (self));
          forget_connection (self);
          set_state (self, STELLAR_CLIENT_STATE_RECONNECTING);
          g_object_thaw_notify (G_OBJECT (self));

          _stellar_request_queue_close (self->queue, error);

          if (self->state == STELLAR_CLIENT_STATE_RECONNECTING)
            g_signal_emit (self, signals[DISCONNECTED], 0);
          if (self->state == STELLAR_CLIENT_STATE_RECONNECTING)
            g_signal_emit (self, signals[RECONNECT], 0);
          if (self->state == STELLAR_CLIENT_STATE_RECONNECTING && self->reconnect_source == NULL &&
              self->attempt == NULL)
            schedule_reconnect (self);
        }
    }

  g_object_unref (self);
}

/* --- entry points of the fuzz target ------------------------------------ */

/* Decodes and routes one frame's text as if the connection had received
 * it. Nothing is sent. */
void
_stellar_client_receive_for_testing (StellarClient *self,
                                     const char    *data,
                                     gsize          length)
{
  g_autoptr(StellarPrimusSocket) socket = NULL;

  socket = _stellar_primus_socket_new (NULL, STELLAR_HEARTBEAT_SERVER_PINGS, 30000, &socket_events, self);
  _stellar_primus_socket_receive (socket, data, length);
  _stellar_primus_socket_detach (socket);
}

/* Starts a handshake on a socket without a connection, whose sends go
 * nowhere: its requests go to the queue, its frames come from the caller. */
StellarPrimusSocket *
_stellar_client_open_for_testing (StellarClient *self)
{
  StellarPrimusSocket *socket;

  socket = _stellar_primus_socket_new (NULL, STELLAR_HEARTBEAT_SERVER_PINGS, 30000, &socket_events, self);
  set_state (self, STELLAR_CLIENT_STATE_CONNECTING);
  _stellar_request_queue_open (self->queue, socket);

  return socket;
}

/* Ends that handshake as a connection attempt ends it. */
void
_stellar_client_establish_for_testing (StellarClient       *self,
                                       StellarPrimusSocket *socket,
                                       JsonObject          *details)
{
  connection_established (self, socket, details);
}


/* --- GObject ------------------------------------------------------------ */

static void
stellar_client_constructed (GObject *object)
{
  StellarClient *self = (StellarClient *)object;

  G_OBJECT_CLASS (stellar_client_parent_class)->constructed (object);

  self->base_uri = _stellar_url_parse_base (self->url, &self->url_error);
}

static void
stellar_client_dispose (GObject *object)
{
  StellarClient *self = (StellarClient *)object;
  g_autoptr(GError) error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                                 _("The client was destroyed"));

  /* Every request and the connection attempt hold a reference on the
   * client through their tasks: nothing is pending here but what the
   * handshake's requests hold. */
  if (self->connect_tasks != NULL)
    {
      clear_reconnect_timer (self);
      cancel_attempt (self);
      drop_socket (self);
      _stellar_request_queue_close (self->queue, error);
      _stellar_request_queue_fail_waiting (self->queue, error);
      complete_waiters (self, error);
    }

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (stellar_client_parent_class)->dispose (object);
}

static void
stellar_client_finalize (GObject *object)
{
  StellarClient *self = (StellarClient *)object;

  g_clear_object (&self->queue);
  g_clear_pointer (&self->connect_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_error (&self->url_error);
  g_clear_pointer (&self->api_path, g_free);
  g_clear_pointer (&self->default_room, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->rooms, g_strfreev);
  g_clear_object (&self->trusted_certificate);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->welcome_message, g_free);
  g_clear_pointer (&self->details, json_object_unref);
  g_clear_pointer (&self->primus_spec, json_object_unref);
  g_clear_pointer (&self->joined_rooms, g_strfreev);
  g_clear_pointer (&self->rooms_to_restore, g_strfreev);
  g_clear_error (&self->last_attempt_error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (stellar_client_parent_class)->finalize (object);
}

static void
stellar_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StellarClient *self = STELLAR_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;

    case PROP_WELCOME_MESSAGE:
      g_value_set_string (value, self->welcome_message);
      break;

    case PROP_ROOMS:
      g_value_set_boxed (value, self->rooms ? (const char * const *)self->rooms : no_rooms);
      break;

    case PROP_JOINED_ROOMS:
      g_value_set_boxed (value, stellar_client_get_rooms (self));
      break;

    case PROP_DETAILS:
      g_value_set_boxed (value, self->details);
      break;

    case PROP_PRIMUS_SPEC:
      g_value_set_boxed (value, self->primus_spec);
      break;

    case PROP_API_PATH:
      g_value_set_string (value, self->api_path);
      break;

    case PROP_DEFAULT_ROOM:
      g_value_set_string (value, self->default_room);
      break;

    case PROP_SIMULTANEOUS_ACTIONS:
      g_value_set_uint (value, self->simultaneous_actions);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout_ms);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;

    case PROP_AUTO_RECONNECT:
      g_value_set_boolean (value, self->auto_reconnect);
      break;

    case PROP_THREADED_IO:
      g_value_set_boolean (value, self->threaded_io);
      break;

    case PROP_RECONNECT_ATTEMPTS:
      g_value_set_uint (value, self->reconnect_attempts);
      break;

    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;

    case PROP_TRUSTED_CERTIFICATE:
      g_value_set_object (value, self->trusted_certificate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (StellarClient *self,
          guint         *field,
          guint          value,
          guint          prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
stellar_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StellarClient *self = STELLAR_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_ROOMS:
      {
        const char * const *rooms = g_value_get_boxed (value);

        if (rooms == NULL)
          rooms = no_rooms;
        if (self->rooms == NULL || !g_strv_equal ((const char * const *)self->rooms, rooms))
          {
            g_strfreev (self->rooms);
            self->rooms = g_strdupv ((char **)rooms);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;

    case PROP_API_PATH:
      {
        const char *path = g_value_get_string (value);
        g_autofree char *normalized = NULL;

        if (path == NULL || *path == '\0')
          path = "/api";
        normalized = path[0] == '/' ? g_strdup (path) : g_strconcat ("/", path, NULL);
        set_string (self, &self->api_path, normalized, PROP_API_PATH);
      }
      break;

    case PROP_DEFAULT_ROOM:
      set_string (self, &self->default_room, g_value_get_string (value), PROP_DEFAULT_ROOM);
      break;

    case PROP_SIMULTANEOUS_ACTIONS:
      set_uint (self, &self->simultaneous_actions, g_value_get_uint (value), prop_id);
      _stellar_request_queue_set_simultaneous_actions (self->queue, self->simultaneous_actions);
      break;

    case PROP_REQUEST_TIMEOUT:
      set_uint (self, &self->request_timeout_ms, g_value_get_uint (value), prop_id);
      _stellar_request_queue_set_timeout (self->queue, self->request_timeout_ms);
      break;

    case PROP_CONNECT_TIMEOUT:
      set_uint (self, &self->connect_timeout_ms, g_value_get_uint (value), prop_id);
      break;

    case PROP_AUTO_RECONNECT:
      if (self->auto_reconnect != g_value_get_boolean (value))
        {
          self->auto_reconnect = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_RECONNECT_ATTEMPTS:
      set_uint (self, &self->reconnect_attempts, g_value_get_uint (value), prop_id);
      break;

    case PROP_THREADED_IO:
      if (self->threaded_io != g_value_get_boolean (value))
        {
          self->threaded_io = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SESSION_ID:
      {
        const char *session_id = g_value_get_string (value);
        g_autofree char *generated = NULL;

        if (session_id == NULL || *session_id == '\0')
          {
            /* 40 hex digits, the shape of the fingerprints Stellar makes. */
            GString *hex = g_string_sized_new (40);

            for (guint i = 0; i < 5; i++)
              g_string_append_printf (hex, "%08x", g_random_int ());
            session_id = generated = g_string_free (hex, FALSE);
          }
        set_string (self, &self->session_id, session_id, PROP_SESSION_ID);
      }
      break;

    case PROP_TRUSTED_CERTIFICATE:
      if (g_set_object (&self->trusted_certificate, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The library's messages come from its own gettext domain, whatever the
 * program's is. STELLAR_CLIENT_LOCALEDIR points an uninstalled build at the
 * catalogues it compiled (`meson devenv` and the tests set it). */
static void
bind_translations (void)
{
  const char *localedir = g_getenv ("STELLAR_CLIENT_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static void
stellar_client_class_init (StellarClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Once per process: a class is initialized once. */
  bind_translations ();

  object_class->constructed = stellar_client_constructed;
  object_class->dispose = stellar_client_dispose;
  object_class->finalize = stellar_client_finalize;
  object_class->get_property = stellar_client_get_property;
  object_class->set_property = stellar_client_set_property;

  /**
   * StellarClient:url:
   *
   * The server's base URL, as Stellar's own `url` option: "http://host:port"
   * or "https://host"; "ws://" and "wss://" mean the same host. An unusable
   * URL makes connecting and actions fail with
   * %STELLAR_ERROR_INVALID_ARGUMENT.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:state:
   *
   * Where the connection stands. Notified on every change.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STELLAR_TYPE_CLIENT_STATE,
                       STELLAR_CLIENT_STATE_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:id:
   *
   * The server's id of the connection, or %NULL when not connected.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:fingerprint:
   *
   * The fingerprint the server knows the client by, as its details say.
   */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:welcome-message:
   *
   * The text of the server's last welcome frame.
   */
  properties[PROP_WELCOME_MESSAGE] =
    g_param_spec_string ("welcome-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:rooms:
   *
   * The rooms to join on connecting and to join again after every
   * reconnection. Leaving one of them with
   * [method@Client.room_leave_async] removes it.
   */
  properties[PROP_ROOMS] =
    g_param_spec_boxed ("rooms", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:joined-rooms:
   *
   * The rooms the connection is in now, as the server's details last said.
   */
  properties[PROP_JOINED_ROOMS] =
    g_param_spec_boxed ("joined-rooms", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:details:
   *
   * The data of the last `detailsView` reply: the connection's id,
   * fingerprint, remote address, rooms and counters.
   */
  properties[PROP_DETAILS] =
    g_param_spec_boxed ("details", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:primus-spec:
   *
   * The server's Primus spec, as `/primus/spec` last answered it: the
   * Primus version, heartbeat, transformer and parser the server runs.
   * %NULL until a connection attempt has read it, and kept when a later
   * attempt finds no spec (a proxy may forward only the WebSocket).
   */
  properties[PROP_PRIMUS_SPEC] =
    g_param_spec_boxed ("primus-spec", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:api-path:
   *
   * The path of the HTTP action endpoint, below the base URL.
   */
  properties[PROP_API_PATH] =
    g_param_spec_string ("api-path", NULL, NULL,
                         "/api",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:default-room:
   *
   * The room `say` and `emit` use when given none.
   */
  properties[PROP_DEFAULT_ROOM] =
    g_param_spec_string ("default-room", NULL, NULL,
                         "defaultRoom",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:simultaneous-actions:
   *
   * At most this many actions are in flight, whatever their transport; the
   * others wait in FIFO order. Stellar refuses a sixth pending action on a
   * connection.
   */
  properties[PROP_SIMULTANEOUS_ACTIONS] =
    g_param_spec_uint ("simultaneous-actions", NULL, NULL,
                       1, G_MAXUINT, 5,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:request-timeout:
   *
   * How long, in milliseconds, a request may wait for its answer before it
   * fails with %STELLAR_ERROR_TIMEOUT. Longer than Stellar's own action
   * timeout (30 s) by default.
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       1, G_MAXUINT, 40000,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:connect-timeout:
   *
   * How long, in milliseconds, one connection attempt may take to reach the
   * server and upgrade to a WebSocket. A server that never answers the
   * upgrade fails the attempt with %STELLAR_ERROR_TIMEOUT.
   */
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       1, G_MAXUINT, 10000,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:auto-reconnect:
   *
   * Whether to reconnect after an unexpected loss of an established
   * connection.
   */
  properties[PROP_AUTO_RECONNECT] =
    g_param_spec_boolean ("auto-reconnect", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:reconnect-attempts:
   *
   * How many times to try to restore a lost connection before giving up.
   */
  properties[PROP_RECONNECT_ATTEMPTS] =
    g_param_spec_uint ("reconnect-attempts", NULL, NULL,
                       0, G_MAXUINT, 10,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:threaded-io:
   *
   * Whether libsoup reads and writes the WebSocket in a thread of its own
   * rather than in the client's context. Everything else is as without:
   * calls, signals and callbacks stay in the client's context, in order.
   * What changes is how the server's messages reach it: a few milliseconds
   * at a time, with a pause between while more wait, so that a server
   * writing faster than the client's handlers keep up with (a flood into a
   * room) never holds the client's main loop for long; without, that
   * context handles all the socket holds in one go, for as long as the
   * flood lasts. While many messages wait, the thread stops reading, and
   * TCP holds the server back. A window's client wants it; a program that
   * only calls actions, whose round trips it makes a little slower, does
   * not. Takes effect with the next connection.
   */
  properties[PROP_THREADED_IO] =
    g_param_spec_boolean ("threaded-io", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:session-id:
   *
   * The fingerprint sent to the server, as the `sessionID` cookie on every
   * request and in the WebSocket's query; kept across reconnections so that
   * both transports and every connection share one identity. Generated when
   * not set.
   */
  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarClient:trusted-certificate:
   *
   * A certificate to trust although it cannot be verified, such as a
   * development server's self-signed one. Only this exact certificate is
   * trusted; every other still has to be valid.
   */
  properties[PROP_TRUSTED_CERTIFICATE] =
    g_param_spec_object ("trusted-certificate", NULL, NULL,
                         G_TYPE_TLS_CERTIFICATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarClient::connected:
   * @self: the client
   *
   * Emitted each time a connection, first or restored, is ready: its details
   * are known and its rooms joined.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StellarClient::disconnected:
   * @self: the client
   *
   * Emitted each time the state leaves %STELLAR_CLIENT_STATE_CONNECTED,
   * whatever the cause.
   */
  signals[DISCONNECTED] =
    g_signal_new ("disconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StellarClient::reconnect:
   * @self: the client
   *
   * Emitted once per outage, after ::disconnected, when an established
   * connection was interrupted unexpectedly and will be restored.
   */
  signals[RECONNECT] =
    g_signal_new ("reconnect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StellarClient::reconnecting:
   * @self: the client
   * @attempt: the number of the attempt, from 1
   * @delay_ms: how long until it is made
   *
   * Emitted before each reconnection attempt, when it is scheduled.
   */
  signals[RECONNECTING] =
    g_signal_new ("reconnecting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, _stellar_client_marshal_VOID__UINT_UINT,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  g_signal_set_va_marshaller (signals[RECONNECTING], G_TYPE_FROM_CLASS (klass),
                              _stellar_client_marshal_VOID__UINT_UINTv);

  /**
   * StellarClient::timeout:
   * @self: the client
   *
   * Emitted when a connection attempt or the heartbeat timed out.
   */
  signals[TIMEOUT] =
    g_signal_new ("timeout", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StellarClient::error:
   * @self: the client
   * @error: what went wrong
   *
   * Emitted for a transport, protocol or verb error that no pending request
   * received: a malformed frame, a reply to no request, the server ending the
   * session, a room that could not be joined again, giving up reconnecting.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::message:
   * @self: the client
   * @frame: the frame
   *
   * Emitted for every Stellar frame received, before it is routed; never for
   * Primus heartbeats.
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::welcome:
   * @self: the client
   * @frame: the frame
   *
   * Emitted for the server's welcome (`context: "api"` with `welcome`).
   */
  signals[WELCOME] =
    g_signal_new ("welcome", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::alert:
   * @self: the client
   * @frame: the frame
   *
   * Emitted for `context: "alert"` frames.
   */
  signals[ALERT] =
    g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::api:
   * @self: the client
   * @frame: the frame
   *
   * Emitted for `context: "api"` frames that are not the welcome, and for
   * frames of an unknown or missing context.
   */
  signals[API] =
    g_signal_new ("api", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::say:
   * @self: the client
   * @frame: the frame; `frame.room` names the room, `frame.from` the sender
   *   (0 for the server), `frame.message` the text or `{event, data}`
   *
   * Emitted for every room message (`context: "user"`), the client's own
   * included.
   */
  signals[SAY] =
    g_signal_new ("say", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarClient::event:
   * @self: the client
   * @room: (nullable): the room
   * @event: the event's name
   * @data: (nullable): its data; %NULL for JSON null
   * @frame: the whole frame
   *
   * Emitted after ::say for room messages whose `message` is
   * `{"event": name, "data": …}`, as the `event` verb sends them. Detailed by
   * the event's name: connect to `event::typing` for one event only.
   */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, _stellar_client_marshal_VOID__STRING_STRING_BOXED_BOXED,
                  G_TYPE_NONE, 4,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[EVENT], G_TYPE_FROM_CLASS (klass),
                              _stellar_client_marshal_VOID__STRING_STRING_BOXED_BOXEDv);

  /**
   * StellarClient::intercept:
   * @self: the client
   * @call: the call about to be made
   *
   * Emitted before every action call, whatever its transport, with a fresh
   * [class@ActionCall]. Handlers run in the order they were connected; one
   * that returns %TRUE stops the others. See [class@ActionCall] for what an
   * interceptor can do.
   *
   * Returns: %TRUE to skip the interceptors after this one
   */
  signals[INTERCEPT] =
    g_signal_new ("intercept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL,
                  _stellar_client_marshal_BOOLEAN__OBJECT,
                  G_TYPE_BOOLEAN, 1, STELLAR_TYPE_ACTION_CALL);
  g_signal_set_va_marshaller (signals[INTERCEPT], G_TYPE_FROM_CLASS (klass),
                              _stellar_client_marshal_BOOLEAN__OBJECTv);

  /**
   * StellarClient::wire:
   * @self: the client
   * @outgoing: whether the client sent the frame
   * @text: the frame's text, exactly as on the wire
   * @frame: (nullable): the frame as JSON: for an incoming frame the value
   *   the client decoded, for an outgoing one the value it encoded; %NULL
   *   only when @text is not JSON
   *
   * Emitted for every WebSocket text frame in either direction, Primus
   * heartbeats included: what a protocol inspector shows, without parsing
   * the frame again. An incoming frame is shown before any signal it causes
   * (::message, ::say, a request's completion…), an outgoing one before it
   * is written.
   */
  signals[WIRE] =
    g_signal_new ("wire", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, _stellar_client_marshal_VOID__BOOLEAN_STRING_BOXED,
                  G_TYPE_NONE, 3,
                  G_TYPE_BOOLEAN,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[WIRE], G_TYPE_FROM_CLASS (klass),
                              _stellar_client_marshal_VOID__BOOLEAN_STRING_BOXEDv);
}

static void
stellar_client_init (StellarClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->state = STELLAR_CLIENT_STATE_DISCONNECTED;
  self->joined_rooms = g_strdupv ((char **)no_rooms);
  self->rooms = g_strdupv ((char **)no_rooms);
  self->connect_tasks = g_ptr_array_new ();
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "libstellar-client/" PACKAGE_VERSION " ",
                                NULL);
  /* permessage-deflate, for servers that compress. */
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
  self->queue = _stellar_request_queue_new (self);
}

/**
 * stellar_client_new:
 * @url: the server's base URL, such as "http://localhost:8080"
 *
 * Creates a client of the server at @url. Construction never fails: an
 * unusable URL makes [method@Client.connect_async] and actions fail with
 * %STELLAR_ERROR_INVALID_ARGUMENT.
 *
 * Returns: (transfer full): a new client, not connected
 */
StellarClient *
stellar_client_new (const char *url)
{
  return g_object_new (STELLAR_TYPE_CLIENT, "url", url, NULL);
}

/**
 * stellar_client_get_state:
 * @self: a #StellarClient
 *
 * Returns: where the connection stands
 */
StellarClientState
stellar_client_get_state (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), STELLAR_CLIENT_STATE_DISCONNECTED);

  return self->state;
}

/**
 * stellar_client_get_url:
 * @self: a #StellarClient
 *
 * Returns: (nullable): the URL the client was created with
 */
const char *
stellar_client_get_url (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->url;
}

/**
 * stellar_client_get_id:
 * @self: a #StellarClient
 *
 * Returns: (nullable): the server's id of the connection, %NULL when not
 *   connected
 */
const char *
stellar_client_get_id (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->id;
}

/**
 * stellar_client_get_fingerprint:
 * @self: a #StellarClient
 *
 * Returns: (nullable): the fingerprint the server knows the client by
 */
const char *
stellar_client_get_fingerprint (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->fingerprint;
}

/**
 * stellar_client_get_rooms:
 * @self: a #StellarClient
 *
 * Gets the rooms the connection is in now ([property@Client:joined-rooms]).
 *
 * Returns: (transfer none): the rooms, never %NULL
 */
const char * const *
stellar_client_get_rooms (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), no_rooms);

  return (const char * const *)self->joined_rooms;
}

/**
 * stellar_client_get_welcome_message:
 * @self: a #StellarClient
 *
 * Returns: (nullable): the server's welcome text
 */
const char *
stellar_client_get_welcome_message (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->welcome_message;
}

/**
 * stellar_client_get_details:
 * @self: a #StellarClient
 *
 * Returns: (transfer none) (nullable): the data of the last `detailsView`
 */
JsonObject *
stellar_client_get_details (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->details;
}

/**
 * stellar_client_get_primus_spec:
 * @self: a #StellarClient
 *
 * Returns: (transfer none) (nullable): the server's Primus spec, as
 *   `/primus/spec` last answered it
 */
JsonObject *
stellar_client_get_primus_spec (StellarClient *self)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);

  return self->primus_spec;
}

/**
 * stellar_client_connect_async:
 * @self: a #StellarClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the connection is ready or failed
 * @user_data: data for @callback
 *
 * Opens the connection: learns the server's heartbeat from `/primus/spec`,
 * upgrades to a WebSocket at `/primus`, reads the connection's details and
 * joins the rooms of [property@Client:rooms]. Resolves with the details once
 * all that is done.
 *
 * It makes one attempt, bounded by [property@Client:connect-timeout] until
 * the upgrade: if it fails (refused, TLS, not a Stellar server, timeout), the
 * call fails with that error. Automatic reconnection applies to connections
 * that were established. Calling it while connected resolves at once; while
 * connecting, it waits for the same attempt.
 */
void
stellar_client_connect_async (StellarClient       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_connect_async);

  if (self->base_uri == NULL)
    {
      g_task_return_error (task, g_error_copy (self->url_error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (self->state)
    {
    case STELLAR_CLIENT_STATE_CONNECTED:
      g_task_return_pointer (task, json_object_ref (self->details),
                             (GDestroyNotify)json_object_unref);
      break;

    case STELLAR_CLIENT_STATE_CONNECTING:
    case STELLAR_CLIENT_STATE_RECONNECTING:
      add_waiter (self, task);
      break;

    case STELLAR_CLIENT_STATE_DISCONNECTED:
    default:
      add_waiter (self, task);
      set_state (self, STELLAR_CLIENT_STATE_CONNECTING);
      start_attempt (self);
      break;
    }
}

/**
 * stellar_client_connect_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the connection's details (the data of
 *   `detailsView`), or %NULL with @error set
 */
JsonObject *
stellar_client_connect_finish (StellarClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * stellar_client_disconnect:
 * @self: a #StellarClient
 *
 * Closes the connection on purpose: no reconnection follows, and every
 * pending or waiting request fails with %STELLAR_ERROR_DISCONNECTED. A
 * connection or reconnection under way is abandoned.
 */
void
stellar_client_disconnect (StellarClient *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  if (self->state == STELLAR_CLIENT_STATE_DISCONNECTED && self->socket == NULL)
    return;

  g_object_ref (self);
  error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                               _("The client disconnected"));
  end_session (self, error);
  g_object_unref (self);
}
