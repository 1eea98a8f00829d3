/* stellar-call-store.c: the calls table, for StellarCallHistory
 *
 * Everything here but the public entry points runs on the database's
 * thread. Calls are written once, when they complete; the names of the
 * default parameters are kept one per line; a response longer than
 * STELLAR_CALL_STORE_MAX_RESPONSE is kept cut (response_size tells).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-call-private.h"
#include "stellar-call-store-private.h"

#define CALL_COLUMNS \
  "c.id, c.uid, c.action, c.params, c.transport, c.default_params, c.started_us, " \
  "c.status, c.response, c.response_size, c.error_code, c.error_message, c.duration_ms"

void
_stellar_call_page_free (StellarCallPage *page)
{
  g_ptr_array_unref (page->calls);
  g_free (page);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Reads the call of the current row, and its id. */
static StellarCall *
read_call (sqlite3_stmt *stmt,
           gint64       *id)
{
  const char *default_params = (const char *) sqlite3_column_text (stmt, 5);

  *id = sqlite3_column_int64 (stmt, 0);
  return _stellar_call_new_stored (dup_column (stmt, 1),
                                   dup_column (stmt, 2),
                                   dup_column (stmt, 3),
                                   sqlite3_column_int (stmt, 4),
                                   default_params != NULL && *default_params != '\0'
                                     ? g_strsplit (default_params, "\n", -1)
                                     : g_new0 (char *, 1),
                                   sqlite3_column_int64 (stmt, 6),
                                   sqlite3_column_int (stmt, 7),
                                   dup_column (stmt, 8),
                                   sqlite3_column_int64 (stmt, 9),
                                   dup_column (stmt, 10),
                                   dup_column (stmt, 11),
                                   sqlite3_column_int64 (stmt, 12));
}

/* --- saving -------------------------------------------------------------- */

typedef struct {
  char              *server;
  char              *uid;
  char              *action;
  char              *params;
  StellarTransport   transport;
  char              *default_params;
  gint64             started_us;
  StellarCallStatus  status;
  char              *response;
  gsize              response_size;
  char              *error_code;
  char              *error_message;
  gint64             duration_ms;
} SavedCall;

static void
saved_call_free (SavedCall *saved)
{
  g_free (saved->server);
  g_free (saved->uid);
  g_free (saved->action);
  g_free (saved->params);
  g_free (saved->default_params);
  g_free (saved->response);
  g_free (saved->error_code);
  g_free (saved->error_message);
  g_free (saved);
}

/* At most STELLAR_CALL_STORE_MAX_RESPONSE bytes, cut between characters. */
static char *
dup_stored_response (const char *text)
{
  gsize length;

  if (text == NULL)
    return NULL;

  length = strlen (text);
  if (length > STELLAR_CALL_STORE_MAX_RESPONSE)
    {
      length = STELLAR_CALL_STORE_MAX_RESPONSE;
      while (length > 0 && ((guchar) text[length] & 0xc0) == 0x80)
        length--;
    }

  return g_strndup (text, length);
}

static gboolean
write_call (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  SavedCall *saved = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 server_id;

  if (!stellar_database_ensure_server (db, saved->server, &server_id, error))
    return FALSE;

  stmt = stellar_database_prepare (db,
                                   "INSERT OR IGNORE INTO calls (uid, server_id, action, params, transport,"
                                   " default_params, started_us, status, response, response_size,"
                                   " error_code, error_message, duration_ms)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, saved->uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, server_id);
  sqlite3_bind_text (stmt, 3, saved->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, saved->params, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, saved->transport);
  sqlite3_bind_text (stmt, 6, saved->default_params, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, saved->started_us);
  sqlite3_bind_int (stmt, 8, saved->status);
  sqlite3_bind_text (stmt, 9, saved->response, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, saved->response_size);
  sqlite3_bind_text (stmt, 11, saved->error_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, saved->error_message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, saved->duration_ms);

  return stellar_database_step_done (stmt, error);
}

/*
 * _stellar_call_store_save:
 *
 * Queues the writing of a call that has completed.
 */
void
_stellar_call_store_save (StellarDatabase *database,
                          const char      *server,
                          StellarCall     *call)
{
  SavedCall *saved = g_new0 (SavedCall, 1);

  g_return_if_fail (stellar_call_get_status (call) != STELLAR_CALL_STATUS_PENDING);

  saved->server = g_strdup (server);
  saved->uid = g_strdup (stellar_call_get_uid (call));
  saved->action = g_strdup (stellar_call_get_action (call));
  saved->params = g_strdup (stellar_call_get_params_text (call));
  saved->transport = stellar_call_get_transport (call);
  saved->default_params = g_strjoinv ("\n", (char **) stellar_call_get_default_params (call));
  saved->started_us = stellar_call_get_started (call);
  saved->status = stellar_call_get_status (call);
  saved->response = dup_stored_response (stellar_call_get_response_text (call));
  saved->response_size = stellar_call_get_response_size (call);
  saved->error_code = g_strdup (stellar_call_get_error_code (call));
  saved->error_message = g_strdup (stellar_call_get_error_message (call));
  saved->duration_ms = stellar_call_get_duration_ms (call);

  stellar_database_queue_write (database, write_call, saved, (GDestroyNotify) saved_call_free);
}

static gboolean
write_delete_all (sqlite3   *db,
                  gpointer   data,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = stellar_database_prepare (db, "DELETE FROM calls WHERE server_id IN (SELECT id FROM servers WHERE url = ?1)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);

  return stellar_database_step_done (stmt, error);
}

/*
 * _stellar_call_store_delete_all:
 *
 * Queues the deletion of every call of @server.
 */
void
_stellar_call_store_delete_all (StellarDatabase *database,
                                const char      *server)
{
  stellar_database_queue_write (database, write_delete_all, g_strdup (server), g_free);
}

/* --- loading ------------------------------------------------------------- */

typedef struct {
  char              *server;
  gboolean           has_cursor;
  StellarCallCursor  after;
  guint              limit;
  char              *match;
} Query;

static void
query_free (Query *query)
{
  g_free (query->server);
  g_free (query->match);
  g_free (query);
}

static gpointer
query_page (sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  Query *query = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  StellarCallPage *page;
  int rc;

  if (query->has_cursor)
    stmt = stellar_database_prepare (db,
                                     "SELECT " CALL_COLUMNS " FROM calls c JOIN servers s ON s.id = c.server_id"
                                     " WHERE s.url = ?1 AND (c.started_us, c.id) < (?2, ?3)"
                                     " ORDER BY c.started_us DESC, c.id DESC LIMIT ?4",
                                     error);
  else
    stmt = stellar_database_prepare (db,
                                     "SELECT " CALL_COLUMNS " FROM calls c JOIN servers s ON s.id = c.server_id"
                                     " WHERE s.url = ?1"
                                     " ORDER BY c.started_us DESC, c.id DESC LIMIT ?4",
                                     error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, query->server, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, query->after.started_us);
  sqlite3_bind_int64 (stmt, 3, query->after.id);
  /* one more than asked, to know whether more remain */
  sqlite3_bind_int (stmt, 4, query->limit + 1);

  page = g_new0 (StellarCallPage, 1);
  page->calls = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;
      StellarCall *call;

      if (page->calls->len == query->limit)
        {
          page->has_more = TRUE;
          break;
        }

      call = read_call (stmt, &id);
      page->next.started_us = stellar_call_get_started (call);
      page->next.id = id;
      g_ptr_array_add (page->calls, call);
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      stellar_database_set_error (error, db, rc);
      _stellar_call_page_free (page);
      return NULL;
    }

  return page;
}

/*
 * _stellar_call_store_load_async:
 * @after: (nullable): where the page before ended, or %NULL for the newest
 *
 * Loads up to @limit calls of @server, newest first.
 */
void
_stellar_call_store_load_async (StellarDatabase         *database,
                                const char              *server,
                                const StellarCallCursor *after,
                                guint                    limit,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  Query *query = g_new0 (Query, 1);

  query->server = g_strdup (server);
  query->has_cursor = after != NULL;
  if (after != NULL)
    query->after = *after;
  query->limit = limit;

  stellar_database_query_async (database, query_page, query, (GDestroyNotify) query_free,
                                (GDestroyNotify) _stellar_call_page_free,
                                cancellable, callback, user_data);
}

StellarCallPage *
_stellar_call_store_load_finish (StellarDatabase  *database,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return stellar_database_query_finish (database, result, error);
}

/* --- searching ----------------------------------------------------------- */

/* Every word of @text as a prefix, all of them required: words are quoted,
 * so that nothing the user types is read as FTS5 syntax. */
static char *
build_match (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) quotes = NULL;

      if (words[i][0] == '\0')
        continue;

      quotes = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", quotes);
      g_string_append_printf (match, "%s\"%s\"*", match->len > 0 ? " " : "", escaped);
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

static gpointer
query_search (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  Query *query = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (query->match == NULL)
    return g_steal_pointer (&calls);

  stmt = stellar_database_prepare (db,
                                   "SELECT " CALL_COLUMNS " FROM calls_fts"
                                   " JOIN calls c ON c.id = calls_fts.rowid"
                                   " JOIN servers s ON s.id = c.server_id"
                                   " WHERE calls_fts MATCH ?2 AND s.url = ?1"
                                   " ORDER BY c.started_us DESC, c.id DESC LIMIT ?3",
                                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, query->server, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, query->limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id;

      g_ptr_array_add (calls, read_call (stmt, &id));
    }

  if (rc != SQLITE_DONE)
    {
      stellar_database_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&calls);
}

/*
 * _stellar_call_store_search_async:
 *
 * Finds up to @limit calls of @server, newest first, whose action,
 * parameters or response contain every word of @text (as a word or the
 * start of one), with the full-text index.
 */
void
_stellar_call_store_search_async (StellarDatabase     *database,
                                  const char          *server,
                                  const char          *text,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Query *query = g_new0 (Query, 1);

  query->server = g_strdup (server);
  query->match = build_match (text);
  query->limit = limit;

  stellar_database_query_async (database, query_search, query, (GDestroyNotify) query_free,
                                (GDestroyNotify) g_ptr_array_unref,
                                cancellable, callback, user_data);
}

GPtrArray *
_stellar_call_store_search_finish (StellarDatabase  *database,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return stellar_database_query_finish (database, result, error);
}
