/* test-database.c: the local database, its thread, schema and failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "stellar-app-test-utils.h"
#include "stellar-database.h"
#include "stellar-test-utils.h"

/* A database file of its own for one test. */
static GFile *
make_test_file (void)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);

  return g_file_new_for_path (path);
}

static StellarDatabase *
open_database (GFile   *file,
               GError **error)
{
  g_autoptr(StellarDatabase) database = stellar_database_new (file);
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_open_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  stellar_database_open_finish (database, result, error);

  return g_steal_pointer (&database);
}

static gpointer
query_int (sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = stellar_database_prepare (db, data, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      stellar_database_set_error (error, db, sqlite3_errcode (db));
      return NULL;
    }

  return g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 0));
}

/* Runs @sql, which returns one value, and gives it as text. */
static char *
query_value (StellarDatabase  *database,
             const char       *sql,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_query_async (database, query_int, g_strdup (sql), g_free, g_free,
                                NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  return stellar_database_query_finish (database, result, error);
}

static gpointer
query_has_fts5 (sqlite3  *db,
                gpointer  data,
                GError  **error)
{
  return GINT_TO_POINTER (sqlite3_compileoption_used ("ENABLE_FTS5"));
}

static void
flush (StellarDatabase *database)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_database_flush_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_true (stellar_database_flush_finish (database, result, &error));
  g_assert_no_error (error);
}

static void
test_open_default (void)
{
  g_autoptr(GFile) file = stellar_database_get_default_file ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "com.example.Stellar",
                                                "history.sqlite", NULL);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_assert_cmpstr (path, ==, expected);

  database = open_database (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stellar_database_get_available (database));
  g_assert_null (stellar_database_get_error_message (database));
  g_assert_true (g_file_equal (stellar_database_get_file (database), file));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  version = query_value (database, "PRAGMA user_version", &error);
  g_assert_no_error (error);
  g_assert_cmpint (atoi (version), >=, 1);

  journal = query_value (database, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (journal, ==, "1");

  /* chat search relies on the full-text index */
  stellar_database_query_async (database, query_has_fts5, NULL, NULL, NULL,
                                NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_true (GPOINTER_TO_INT (stellar_database_query_finish (database, result, &error)));
  g_assert_no_error (error);
}

static gboolean
write_server (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  gint64 id;

  return stellar_database_ensure_server (db, data, &id, error);
}

static gboolean
write_broken (sqlite3   *db,
              gpointer   data,
              GError   **error)
{
  return stellar_database_exec (db, "INSERT INTO servers (url) VALUES ('half'); INSERT INTO nowhere VALUES (1)", error);
}

/* What was written is there when the file is opened again. */
static void
test_reopen_keeps_data (void)
{
  g_autoptr(GFile) file = make_test_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  StellarDatabase *database = open_database (file, &error);

  g_assert_no_error (error);
  stellar_database_queue_write (database, write_server, g_strdup ("ws://kept.example"), g_free);
  flush (database);
  g_assert_finalize_object (database);

  database = open_database (file, &error);
  g_assert_no_error (error);
  count = query_value (database, "SELECT count(*) FROM servers WHERE url = 'ws://kept.example'", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "1");
  g_assert_finalize_object (database);
}

/* Queued writes land in order; a failing one is undone alone and said. */
static void
test_queued_writes (void)
{
  g_autoptr(GFile) file = make_test_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StellarDatabase) database = open_database (file, &error);
  g_autofree char *count = NULL;
  g_autofree char *half = NULL;

  g_assert_no_error (error);

  for (guint i = 0; i < 2500; i++)
    {
      stellar_database_queue_write (database, write_server,
                                    g_strdup_printf ("ws://server-%u.example", i), g_free);
      if (i == 1200)
        stellar_database_queue_write (database, write_broken, NULL, NULL);
    }
  /* the same server again: one row */
  stellar_database_queue_write (database, write_server, g_strdup ("ws://server-7.example"), g_free);
  flush (database);

  count = query_value (database, "SELECT count(*) FROM servers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "2500");
  half = query_value (database, "SELECT count(*) FROM servers WHERE url = 'half'", &error);
  g_assert_cmpstr (half, ==, "0");

  stellar_test_wait_for (stellar_database_get_error_message (database) != NULL);
  g_assert_true (g_str_has_prefix (stellar_database_get_error_message (database), "History could not be saved: "));
  g_assert_nonnull (strstr (stellar_database_get_error_message (database), "nowhere"));
  g_assert_true (stellar_database_get_available (database));
}

/* Writes still queued when the last reference goes are committed. */
static void
test_writes_survive_dispose (void)
{
  g_autoptr(GFile) file = make_test_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  StellarDatabase *database = open_database (file, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    stellar_database_queue_write (database, write_server,
                                  g_strdup_printf ("ws://late-%u.example", i), g_free);
  g_assert_finalize_object (database);

  database = open_database (file, &error);
  g_assert_no_error (error);
  count = query_value (database, "SELECT count(*) FROM servers", &error);
  g_assert_cmpstr (count, ==, "100");
  g_assert_finalize_object (database);
}

static void
assert_unavailable (StellarDatabase *database,
                    const char      *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *message = stellar_database_get_error_message (database);

  g_assert_false (stellar_database_get_available (database));
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "History is unavailable: "));
  g_assert_nonnull (strstr (message, reason));

  /* queries fail cleanly, writes are dropped */
  stellar_database_queue_write (database, write_server, g_strdup ("ws://dropped.example"), g_free);
  value = query_value (database, "SELECT 1", &error);
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_UNAVAILABLE);
  g_assert_null (value);
}

/* A file that is not a database: reported, and never touched. */
static void
test_corrupt_file (void)
{
  static const char garbage[] = "\x13\x37 this is not a database, it only has a fitting name \xff\xfe";
  g_autoptr(GFile) file = make_test_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize length;

  /* longer than SQLite's header, so it is read as a damaged header */
  {
    g_autoptr(GString) content = g_string_new (NULL);

    for (guint i = 0; i < 100; i++)
      g_string_append_len (content, garbage, sizeof garbage - 1);
    g_assert_true (g_file_set_contents (path, content->str, content->len, NULL));
  }

  database = open_database (file, &error);
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_CORRUPT);
  assert_unavailable (database, "damaged");
  g_assert_nonnull (strstr (stellar_database_get_error_message (database), path));

  g_clear_object (&database);
  g_assert_true (g_file_get_contents (path, &after, &length, NULL));
  g_assert_cmpuint (length, ==, 100 * (sizeof garbage - 1));
  g_assert_true (memcmp (after, garbage, sizeof garbage - 1) == 0);
}

/* Another process holds an exclusive lock: reported; opening again once it
 * lets go works. */
static void
test_locked_file (void)
{
  const char *script =
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "db.execute('CREATE TABLE held (x)')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n";
  g_autoptr(GFile) file = make_test_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "python3", "-c", script, path, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  database = open_database (file, &error);
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_LOCKED);
  assert_unavailable (database, "in use by another program");
  g_clear_error (&error);

  /* the holder ends (its transaction rolls back): a new attempt succeeds */
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, &error));
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GAsyncResult) result = NULL;

    stellar_database_open_async (database, NULL, stellar_test_store_result, &result);
    result = stellar_test_wait_result (&result);
    g_assert_true (stellar_database_open_finish (database, result, &error));
    g_assert_no_error (error);
    g_assert_true (stellar_database_get_available (database));
    g_assert_null (stellar_database_get_error_message (database));
  }
}

/* A folder that cannot be made (a file stands where it should be): the
 * same path as a read-only folder, which the tests cannot make for root. */
static void
test_unwritable_location (void)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *blocker = g_build_filename (folder, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, NULL));

  database = open_database (file, &error);
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_CANNOT_OPEN);
  assert_unavailable (database, "cannot be used");
}

/* A file from a newer version of the app is left alone. */
static void
test_newer_schema (void)
{
  g_autoptr(GFile) file = make_test_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  database = open_database (file, &error);
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_TOO_NEW);
  assert_unavailable (database, "newer version");
}

int
main (int   argc,
      char *argv[])
{
  stellar_app_test_use_temporary_data_home ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/database/open-default", test_open_default);
  g_test_add_func ("/database/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/database/queued-writes", test_queued_writes);
  g_test_add_func ("/database/writes-survive-dispose", test_writes_survive_dispose);
  g_test_add_func ("/database/corrupt-file", test_corrupt_file);
  g_test_add_func ("/database/locked-file", test_locked_file);
  g_test_add_func ("/database/unwritable-location", test_unwritable_location);
  g_test_add_func ("/database/newer-schema", test_newer_schema);

  return g_test_run ();
}
