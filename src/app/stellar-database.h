/* stellar-database.h: the app's local SQLite database, on its own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/**
 * StellarDatabaseError:
 * @STELLAR_DATABASE_ERROR_FAILED: anything not covered by another code
 * @STELLAR_DATABASE_ERROR_UNAVAILABLE: the database is not open
 * @STELLAR_DATABASE_ERROR_CANNOT_OPEN: the file or its folder cannot be created or written
 * @STELLAR_DATABASE_ERROR_CORRUPT: the file is damaged or not a database
 * @STELLAR_DATABASE_ERROR_LOCKED: another program holds a lock on the file
 * @STELLAR_DATABASE_ERROR_TOO_NEW: the file was made by a newer version of the app
 *
 * Error codes of the %STELLAR_DATABASE_ERROR domain.
 */
typedef enum {
  STELLAR_DATABASE_ERROR_FAILED,
  STELLAR_DATABASE_ERROR_UNAVAILABLE,
  STELLAR_DATABASE_ERROR_CANNOT_OPEN,
  STELLAR_DATABASE_ERROR_CORRUPT,
  STELLAR_DATABASE_ERROR_LOCKED,
  STELLAR_DATABASE_ERROR_TOO_NEW,
} StellarDatabaseError;

#define STELLAR_DATABASE_ERROR (stellar_database_error_quark ())

GQuark stellar_database_error_quark (void);

/**
 * StellarDatabaseQuery:
 * @db: the open connection
 * @data: the data given with the query
 * @error: where to put an error
 *
 * Runs on the database's thread, the only one that touches @db.
 *
 * Returns: (nullable): the result, handed to the caller's main context;
 *   %NULL with @error set on failure
 */
typedef gpointer (*StellarDatabaseQuery) (sqlite3   *db,
                                          gpointer   data,
                                          GError   **error);

/**
 * StellarDatabaseWrite:
 * @db: the open connection, inside a transaction
 * @data: the data given with the write
 * @error: where to put an error
 *
 * Runs on the database's thread inside a transaction shared with the writes
 * queued around it; a failing write is undone on its own.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*StellarDatabaseWrite) (sqlite3   *db,
                                          gpointer   data,
                                          GError   **error);

#define STELLAR_TYPE_DATABASE (stellar_database_get_type ())

G_DECLARE_FINAL_TYPE (StellarDatabase, stellar_database, STELLAR, DATABASE, GObject)

GFile           *stellar_database_get_default_file  (void);

StellarDatabase *stellar_database_new               (GFile                *file);
GFile           *stellar_database_get_file          (StellarDatabase      *self);
gboolean         stellar_database_get_available     (StellarDatabase      *self);
const char      *stellar_database_get_error_message (StellarDatabase      *self);

void             stellar_database_open_async        (StellarDatabase      *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         stellar_database_open_finish       (StellarDatabase      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void             stellar_database_query_async       (StellarDatabase      *self,
                                                     StellarDatabaseQuery  query,
                                                     gpointer              data,
                                                     GDestroyNotify        data_free,
                                                     GDestroyNotify        result_free,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gpointer         stellar_database_query_finish      (StellarDatabase      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void             stellar_database_queue_write       (StellarDatabase      *self,
                                                     StellarDatabaseWrite  write,
                                                     gpointer              data,
                                                     GDestroyNotify        data_free);
void             stellar_database_flush_async       (StellarDatabase      *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         stellar_database_flush_finish      (StellarDatabase      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* For queries and writes, on the database's thread. */
gboolean         stellar_database_exec              (sqlite3              *db,
                                                     const char           *sql,
                                                     GError              **error);
sqlite3_stmt    *stellar_database_prepare           (sqlite3              *db,
                                                     const char           *sql,
                                                     GError              **error);
gboolean         stellar_database_step_done         (sqlite3_stmt         *stmt,
                                                     GError              **error);
void             stellar_database_set_error         (GError              **error,
                                                     sqlite3              *db,
                                                     int                   code);
gboolean         stellar_database_ensure_server     (sqlite3              *db,
                                                     const char           *url,
                                                     gint64               *server_id,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
