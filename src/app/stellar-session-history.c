/* stellar-session-history.c: the rooms' conversations, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-message-private.h"
#include "stellar-message-store-private.h"
#include "stellar-session-private.h"

/* Stellar keeps no history, so the app does, in the database shared by
 * every window (StellarDatabase): each message is written as it arrives,
 * a batch at a time, and a room reads its last page when the session gets
 * it, then older pages as the person scrolls up. The database's thread runs
 * jobs in order, so the first page, asked for when the room is made, never
 * holds a message that arrived after it: nothing is shown twice.
 *
 * When the database cannot be used (damaged, locked, unwritable), messages
 * stay in memory as they would anyway, and #StellarSession:history-error
 * says that they are not kept. The `history-retention-days` setting bounds
 * what is kept: older messages are deleted when a session starts and when
 * the setting changes; 0 keeps nothing, -1 everything. */

#define FIRST_PAGE_SIZE 50
#define PAGE_SIZE 100
#define CONTEXT_SIZE 20
#define MAX_UNSAVED 1000
#define MAX_SEARCH_RESULTS 200

static int
retention_days (StellarSession *self)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, "history-retention-days") : -1;
}

static gboolean
keeps_history (StellarSession *self)
{
  return self->database != NULL && retention_days (self) != 0;
}

/* --- writing ------------------------------------------------------------- */

static void
save_unsaved (StellarSession *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->unsaved == NULL || self->unsaved->len == 0)
    return;

  _stellar_message_store_save (self->database, stellar_session_get_url (self),
                               g_steal_pointer (&self->unsaved));
}

static gboolean
save_when_idle (gpointer user_data)
{
  StellarSession *self = user_data;

  self->save_source = 0;
  save_unsaved (self);

  return G_SOURCE_REMOVE;
}

/**
 * _stellar_session_save_message:
 * @self: a #StellarSession
 * @room: the room of @message
 * @message: a message that just arrived or was typed
 *
 * Queues @message for the history: written with the others that arrive with
 * it, in order.
 */
void
_stellar_session_save_message (StellarSession *self,
                               StellarRoom    *room,
                               StellarMessage *message)
{
  if (!keeps_history (self))
    return;

  if (self->unsaved == NULL)
    self->unsaved = g_ptr_array_new_with_free_func ((GDestroyNotify) _stellar_stored_message_free);

  g_ptr_array_add (self->unsaved, _stellar_stored_message_new (stellar_room_get_name (room), message));

  if (self->unsaved->len >= MAX_UNSAVED)
    save_unsaved (self);
  else if (self->save_source == 0)
    self->save_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_when_idle, self, NULL);
}

/**
 * _stellar_session_save_delivery:
 * @self: a #StellarSession
 * @message: one of our messages whose delivery changed
 */
void
_stellar_session_save_delivery (StellarSession *self,
                                StellarMessage *message)
{
  if (!keeps_history (self) || _stellar_message_get_uid (message) == NULL)
    return;

  /* The row must be there to change. */
  save_unsaved (self);
  _stellar_message_store_set_delivery (self->database, _stellar_message_get_uid (message),
                                       stellar_message_get_delivery (message));
}

static void
prune (StellarSession *self)
{
  int days = retention_days (self);

  if (self->database == NULL || days < 0)
    return;

  save_unsaved (self);
  _stellar_message_store_prune (self->database,
                                g_get_real_time () - (gint64) days * 24 * 3600 * G_USEC_PER_SEC);
}

/* --- reading pages ------------------------------------------------------- */

typedef struct {
  StellarSession *session;
  StellarRoom    *room;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->session);
  g_object_unref (data->room);
  g_free (data);
}

/* Messages from an earlier run that never went out, or failed, can be
 * sent now. */
static void
settle_old_deliveries (GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    {
      StellarMessage *message = g_ptr_array_index (messages, i);

      switch (stellar_message_get_delivery (message))
        {
        case STELLAR_MESSAGE_DELIVERY_PENDING:
          _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_FAILED,
                                         _("Stellar was closed before it was sent"));
          break;

        case STELLAR_MESSAGE_DELIVERY_FAILED:
          _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_FAILED,
                                         _("It could not be sent"));
          break;

        case STELLAR_MESSAGE_DELIVERY_NONE:
        case STELLAR_MESSAGE_DELIVERY_SENT:
        default:
          break;
        }
    }
}

static gboolean
add_page (StellarSession      *self,
          StellarRoom         *room,
          StellarMessagePage  *page,
          const GError        *error)
{
  _stellar_room_set_loading_history (room, FALSE);

  if (page == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The history of %s could not be read: %s", stellar_room_get_name (room),
                 error->message);
      /* Nothing more can be read: the database says why. */
      _stellar_room_add_history (room, NULL, 0, TRUE);
      return FALSE;
    }

  settle_old_deliveries (page->messages);
  _stellar_session_update_mentions (self, page->messages);
  _stellar_room_add_history (room, page->messages, page->cursor, page->complete);

  return TRUE;
}

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  StellarMessagePage *page;

  page = _stellar_message_store_load_finish (STELLAR_DATABASE (object), result, &error);
  add_page (data->session, data->room, page, error);

  g_clear_pointer (&page, _stellar_message_page_free);
  load_data_free (data);
}

static void
load_page (StellarSession *self,
           StellarRoom    *room,
           guint           limit)
{
  LoadData *data;

  data = g_new0 (LoadData, 1);
  data->session = g_object_ref (self);
  data->room = g_object_ref (room);

  _stellar_room_set_loading_history (room, TRUE);
  _stellar_message_store_load_async (self->database, stellar_session_get_url (self),
                                     stellar_room_get_name (room),
                                     _stellar_room_get_history_cursor (room), 0, limit,
                                     NULL, on_page_loaded, data);
}

/**
 * _stellar_session_load_history:
 * @self: a #StellarSession
 * @room: a room new to the session
 *
 * Reads the room's last messages.
 */
void
_stellar_session_load_history (StellarSession *self,
                               StellarRoom    *room)
{
  if (self->database == NULL)
    {
      _stellar_room_add_history (room, NULL, 0, TRUE);
      return;
    }

  load_page (self, room, FIRST_PAGE_SIZE);
}

/**
 * stellar_session_load_older_messages:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 *
 * Reads the page of the history before the oldest message of @room, unless
 * it is being read or there is none ([property@Room:history-complete]).
 */
void
stellar_session_load_older_messages (StellarSession *self,
                                     StellarRoom    *room)
{
  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));

  if (self->database == NULL ||
      stellar_room_get_history_complete (room) ||
      stellar_room_get_loading_history (room))
    return;

  load_page (self, room, PAGE_SIZE);
}

/* --- searching ----------------------------------------------------------- */

/* Without the database, the search goes through what is in memory. */
static GListModel *
search_in_memory (StellarRoom *room,
                  const char  *text)
{
  GListModel *messages = stellar_room_get_messages (room);
  GListStore *found = g_list_store_new (STELLAR_TYPE_MESSAGE);
  g_auto(GStrv) words = NULL;
  g_autofree char *folded = g_utf8_casefold (text, -1);

  words = g_strsplit_set (folded, " \t\r\n", -1);

  for (guint i = g_list_model_get_n_items (messages); i > 0; i--)
    {
      g_autoptr(StellarMessage) message = g_list_model_get_item (messages, i - 1);
      g_autofree char *message_text = NULL;
      gboolean matches = TRUE;

      if (stellar_message_get_kind (message) == STELLAR_MESSAGE_KIND_ALERT)
        continue;

      message_text = g_utf8_casefold (stellar_message_get_text (message), -1);
      for (guint w = 0; words[w] != NULL && matches; w++)
        matches = *words[w] == '\0' || strstr (message_text, words[w]) != NULL;

      if (matches)
        {
          g_list_store_append (found, message);
          if (g_list_model_get_n_items (G_LIST_MODEL (found)) >= MAX_SEARCH_RESULTS)
            break;
        }
    }

  return G_LIST_MODEL (found);
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  StellarRoom *room = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *store;

  found = _stellar_message_store_search_finish (STELLAR_DATABASE (object), result, &error);
  if (found == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* What arrived is in memory still. */
      g_debug ("Searching the history failed: %s", error->message);
      g_task_return_pointer (task, search_in_memory (room, g_object_get_data (G_OBJECT (task), "text")),
                             g_object_unref);
      return;
    }

  settle_old_deliveries (found);
  _stellar_session_update_mentions (self, found);

  store = g_list_store_new (STELLAR_TYPE_MESSAGE);
  g_list_store_splice (store, 0, 0, found->pdata, found->len);
  g_task_return_pointer (task, store, g_object_unref);
}

/**
 * stellar_session_search_messages_async:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 * @text: words to look for, as the person typed them
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with what was found
 * @user_data: data for @callback
 *
 * Looks for the messages of @room that have every word of @text (a word
 * also matches the start of a longer one), in the history and what arrived
 * since.
 */
void
stellar_session_search_messages_async (StellarSession      *self,
                                       StellarRoom         *room,
                                       const char          *text,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *match = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_search_messages_async);
  g_task_set_task_data (task, g_object_ref (room), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "text", g_strdup (text), g_free);

  match = _stellar_message_store_match_query (text);
  if (match == NULL)
    {
      g_task_return_pointer (task, g_list_store_new (STELLAR_TYPE_MESSAGE), g_object_unref);
      return;
    }

  if (self->database == NULL || !stellar_database_get_available (self->database))
    {
      g_task_return_pointer (task, search_in_memory (room, text), g_object_unref);
      return;
    }

  /* What arrived a moment ago is in the index too. */
  save_unsaved (self);
  _stellar_message_store_search_async (self->database, stellar_session_get_url (self),
                                       stellar_room_get_name (room), text, MAX_SEARCH_RESULTS,
                                       cancellable, on_searched, g_steal_pointer (&task));
}

/**
 * stellar_session_search_messages_finish:
 * @self: a #StellarSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the messages found, #StellarMessage items
 *   newest first, at most 200
 */
GListModel *
stellar_session_search_messages_finish (StellarSession  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- opening the conversation around a message --------------------------- */

static StellarMessage *
find_in_room (StellarRoom    *room,
              StellarMessage *message)
{
  StellarMessageList *list = _stellar_room_get_message_list (room);

  if (stellar_message_list_find (list, message, NULL))
    return message;

  return _stellar_message_list_find_stored (list,
                                            _stellar_message_get_store_id (message),
                                            stellar_message_get_sender_id (message),
                                            stellar_message_get_time (message),
                                            stellar_message_get_text (message));
}

static void reveal (GTask *task);

static void
on_history_loaded_for_reveal (StellarRoom *room,
                              GParamSpec  *pspec,
                              GTask       *task)
{
  if (stellar_room_get_loading_history (room))
    return;

  g_signal_handlers_disconnect_by_data (room, task);
  reveal (task);
  g_object_unref (task);
}

static void
on_context_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  StellarRoom *room = g_object_get_data (G_OBJECT (task), "room");
  StellarMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  StellarMessagePage *page;
  StellarMessage *found;

  page = _stellar_message_store_load_finish (STELLAR_DATABASE (object), result, &error);
  if (!add_page (self, room, page, error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _stellar_message_page_free (page);

  found = find_in_room (room, message);
  if (found == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The message is no longer in the history"));
  else
    g_task_return_pointer (task, g_object_ref (found), g_object_unref);
}

static void
reveal (GTask *task)
{
  StellarSession *self = g_task_get_source_object (task);
  StellarRoom *room = g_object_get_data (G_OBJECT (task), "room");
  StellarMessage *message = g_task_get_task_data (task);
  StellarMessage *found;
  gint64 store_id = _stellar_message_get_store_id (message);

  _stellar_room_flush_messages (room);

  found = find_in_room (room, message);
  if (found != NULL)
    {
      g_task_return_pointer (task, g_object_ref (found), g_object_unref);
      return;
    }

  /* The first page must be in, or the rows of this run could be read
   * twice. */
  if (stellar_room_get_loading_history (room))
    {
      g_signal_connect (room, "notify::loading-history",
                        G_CALLBACK (on_history_loaded_for_reveal), g_object_ref (task));
      return;
    }

  if (self->database == NULL || store_id == 0 || stellar_room_get_history_complete (room))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The message is no longer in the history"));
      return;
    }

  _stellar_room_set_loading_history (room, TRUE);
  _stellar_message_store_load_async (self->database, stellar_session_get_url (self),
                                     stellar_room_get_name (room),
                                     _stellar_room_get_history_cursor (room), store_id, CONTEXT_SIZE,
                                     g_task_get_cancellable (task), on_context_loaded,
                                     g_object_ref (task));
}

/**
 * stellar_session_reveal_message_async:
 * @self: a #StellarSession
 * @room: the room of @message
 * @message: a message found by stellar_session_search_messages_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the message is in the room's list
 * @user_data: data for @callback
 *
 * Reads the history of @room back to @message, and a little before it, so
 * that the conversation around it can be shown.
 */
void
stellar_session_reveal_message_async (StellarSession      *self,
                                      StellarRoom         *room,
                                      StellarMessage      *message,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (STELLAR_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_reveal_message_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "room", g_object_ref (room), g_object_unref);

  reveal (task);
}

/**
 * stellar_session_reveal_message_finish:
 * @self: a #StellarSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message as it is in the room's list
 */
StellarMessage *
stellar_session_reveal_message_finish (StellarSession  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the session's part -------------------------------------------------- */

static void
on_database_error_changed (StellarSession  *self,
                           GParamSpec      *pspec,
                           StellarDatabase *database)
{
  _stellar_session_set_history_error (self, stellar_database_get_error_message (database));
}

void
_stellar_session_history_init (StellarSession *self)
{
  if (self->database == NULL)
    return;

  g_signal_connect_object (self->database, "notify::error-message",
                           G_CALLBACK (on_database_error_changed), self, G_CONNECT_SWAPPED);
  on_database_error_changed (self, NULL, self->database);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::history-retention-days",
                             G_CALLBACK (prune), self, G_CONNECT_SWAPPED);
  prune (self);
}

void
_stellar_session_history_dispose (StellarSession *self)
{
  if (self->database != NULL)
    save_unsaved (self);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
}
