/* stellar-client-connection.c: one attempt to open a connection
 *
 * An attempt learns the heartbeat generation from /primus/spec, upgrades to
 * a WebSocket at /primus, reads the connection's details and joins the rooms
 * it should be in, then reports to the client, once. Reaching the server and
 * upgrading is bounded by the connect timeout: a server that accepts the TCP
 * connection but never answers must not hang it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "config.h"

#include "stellar-client-private.h"
#include "stellar-error-private.h"
#include "stellar-url-private.h"

/* Primus's own default heartbeat, for servers whose spec we cannot read. */
#define DEFAULT_PING_INTERVAL_MS 30000
/* Primus 5/6 clients ping `timeout - 10000` ms after each pong. */
#define LEGACY_PING_MARGIN_MS 10000

struct _StellarConnectAttempt
{
  /* NULL once the client gave the attempt up */
  StellarClient *client;
  GCancellable *cancellable;
  GSource *timeout_source;
  GError *spec_error;
  StellarHeartbeat heartbeat;
  guint interval_ms;
  char **rooms;
  guint next_room;
  guint joined_any : 1;
  guint timed_out : 1;
};

static void
attempt_clear (StellarConnectAttempt *attempt)
{
  g_assert (attempt->timeout_source == NULL);

  g_clear_object (&attempt->cancellable);
  g_clear_error (&attempt->spec_error);
  g_clear_pointer (&attempt->rooms, g_strfreev);
}

static StellarConnectAttempt *
attempt_ref (StellarConnectAttempt *attempt)
{
  return g_rc_box_acquire (attempt);
}

static void
attempt_unref (StellarConnectAttempt *attempt)
{
  g_rc_box_release_full (attempt, (GDestroyNotify)attempt_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StellarConnectAttempt, attempt_unref)

static void
clear_timeout (StellarConnectAttempt *attempt)
{
  if (attempt->timeout_source != NULL)
    {
      g_source_destroy (attempt->timeout_source);
      g_clear_pointer (&attempt->timeout_source, g_source_unref);
    }
}

/* Takes the attempt away from its client, which keeps no reference. */
static StellarClient *
detach (StellarConnectAttempt *attempt)
{
  StellarClient *client = g_steal_pointer (&attempt->client);

  if (client != NULL)
    {
      g_assert (client->attempt == attempt);
      client->attempt = NULL;
      clear_timeout (attempt);
      attempt_unref (attempt);
    }

  return client;
}

static void
fail (StellarConnectAttempt *attempt,
      const GError          *error)
{
  gboolean timed_out = attempt->timed_out;
  StellarClient *client;

  attempt_ref (attempt);
  client = detach (attempt);
  if (client != NULL)
    {
      g_debug ("Connection attempt failed: %s", error->message);
      _stellar_client_attempt_failed (client, error, timed_out);
    }
  attempt_unref (attempt);
}

static void
succeed (StellarConnectAttempt *attempt)
{
  StellarClient *client;

  attempt_ref (attempt);
  client = detach (attempt);
  if (client != NULL)
    _stellar_client_attempt_succeeded (client);
  attempt_unref (attempt);
}

/* A step's error, or the timeout that cancelled it. */
static GError *
step_error (StellarConnectAttempt *attempt,
            GError                *error)
{
  if (attempt->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return g_error_new (STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                          "Could not connect to %s: the server did not answer within %u ms",
                          attempt->client->url, attempt->client->connect_timeout_ms);
    }

  return error;
}

/* --- details and rooms -------------------------------------------------- */

static void join_next_room (StellarConnectAttempt *attempt);

/* Finishes a detailsView step and stores the details. Returns FALSE when the
 * attempt is over (given up, or failed here). */
static gboolean
read_details (StellarConnectAttempt *attempt,
              GObject               *object,
              GAsyncResult          *result)
{
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;
  JsonNode *data;

  reply = _stellar_client_verb_finish (STELLAR_CLIENT (object), result, &error);
  if (attempt->client == NULL)
    {
      g_clear_error (&error);
      return FALSE;
    }

  if (reply == NULL)
    {
      g_autoptr(GError) failure = step_error (attempt, error);
      fail (attempt, failure);
      return FALSE;
    }

  data = json_object_get_member (json_node_get_object (reply), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_autoptr(GError) failure =
        g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                             "The server answered detailsView without details");
      fail (attempt, failure);
      return FALSE;
    }

  _stellar_client_set_details (attempt->client, json_node_get_object (data));
  return TRUE;
}

static void
on_final_details (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StellarConnectAttempt) attempt = user_data;

  if (read_details (attempt, object, result))
    succeed (attempt);
}

static void
on_room_joined (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StellarConnectAttempt) attempt = user_data;
  StellarClient *client = STELLAR_CLIENT (object);
  const char *room = attempt->rooms[attempt->next_room];
  g_autoptr(GError) error = NULL;

  if (_stellar_client_join_room_finish (client, result, &error))
    attempt->joined_any = TRUE;

  if (attempt->client == NULL)
    return;

  if (error != NULL)
    {
      if (!g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_SERVER))
        {
          g_autoptr(GError) failure = step_error (attempt, g_steal_pointer (&error));
          fail (attempt, failure);
          return;
        }

      /* The server refused one room (it may be gone): the connection is
       * still good, so say so and go on with the others. */
      {
        g_autoptr(GError) refused =
          g_error_new (STELLAR_ERROR, STELLAR_ERROR_SERVER,
                       "Could not join the room “%s”: %s", room, error->message);
        _stellar_client_emit_error (client, refused);
      }
    }

  attempt->next_room++;
  join_next_room (attempt);
}

static void
join_next_room (StellarConnectAttempt *attempt)
{
  StellarClient *client = attempt->client;
  const char *room;

  /* Rooms the connection is already in (an old server's default) are skipped. */
  while ((room = attempt->rooms[attempt->next_room]) != NULL &&
         _stellar_client_has_joined (client, room))
    attempt->next_room++;

  if (room != NULL)
    {
      _stellar_client_join_room_async (client, room, TRUE, attempt->cancellable,
                                       on_room_joined, attempt_ref (attempt));
      return;
    }

  if (attempt->joined_any)
    {
      g_autoptr(JsonObject) frame = json_object_new ();

      /* Learn which rooms the connection is in now. */
      json_object_set_string_member (frame, "event", "detailsView");
      _stellar_client_verb_async (client, STELLAR_REQUEST_VERB, frame, STELLAR_REQUEST_HANDSHAKE,
                                  attempt->cancellable, on_final_details, attempt_ref (attempt));
      return;
    }

  succeed (attempt);
}

static void
on_first_details (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StellarConnectAttempt) attempt = user_data;

  if (!read_details (attempt, object, result))
    return;

  attempt->rooms = _stellar_client_rooms_to_join (attempt->client);
  attempt->next_room = 0;
  join_next_room (attempt);
}

/* --- the upgrade --------------------------------------------------------- */

static void
on_upgraded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarConnectAttempt) attempt = user_data;
  g_autoptr(StellarWebsocket) websocket = NULL;
  g_autoptr(StellarPrimusSocket) socket = NULL;
  g_autoptr(JsonObject) frame = NULL;
  StellarClient *client = attempt->client;
  GError *error = NULL;

  websocket = _stellar_websocket_connect_finish (result, &error);

  if (client == NULL)
    {
      g_clear_error (&error);
      if (websocket != NULL)
        _stellar_websocket_close (websocket, STELLAR_WEBSOCKET_CLOSE_NORMAL);
      return;
    }

  if (websocket == NULL)
    {
      g_autoptr(GError) failure = NULL;

      error = step_error (attempt, error);
      if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL))
        failure = g_error_new (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                               "%s is not a Stellar server: %s%s%s", client->url, error->message,
                               attempt->spec_error ? "; " : "",
                               attempt->spec_error ? attempt->spec_error->message : "");
      else
        {
          g_autofree char *what = g_strdup_printf ("connect to %s", client->url);
          failure = _stellar_error_from_transport (error, what);
        }
      g_error_free (error);
      fail (attempt, failure);
      return;
    }

  /* Upgraded: from here on, each request has its own timeout. */
  clear_timeout (attempt);

  socket = _stellar_primus_socket_new (websocket, attempt->heartbeat, attempt->interval_ms,
                                       _stellar_client_get_socket_events (), client);
  _stellar_client_attach_socket (client, socket);

  frame = json_object_new ();
  json_object_set_string_member (frame, "event", "detailsView");
  _stellar_client_verb_async (client, STELLAR_REQUEST_VERB, frame, STELLAR_REQUEST_HANDSHAKE,
                              attempt->cancellable, on_first_details, attempt_ref (attempt));
}

static void
upgrade (StellarConnectAttempt *attempt)
{
  StellarClient *client = attempt->client;
  g_autoptr(GUri) uri = _stellar_url_build_websocket (client->base_uri, client->session_id);
  g_autofree char *cookie = g_strdup_printf ("sessionID=%s", client->session_id);

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    {
      g_autofree char *text = g_uri_to_string (uri);
      g_debug ("Connecting to %s", text);
    }

  /* No subprotocols: Primus offers none, and the server would echo one. */
  _stellar_websocket_connect_async (uri, cookie, client->trusted_certificate, STELLAR_MAX_FRAME_SIZE,
                                    attempt->cancellable, on_upgraded, attempt_ref (attempt));
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
  g_autoptr(StellarConnectAttempt) attempt = user_data;
  g_autoptr(JsonObject) spec = NULL;
  GError *error = NULL;
  guint value;

  spec = _stellar_client_fetch_spec_finish (STELLAR_CLIENT (object), result, &error);
  if (attempt->client == NULL)
    {
      g_clear_error (&error);
      return;
    }

  attempt->heartbeat = STELLAR_HEARTBEAT_SERVER_PINGS;
  attempt->interval_ms = DEFAULT_PING_INTERVAL_MS;

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
                                               "/primus/spec names no heartbeat");
  else if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL))
    {
      /* The server answered, but not with a spec: it may still speak Primus
       * behind a proxy that only forwards the WebSocket. The upgrade decides. */
      attempt->spec_error = g_steal_pointer (&error);
    }
  else
    {
      g_autoptr(GError) failure = step_error (attempt, error);
      fail (attempt, failure);
      return;
    }

  if (spec != NULL)
    {
      StellarClient *client = attempt->client;

      g_clear_pointer (&client->spec, json_object_unref);
      client->spec = json_object_ref (spec);
    }

  upgrade (attempt);
}

/* --- start and stop ---------------------------------------------------- */

static gboolean
on_attempt_timeout (gpointer user_data)
{
  StellarConnectAttempt *attempt = user_data;

  g_clear_pointer (&attempt->timeout_source, g_source_unref);
  attempt->timed_out = TRUE;
  g_cancellable_cancel (attempt->cancellable);

  return G_SOURCE_REMOVE;
}

void
_stellar_client_start_attempt (StellarClient *self)
{
  StellarConnectAttempt *attempt;

  g_return_if_fail (self->attempt == NULL);

  attempt = g_rc_box_new0 (StellarConnectAttempt);
  attempt->client = self;
  attempt->cancellable = g_cancellable_new ();
  self->attempt = attempt;

  attempt->timeout_source = g_timeout_source_new (self->connect_timeout_ms);
  g_source_set_static_name (attempt->timeout_source, "[stellar] connect timeout");
  g_source_set_callback (attempt->timeout_source, on_attempt_timeout, attempt, NULL);
  g_source_attach (attempt->timeout_source, self->context);

  _stellar_client_fetch_spec_async (self, attempt->cancellable, on_spec, attempt_ref (attempt));
}

/* Gives the attempt under way up, silently: its callbacks find it detached. */
void
_stellar_client_cancel_attempt (StellarClient *self)
{
  StellarConnectAttempt *attempt = self->attempt;

  if (attempt == NULL)
    return;

  attempt_ref (attempt);
  detach (attempt);
  g_cancellable_cancel (attempt->cancellable);
  attempt_unref (attempt);
}
