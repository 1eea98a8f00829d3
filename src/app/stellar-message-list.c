/* stellar-message-list.c: the conversation of a room, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-message-list-private.h"
#include "stellar-message-private.h"

/* A GListModel of #StellarMessage, oldest first: older messages from the
 * history are put in front, new ones added at the end, each batch with one
 * ::items-changed. Adding decides how the new messages read next to their
 * neighbours (grouped with the message before, first of a day), touching
 * only the messages added and the one they border: the cost of a batch
 * does not grow with the room. */
struct _StellarMessageList
{
  GObject    parent_instance;

  GPtrArray *messages;
};

static GType
stellar_message_list_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_MESSAGE;
}

static guint
stellar_message_list_get_n_items (GListModel *model)
{
  return STELLAR_MESSAGE_LIST (model)->messages->len;
}

static gpointer
stellar_message_list_get_item (GListModel *model,
                               guint       position)
{
  StellarMessageList *self = STELLAR_MESSAGE_LIST (model);

  if (position >= self->messages->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->messages, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_message_list_get_item_type;
  iface->get_n_items = stellar_message_list_get_n_items;
  iface->get_item = stellar_message_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarMessageList, stellar_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
stellar_message_list_finalize (GObject *object)
{
  StellarMessageList *self = STELLAR_MESSAGE_LIST (object);

  g_clear_pointer (&self->messages, g_ptr_array_unref);

  G_OBJECT_CLASS (stellar_message_list_parent_class)->finalize (object);
}

static void
stellar_message_list_class_init (StellarMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_message_list_finalize;
}

static void
stellar_message_list_init (StellarMessageList *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
}

StellarMessageList *
_stellar_message_list_new (void)
{
  return g_object_new (STELLAR_TYPE_MESSAGE_LIST, NULL);
}

/* Whether @message reads as the continuation of @previous. */
static gboolean
continues (StellarMessage *previous,
           StellarMessage *message)
{
  gint64 gap;

  if (stellar_message_get_kind (previous) != STELLAR_MESSAGE_KIND_MESSAGE ||
      stellar_message_get_kind (message) != STELLAR_MESSAGE_KIND_MESSAGE ||
      _stellar_message_get_day (previous) != _stellar_message_get_day (message))
    return FALSE;

  /* our own messages are one sender, whatever connection they went on */
  if (stellar_message_get_own (previous) != stellar_message_get_own (message))
    return FALSE;
  if (!stellar_message_get_own (message) &&
      g_strcmp0 (stellar_message_get_sender_id (previous),
                 stellar_message_get_sender_id (message)) != 0)
    return FALSE;

  gap = stellar_message_get_time (message) - stellar_message_get_time (previous);

  return gap >= 0 && gap < STELLAR_MESSAGE_GROUP_USEC;
}

static void
place_after (StellarMessage *previous,
             StellarMessage *message)
{
  if (previous == NULL)
    {
      _stellar_message_set_first_of_day (message, TRUE);
      _stellar_message_set_grouped (message, FALSE);
      return;
    }

  _stellar_message_set_first_of_day (message,
                                     _stellar_message_get_day (previous) !=
                                     _stellar_message_get_day (message));
  _stellar_message_set_grouped (message, continues (previous, message));
}

/**
 * _stellar_message_list_append:
 * @self: a #StellarMessageList
 * @messages: (element-type StellarMessage): new messages, oldest first
 *
 * Adds @messages at the end, with one ::items-changed.
 */
void
_stellar_message_list_append (StellarMessageList *self,
                              GPtrArray          *messages)
{
  guint position = self->messages->len;
  StellarMessage *previous = position > 0 ? g_ptr_array_index (self->messages, position - 1) : NULL;

  if (messages->len == 0)
    return;

  for (guint i = 0; i < messages->len; i++)
    {
      StellarMessage *message = g_ptr_array_index (messages, i);

      place_after (previous, message);
      g_ptr_array_add (self->messages, g_object_ref (message));
      previous = message;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, messages->len);
}

/**
 * _stellar_message_list_prepend:
 * @self: a #StellarMessageList
 * @messages: (element-type StellarMessage): older messages, oldest first
 *
 * Puts @messages in front, with one ::items-changed; the message that was
 * first learns whether it continues the last of them.
 */
void
_stellar_message_list_prepend (StellarMessageList *self,
                               GPtrArray          *messages)
{
  StellarMessage *previous = NULL;
  StellarMessage *first = self->messages->len > 0 ? g_ptr_array_index (self->messages, 0) : NULL;
  guint old_len = self->messages->len;

  if (messages->len == 0)
    return;

  /* One move of what is there, not one per message. */
  g_ptr_array_set_size (self->messages, old_len + messages->len);
  memmove (self->messages->pdata + messages->len, self->messages->pdata,
           old_len * sizeof (gpointer));

  for (guint i = 0; i < messages->len; i++)
    {
      StellarMessage *message = g_ptr_array_index (messages, i);

      place_after (previous, message);
      self->messages->pdata[i] = g_object_ref (message);
      previous = message;
    }

  /* The rows follow the first message's flags by themselves. */
  if (first != NULL)
    place_after (previous, first);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, messages->len);
}

/**
 * _stellar_message_list_peek:
 * @self: a #StellarMessageList
 * @position: a position
 *
 * Returns: (transfer none) (nullable): the message at @position
 */
StellarMessage *
_stellar_message_list_peek (StellarMessageList *self,
                            guint               position)
{
  if (position >= self->messages->len)
    return NULL;

  return g_ptr_array_index (self->messages, position);
}

/**
 * _stellar_message_list_find_stored:
 * @self: a #StellarMessageList
 * @store_id: the message's row in the history
 * @sender_id: (nullable): its sender
 * @time_us: its time
 * @text: its text
 *
 * Finds a message read from the history: by its row when it came from
 * there, or by what it says when it came live (live messages do not learn
 * their row). Searches from the newest; for what the person asks for, not
 * for what arrives.
 *
 * Returns: (transfer none) (nullable): the message
 */
StellarMessage *
_stellar_message_list_find_stored (StellarMessageList *self,
                                   gint64              store_id,
                                   const char         *sender_id,
                                   gint64              time_us,
                                   const char         *text)
{
  for (guint i = self->messages->len; i > 0; i--)
    {
      StellarMessage *message = g_ptr_array_index (self->messages, i - 1);
      gint64 message_store_id = _stellar_message_get_store_id (message);

      if (message_store_id != 0)
        {
          if (message_store_id == store_id)
            return message;
          continue;
        }

      if (stellar_message_get_time (message) == time_us &&
          g_strcmp0 (stellar_message_get_sender_id (message), sender_id) == 0 &&
          g_strcmp0 (stellar_message_get_text (message), text) == 0)
        return message;
    }

  return NULL;
}

/**
 * stellar_message_list_find:
 * @self: a #StellarMessageList
 * @message: a message
 * @position: (out) (optional): where it is
 *
 * Looks for @message, from the newest.
 *
 * Returns: whether @message is in the list
 */
gboolean
stellar_message_list_find (StellarMessageList *self,
                           StellarMessage     *message,
                           guint              *position)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (STELLAR_IS_MESSAGE (message), FALSE);

  for (guint i = self->messages->len; i > 0; i--)
    {
      if (g_ptr_array_index (self->messages, i - 1) == message)
        {
          if (position != NULL)
            *position = i - 1;
          return TRUE;
        }
    }

  return FALSE;
}
