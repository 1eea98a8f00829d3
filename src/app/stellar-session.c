/* stellar-session.c: one connection to a server, as the app's views see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-local-time.h"
#include "stellar-marshal.h"
#include "stellar-room-private.h"
#include "stellar-server-url.h"
#include "stellar-session-private.h"
#include "stellar-utils.h"

/* The session owns a window's StellarClient. It subscribes to the client's
 * signals once and turns them into properties and list models of small
 * objects that views bind to; it is the only app code that reads the JSON
 * the server sends. Views ask it to act (connect, join, …) and follow its
 * models; they never hold data of their own. */

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  PROP_URL,
  PROP_TITLE,
  PROP_STATE,
  PROP_HAS_CONNECTED,
  PROP_RECONNECT_ATTEMPT,
  PROP_RECONNECT_TIME,
  PROP_RECONNECTIONS,
  PROP_CONNECTION_ID,
  PROP_FINGERPRINT,
  PROP_REMOTE_ADDRESS,
  PROP_CONNECTED_AT,
  PROP_WELCOME_MESSAGE,
  PROP_PRIMUS_VERSION,
  PROP_PRIMUS_TRANSFORMER,
  PROP_PRIMUS_PARSER,
  PROP_HEARTBEAT_INTERVAL,
  PROP_ROOMS,
  PROP_DATABASE,
  PROP_HISTORY_ERROR,
  PROP_FRAME_LOG,
  PROP_EXPLORER,
  N_PROPS
};

enum {
  NOTICE,
  NEW_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarSession, stellar_session, G_TYPE_OBJECT)

/* --- reading the server's details ---------------------------------------- */

/* The details come from the server: trust no member to have the right type. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_number_member (JsonObject *object,
                   const char *name,
                   gint64     *number)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *number = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *number = (gint64) json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static char *
format_remote_address (JsonObject *details)
{
  const char *ip = get_string_member (details, "remoteIP");
  gint64 port;

  if (ip == NULL || *ip == '\0')
    return NULL;

  if (!get_number_member (details, "remotePort", &port))
    return g_strdup (ip);

  if (strchr (ip, ':') != NULL)
    return g_strdup_printf ("[%s]:%" G_GINT64_FORMAT, ip, port);

  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, ip, port);
}

static GDateTime *
parse_connected_at (JsonObject *details)
{
  gint64 milliseconds;

  if (!get_number_member (details, "connectedAt", &milliseconds))
    return NULL;

  return stellar_local_time_from_unix (milliseconds / 1000);
}

static void
set_string_property (StellarSession  *self,
                     char           **slot,
                     const char      *value,
                     guint            prop_id)
{
  if (stellar_set_string (slot, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Primus 7 and 8 name the interval of the server's pings; Primus 5 and 6
 * the timeout after which the client pings. */
static guint
read_heartbeat_interval (JsonObject *spec)
{
  gint64 interval;

  if (get_number_member (spec, "pingInterval", &interval) && interval > 0 && interval <= G_MAXUINT)
    return (guint) interval;
  if (get_number_member (spec, "timeout", &interval) && interval > 0 && interval <= G_MAXUINT)
    return (guint) interval;

  return 0;
}

static void
update_primus_spec (StellarSession *self)
{
  JsonObject *spec = stellar_client_get_primus_spec (self->client);
  guint interval = read_heartbeat_interval (spec);

  g_object_freeze_notify (G_OBJECT (self));

  set_string_property (self, &self->primus_version, get_string_member (spec, "version"),
                       PROP_PRIMUS_VERSION);
  set_string_property (self, &self->primus_transformer, get_string_member (spec, "transformer"),
                       PROP_PRIMUS_TRANSFORMER);
  set_string_property (self, &self->primus_parser, get_string_member (spec, "parser"),
                       PROP_PRIMUS_PARSER);
  if (self->heartbeat_interval != interval)
    {
      self->heartbeat_interval = interval;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEARTBEAT_INTERVAL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
update_details (StellarSession *self)
{
  JsonObject *details = stellar_client_get_details (self->client);
  g_autofree char *remote_address = format_remote_address (details);
  g_autoptr(GDateTime) connected_at = parse_connected_at (details);
  const char *id = get_string_member (details, "id");
  const char *fingerprint = get_string_member (details, "fingerprint");

  g_object_freeze_notify (G_OBJECT (self));

  set_string_property (self, &self->connection_id,
                       id != NULL ? id : stellar_client_get_id (self->client),
                       PROP_CONNECTION_ID);
  set_string_property (self, &self->fingerprint,
                       fingerprint != NULL ? fingerprint : stellar_client_get_fingerprint (self->client),
                       PROP_FINGERPRINT);
  set_string_property (self, &self->remote_address, remote_address, PROP_REMOTE_ADDRESS);

  if (!(connected_at == NULL && self->connected_at == NULL) &&
      !(connected_at != NULL && self->connected_at != NULL &&
        g_date_time_equal (connected_at, self->connected_at)))
    {
      g_clear_pointer (&self->connected_at, g_date_time_unref);
      self->connected_at = g_steal_pointer (&connected_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED_AT]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* --- following the client ------------------------------------------------ */

static void
set_reconnect_schedule (StellarSession *self,
                        guint           attempt,
                        gint64          time)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->reconnect_attempt != attempt)
    {
      self->reconnect_attempt = attempt;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_ATTEMPT]);
    }

  if (self->reconnect_time != time)
    {
      self->reconnect_time = time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_TIME]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_client_state_changed (StellarSession *self,
                         GParamSpec     *pspec,
                         StellarClient  *client)
{
  StellarClientState state = stellar_client_get_state (client);

  if (self->state == state)
    return;

  self->state = state;

  g_object_freeze_notify (G_OBJECT (self));
  if (state != STELLAR_CLIENT_STATE_RECONNECTING)
    set_reconnect_schedule (self, 0, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_client_reconnecting (StellarSession *self,
                        guint           attempt,
                        guint           delay_ms,
                        StellarClient  *client)
{
  set_reconnect_schedule (self, attempt, g_get_monotonic_time () + (gint64) delay_ms * 1000);
}

static void
on_client_connected (StellarSession *self,
                     StellarClient  *client)
{
  if (self->has_connected)
    {
      self->reconnections++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTIONS]);
    }
  else
    {
      self->has_connected = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONNECTED]);
    }

  update_details (self);
}

static void
on_client_welcome_changed (StellarSession *self,
                           GParamSpec     *pspec,
                           StellarClient  *client)
{
  set_string_property (self, &self->welcome_message,
                       stellar_client_get_welcome_message (client),
                       PROP_WELCOME_MESSAGE);
}

static void
on_client_error (StellarSession *self,
                 const GError   *error,
                 StellarClient  *client)
{
  /* What ends the connection is news for the person; the rest (a stray
   * reply, a malformed frame) is for the protocol inspector. */
  if (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED)
    _stellar_session_emit_notice (self, error->message);
  else
    g_debug ("%s: %s", stellar_client_get_url (client), error->message);
}

void
_stellar_session_emit_notice (StellarSession *self,
                              const char     *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

void
_stellar_session_emit_new_message (StellarSession *self,
                                   StellarRoom    *room,
                                   StellarMessage *message)
{
  g_signal_emit (self, signals[NEW_MESSAGE], 0, room, message);
}

void
_stellar_session_set_history_error (StellarSession *self,
                                    const char     *history_error)
{
  set_string_property (self, &self->history_error, history_error, PROP_HISTORY_ERROR);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_session_constructed (GObject *object)
{
  StellarSession *self = STELLAR_SESSION (object);

  G_OBJECT_CLASS (stellar_session_parent_class)->constructed (object);

  g_assert (self->client != NULL);

  self->title = stellar_server_url_get_display_name (stellar_client_get_url (self->client));
  self->state = stellar_client_get_state (self->client);

  g_signal_connect_object (self->client, "notify::state",
                           G_CALLBACK (on_client_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "reconnecting",
                           G_CALLBACK (on_client_reconnecting), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "connected",
                           G_CALLBACK (on_client_connected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::details",
                           G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::primus-spec",
                           G_CALLBACK (update_primus_spec), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::welcome-message",
                           G_CALLBACK (on_client_welcome_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "error",
                           G_CALLBACK (on_client_error), self, G_CONNECT_SWAPPED);

  _stellar_session_frames_init (self);
  _stellar_session_chat_init (self);
  _stellar_session_history_init (self);
  _stellar_session_rooms_init (self);
}

static void
stellar_session_dispose (GObject *object)
{
  StellarSession *self = STELLAR_SESSION (object);

  g_cancellable_cancel (self->cancellable);

  _stellar_session_chat_dispose (self);
  _stellar_session_history_dispose (self);
  _stellar_session_frames_dispose (self);
  g_clear_object (&self->explorer);

  /* The client ends with its session: no reconnection behind the back of a
   * window that is gone. */
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      stellar_client_disconnect (self->client);
    }

  G_OBJECT_CLASS (stellar_session_parent_class)->dispose (object);
}

static void
stellar_session_finalize (GObject *object)
{
  StellarSession *self = STELLAR_SESSION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->rooms);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->connection_id, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->remote_address, g_free);
  g_clear_pointer (&self->connected_at, g_date_time_unref);
  g_clear_pointer (&self->welcome_message, g_free);
  g_clear_pointer (&self->primus_version, g_free);
  g_clear_pointer (&self->primus_transformer, g_free);
  g_clear_pointer (&self->primus_parser, g_free);
  g_clear_pointer (&self->remembered, g_strfreev);
  g_clear_pointer (&self->history_error, g_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (stellar_session_parent_class)->finalize (object);
}

static void
stellar_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StellarSession *self = STELLAR_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_URL:
      g_value_set_string (value, stellar_session_get_url (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_HAS_CONNECTED:
      g_value_set_boolean (value, self->has_connected);
      break;

    case PROP_RECONNECT_ATTEMPT:
      g_value_set_uint (value, self->reconnect_attempt);
      break;

    case PROP_RECONNECT_TIME:
      g_value_set_int64 (value, self->reconnect_time);
      break;

    case PROP_RECONNECTIONS:
      g_value_set_uint (value, self->reconnections);
      break;

    case PROP_CONNECTION_ID:
      g_value_set_string (value, self->connection_id);
      break;

    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;

    case PROP_REMOTE_ADDRESS:
      g_value_set_string (value, self->remote_address);
      break;

    case PROP_PRIMUS_VERSION:
      g_value_set_string (value, self->primus_version);
      break;

    case PROP_PRIMUS_TRANSFORMER:
      g_value_set_string (value, self->primus_transformer);
      break;

    case PROP_PRIMUS_PARSER:
      g_value_set_string (value, self->primus_parser);
      break;

    case PROP_HEARTBEAT_INTERVAL:
      g_value_set_uint (value, self->heartbeat_interval);
      break;

    case PROP_CONNECTED_AT:
      g_value_set_boxed (value, self->connected_at);
      break;

    case PROP_WELCOME_MESSAGE:
      g_value_set_string (value, self->welcome_message);
      break;

    case PROP_ROOMS:
      g_value_set_object (value, self->rooms);
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_HISTORY_ERROR:
      g_value_set_string (value, self->history_error);
      break;

    case PROP_FRAME_LOG:
      g_value_set_object (value, self->frame_log);
      break;

    case PROP_EXPLORER:
      g_value_set_object (value, stellar_session_get_explorer (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StellarSession *self = STELLAR_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_session_class_init (StellarSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_session_constructed;
  object_class->dispose = stellar_session_dispose;
  object_class->finalize = stellar_session_finalize;
  object_class->get_property = stellar_session_get_property;
  object_class->set_property = stellar_session_set_property;

  /**
   * StellarSession:client:
   *
   * The client of the connection; the session is the only app code that
   * listens to it.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:settings:
   *
   * The app's settings, where the session remembers the rooms of its
   * server; %NULL remembers nothing.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:url:
   *
   * The server's base URL.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:title:
   *
   * The server's name for people: its host, and its port when not the
   * scheme's default.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:state:
   *
   * The client's state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STELLAR_TYPE_CLIENT_STATE,
                       STELLAR_CLIENT_STATE_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:has-connected:
   *
   * Whether the connection was ever established: a session that never
   * was has nothing to show but why it failed.
   */
  properties[PROP_HAS_CONNECTED] =
    g_param_spec_boolean ("has-connected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:reconnect-attempt:
   *
   * While reconnecting, the number of the next attempt (from 1); 0
   * otherwise.
   */
  properties[PROP_RECONNECT_ATTEMPT] =
    g_param_spec_uint ("reconnect-attempt", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:reconnect-time:
   *
   * While reconnecting, when the next attempt starts, in the monotonic
   * clock's microseconds (g_get_monotonic_time()); 0 otherwise.
   */
  properties[PROP_RECONNECT_TIME] =
    g_param_spec_int64 ("reconnect-time", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:reconnections:
   *
   * How many times the connection was restored after it was lost.
   */
  properties[PROP_RECONNECTIONS] =
    g_param_spec_uint ("reconnections", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:connection-id:
   *
   * The server's id of the connection, new with every connection.
   */
  properties[PROP_CONNECTION_ID] =
    g_param_spec_string ("connection-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:fingerprint:
   *
   * The fingerprint the server knows this client by, kept across
   * connections.
   */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:remote-address:
   *
   * The address the server sees this client at, as "ip:port".
   */
  properties[PROP_REMOTE_ADDRESS] =
    g_param_spec_string ("remote-address", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:primus-version:
   *
   * The version of Primus the server runs, as its spec says.
   */
  properties[PROP_PRIMUS_VERSION] =
    g_param_spec_string ("primus-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:primus-transformer:
   *
   * The real-time framework under Primus on the server ("websockets").
   */
  properties[PROP_PRIMUS_TRANSFORMER] =
    g_param_spec_string ("primus-transformer", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:primus-parser:
   *
   * How Primus encodes its messages on the server ("json").
   */
  properties[PROP_PRIMUS_PARSER] =
    g_param_spec_string ("primus-parser", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:heartbeat-interval:
   *
   * The heartbeat's interval in milliseconds, as the server's spec says;
   * 0 until the spec is read.
   */
  properties[PROP_HEARTBEAT_INTERVAL] =
    g_param_spec_uint ("heartbeat-interval", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:connected-at:
   *
   * When the server accepted the connection, by its own clock.
   */
  properties[PROP_CONNECTED_AT] =
    g_param_spec_boxed ("connected-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:welcome-message:
   *
   * What the server said to greet the connection.
   */
  properties[PROP_WELCOME_MESSAGE] =
    g_param_spec_string ("welcome-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:rooms:
   *
   * The rooms of the session (#StellarRoom), in the order they were
   * joined.
   */
  properties[PROP_ROOMS] =
    g_param_spec_object ("rooms", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:database:
   *
   * Where the rooms' history is kept; %NULL keeps nothing.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         STELLAR_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:history-error:
   *
   * Why messages are not kept in the history, for people; they stay in
   * memory meanwhile. %NULL when all is well.
   */
  properties[PROP_HISTORY_ERROR] =
    g_param_spec_string ("history-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:frame-log:
   *
   * Every frame of the session's connections, the last ones of them, for
   * the protocol inspector.
   */
  properties[PROP_FRAME_LOG] =
    g_param_spec_object ("frame-log", NULL, NULL,
                         STELLAR_TYPE_FRAME_LOG,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSession:explorer:
   *
   * The API explorer of the connection: its action calls, their history
   * and the server's default parameters. Made when first asked for.
   */
  properties[PROP_EXPLORER] =
    g_param_spec_object ("explorer", NULL, NULL,
                         STELLAR_TYPE_EXPLORER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarSession::notice:
   * @self: a #StellarSession
   * @message: what happened, for people
   *
   * Emitted when something happened that the person should read now: an
   * alert from the server, a room it refused, the connection ending.
   */
  signals[NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarSession::new-message:
   * @self: a #StellarSession
   * @room: the room of @message
   * @message: a message from someone else
   *
   * Emitted for each message from someone else that arrives in a room the
   * person is not looking at, to notify them.
   */
  signals[NEW_MESSAGE] =
    g_signal_new ("new-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  _stellar_marshal_VOID__OBJECT_OBJECT,
                  G_TYPE_NONE, 2, STELLAR_TYPE_ROOM, STELLAR_TYPE_MESSAGE);
  g_signal_set_va_marshaller (signals[NEW_MESSAGE], G_TYPE_FROM_CLASS (klass),
                              _stellar_marshal_VOID__OBJECT_OBJECTv);
}

static void
stellar_session_init (StellarSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->rooms = g_list_store_new (STELLAR_TYPE_ROOM);
}

/**
 * stellar_session_new:
 * @url: the server's base URL
 * @settings: (nullable): the app's settings, to remember the server's rooms
 * @database: (nullable): where to keep the rooms' history
 *
 * Returns: (transfer full): a new session, not connected yet
 */
StellarSession *
stellar_session_new (const char      *url,
                     GSettings       *settings,
                     StellarDatabase *database)
{
  g_autoptr(StellarClient) client = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (database == NULL || STELLAR_IS_DATABASE (database), NULL);

  /* A flood into a room must not stop the window from drawing. */
  client = stellar_client_new (url);
  g_object_set (client, "threaded-io", TRUE, NULL);

  return g_object_new (STELLAR_TYPE_SESSION,
                       "client", client,
                       "settings", settings,
                       "database", database,
                       NULL);
}

StellarClient *
stellar_session_get_client (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->client;
}

const char *
stellar_session_get_url (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return stellar_client_get_url (self->client);
}

const char *
stellar_session_get_title (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->title;
}

StellarClientState
stellar_session_get_state (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), STELLAR_CLIENT_STATE_DISCONNECTED);

  return self->state;
}

gboolean
stellar_session_get_has_connected (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), FALSE);

  return self->has_connected;
}

guint
stellar_session_get_reconnect_attempt (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), 0);

  return self->reconnect_attempt;
}

gint64
stellar_session_get_reconnect_time (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), 0);

  return self->reconnect_time;
}

guint
stellar_session_get_reconnections (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), 0);

  return self->reconnections;
}

const char *
stellar_session_get_connection_id (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->connection_id;
}

const char *
stellar_session_get_fingerprint (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->fingerprint;
}

const char *
stellar_session_get_remote_address (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->remote_address;
}

const char *
stellar_session_get_primus_version (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->primus_version;
}

const char *
stellar_session_get_primus_transformer (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->primus_transformer;
}

const char *
stellar_session_get_primus_parser (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->primus_parser;
}

guint
stellar_session_get_heartbeat_interval (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), 0);

  return self->heartbeat_interval;
}

/**
 * stellar_session_get_connected_at:
 * @self: a #StellarSession
 *
 * Returns: (transfer none) (nullable): when the server accepted the
 *   connection
 */
GDateTime *
stellar_session_get_connected_at (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->connected_at;
}

const char *
stellar_session_get_welcome_message (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->welcome_message;
}

/**
 * stellar_session_get_rooms:
 * @self: a #StellarSession
 *
 * Returns: (transfer none): the session's rooms, #StellarRoom items
 */
GListModel *
stellar_session_get_rooms (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->rooms);
}

/**
 * stellar_session_get_database:
 * @self: a #StellarSession
 *
 * Returns: (transfer none) (nullable): where the history is kept
 */
StellarDatabase *
stellar_session_get_database (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->database;
}

/**
 * stellar_session_get_history_error:
 * @self: a #StellarSession
 *
 * Returns: (nullable): why messages are not kept in the history
 */
const char *
stellar_session_get_history_error (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->history_error;
}

/**
 * stellar_session_get_explorer:
 * @self: a #StellarSession
 *
 * The explorer is made when first asked for: from then on, the server's
 * default parameters go with every action call of the client.
 *
 * Returns: (transfer none): the API explorer of the connection
 */
StellarExplorer *
stellar_session_get_explorer (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  if (self->explorer == NULL)
    {
      self->explorer = stellar_explorer_new (self->client, self->settings, self->database);
      _stellar_session_frames_follow_defaults (self, stellar_explorer_get_default_params (self->explorer));
    }

  return self->explorer;
}

/* --- connecting ---------------------------------------------------------- */

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) details = NULL;
  GError *error = NULL;

  details = stellar_client_connect_finish (STELLAR_CLIENT (object), result, &error);
  if (details == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  update_details (self);
  _stellar_session_rooms_join_all (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_session_connect_async:
 * @self: a #StellarSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once connected, or when the attempt failed
 * @user_data: data for @callback
 *
 * Connects, then joins the session's rooms (stellar_session_add_rooms());
 * a room the server refuses keeps its reason in [property@Room:join-error]
 * and does not fail the connection.
 */
void
stellar_session_connect_async (StellarSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_connect_async);

  stellar_client_connect_async (self->client, cancellable, on_connected, g_steal_pointer (&task));
}

/**
 * stellar_session_connect_finish:
 * @self: a #StellarSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether the connection is established
 */
gboolean
stellar_session_connect_finish (StellarSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_reconnected (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StellarSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stellar_session_connect_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _stellar_session_emit_notice (self, error->message);
}

/**
 * stellar_session_reconnect:
 * @self: a #StellarSession
 *
 * Connects again after the connection ended for good (the client gave up
 * reconnecting, or was disconnected), with the same rooms. Why an attempt
 * fails is told through #StellarSession::notice.
 */
void
stellar_session_reconnect (StellarSession *self)
{
  g_return_if_fail (STELLAR_IS_SESSION (self));

  if (self->state != STELLAR_CLIENT_STATE_DISCONNECTED)
    return;

  stellar_session_connect_async (self, self->cancellable, on_reconnected, g_object_ref (self));
}

/**
 * stellar_session_disconnect:
 * @self: a #StellarSession
 *
 * Closes the connection on purpose: no reconnection, and what is still
 * pending fails.
 */
void
stellar_session_disconnect (StellarSession *self)
{
  g_return_if_fail (STELLAR_IS_SESSION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  stellar_client_disconnect (self->client);
}

/* --- details ------------------------------------------------------------- */

static void
on_details_viewed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) details = NULL;
  GError *error = NULL;

  details = stellar_client_details_view_finish (STELLAR_CLIENT (object), result, &error);
  if (details == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The client updated its details, and notified. */
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_session_refresh_details_async:
 * @self: a #StellarSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the details are read again
 * @user_data: data for @callback
 *
 * Asks the server for the connection's details again.
 */
void
stellar_session_refresh_details_async (StellarSession      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_refresh_details_async);

  stellar_client_details_view_async (self->client, cancellable, on_details_viewed,
                                     g_steal_pointer (&task));
}

gboolean
stellar_session_refresh_details_finish (StellarSession  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
