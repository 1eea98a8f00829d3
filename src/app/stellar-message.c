/* stellar-message.c: one line of a room's conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-local-time.h"
#include "stellar-message-private.h"

/* A room may hold a hundred thousand of these, so a message is kept small:
 * sender ids and names are interned and shared by every message of the
 * sender, and what few messages have (an event's name, our own messages'
 * id and failure) lives in a part allocated only for them. Whether a
 * message is grouped with the one before, starts a day or is the first
 * unread one is decided by the room's list (StellarMessageList), so that
 * rows only follow flags. */

typedef struct {
  char *uid;
  char *error;
  char *event_name;
} Extra;

struct _StellarMessage
{
  GObject     parent_instance;

  char       *text;
  char       *sender_id;    /* GRefString, interned */
  char       *sender_name;  /* GRefString, interned */
  gint64      time_us;
  gint64      store_id;
  guint64     frame_id;
  Extra      *extra;
  guint32     day;

  guint       kind : 2;
  guint       delivery : 2;
  guint       own : 1;
  guint       echoed : 1;
  guint       mentions_you : 1;
  guint       grouped : 1;
  guint       first_of_day : 1;
  guint       first_unread : 1;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_SENDER_ID,
  PROP_SENDER_NAME,
  PROP_SENDER_COLOR,
  PROP_TIME,
  PROP_TEXT,
  PROP_EVENT_NAME,
  PROP_OWN,
  PROP_DELIVERY,
  PROP_ERROR,
  PROP_MENTIONS_YOU,
  PROP_GROUPED,
  PROP_FIRST_OF_DAY,
  PROP_FIRST_UNREAD,
  PROP_FRAME_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarMessage, stellar_message, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (StellarMessageKind, stellar_message_kind,
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_KIND_MESSAGE, "message"),
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_KIND_EVENT, "event"),
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_KIND_ALERT, "alert"))

G_DEFINE_ENUM_TYPE (StellarMessageDelivery, stellar_message_delivery,
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_DELIVERY_NONE, "none"),
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_DELIVERY_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_DELIVERY_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (STELLAR_MESSAGE_DELIVERY_FAILED, "failed"))

static Extra *
ensure_extra (StellarMessage *self)
{
  if (self->extra == NULL)
    self->extra = g_new0 (Extra, 1);

  return self->extra;
}

static char *
intern (const char *string)
{
  return string != NULL ? g_ref_string_new_intern (string) : NULL;
}

static void
stellar_message_finalize (GObject *object)
{
  StellarMessage *self = STELLAR_MESSAGE (object);

  g_free (self->text);
  g_clear_pointer (&self->sender_id, g_ref_string_release);
  g_clear_pointer (&self->sender_name, g_ref_string_release);

  if (self->extra != NULL)
    {
      g_free (self->extra->uid);
      g_free (self->extra->error);
      g_clear_pointer (&self->extra->event_name, g_ref_string_release);
      g_free (self->extra);
    }

  G_OBJECT_CLASS (stellar_message_parent_class)->finalize (object);
}

static void
stellar_message_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StellarMessage *self = STELLAR_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SENDER_ID:
      g_value_set_string (value, self->sender_id);
      break;

    case PROP_SENDER_NAME:
      g_value_set_string (value, self->sender_name);
      break;

    case PROP_SENDER_COLOR:
      g_value_set_uint (value, stellar_message_get_sender_color (self));
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time_us);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_EVENT_NAME:
      g_value_set_string (value, stellar_message_get_event_name (self));
      break;

    case PROP_OWN:
      g_value_set_boolean (value, self->own);
      break;

    case PROP_DELIVERY:
      g_value_set_enum (value, self->delivery);
      break;

    case PROP_ERROR:
      g_value_set_string (value, stellar_message_get_error (self));
      break;

    case PROP_MENTIONS_YOU:
      g_value_set_boolean (value, self->mentions_you);
      break;

    case PROP_GROUPED:
      g_value_set_boolean (value, self->grouped);
      break;

    case PROP_FIRST_OF_DAY:
      g_value_set_boolean (value, self->first_of_day);
      break;

    case PROP_FIRST_UNREAD:
      g_value_set_boolean (value, self->first_unread);
      break;

    case PROP_FRAME_ID:
      g_value_set_uint64 (value, self->frame_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_message_class_init (StellarMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_message_finalize;
  object_class->get_property = stellar_message_get_property;

  /**
   * StellarMessage:kind:
   *
   * What the message is: something said, a room event or a notice.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       STELLAR_TYPE_MESSAGE_KIND,
                       STELLAR_MESSAGE_KIND_MESSAGE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:sender-id:
   *
   * The connection id of the sender, "0" for the server, %NULL for the
   * app's own notices.
   */
  properties[PROP_SENDER_ID] =
    g_param_spec_string ("sender-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:sender-name:
   *
   * The sender as people read it: a name the server gave, or the first
   * part of the connection id.
   */
  properties[PROP_SENDER_NAME] =
    g_param_spec_string ("sender-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:sender-color:
   *
   * The sender's colour, from 0 to %STELLAR_MESSAGE_N_COLORS − 1: the
   * same for every message of one sender.
   */
  properties[PROP_SENDER_COLOR] =
    g_param_spec_uint ("sender-color", NULL, NULL,
                       0, STELLAR_MESSAGE_N_COLORS - 1, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:time:
   *
   * When the message was sent, in microseconds since the Unix epoch.
   */
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:text:
   *
   * The text as it was said: never markup. For an event, its data as
   * JSON.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:event-name:
   *
   * The name of a room event, %NULL for other messages.
   */
  properties[PROP_EVENT_NAME] =
    g_param_spec_string ("event-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:own:
   *
   * Whether the person said it, from this app.
   */
  properties[PROP_OWN] =
    g_param_spec_boolean ("own", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:delivery:
   *
   * Where one of our own messages stands.
   */
  properties[PROP_DELIVERY] =
    g_param_spec_enum ("delivery", NULL, NULL,
                       STELLAR_TYPE_MESSAGE_DELIVERY,
                       STELLAR_MESSAGE_DELIVERY_NONE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:error:
   *
   * Why a failed message could not be sent, for people.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:mentions-you:
   *
   * Whether someone else's message names the person: one of the session's
   * connection ids, or a name of the `mention-names` setting.
   */
  properties[PROP_MENTIONS_YOU] =
    g_param_spec_boolean ("mentions-you", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:grouped:
   *
   * Whether the message continues the one before it: the same sender,
   * less than five minutes later, the same day. A grouped message is shown
   * without its sender.
   */
  properties[PROP_GROUPED] =
    g_param_spec_boolean ("grouped", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:first-of-day:
   *
   * Whether the message is the first of its day in the room: a day
   * separator goes above it.
   */
  properties[PROP_FIRST_OF_DAY] =
    g_param_spec_boolean ("first-of-day", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:first-unread:
   *
   * Whether the message is the first the person had not read when they
   * came back to the room: the "new messages" line goes above it.
   */
  properties[PROP_FIRST_UNREAD] =
    g_param_spec_boolean ("first-unread", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessage:frame-id:
   *
   * The id, in the session's frame log, of the frame that brought the
   * message (or, for one of ours, that sent it); 0 for a message read from
   * the history, or not sent yet.
   */
  properties[PROP_FRAME_ID] =
    g_param_spec_uint64 ("frame-id", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_message_init (StellarMessage *self)
{
}

/* The local day a message belongs to, as a number that only compares.
 * Messages come in order, so the day of the last one is kept, with its
 * bounds, per thread (history pages are read on the database's). */
typedef struct {
  gint64  start_us;
  gint64  end_us;
  guint32 day;
} DayCache;

static GPrivate day_cache = G_PRIVATE_INIT (g_free);

static guint32
local_day (gint64 time_us)
{
  DayCache *cache = g_private_get (&day_cache);
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next_midnight = NULL;
  int year, month, day;

  if (cache != NULL && time_us >= cache->start_us && time_us < cache->end_us)
    return cache->day;

  date_time = stellar_local_time_from_unix (time_us / G_USEC_PER_SEC);
  if (date_time == NULL)
    return 0;

  g_date_time_get_ymd (date_time, &year, &month, &day);
  midnight = stellar_local_time_new (year, month, day, 0, 0, 0);
  next_midnight = g_date_time_add_days (midnight, 1);

  if (cache == NULL)
    {
      cache = g_new0 (DayCache, 1);
      g_private_set (&day_cache, cache);
    }

  cache->start_us = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  cache->end_us = g_date_time_to_unix (next_midnight) * G_USEC_PER_SEC;
  cache->day = (guint32) (year * 10000 + month * 100 + day);

  return cache->day;
}

StellarMessage *
_stellar_message_new (StellarMessageKind  kind,
                      const char         *sender_id,
                      const char         *sender_name,
                      gint64              time_us,
                      const char         *text)
{
  StellarMessage *self = g_object_new (STELLAR_TYPE_MESSAGE, NULL);

  self->kind = kind;
  self->sender_id = intern (sender_id);
  self->sender_name = intern (sender_name != NULL ? sender_name : sender_id);
  self->time_us = time_us;
  self->day = local_day (time_us);
  self->text = g_strdup (text != NULL ? text : "");

  return self;
}

StellarMessage *
_stellar_message_new_own (const char *sender_id,
                          const char *sender_name,
                          gint64      time_us,
                          const char *text,
                          const char *uid)
{
  StellarMessage *self = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE,
                                               sender_id, sender_name, time_us, text);

  self->own = TRUE;
  self->delivery = STELLAR_MESSAGE_DELIVERY_PENDING;
  ensure_extra (self)->uid = g_strdup (uid);

  return self;
}

void
_stellar_message_set_event_name (StellarMessage *self,
                                 const char     *event_name)
{
  Extra *extra = ensure_extra (self);

  g_clear_pointer (&extra->event_name, g_ref_string_release);
  extra->event_name = intern (event_name);
}

void
_stellar_message_set_own (StellarMessage *self,
                          gboolean        own)
{
  self->own = !!own;
}

void
_stellar_message_set_delivery (StellarMessage         *self,
                               StellarMessageDelivery  delivery,
                               const char             *error)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->delivery != delivery)
    {
      self->delivery = delivery;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY]);
    }

  if (g_strcmp0 (stellar_message_get_error (self), error) != 0)
    {
      Extra *extra = ensure_extra (self);

      g_free (extra->error);
      extra->error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

#define DEFINE_FLAG_SETTER(name, NAME)                                             \
  void                                                                             \
  _stellar_message_set_##name (StellarMessage *self,                               \
                               gboolean        value)                              \
  {                                                                                \
    value = !!value;                                                               \
    if (self->name == (guint) value)                                               \
      return;                                                                      \
    self->name = value;                                                            \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##NAME]);           \
  }

DEFINE_FLAG_SETTER (mentions_you, MENTIONS_YOU)
DEFINE_FLAG_SETTER (grouped, GROUPED)
DEFINE_FLAG_SETTER (first_of_day, FIRST_OF_DAY)
DEFINE_FLAG_SETTER (first_unread, FIRST_UNREAD)

#undef DEFINE_FLAG_SETTER

const char *
_stellar_message_get_uid (StellarMessage *self)
{
  return self->extra != NULL ? self->extra->uid : NULL;
}

gboolean
_stellar_message_get_echoed (StellarMessage *self)
{
  return self->echoed;
}

void
_stellar_message_set_echoed (StellarMessage *self,
                             gboolean        echoed)
{
  self->echoed = !!echoed;
}

void
_stellar_message_set_frame_id (StellarMessage *self,
                               guint64         frame_id)
{
  if (self->frame_id == frame_id)
    return;

  self->frame_id = frame_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME_ID]);
}

gint64
_stellar_message_get_store_id (StellarMessage *self)
{
  return self->store_id;
}

void
_stellar_message_set_store_id (StellarMessage *self,
                               gint64          store_id)
{
  self->store_id = store_id;
}

guint
_stellar_message_get_day (StellarMessage *self)
{
  return self->day;
}

StellarMessageKind
stellar_message_get_kind (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), STELLAR_MESSAGE_KIND_MESSAGE);

  return self->kind;
}

/**
 * stellar_message_get_sender_id:
 * @self: a #StellarMessage
 *
 * Returns: (nullable): the sender's connection id, "0" for the server
 */
const char *
stellar_message_get_sender_id (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), NULL);

  return self->sender_id;
}

/**
 * stellar_message_get_sender_name:
 * @self: a #StellarMessage
 *
 * Returns: (nullable): the sender as people read it
 */
const char *
stellar_message_get_sender_name (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), NULL);

  return self->sender_name;
}

/**
 * stellar_message_get_sender_color:
 * @self: a #StellarMessage
 *
 * Our own messages all have colour 0, whatever connection they went out
 * on.
 *
 * Returns: the sender's colour, below %STELLAR_MESSAGE_N_COLORS
 */
guint
stellar_message_get_sender_color (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), 0);

  if (self->own || self->sender_id == NULL)
    return 0;

  /* djb2 rather than g_str_hash(), which may change between GLib versions:
   * a sender keeps their colour from one run to the next. */
  {
    guint32 hash = 5381;

    for (const char *p = self->sender_id; *p != '\0'; p++)
      hash = hash * 33 + (guchar) *p;

    return hash % STELLAR_MESSAGE_N_COLORS;
  }
}

gint64
stellar_message_get_time (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), 0);

  return self->time_us;
}

const char *
stellar_message_get_text (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), NULL);

  return self->text;
}

/**
 * stellar_message_get_event_name:
 * @self: a #StellarMessage
 *
 * Returns: (nullable): the name of a room event
 */
const char *
stellar_message_get_event_name (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), NULL);

  return self->extra != NULL ? self->extra->event_name : NULL;
}

gboolean
stellar_message_get_own (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), FALSE);

  return self->own;
}

StellarMessageDelivery
stellar_message_get_delivery (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), STELLAR_MESSAGE_DELIVERY_NONE);

  return self->delivery;
}

/**
 * stellar_message_get_error:
 * @self: a #StellarMessage
 *
 * Returns: (nullable): why the message could not be sent
 */
const char *
stellar_message_get_error (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), NULL);

  return self->extra != NULL ? self->extra->error : NULL;
}

gboolean
stellar_message_get_mentions_you (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), FALSE);

  return self->mentions_you;
}

gboolean
stellar_message_get_grouped (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), FALSE);

  return self->grouped;
}

gboolean
stellar_message_get_first_of_day (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), FALSE);

  return self->first_of_day;
}

gboolean
stellar_message_get_first_unread (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), FALSE);

  return self->first_unread;
}

/**
 * stellar_message_get_frame_id:
 * @self: a #StellarMessage
 *
 * Returns: the id of the message's frame in the session's frame log, or 0
 */
guint64
stellar_message_get_frame_id (StellarMessage *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE (self), 0);

  return self->frame_id;
}
