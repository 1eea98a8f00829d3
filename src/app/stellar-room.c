/* stellar-room.c: one chat room of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-message-private.h"
#include "stellar-room-private.h"
#include "stellar-utils.h"

/* A room the person is in, or asked to be in: it stays in the session's
 * list while the connection is being restored (`joined` is then FALSE), and
 * leaves it only when the person leaves the room. It holds the room's
 * conversation and what the person has not read of it. Only the session
 * changes it; views bind to its properties.
 *
 * Messages arrive in bursts (a flood is thousands a second, handed out a
 * few milliseconds at a time), so they are gathered and added to the list
 * together, at most once a frame, just before the window draws its next
 * one: adding them more often would only make the list do work that no
 * frame shows. The unread counts follow the list, once per batch. */

/* GTK lays out and draws at G_PRIORITY_HIGH_IDLE + 20. */
#define FLUSH_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)
#define FLUSH_INTERVAL_USEC (G_USEC_PER_SEC / 60)

/* GtkListView makes a row at once for each of its first two hundred or so
 * items, at a fraction of a millisecond a row: while the list is shorter,
 * a frame's batch adds a few dozen, so that a flood into an empty room does
 * not hold the window for a tenth of a second. */
#define SHORT_LIST 256
#define SHORT_LIST_STEP 32

struct _StellarRoom
{
  GObject             parent_instance;

  char               *name;
  char               *join_error;

  StellarMessageList *messages;
  GPtrArray          *batch;
  GByteArray         *batch_unread;   /* whether each of the batch is unread */
  gint64              last_flush;
  guint               flush_source;

  /* our own messages whose broadcast has not come back yet */
  GQueue              unechoed;
  /* the first message the person has not read, and the one that has the
   * "new messages" line */
  StellarMessage     *first_unread;
  StellarMessage     *marker;
  StellarMessage     *last_own;

  gint64              history_cursor;
  guint               unread_count;
  guint               mention_count;

  guint               joined : 1;
  guint               muted : 1;
  guint               active : 1;
  guint               history_complete : 1;
  guint               loading_history : 1;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_JOINED,
  PROP_JOIN_ERROR,
  PROP_MESSAGES,
  PROP_UNREAD_COUNT,
  PROP_MENTION_COUNT,
  PROP_MUTED,
  PROP_ACTIVE,
  PROP_HISTORY_COMPLETE,
  PROP_LOADING_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRoom, stellar_room, G_TYPE_OBJECT)

static void
stellar_room_dispose (GObject *object)
{
  StellarRoom *self = STELLAR_ROOM (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_queue_clear_full (&self->unechoed, g_object_unref);
  g_clear_object (&self->first_unread);
  g_clear_object (&self->marker);
  g_clear_object (&self->last_own);

  G_OBJECT_CLASS (stellar_room_parent_class)->dispose (object);
}

static void
stellar_room_finalize (GObject *object)
{
  StellarRoom *self = STELLAR_ROOM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->join_error, g_free);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_pointer (&self->batch_unread, g_byte_array_unref);

  G_OBJECT_CLASS (stellar_room_parent_class)->finalize (object);
}

static void
stellar_room_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StellarRoom *self = STELLAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_JOINED:
      g_value_set_boolean (value, self->joined);
      break;

    case PROP_JOIN_ERROR:
      g_value_set_string (value, self->join_error);
      break;

    case PROP_MESSAGES:
      g_value_set_object (value, self->messages);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_MENTION_COUNT:
      g_value_set_uint (value, self->mention_count);
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_HISTORY_COMPLETE:
      g_value_set_boolean (value, self->history_complete);
      break;

    case PROP_LOADING_HISTORY:
      g_value_set_boolean (value, self->loading_history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StellarRoom *self = STELLAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_class_init (StellarRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stellar_room_dispose;
  object_class->finalize = stellar_room_finalize;
  object_class->get_property = stellar_room_get_property;
  object_class->set_property = stellar_room_set_property;

  /**
   * StellarRoom:name:
   *
   * The room's name on the server.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:joined:
   *
   * Whether the connection is in the room now. A room stays in the list
   * while a lost connection is restored, not joined.
   */
  properties[PROP_JOINED] =
    g_param_spec_boolean ("joined", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:join-error:
   *
   * Why the server refused the room when the session last tried to join
   * it, for people; %NULL once joined.
   */
  properties[PROP_JOIN_ERROR] =
    g_param_spec_string ("join-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:messages:
   *
   * The conversation (#StellarMessageList of #StellarMessage), oldest
   * first.
   */
  properties[PROP_MESSAGES] =
    g_param_spec_object ("messages", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:unread-count:
   *
   * How many messages from others arrived since the person last looked at
   * the room.
   */
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:mention-count:
   *
   * How many of the unread messages mention the person.
   */
  properties[PROP_MENTION_COUNT] =
    g_param_spec_uint ("mention-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:muted:
   *
   * Whether the person asked not to be notified of the room's messages.
   */
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:active:
   *
   * Whether the person is looking at the room: shown in a window that has
   * the focus. Messages arriving then are read at once.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:history-complete:
   *
   * Whether every older message of the local history is in
   * #StellarRoom:messages.
   */
  properties[PROP_HISTORY_COMPLETE] =
    g_param_spec_boolean ("history-complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:loading-history:
   *
   * Whether older messages are being read from the history.
   */
  properties[PROP_LOADING_HISTORY] =
    g_param_spec_boolean ("loading-history", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_room_init (StellarRoom *self)
{
  self->messages = _stellar_message_list_new ();
  self->batch = g_ptr_array_new_with_free_func (g_object_unref);
  self->batch_unread = g_byte_array_new ();
  g_queue_init (&self->unechoed);
}

StellarRoom *
_stellar_room_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (STELLAR_TYPE_ROOM, "name", name, NULL);
}

const char *
stellar_room_get_name (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return self->name;
}

gboolean
stellar_room_get_joined (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->joined;
}

/**
 * stellar_room_get_join_error:
 * @self: a #StellarRoom
 *
 * Returns: (nullable): why the server refused the room
 */
const char *
stellar_room_get_join_error (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return self->join_error;
}

/**
 * stellar_room_get_messages:
 * @self: a #StellarRoom
 *
 * Returns: (transfer none): the conversation, #StellarMessage items
 *   oldest first (a #StellarMessageList)
 */
GListModel *
stellar_room_get_messages (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return G_LIST_MODEL (self->messages);
}

guint
stellar_room_get_unread_count (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), 0);

  return self->unread_count;
}

guint
stellar_room_get_mention_count (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), 0);

  return self->mention_count;
}

gboolean
stellar_room_get_muted (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->muted;
}

gboolean
stellar_room_get_active (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->active;
}

gboolean
stellar_room_get_history_complete (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->history_complete;
}

gboolean
stellar_room_get_loading_history (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->loading_history;
}

/**
 * stellar_room_get_last_own_text:
 * @self: a #StellarRoom
 *
 * Returns: (nullable): what the person last said in the room, for the
 *   composer to recall
 */
const char *
stellar_room_get_last_own_text (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return self->last_own != NULL ? stellar_message_get_text (self->last_own) : NULL;
}

#define DEFINE_NOTIFYING_SETTER(name, NAME)                                        \
  void                                                                             \
  _stellar_room_set_##name (StellarRoom *self,                                     \
                            gboolean     value)                                    \
  {                                                                                \
    g_return_if_fail (STELLAR_IS_ROOM (self));                                     \
                                                                                   \
    value = !!value;                                                               \
    if (self->name == (guint) value)                                               \
      return;                                                                      \
    self->name = value;                                                            \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##NAME]);           \
  }

DEFINE_NOTIFYING_SETTER (muted, MUTED)
DEFINE_NOTIFYING_SETTER (loading_history, LOADING_HISTORY)

#undef DEFINE_NOTIFYING_SETTER

void
_stellar_room_set_joined (StellarRoom *self,
                          gboolean     joined)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  joined = !!joined;
  if (self->joined == (guint) joined)
    return;

  self->joined = joined;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOINED]);

  if (joined)
    _stellar_room_set_join_error (self, NULL);
}

void
_stellar_room_set_join_error (StellarRoom *self,
                              const char  *join_error)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  if (stellar_set_string (&self->join_error, join_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_ERROR]);
}

StellarMessageList *
_stellar_room_get_message_list (StellarRoom *self)
{
  return self->messages;
}

/* --- adding messages ----------------------------------------------------- */

static void
set_counts (StellarRoom *self,
            guint        unread_count,
            guint        mention_count)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->unread_count != unread_count)
    {
      self->unread_count = unread_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
    }

  if (self->mention_count != mention_count)
    {
      self->mention_count = mention_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MENTION_COUNT]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Adds the first @limit messages gathered to the list, and counts them. */
static void
flush (StellarRoom *self,
       guint        limit)
{
  g_autoptr(GPtrArray) added = NULL;
  guint unread = 0;
  guint mentions = 0;
  guint n = MIN (limit, self->batch->len);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  self->last_flush = g_get_monotonic_time ();

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    if (self->batch_unread->data[i])
      {
        unread++;
        if (stellar_message_get_mentions_you (g_ptr_array_index (self->batch, i)))
          mentions++;
      }

  if (n == self->batch->len)
    {
      added = g_steal_pointer (&self->batch);
      self->batch = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      added = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (added, g_object_ref (g_ptr_array_index (self->batch, i)));
      g_ptr_array_remove_range (self->batch, 0, n);
    }
  g_byte_array_remove_range (self->batch_unread, 0, n);

  _stellar_message_list_append (self->messages, added);
  set_counts (self, self->unread_count + unread, self->mention_count + mentions);
}

/**
 * _stellar_room_flush_messages:
 * @self: a #StellarRoom
 *
 * Adds the messages gathered so far to the list, and counts them.
 */
void
_stellar_room_flush_messages (StellarRoom *self)
{
  flush (self, G_MAXUINT);
}

static gboolean flush_when_due (gpointer user_data);

/* Flushes just before the next frame, or the one after when the list
 * changed in this frame already. */
static void
schedule_flush (StellarRoom *self)
{
  gint64 wait = self->last_flush + FLUSH_INTERVAL_USEC - g_get_monotonic_time ();

  if (wait > 0)
    self->flush_source = g_timeout_add_full (FLUSH_PRIORITY, (guint) ((wait + 999) / 1000),
                                             flush_when_due, self, NULL);
  else
    self->flush_source = g_idle_add_full (FLUSH_PRIORITY, flush_when_due, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->flush_source),
                            "[stellar] room messages");
}

static gboolean
flush_when_due (gpointer user_data)
{
  StellarRoom *self = user_data;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  self->flush_source = 0;
  flush (self, n_items < SHORT_LIST ? SHORT_LIST_STEP : G_MAXUINT);
  if (self->batch->len > 0)
    schedule_flush (self);

  return G_SOURCE_REMOVE;
}

/**
 * _stellar_room_add_message:
 * @self: a #StellarRoom
 * @message: a new message
 * @unread: whether the person has yet to read it
 *
 * Adds @message to the conversation: soon, with the others arriving with
 * it. Call _stellar_room_flush_messages() for it to be in the list now.
 */
void
_stellar_room_add_message (StellarRoom    *self,
                           StellarMessage *message,
                           gboolean        unread)
{
  guint8 is_unread = !!unread;

  g_return_if_fail (STELLAR_IS_ROOM (self));
  g_return_if_fail (STELLAR_IS_MESSAGE (message));

  g_ptr_array_add (self->batch, g_object_ref (message));
  g_byte_array_append (self->batch_unread, &is_unread, 1);

  if (unread && self->first_unread == NULL)
    self->first_unread = g_object_ref (message);

  if (stellar_message_get_own (message))
    g_set_object (&self->last_own, message);

  if (self->flush_source == 0)
    schedule_flush (self);
}

/* --- reading ------------------------------------------------------------- */

/**
 * _stellar_room_set_active:
 * @self: a #StellarRoom
 * @active: whether the person is looking at the room
 *
 * When the person comes to the room, what they had not read is read, and
 * the "new messages" line goes above the first of it.
 */
void
_stellar_room_set_active (StellarRoom *self,
                          gboolean     active)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  active = !!active;
  if (self->active == (guint) active)
    return;

  self->active = active;

  if (active)
    {
      _stellar_room_flush_messages (self);

      if (self->marker != NULL)
        _stellar_message_set_first_unread (self->marker, FALSE);
      g_clear_object (&self->marker);

      if (self->first_unread != NULL)
        {
          self->marker = g_steal_pointer (&self->first_unread);
          _stellar_message_set_first_unread (self->marker, TRUE);
        }

      set_counts (self, 0, 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* --- our own messages' echoes -------------------------------------------- */

void
_stellar_room_expect_echo (StellarRoom    *self,
                           StellarMessage *message)
{
  if (g_queue_find (&self->unechoed, message) == NULL)
    g_queue_push_tail (&self->unechoed, g_object_ref (message));
}

void
_stellar_room_forget_echo (StellarRoom    *self,
                           StellarMessage *message)
{
  if (g_queue_remove (&self->unechoed, message))
    g_object_unref (message);
}

/**
 * _stellar_room_take_echo:
 * @self: a #StellarRoom
 * @text: what one of our connections said in the room
 *
 * Returns: (transfer full) (nullable): the oldest of our messages that
 *   said @text and was not matched to its broadcast yet
 */
StellarMessage *
_stellar_room_take_echo (StellarRoom *self,
                         const char  *text)
{
  for (GList *l = self->unechoed.head; l != NULL; l = l->next)
    {
      StellarMessage *message = l->data;

      if (g_strcmp0 (stellar_message_get_text (message), text) == 0)
        {
          g_queue_delete_link (&self->unechoed, l);
          return message;
        }
    }

  return NULL;
}

/* --- history ------------------------------------------------------------- */

gint64
_stellar_room_get_history_cursor (StellarRoom *self)
{
  return self->history_cursor;
}

/**
 * _stellar_room_add_history:
 * @self: a #StellarRoom
 * @messages: (element-type StellarMessage) (nullable): a page of older
 *   messages, oldest first
 * @cursor: the row of the oldest of them, where the next page ends
 * @complete: whether there is nothing older
 */
void
_stellar_room_add_history (StellarRoom *self,
                           GPtrArray   *messages,
                           gint64       cursor,
                           gboolean     complete)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  if (messages == NULL || messages->len == 0)
    goto done;

  if (self->last_own == NULL)
    {
      for (guint i = messages->len; i > 0; i--)
        {
          StellarMessage *message = g_ptr_array_index (messages, i - 1);

          if (stellar_message_get_own (message))
            {
              self->last_own = g_object_ref (message);
              break;
            }
        }
    }

  _stellar_message_list_prepend (self->messages, messages);
  self->history_cursor = cursor;

done:
  complete = !!complete;
  if (self->history_complete != (guint) complete)
    {
      self->history_complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_COMPLETE]);
    }
}
