/* bench-profile.c: the history database of a long-used profile
 *
 *   bench-profile FILE MEGABYTES SERVER_URL ROOM…
 *
 * Opens FILE through StellarDatabase (so it has the app's own schema) and
 * fills it with chat messages, spread over the rooms, until it holds about
 * MEGABYTES, full-text index included. run-app-benchmarks times the app's
 * start with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stellar-database.h"

#define ROWS_PER_TRANSACTION 50000

typedef struct {
  const char  *server;
  char       **rooms;
  gint64       bytes;
} Fill;

static gint64
database_bytes (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 bytes = 0;

  if (sqlite3_prepare_v2 (db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                          -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return bytes;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_FAILED, "%s: %s", sql, message);
  sqlite3_free (message);
  return FALSE;
}

/* Runs on the database's thread, as every query of the app does. */
static gpointer
fill (sqlite3   *db,
      gpointer   data,
      GError   **error)
{
  Fill *fill = data;
  guint n_rooms = g_strv_length (fill->rooms);
  char *server = sqlite3_mprintf ("INSERT OR IGNORE INTO servers (url) VALUES (%Q)", fill->server);
  gint64 rows = 0;
  gboolean ok = exec (db, server, error);

  sqlite3_free (server);
  if (!ok)
    return NULL;

  while (database_bytes (db) < fill->bytes)
    {
      g_autofree char *insert = NULL;
      char *sql;

      /* one room a transaction, in turn; texts of 60 to 250 bytes */
      sql = sqlite3_mprintf (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
        "INSERT INTO messages (server_id, room, kind, sender, sender_name, time_us, text) "
        "SELECT (SELECT id FROM servers WHERE url = %Q), %Q, 0, "
        "  printf('%%08x-71b4-4c2e-9d0a-5e8f6a7b8c9d', i %% 37), NULL, %lld + i * 1000, "
        "  printf('message %%lld of the history, %%s', %lld + i, "
        "         substr('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation "
        "ullamco laboris nisi ut aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit', "
        "                1 + (i %% 50), 40 + (i * 7) %% 190)) "
        "FROM n",
        ROWS_PER_TRANSACTION, fill->server, fill->rooms[(rows / ROWS_PER_TRANSACTION) % n_rooms],
        (long long) (1700000000000000 + rows * 1000), (long long) rows);
      insert = g_strconcat ("BEGIN;", sql, ";COMMIT;", NULL);
      sqlite3_free (sql);
      if (!exec (db, insert, error))
        return NULL;
      rows += ROWS_PER_TRANSACTION;
    }
  if (!exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return NULL;

  return g_memdup2 (&rows, sizeof rows);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) filled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *rows = NULL;
  GAsyncResult *slot = NULL;
  Fill data;

  if (argc < 5)
    {
      g_printerr ("Usage: bench-profile FILE MEGABYTES SERVER_URL ROOM…\n");
      return 2;
    }
  data.bytes = g_ascii_strtoll (argv[2], NULL, 10) * 1024 * 1024;
  data.server = argv[3];
  data.rooms = argv + 4;

  file = g_file_new_for_commandline_arg (argv[1]);
  database = stellar_database_new (file);
  stellar_database_open_async (database, NULL, store_result, &slot);
  opened = wait_result (&slot);
  if (!stellar_database_open_finish (database, opened, &error))
    g_error ("cannot open %s: %s", argv[1], error->message);

  stellar_database_query_async (database, fill, &data, NULL, g_free, NULL, store_result, &slot);
  filled = wait_result (&slot);
  rows = stellar_database_query_finish (database, filled, &error);
  if (rows == NULL)
    g_error ("cannot fill %s: %s", argv[1], error->message);

  g_print ("%s: %" G_GINT64_FORMAT " messages\n", argv[1], *rows);
  return 0;
}
