/* stellar-client-connection.c: one attempt to open a connection
 *
 * An attempt learns the heartbeat generation from /primus/spec, upgrades to
 * a WebSocket at /primus through the client's SoupSession (its proxy
 * resolver, TLS settings and WebSocket extensions), reads the connection's
 * details and joins the rooms it should be in, then hands the socket and the
 * details back. Reaching the server and upgrading is bounded by the connect
 * timeout: a server that accepts the TCP connection but never answers must
 * not hang it. The attempt changes nothing in the client: the client decides
 * what its result means.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-client-private.h"
#include "stellar-error-private.h"
#include "stellar-json-private.h"
#include "stellar-url-private.h"

/* Primus's own default heartbeat, for servers whose spec we cannot read. */
#define DEFAULT_PING_INTERVAL_MS 30000
/* Primus 5/6 clients ping `timeout - 10000` ms after each pong. */
#define LEGACY_PING_MARGIN_MS 10000

typedef struct
{
  StellarRequestQueue *queue;
  const StellarPrimusSocketEvents *events;
  char **rooms;
  guint next_room;
  gboolean joined_any;

  /* Cancelled by the caller's cancellable or by the timeout. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;
  GSource *timeout_source;
  gboolean timed_out;

  GError *spec_error;
  StellarHeartbeat heartbeat;
  guint interval_ms;
  SoupMessage *upgrade;

  StellarPrimusSocket *socket;
  JsonObject *details;
} Attempt;

static void
clear_timeout (Attempt *attempt)
{
  if (attempt->timeout_source != NULL)
    {
      g_source_destroy (attempt->timeout_source);
      g_clear_pointer (&attempt->timeout_source, g_source_unref);
    }
}

static void
drop_socket (Attempt *attempt)
{
  g_autoptr(StellarPrimusSocket) socket = g_steal_pointer (&attempt->socket);

  if (socket != NULL)
    {
      _stellar_primus_socket_detach (socket);
      _stellar_primus_socket_close (socket);
    }
}

static void
attempt_free (Attempt *attempt)
{
  clear_timeout (attempt);
  drop_socket (attempt);
  if (attempt->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (attempt->caller_cancellable, attempt->caller_cancelled_id);
      g_object_unref (attempt->caller_cancellable);
    }
  g_clear_object (&attempt->cancellable);
  g_clear_object (&attempt->queue);
  g_clear_pointer (&attempt->rooms, g_strfreev);
  g_clear_error (&attempt->spec_error);
  g_clear_object (&attempt->upgrade);
  g_clear_pointer (&attempt->details, json_object_unref);
  g_free (attempt);
}

/* The end of a failed attempt. Cancelled by its caller, it leaves the queue
 * alone: the caller has moved on, and the queue may serve another attempt. */
static void
fail (GTask  *task,
      GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);

  clear_timeout (attempt);

  if (!g_cancellable_is_cancelled (attempt->caller_cancellable) && attempt->socket != NULL)
    _stellar_request_queue_close (attempt->queue, error);
  drop_socket (attempt);

  g_debug ("Connection attempt failed: %s", error->message);
  g_task_return_error (task, error);
}

/* Whether the caller gave the attempt up; then @task is over. */
static gboolean
given_up (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);

  if (!g_cancellable_is_cancelled (attempt->caller_cancellable))
    return FALSE;

  fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The connection attempt was cancelled")));
  return TRUE;
}

/* A step's error, or the timeout that cancelled it. */
static GError *
step_error (GTask  *task,
            GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);
  StellarClient *client = g_task_get_source_object (task);

  if (attempt->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return g_error_new (STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                          _("Could not connect to %s: the server did not answer within %u ms"),
                          client->url, client->connect_timeout_ms);
    }

  return error;
}

/* --- details and rooms -------------------------------------------------- */

static void join_next_room (GTask *task);

/* Finishes a detailsView step and keeps the details. Returns FALSE when the
 * attempt is over. */
static gboolean
read_details (GTask        *task,
              GAsyncResult *result)
{
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;
  JsonNode *data;

  reply = _stellar_request_queue_verb_finish (attempt->queue, result, &error);
  if (given_up (task))
    {
      g_clear_error (&error);
      return FALSE;
    }

  if (reply == NULL)
    {
      fail (task, error);
      return FALSE;
    }

  data = json_object_get_member (json_node_get_object (reply), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      fail (task, g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                                       _("The server answered detailsView without details")));
      return FALSE;
    }

  g_clear_pointer (&attempt->details, json_object_unref);
  attempt->details = json_object_ref (json_node_get_object (data));
  return TRUE;
}

static void
succeed (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&attempt->socket), g_object_unref);
}

static void
on_final_details (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (read_details (task, result))
    succeed (task);
}

static void
on_room_joined (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  StellarClient *client = g_task_get_source_object (task);
  const char *room = attempt->rooms[attempt->next_room];
  g_autoptr(GError) error = NULL;

  if (_stellar_request_queue_join_room_finish (attempt->queue, result, &error))
    attempt->joined_any = TRUE;

  if (given_up (task))
    return;

  if (error != NULL)
    {
      if (!g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_SERVER))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }

      /* The server refused one room (it may be gone): the connection is
       * still good, so say so and go on with the others. */
      {
        g_autoptr(GError) refused =
          g_error_new (STELLAR_ERROR, STELLAR_ERROR_SERVER,
                       _("Could not join the room “%s”: %s"), room, error->message);
        attempt->events->problem (client, refused);
      }
    }

  attempt->next_room++;
  join_next_room (g_steal_pointer (&task));
}

static gboolean
details_list_room (JsonObject *details,
                   const char *room)
{
  JsonNode *rooms = json_object_get_member (details, "rooms");
  JsonArray *array;

  if (rooms == NULL || !JSON_NODE_HOLDS_ARRAY (rooms))
    return FALSE;

  array = json_node_get_array (rooms);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), room) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
join_next_room (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);
  const char *room;

  /* Rooms the connection is already in (an old server's default) are skipped. */
  while ((room = attempt->rooms[attempt->next_room]) != NULL &&
         details_list_room (attempt->details, room))
    attempt->next_room++;

  if (room != NULL)
    {
      _stellar_request_queue_join_room_async (attempt->queue, room, STELLAR_REQUEST_HANDSHAKE,
                                              attempt->cancellable, on_room_joined, task);
      return;
    }

  if (attempt->joined_any)
    {
      g_autoptr(JsonObject) frame = json_object_new ();

      /* Learn which rooms the connection is in now. */
      json_object_set_string_member (frame, "event", "detailsView");
      _stellar_request_queue_verb_async (attempt->queue, STELLAR_REQUEST_VERB, frame,
                                         STELLAR_REQUEST_HANDSHAKE, attempt->cancellable,
                                         on_final_details, task);
      return;
    }

  succeed (task);
  g_object_unref (task);
}

static void
on_first_details (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);

  if (!read_details (task, result))
    return;

  attempt->next_room = 0;
  join_next_room (g_steal_pointer (&task));
}

/* --- the upgrade --------------------------------------------------------- */

static GError *
describe_upgrade_error (GTask  *task,
                        GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);
  StellarClient *client = g_task_get_source_object (task);
  g_autofree char *what = NULL;
  g_autofree char *why = NULL;
  GError *described;

  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET))
    why = g_strdup_printf (_("it refused the WebSocket at /primus (HTTP %u %s)"),
                           soup_message_get_status (attempt->upgrade),
                           soup_message_get_reason_phrase (attempt->upgrade)
                             ? soup_message_get_reason_phrase (attempt->upgrade) : "");
  else if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE))
    why = g_strdup_printf (_("its answer to the WebSocket upgrade is not valid (%s)"), error->message);

  if (why != NULL)
    {
      described = g_error_new (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL, _("%s is not a Stellar server: %s%s%s"),
                               client->url, why,
                               attempt->spec_error ? "; " : "",
                               attempt->spec_error ? attempt->spec_error->message : "");
      g_error_free (error);
      return described;
    }

  what = g_strdup_printf (_("connect to %s"), client->url);
  described = _stellar_client_describe_message_error (attempt->upgrade, error, what);
  g_error_free (error);
  return described;
}

/* The upgrade ended: with @connection, or with @relay when it was made in
 * the I/O thread, or with @error. Takes @relay and @error. */
static void
upgraded (GTask                   *task,
          SoupWebsocketConnection *connection,
          StellarWebsocketRelay   *relay,
          GError                  *error)
{
  Attempt *attempt = g_task_get_task_data (task);
  StellarClient *client = g_task_get_source_object (task);
  g_autoptr(JsonObject) frame = NULL;

  if (given_up (task))
    {
      g_clear_error (&error);
      if (connection != NULL)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      if (relay != NULL)
        _stellar_websocket_relay_release (relay, TRUE);
      g_object_unref (task);
      return;
    }

  if (connection == NULL && relay == NULL)
    {
      error = step_error (task, error);
      if (error->domain != STELLAR_ERROR)
        error = describe_upgrade_error (task, error);
      fail (task, error);
      g_object_unref (task);
      return;
    }

  /* Upgraded: from here on, each request has its own timeout. */
  clear_timeout (attempt);

  if (relay != NULL)
    attempt->socket = _stellar_primus_socket_new_relayed (relay, attempt->heartbeat, attempt->interval_ms,
                                                          attempt->events, client);
  else
    attempt->socket = _stellar_primus_socket_new (connection, attempt->heartbeat, attempt->interval_ms,
                                                  attempt->events, client);
  _stellar_request_queue_open (attempt->queue, attempt->socket);

  frame = json_object_new ();
  json_object_set_string_member (frame, "event", "detailsView");
  _stellar_request_queue_verb_async (attempt->queue, STELLAR_REQUEST_VERB, frame,
                                     STELLAR_REQUEST_HANDSHAKE, attempt->cancellable,
                                     on_first_details, task);
}

static void
on_upgraded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  GError *error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  upgraded (user_data, connection, NULL, error);
}

static void
on_upgraded_in_io_thread (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  StellarWebsocketRelay *relay;
  GError *error = NULL;

  relay = _stellar_websocket_relay_connect_finish (result, &error);
  upgraded (user_data, NULL, relay, error);
}

static void
upgrade (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);
  StellarClient *client = g_task_get_source_object (task);
  g_autoptr(GUri) uri = _stellar_url_build_websocket (client->base_uri, client->session_id);

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    {
      g_autofree char *text = g_uri_to_string (uri);
      g_debug ("Connecting to %s", text);
    }

  /* The session's cookie, TLS and proxy settings apply as for every request.
   * No subprotocols: Primus offers none, and the server would echo one. */
  attempt->upgrade = _stellar_client_new_message (client, SOUP_METHOD_GET, uri);
  if (client->threaded_io)
    _stellar_websocket_relay_connect_async (client->session, attempt->upgrade, STELLAR_MAX_MESSAGE_SIZE,
                                            attempt->cancellable, on_upgraded_in_io_thread, task);
  else
    soup_session_websocket_connect_async (client->session, attempt->upgrade, NULL, NULL,
                                          G_PRIORITY_DEFAULT, attempt->cancellable,
                                          on_upgraded, task);
}

/* --- the spec ---------------------------------------------------------- */

static gboolean
read_positive_int (JsonObject *spec,
                   const char *name,
                   guint      *value)
{
  JsonNode *node = json_object_get_member (spec, name);
  double number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    number = (double)json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    number = json_node_get_double (node);
  else
    return FALSE;

  if (!(number >= 1 && number <= G_MAXUINT))
    return FALSE;

  *value = (guint)number;
  return TRUE;
}

static void
on_spec (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(JsonObject) spec = NULL;
  GError *error = NULL;
  guint value;

  spec = _stellar_client_fetch_spec_finish (STELLAR_CLIENT (object), result, &error);
  if (given_up (task))
    {
      g_clear_error (&error);
      return;
    }

  attempt->heartbeat = STELLAR_HEARTBEAT_SERVER_PINGS;
  attempt->interval_ms = DEFAULT_PING_INTERVAL_MS;

  if (spec != NULL)
    _stellar_client_set_primus_spec (STELLAR_CLIENT (object), spec);

  if (spec != NULL && read_positive_int (spec, "pingInterval", &value))
    attempt->interval_ms = value;
  else if (spec != NULL && read_positive_int (spec, "timeout", &value))
    {
      /* Primus 5/6: the client pings, `timeout - 10 s` after each pong. */
      attempt->heartbeat = STELLAR_HEARTBEAT_CLIENT_PINGS;
      attempt->interval_ms = value > 2 * LEGACY_PING_MARGIN_MS ? value - LEGACY_PING_MARGIN_MS
                                                               : MAX (value / 2, 1);
    }
  else if (spec != NULL)
    attempt->spec_error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                                               _("/primus/spec names no heartbeat"));
  else if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL))
    {
      /* The server answered, but not with a spec: it may still speak Primus
       * behind a proxy that only forwards the WebSocket. The upgrade decides. */
      attempt->spec_error = g_steal_pointer (&error);
    }
  else
    {
      fail (task, step_error (task, error));
      return;
    }

  upgrade (g_steal_pointer (&task));
}

/* --- start and finish -------------------------------------------------- */

static gboolean
on_attempt_timeout (gpointer user_data)
{
  Attempt *attempt = user_data;

  g_clear_pointer (&attempt->timeout_source, g_source_unref);
  attempt->timed_out = TRUE;
  g_cancellable_cancel (attempt->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/*
 * _stellar_client_open_connection_async:
 * @queue: where the handshake's requests go; the attempt opens it on the
 *   new connection, and closes it again if the handshake fails
 * @rooms: the rooms to join
 * @events: what the new socket tells the client, from the upgrade on (the
 *   handshake's replies reach @queue through the client's routing)
 *
 * Opens a connection to @self's server, bounded by its connect timeout until
 * the upgrade, and reads its details. Cancelling @cancellable gives the
 * attempt up without touching @queue.
 */
void
_stellar_client_open_connection_async (StellarClient                   *self,
                                       StellarRequestQueue             *queue,
                                       const char * const              *rooms,
                                       const StellarPrimusSocketEvents *events,
                                       GCancellable                    *cancellable,
                                       GAsyncReadyCallback              callback,
                                       gpointer                         user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Attempt *attempt = g_new0 (Attempt, 1);

  g_task_set_source_tag (task, _stellar_client_open_connection_async);
  g_task_set_task_data (task, attempt, (GDestroyNotify)attempt_free);

  attempt->queue = g_object_ref (queue);
  attempt->events = events;
  attempt->rooms = g_strdupv ((char **)rooms);
  attempt->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      attempt->caller_cancellable = g_object_ref (cancellable);
      attempt->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                            G_CALLBACK (on_caller_cancelled),
                                                            attempt->cancellable, NULL);
    }

  attempt->timeout_source = g_timeout_source_new (self->connect_timeout_ms);
  g_source_set_static_name (attempt->timeout_source, "[stellar] connect timeout");
  g_source_set_callback (attempt->timeout_source, on_attempt_timeout, attempt, NULL);
  g_source_attach (attempt->timeout_source, self->context);

  _stellar_client_fetch_spec_async (self, attempt->cancellable, on_spec, g_steal_pointer (&task));
}

/*
 * _stellar_client_open_connection_finish:
 * @details: (out) (transfer full): the connection's details
 *
 * Returns: (transfer full): the connection's socket, attached to the events
 *   given, or %NULL with @error set
 */
StellarPrimusSocket *
_stellar_client_open_connection_finish (StellarClient  *self,
                                        GAsyncResult   *result,
                                        JsonObject    **details,
                                        GError        **error)
{
  Attempt *attempt;
  StellarPrimusSocket *socket;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  attempt = g_task_get_task_data (G_TASK (result));
  socket = g_task_propagate_pointer (G_TASK (result), error);
  if (socket != NULL)
    *details = json_object_ref (attempt->details);

  return socket;
}
