/* stellar-frame.c: one WebSocket frame, as the protocol inspector shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-frame-classify-private.h"
#include "stellar-frame-private.h"
#include "stellar-json-text-private.h"

/* Everything but the pairing is fixed when the log records the frame. A
 * request learns its peer when the response arrives; a request sent before
 * a connection's welcome may be renumbered when the welcome shows that it
 * went out on the new connection; an action request learns which of its
 * parameters an interceptor added. */
struct _StellarFrame
{
  GObject           parent_instance;

  guint64           id;
  gint64            time_us;
  char             *text;
  gsize             size;
  char             *label;          /* made when first asked for */
  gint64            label_count;    /* the count the label tells */
  gint64            message_count;
  guint64           peer_id;
  gint64            latency_ms;
  guint             connection;
  char            **added_params;
  StellarFrameKind  kind : 8;
  guint             outgoing : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_OUTGOING,
  PROP_TIME,
  PROP_SIZE,
  PROP_TEXT,
  PROP_KIND,
  PROP_LABEL,
  PROP_MESSAGE_COUNT,
  PROP_CONNECTION,
  PROP_PEER_ID,
  PROP_LATENCY_MS,
  PROP_ADDED_PARAMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (StellarFrameKind, stellar_frame_kind,
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_HEARTBEAT, "heartbeat"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_VERB_REQUEST, "verb-request"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_VERB_REPLY, "verb-reply"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_ACTION_REQUEST, "action-request"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_ACTION_RESPONSE, "action-response"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_CHAT_MESSAGE, "chat-message"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_ROOM_EVENT, "room-event"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_ALERT, "alert"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_WELCOME, "welcome"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_OTHER, "other"),
  G_DEFINE_ENUM_VALUE (STELLAR_FRAME_KIND_MALFORMED, "malformed"))

G_DEFINE_FINAL_TYPE (StellarFrame, stellar_frame, G_TYPE_OBJECT)

static void
stellar_frame_finalize (GObject *object)
{
  StellarFrame *self = STELLAR_FRAME (object);

  g_free (self->text);
  g_free (self->label);
  g_strfreev (self->added_params);

  G_OBJECT_CLASS (stellar_frame_parent_class)->finalize (object);
}

static void
stellar_frame_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StellarFrame *self = STELLAR_FRAME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint64 (value, self->id);
      break;

    case PROP_OUTGOING:
      g_value_set_boolean (value, self->outgoing);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time_us);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_LABEL:
      g_value_set_string (value, stellar_frame_get_label (self));
      break;

    case PROP_MESSAGE_COUNT:
      g_value_set_int64 (value, self->message_count);
      break;

    case PROP_CONNECTION:
      g_value_set_uint (value, self->connection);
      break;

    case PROP_PEER_ID:
      g_value_set_uint64 (value, self->peer_id);
      break;

    case PROP_LATENCY_MS:
      g_value_set_int64 (value, self->latency_ms);
      break;

    case PROP_ADDED_PARAMS:
      g_value_set_boxed (value, self->added_params);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_class_init (StellarFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = stellar_frame_finalize;
  object_class->get_property = stellar_frame_get_property;

  /**
   * StellarFrame:id:
   *
   * The frame's sequence number in its log: unique, rising, never reused.
   */
  properties[PROP_ID] = g_param_spec_uint64 ("id", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  /**
   * StellarFrame:outgoing:
   *
   * Whether the client sent the frame.
   */
  properties[PROP_OUTGOING] = g_param_spec_boolean ("outgoing", NULL, NULL, FALSE, flags);

  /**
   * StellarFrame:time:
   *
   * When the frame went or came, in microseconds since the Unix epoch.
   */
  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * StellarFrame:size:
   *
   * The frame's size in bytes.
   */
  properties[PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  /**
   * StellarFrame:text:
   *
   * The frame's text, exactly as on the wire.
   */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);

  /**
   * StellarFrame:kind:
   *
   * What the frame is.
   */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL,
                                             STELLAR_TYPE_FRAME_KIND, STELLAR_FRAME_KIND_OTHER,
                                             flags);

  /**
   * StellarFrame:label:
   *
   * A short description: "action echo", "roomJoin general", "reply 12 OK".
   */
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);

  /**
   * StellarFrame:message-count:
   *
   * The Stellar `messageCount` of the frame: the number the client gave a
   * request it sent, or the number a response carries; 0 for frames that
   * have none (heartbeats, chat, the welcome).
   */
  properties[PROP_MESSAGE_COUNT] = g_param_spec_int64 ("message-count", NULL, NULL,
                                                       0, G_MAXINT64, 0, flags);

  /**
   * StellarFrame:connection:
   *
   * Which connection of the log the frame belongs to, from 1: counts
   * restart with every connection.
   */
  properties[PROP_CONNECTION] = g_param_spec_uint ("connection", NULL, NULL,
                                                   0, G_MAXUINT, 0, flags);

  /**
   * StellarFrame:peer-id:
   *
   * The #StellarFrame:id of the request this frame answers, or of the
   * response that answered it; 0 while there is none. The peer may have
   * left the log already: stellar_frame_log_lookup() says so.
   */
  properties[PROP_PEER_ID] = g_param_spec_uint64 ("peer-id", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  /**
   * StellarFrame:latency-ms:
   *
   * For a paired request or response, the milliseconds between the two;
   * -1 otherwise.
   */
  properties[PROP_LATENCY_MS] = g_param_spec_int64 ("latency-ms", NULL, NULL,
                                                    -1, G_MAXINT64, -1, flags);

  /**
   * StellarFrame:added-params:
   *
   * For an action request, the parameters an interceptor added to the call
   * (the server's default parameters); %NULL when none did.
   */
  properties[PROP_ADDED_PARAMS] = g_param_spec_boxed ("added-params", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_frame_init (StellarFrame *self)
{
  self->latency_ms = -1;
}

/* @peer_id is 0 and @latency_ms -1 when unpaired. */
StellarFrame *
_stellar_frame_new (guint64           id,
                    gboolean          outgoing,
                    const char       *text,
                    gint64            time_us,
                    StellarFrameKind  kind,
                    guint             connection,
                    gint64            message_count,
                    guint64           peer_id,
                    gint64            latency_ms)
{
  StellarFrame *self = g_object_new (STELLAR_TYPE_FRAME, NULL);

  self->id = id;
  self->outgoing = !!outgoing;
  self->size = strlen (text);
  self->text = g_memdup2 (text, self->size + 1);
  self->time_us = time_us;
  self->kind = kind;
  self->connection = connection;
  self->label_count = message_count;
  self->message_count = message_count;
  self->peer_id = peer_id;
  self->latency_ms = latency_ms;

  return self;
}

void
_stellar_frame_set_message_count (StellarFrame *self,
                                  gint64        message_count,
                                  guint         connection)
{
  if (self->message_count != message_count)
    {
      self->message_count = message_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_COUNT]);
    }

  if (self->connection != connection)
    {
      self->connection = connection;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
    }
}

void
_stellar_frame_set_peer (StellarFrame *self,
                         guint64       peer_id,
                         gint64        latency_ms)
{
  if (self->peer_id != peer_id)
    {
      self->peer_id = peer_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEER_ID]);
    }

  if (self->latency_ms != latency_ms)
    {
      self->latency_ms = latency_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_MS]);
    }
}

void
_stellar_frame_set_added_params (StellarFrame       *self,
                                 const char * const *keys)
{
  if (keys != NULL && keys[0] == NULL)
    keys = NULL;

  if (self->added_params == NULL && keys == NULL)
    return;
  if (self->added_params != NULL && keys != NULL &&
      g_strv_equal ((const char * const *) self->added_params, keys))
    return;

  g_strfreev (self->added_params);
  self->added_params = g_strdupv ((char **) keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDED_PARAMS]);
}

/**
 * stellar_frame_get_id:
 * @self: a #StellarFrame
 *
 * Returns: the frame's sequence number in its log
 */
guint64
stellar_frame_get_id (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->id;
}

/**
 * stellar_frame_get_outgoing:
 * @self: a #StellarFrame
 *
 * Returns: whether the client sent the frame
 */
gboolean
stellar_frame_get_outgoing (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), FALSE);

  return self->outgoing;
}

/**
 * stellar_frame_get_time:
 * @self: a #StellarFrame
 *
 * Returns: when the frame went or came, in µs since the Unix epoch
 */
gint64
stellar_frame_get_time (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->time_us;
}

/**
 * stellar_frame_get_size:
 * @self: a #StellarFrame
 *
 * Returns: the frame's size in bytes
 */
gsize
stellar_frame_get_size (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->size;
}

/**
 * stellar_frame_get_text:
 * @self: a #StellarFrame
 *
 * Returns: the frame's text, exactly as on the wire
 */
const char *
stellar_frame_get_text (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), NULL);

  return self->text;
}

/**
 * stellar_frame_get_kind:
 * @self: a #StellarFrame
 *
 * Returns: what the frame is
 */
StellarFrameKind
stellar_frame_get_kind (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), STELLAR_FRAME_KIND_OTHER);

  return self->kind;
}

/**
 * stellar_frame_get_label:
 * @self: a #StellarFrame
 *
 * The label is made from the frame's text when first asked for: a log
 * takes thousands of frames a second, and shows a few of them. Safe to call
 * from any thread (an export reads labels in one of its own).
 *
 * Returns: a short description of the frame
 */
const char *
stellar_frame_get_label (StellarFrame *self)
{
  char *label;

  g_return_val_if_fail (STELLAR_IS_FRAME (self), NULL);

  label = g_atomic_pointer_get (&self->label);
  if (label == NULL)
    {
      g_autoptr(JsonNode) node = _stellar_frame_parse (self);
      char *made = _stellar_frame_describe (self->kind, node, self->label_count);

      if (g_atomic_pointer_compare_and_exchange (&self->label, NULL, made))
        label = made;
      else
        {
          g_free (made);
          label = g_atomic_pointer_get (&self->label);
        }
    }

  return label;
}

/**
 * stellar_frame_get_message_count:
 * @self: a #StellarFrame
 *
 * Returns: the frame's `messageCount`, or 0
 */
gint64
stellar_frame_get_message_count (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->message_count;
}

/**
 * stellar_frame_get_connection:
 * @self: a #StellarFrame
 *
 * Returns: the number of the connection the frame belongs to, from 1
 */
guint
stellar_frame_get_connection (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->connection;
}

/**
 * stellar_frame_get_peer_id:
 * @self: a #StellarFrame
 *
 * Returns: the id of the paired request or response, or 0
 */
guint64
stellar_frame_get_peer_id (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), 0);

  return self->peer_id;
}

/**
 * stellar_frame_get_latency_ms:
 * @self: a #StellarFrame
 *
 * Returns: the milliseconds between a request and its response, or -1
 */
gint64
stellar_frame_get_latency_ms (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), -1);

  return self->latency_ms;
}

/**
 * stellar_frame_get_added_params:
 * @self: a #StellarFrame
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   parameters an interceptor added to the call, or %NULL
 */
const char * const *
stellar_frame_get_added_params (StellarFrame *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME (self), NULL);

  return (const char * const *) self->added_params;
}

/*
 * _stellar_frame_parse:
 * @self: a #StellarFrame
 *
 * Parses the frame's text again: the log keeps only the text, which is
 * smaller than its parsed form. A frame nested deeper than the client ever
 * accepts is left as text, since json-glib's parser would recurse through
 * it.
 *
 * Returns: (transfer full) (nullable): the frame's JSON, or %NULL when it
 *   is not JSON
 */
JsonNode *
_stellar_frame_parse (StellarFrame *self)
{
  g_autoptr(JsonParser) parser = NULL;

  if (self->kind == STELLAR_FRAME_KIND_MALFORMED ||
      !_stellar_json_text_nests_within (self->text, self->size, STELLAR_JSON_MAX_DEPTH))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, self->text, self->size, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/**
 * stellar_frame_create_json_tree:
 * @self: a #StellarFrame
 *
 * The frame as a tree of values, for the protocol inspector's details.
 *
 * Returns: (transfer full) (nullable): a model of the frame's JSON, or
 *   %NULL when the frame is not JSON
 */
StellarJsonTree *
stellar_frame_create_json_tree (StellarFrame *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (STELLAR_IS_FRAME (self), NULL);

  node = _stellar_frame_parse (self);
  return node != NULL ? stellar_json_tree_new (node) : NULL;
}
