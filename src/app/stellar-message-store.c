/* stellar-message-store.c: the messages table, for the session
 *
 * Everything here but the public entry points runs on the database's
 * thread. Messages are written in batches, in the order they arrived, so
 * that a row's id is its place in the conversation: pages are read by id.
 * Only our own messages are written again, when their delivery changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-message-private.h"
#include "stellar-message-store-private.h"

#define MESSAGE_COLUMNS \
  "m.id, m.kind, m.sender, m.sender_name, m.time_us, m.text, m.event, m.own, m.delivery, m.uid"

#define SERVER_ID "(SELECT id FROM servers WHERE url = ?1)"

struct _StellarStoredMessage
{
  char   *room;
  char   *sender;
  char   *sender_name;
  char   *text;
  char   *event;
  char   *uid;
  gint64  time_us;
  int     kind;
  int     delivery;
  int     own;
};

/**
 * _stellar_stored_message_new:
 * @room: the message's room
 * @message: the message
 *
 * Returns: (transfer full): a copy of @message to write
 */
StellarStoredMessage *
_stellar_stored_message_new (const char     *room,
                             StellarMessage *message)
{
  StellarStoredMessage *stored = g_new0 (StellarStoredMessage, 1);

  stored->room = g_strdup (room);
  stored->sender = g_strdup (stellar_message_get_sender_id (message));
  stored->sender_name = g_strdup (stellar_message_get_sender_name (message));
  stored->text = g_strdup (stellar_message_get_text (message));
  stored->event = g_strdup (stellar_message_get_event_name (message));
  stored->uid = g_strdup (_stellar_message_get_uid (message));
  stored->time_us = stellar_message_get_time (message);
  stored->kind = stellar_message_get_kind (message);
  stored->delivery = stellar_message_get_delivery (message);
  stored->own = stellar_message_get_own (message);

  return stored;
}

void
_stellar_stored_message_free (StellarStoredMessage *stored)
{
  g_free (stored->room);
  g_free (stored->sender);
  g_free (stored->sender_name);
  g_free (stored->text);
  g_free (stored->event);
  g_free (stored->uid);
  g_free (stored);
}

void
_stellar_message_page_free (StellarMessagePage *page)
{
  g_ptr_array_unref (page->messages);
  g_free (page);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* Reads the message of the current row (MESSAGE_COLUMNS). */
static StellarMessage *
read_message (sqlite3_stmt *stmt)
{
  const char *sender = (const char *) sqlite3_column_text (stmt, 2);
  const char *sender_name = (const char *) sqlite3_column_text (stmt, 3);
  const char *text = (const char *) sqlite3_column_text (stmt, 5);
  const char *event = (const char *) sqlite3_column_text (stmt, 6);
  const char *uid = (const char *) sqlite3_column_text (stmt, 9);
  StellarMessageKind kind = CLAMP (sqlite3_column_int (stmt, 1),
                                   STELLAR_MESSAGE_KIND_MESSAGE, STELLAR_MESSAGE_KIND_ALERT);
  gint64 time_us = sqlite3_column_int64 (stmt, 4);
  StellarMessage *message;

  if (sqlite3_column_int (stmt, 7))
    {
      StellarMessageDelivery delivery = CLAMP (sqlite3_column_int (stmt, 8),
                                               STELLAR_MESSAGE_DELIVERY_NONE,
                                               STELLAR_MESSAGE_DELIVERY_FAILED);

      message = _stellar_message_new_own (sender, sender_name, time_us, text, uid);
      _stellar_message_set_delivery (message, delivery, NULL);
    }
  else
    {
      message = _stellar_message_new (kind, sender, sender_name, time_us, text);
    }

  if (event != NULL)
    _stellar_message_set_event_name (message, event);

  _stellar_message_set_store_id (message, sqlite3_column_int64 (stmt, 0));

  return message;
}

/* --- writing ------------------------------------------------------------- */

typedef struct {
  char      *server;
  GPtrArray *stored;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->server);
  g_ptr_array_unref (data->stored);
  g_free (data);
}

static gboolean
write_messages (sqlite3   *db,
                gpointer   user_data,
                GError   **error)
{
  SaveData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 server_id;

  if (!stellar_database_ensure_server (db, data->server, &server_id, error))
    return FALSE;

  stmt = stellar_database_prepare (db,
                                   "INSERT OR IGNORE INTO messages (server_id, room, kind, sender,"
                                   " sender_name, time_us, text, event, own, delivery, uid)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                   error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < data->stored->len; i++)
    {
      StellarStoredMessage *stored = g_ptr_array_index (data->stored, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, server_id);
      sqlite3_bind_text (stmt, 2, stored->room, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, stored->kind);
      bind_text_or_null (stmt, 4, stored->sender);
      bind_text_or_null (stmt, 5, stored->sender_name);
      sqlite3_bind_int64 (stmt, 6, stored->time_us);
      sqlite3_bind_text (stmt, 7, stored->text, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 8, stored->event);
      sqlite3_bind_int (stmt, 9, stored->own);
      sqlite3_bind_int (stmt, 10, stored->delivery);
      bind_text_or_null (stmt, 11, stored->uid);

      if (!stellar_database_step_done (stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _stellar_message_store_save:
 * @database: a #StellarDatabase
 * @server: the server's URL
 * @stored: (transfer full) (element-type StellarStoredMessage): messages
 *   in the order they arrived
 *
 * Queues writing @stored, in one statement loop.
 */
void
_stellar_message_store_save (StellarDatabase *database,
                             const char      *server,
                             GPtrArray       *stored)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->server = g_strdup (server);
  data->stored = stored;
  stellar_database_queue_write (database, write_messages, data, (GDestroyNotify) save_data_free);
}

typedef struct {
  char *uid;
  int   delivery;
} DeliveryData;

static void
delivery_data_free (DeliveryData *data)
{
  g_free (data->uid);
  g_free (data);
}

static gboolean
write_delivery (sqlite3   *db,
                gpointer   user_data,
                GError   **error)
{
  DeliveryData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stellar_database_prepare (db, "UPDATE messages SET delivery = ?1 WHERE uid = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, data->delivery);
  sqlite3_bind_text (stmt, 2, data->uid, -1, SQLITE_STATIC);

  return stellar_database_step_done (stmt, error);
}

/**
 * _stellar_message_store_set_delivery:
 * @database: a #StellarDatabase
 * @uid: the id of one of our own messages
 * @delivery: where it stands now
 *
 * Queues the change; the message must have been queued for saving first.
 */
void
_stellar_message_store_set_delivery (StellarDatabase        *database,
                                     const char             *uid,
                                     StellarMessageDelivery  delivery)
{
  DeliveryData *data = g_new0 (DeliveryData, 1);

  data->uid = g_strdup (uid);
  data->delivery = delivery;
  stellar_database_queue_write (database, write_delivery, data, (GDestroyNotify) delivery_data_free);
}

static gboolean
write_prune (sqlite3   *db,
             gpointer   user_data,
             GError   **error)
{
  gint64 *before_us = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stellar_database_prepare (db, "DELETE FROM messages WHERE time_us < ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, *before_us);

  return stellar_database_step_done (stmt, error);
}

/**
 * _stellar_message_store_prune:
 * @database: a #StellarDatabase
 * @before_us: a time, in microseconds since the Unix epoch
 *
 * Queues deleting every message older than @before_us, of every server.
 */
void
_stellar_message_store_prune (StellarDatabase *database,
                              gint64           before_us)
{
  stellar_database_queue_write (database, write_prune, g_memdup2 (&before_us, sizeof before_us), g_free);
}

/* --- reading ------------------------------------------------------------- */

typedef struct {
  char   *server;
  char   *room;
  char   *match;
  gint64  before_id;
  gint64  since_id;
  guint   limit;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->server);
  g_free (data->room);
  g_free (data->match);
  g_free (data);
}

static gpointer
query_page (sqlite3   *db,
            gpointer   user_data,
            GError   **error)
{
  QueryData *data = user_data;
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 before_id = data->before_id > 0 ? data->before_id : G_MAXINT64;
  gint64 older_than = before_id;
  StellarMessagePage *page;
  int rc;

  /* Everything from @since_id on, when asked… */
  if (data->since_id > 0)
    {
      stmt = stellar_database_prepare (db,
                                       "SELECT " MESSAGE_COLUMNS " FROM messages m"
                                       " WHERE m.server_id = " SERVER_ID " AND m.room = ?2"
                                       " AND m.id >= ?3 AND m.id < ?4 ORDER BY m.id",
                                       error);
      if (stmt == NULL)
        return NULL;

      sqlite3_bind_text (stmt, 1, data->server, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, data->room, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, data->since_id);
      sqlite3_bind_int64 (stmt, 4, before_id);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (newer, read_message (stmt));
      if (rc != SQLITE_DONE)
        {
          stellar_database_set_error (error, db, rc);
          return NULL;
        }

      older_than = MIN (data->since_id, before_id);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  /* … and a page of what came before, one more to know whether there is
   * more */
  stmt = stellar_database_prepare (db,
                                   "SELECT " MESSAGE_COLUMNS " FROM messages m"
                                   " WHERE m.server_id = " SERVER_ID " AND m.room = ?2"
                                   " AND m.id < ?3 ORDER BY m.id DESC LIMIT ?4",
                                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, data->server, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, data->room, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, older_than);
  sqlite3_bind_int64 (stmt, 4, (gint64) data->limit + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (older, read_message (stmt));
  if (rc != SQLITE_DONE)
    {
      stellar_database_set_error (error, db, rc);
      return NULL;
    }

  page = g_new0 (StellarMessagePage, 1);
  page->complete = older->len <= data->limit;
  if (!page->complete)
    g_ptr_array_remove_index (older, older->len - 1);

  page->messages = g_ptr_array_new_full (older->len + newer->len, g_object_unref);
  for (guint i = older->len; i > 0; i--)
    g_ptr_array_add (page->messages, g_object_ref (g_ptr_array_index (older, i - 1)));
  for (guint i = 0; i < newer->len; i++)
    g_ptr_array_add (page->messages, g_object_ref (g_ptr_array_index (newer, i)));

  if (page->messages->len > 0)
    page->cursor = _stellar_message_get_store_id (g_ptr_array_index (page->messages, 0));

  return page;
}

/**
 * _stellar_message_store_load_async:
 * @database: a #StellarDatabase
 * @server: the server's URL
 * @room: the room
 * @before_id: only rows before this one; 0 for no bound
 * @since_id: every row from this one on, and @limit rows before it; 0
 *   for the @limit newest rows
 * @limit: how many rows, at most
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the page
 * @user_data: data for @callback
 */
void
_stellar_message_store_load_async (StellarDatabase     *database,
                                   const char          *server,
                                   const char          *room,
                                   gint64               before_id,
                                   gint64               since_id,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  QueryData *data = g_new0 (QueryData, 1);

  data->server = g_strdup (server);
  data->room = g_strdup (room);
  data->before_id = before_id;
  data->since_id = since_id;
  data->limit = limit;

  stellar_database_query_async (database, query_page, data, (GDestroyNotify) query_data_free,
                                (GDestroyNotify) _stellar_message_page_free,
                                cancellable, callback, user_data);
}

/**
 * _stellar_message_store_load_finish:
 * @database: a #StellarDatabase
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full): the page; free it with _stellar_message_page_free()
 */
StellarMessagePage *
_stellar_message_store_load_finish (StellarDatabase  *database,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return stellar_database_query_finish (database, result, error);
}

/**
 * _stellar_message_store_match_query:
 * @text: what the person typed
 *
 * Turns @text into an FTS5 query that finds the messages having every word
 * of it, each word also as the start of a longer one. Quoting every word
 * keeps FTS5's own syntax (AND, NEAR, column filters, quotes) out of it.
 *
 * Returns: (transfer full) (nullable): the query, %NULL when @text has no
 *   word
 */
char *
_stellar_message_store_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');

      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

static gpointer
query_search (sqlite3   *db,
              gpointer   user_data,
              GError   **error)
{
  QueryData *data = user_data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = stellar_database_prepare (db,
                                   "SELECT " MESSAGE_COLUMNS " FROM messages_fts f"
                                   " JOIN messages m ON m.id = f.rowid"
                                   " WHERE messages_fts MATCH ?3"
                                   " AND m.server_id = " SERVER_ID " AND m.room = ?2"
                                   " ORDER BY m.id DESC LIMIT ?4",
                                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, data->server, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, data->room, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, data->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, data->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, read_message (stmt));
  if (rc != SQLITE_DONE)
    {
      stellar_database_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&found);
}

/**
 * _stellar_message_store_search_async:
 * @database: a #StellarDatabase
 * @server: the server's URL
 * @room: the room
 * @text: what to look for, as the person typed it
 * @limit: how many messages, at most
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the messages found
 * @user_data: data for @callback
 */
void
_stellar_message_store_search_async (StellarDatabase     *database,
                                     const char          *server,
                                     const char          *room,
                                     const char          *text,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *match = _stellar_message_store_match_query (text);
  QueryData *data;

  g_return_if_fail (match != NULL);

  data = g_new0 (QueryData, 1);
  data->server = g_strdup (server);
  data->room = g_strdup (room);
  data->match = g_steal_pointer (&match);
  data->limit = limit;

  stellar_database_query_async (database, query_search, data, (GDestroyNotify) query_data_free,
                                (GDestroyNotify) g_ptr_array_unref,
                                cancellable, callback, user_data);
}

/**
 * _stellar_message_store_search_finish:
 * @database: a #StellarDatabase
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type StellarMessage): the messages
 *   found, newest first
 */
GPtrArray *
_stellar_message_store_search_finish (StellarDatabase  *database,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return stellar_database_query_finish (database, result, error);
}
