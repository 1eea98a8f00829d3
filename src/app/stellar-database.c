/* stellar-database.c: the app's local SQLite database, on its own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-database"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "stellar-database.h"

/* The folder under the user's data directory: the same for every build, so
 * that a development build shows the history of the installed app. */
#define DATA_FOLDER "com.example.Stellar"
#define FILE_NAME "history.sqlite"

/* How long a statement waits for another program's lock before failing. */
#define BUSY_TIMEOUT_MS 1000

/* At most this many queued writes share one transaction. */
#define MAX_WRITES_PER_TRANSACTION 1000

/* The schema, one step per version: PRAGMA user_version is the number of
 * steps applied. Append new steps at the end; never edit or reorder one
 * that has shipped, since files in the wild already went through it. */
static const char * const migrations[] = {
  /* 1: the servers whose history is kept, referred to by the tables of
   * every kind of history (calls, chat) */
  "CREATE TABLE servers ("
  "  id INTEGER PRIMARY KEY,"
  "  url TEXT NOT NULL UNIQUE"
  ");",

  /* 2: the API explorer's calls (StellarCallHistory), with a full-text
   * index over the action, the parameters and the stored response */
  "CREATE TABLE calls ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  server_id INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,"
  "  action TEXT NOT NULL,"
  "  params TEXT NOT NULL,"
  "  transport INTEGER NOT NULL,"
  "  default_params TEXT NOT NULL,"
  "  started_us INTEGER NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  response TEXT,"
  "  response_size INTEGER NOT NULL,"
  "  error_code TEXT,"
  "  error_message TEXT,"
  "  duration_ms INTEGER NOT NULL"
  ");"
  "CREATE INDEX calls_by_time ON calls (server_id, started_us DESC, id DESC);"
  "CREATE VIRTUAL TABLE calls_fts USING fts5 ("
  "  action, params, response, content = 'calls', content_rowid = 'id'"
  ");"
  "CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN"
  "  INSERT INTO calls_fts (rowid, action, params, response)"
  "  VALUES (new.id, new.action, new.params, new.response);"
  "END;"
  "CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN"
  "  INSERT INTO calls_fts (calls_fts, rowid, action, params, response)"
  "  VALUES ('delete', old.id, old.action, old.params, old.response);"
  "END;",

  /* 3: the rooms' conversations (StellarMessageStore), in the order they
   * arrived, with a full-text index over what was said; `uid` finds our
   * own messages again when their delivery changes */
  "CREATE TABLE messages ("
  "  id INTEGER PRIMARY KEY,"
  "  server_id INTEGER NOT NULL REFERENCES servers (id) ON DELETE CASCADE,"
  "  room TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  sender TEXT,"
  "  sender_name TEXT,"
  "  time_us INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  event TEXT,"
  "  own INTEGER NOT NULL DEFAULT 0,"
  "  delivery INTEGER NOT NULL DEFAULT 0,"
  "  uid TEXT UNIQUE"
  ");"
  "CREATE INDEX messages_by_room ON messages (server_id, room, id);"
  "CREATE INDEX messages_by_time ON messages (time_us);"
  "CREATE VIRTUAL TABLE messages_fts USING fts5 ("
  "  text, content = 'messages', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
  "  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;",
};

typedef enum {
  JOB_OPEN,
  JOB_QUERY,
  JOB_WRITE,
  JOB_QUIT,
} JobKind;

typedef struct {
  JobKind              kind;
  StellarDatabaseQuery query;
  StellarDatabaseWrite write;
  gpointer             data;
  GDestroyNotify       data_free;
  GDestroyNotify       result_free;
  GTask               *task;
} Job;

/* What the database's thread owns. Only that thread touches @db; the rest
 * is set before it starts and never changes, apart from the queue. */
typedef struct {
  GAsyncQueue  *jobs;
  char         *path;
  GMainContext *context;
  GWeakRef      owner;
  sqlite3      *db;
} Worker;

/* A database file, opened by a thread of its own that runs every query
 * and write in order. Nothing it fails at is fatal: the error is kept in
 * #StellarDatabase:error-message for the app to show, and the app goes on
 * with what it holds in memory. The file is never deleted or replaced. */
struct _StellarDatabase
{
  GObject   parent_instance;

  GFile    *file;
  Worker   *worker;
  GThread  *thread;

  char     *error_message;
  guint     available : 1;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_AVAILABLE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarDatabase, stellar_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (stellar-database-error-quark, stellar_database_error)

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_clear_object (&job->task);
  g_free (job);
}

/* --- helpers for queries and writes ------------------------------------ */

/**
 * stellar_database_set_error:
 * @error: where to put the error
 * @db: (nullable): the connection that failed, for its message
 * @code: the SQLite result code
 *
 * Sets @error from a SQLite failure, in the %STELLAR_DATABASE_ERROR domain.
 */
void
stellar_database_set_error (GError  **error,
                            sqlite3  *db,
                            int       code)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);
  StellarDatabaseError database_code;

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      database_code = STELLAR_DATABASE_ERROR_CORRUPT;
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      database_code = STELLAR_DATABASE_ERROR_LOCKED;
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      database_code = STELLAR_DATABASE_ERROR_CANNOT_OPEN;
      break;

    default:
      database_code = STELLAR_DATABASE_ERROR_FAILED;
    }

  g_set_error_literal (error, STELLAR_DATABASE_ERROR, database_code, message);
}

/**
 * stellar_database_exec:
 * @db: an open connection
 * @sql: one or more statements
 * @error: where to put an error
 *
 * Returns: %TRUE when every statement ran
 */
gboolean
stellar_database_exec (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      stellar_database_set_error (error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/**
 * stellar_database_prepare:
 * @db: an open connection
 * @sql: one statement
 * @error: where to put an error
 *
 * Returns: (transfer full) (nullable): the prepared statement
 */
sqlite3_stmt *
stellar_database_prepare (sqlite3     *db,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      stellar_database_set_error (error, db, rc);
      return NULL;
    }

  return stmt;
}

/**
 * stellar_database_step_done:
 * @stmt: a statement that returns no rows
 * @error: where to put an error
 *
 * Runs @stmt to its end.
 *
 * Returns: %TRUE when it ran
 */
gboolean
stellar_database_step_done (sqlite3_stmt  *stmt,
                            GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      stellar_database_set_error (error, sqlite3_db_handle (stmt), rc);
      return FALSE;
    }

  return TRUE;
}

/**
 * stellar_database_ensure_server:
 * @db: an open connection
 * @url: the server's URL
 * @server_id: (out): the server's row
 * @error: where to put an error
 *
 * Finds the row of the `servers` table for @url, adding it if needed: every
 * kind of history refers to its server through it.
 *
 * Returns: %TRUE on success
 */
gboolean
stellar_database_ensure_server (sqlite3     *db,
                                const char  *url,
                                gint64      *server_id,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;

  insert = stellar_database_prepare (db, "INSERT OR IGNORE INTO servers (url) VALUES (?1)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, url, -1, SQLITE_STATIC);
  if (!stellar_database_step_done (insert, error))
    return FALSE;

  select = stellar_database_prepare (db, "SELECT id FROM servers WHERE url = ?1", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, url, -1, SQLITE_STATIC);
  if (sqlite3_step (select) != SQLITE_ROW)
    {
      stellar_database_set_error (error, db, sqlite3_errcode (db));
      return FALSE;
    }

  *server_id = sqlite3_column_int64 (select, 0);
  return TRUE;
}

/* --- the database's thread --------------------------------------------- */

static gboolean
worker_migrate (Worker  *worker,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  stmt = stellar_database_prepare (worker->db, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      stellar_database_set_error (error, worker->db, sqlite3_errcode (worker->db));
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_TOO_NEW,
                   _("It was written by a newer version of Stellar (schema %d)"), version);
      return FALSE;
    }

  for (guint step = version; step < G_N_ELEMENTS (migrations); step++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", step + 1);

      if (!stellar_database_exec (worker->db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!stellar_database_exec (worker->db, migrations[step], error) ||
          !stellar_database_exec (worker->db, set_version, error) ||
          !stellar_database_exec (worker->db, "COMMIT", error))
        {
          sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      g_debug ("%s: schema version %u", worker->path, step + 1);
    }

  return TRUE;
}

static gboolean
worker_open (Worker  *worker,
             GError **error)
{
  g_autofree char *folder = NULL;
  int rc;

  if (worker->db != NULL)
    return TRUE;

  if (worker->path == NULL)
    {
      g_set_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_CANNOT_OPEN,
                   _("It is not a local file"));
      return FALSE;
    }

  folder = g_path_get_dirname (worker->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_CANNOT_OPEN,
                   _("The folder “%s” cannot be created: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (worker->path, &worker->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (worker->db, BUSY_TIMEOUT_MS);

      /* The first statement to read the file: a damaged or foreign file,
       * or another program's exclusive lock, fails here. */
      if (stellar_database_exec (worker->db, "PRAGMA journal_mode = WAL", error) &&
          stellar_database_exec (worker->db,
                                 "PRAGMA synchronous = NORMAL;"
                                 "PRAGMA foreign_keys = ON;",
                                 error))
        {
          if (sqlite3_db_readonly (worker->db, "main") == 1)
            g_set_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_CANNOT_OPEN,
                         _("The file can only be read"));
          else if (worker_migrate (worker, error))
            return TRUE;
        }
    }
  else
    {
      stellar_database_set_error (error, worker->db, rc);
    }

  g_clear_pointer (&worker->db, sqlite3_close_v2);
  return FALSE;
}

/* Hands a write's failure to the owner, in its own main context. */
typedef struct {
  GWeakRef  owner;
  char     *message;
} WriteFailure;

static void
write_failure_free (WriteFailure *failure)
{
  g_weak_ref_clear (&failure->owner);
  g_free (failure->message);
  g_free (failure);
}

static void stellar_database_set_error_message (StellarDatabase *self,
                                                const char      *message);

static gboolean
report_write_failure (gpointer data)
{
  WriteFailure *failure = data;
  g_autoptr(StellarDatabase) self = g_weak_ref_get (&failure->owner);

  if (self != NULL)
    stellar_database_set_error_message (self, failure->message);

  return G_SOURCE_REMOVE;
}

static void
worker_report_write_failure (Worker *worker,
                             GError *error)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&worker->owner);
  WriteFailure *failure;

  g_message ("%s: a write failed: %s", worker->path, error->message);

  if (owner == NULL)
    return;

  failure = g_new0 (WriteFailure, 1);
  g_weak_ref_init (&failure->owner, owner);
  failure->message = g_strdup_printf (_("History could not be saved: %s"), error->message);
  g_main_context_invoke_full (worker->context, G_PRIORITY_DEFAULT,
                              report_write_failure, failure,
                              (GDestroyNotify) write_failure_free);
}

/* Runs @first and the writes queued right after it in one transaction,
 * each inside a savepoint of its own. Returns the next job that is not a
 * write, if one was taken from the queue. */
static Job *
worker_run_writes (Worker *worker,
                   Job    *first)
{
  g_autoptr(GError) batch_error = NULL;
  Job *job = first;
  Job *next = NULL;
  guint n = 0;
  gboolean in_transaction = FALSE;

  if (worker->db != NULL)
    in_transaction = stellar_database_exec (worker->db, "BEGIN IMMEDIATE", &batch_error);

  while (job != NULL)
    {
      if (in_transaction)
        {
          g_autoptr(GError) error = NULL;

          sqlite3_exec (worker->db, "SAVEPOINT queued_write", NULL, NULL, NULL);
          if (!job->write (worker->db, job->data, &error))
            {
              sqlite3_exec (worker->db, "ROLLBACK TO queued_write", NULL, NULL, NULL);
              if (batch_error == NULL)
                batch_error = g_steal_pointer (&error);
            }
          sqlite3_exec (worker->db, "RELEASE queued_write", NULL, NULL, NULL);
        }
      /* Without a database, the write is dropped: its data lives on in
       * the app's memory, and the owner already shows why. */

      job_free (job);
      job = NULL;

      if (++n < MAX_WRITES_PER_TRANSACTION && (next = g_async_queue_try_pop (worker->jobs)) != NULL)
        {
          if (next->kind == JOB_WRITE)
            {
              job = next;
              next = NULL;
            }
        }
    }

  if (in_transaction && !stellar_database_exec (worker->db, "COMMIT", batch_error == NULL ? &batch_error : NULL))
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);

  if (batch_error != NULL && worker->db != NULL)
    worker_report_write_failure (worker, batch_error);

  return next;
}

static void
worker_run_query (Worker *worker,
                  Job    *job)
{
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (job->task))
    return;

  if (worker->db == NULL)
    {
      g_task_return_new_error (job->task, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_UNAVAILABLE,
                               _("The history database is not open"));
      return;
    }

  if (job->query == NULL)
    {
      /* a flush: every write queued before it is committed by now */
      g_task_return_boolean (job->task, TRUE);
      return;
    }

  result = job->query (worker->db, job->data, &error);
  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (job->task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_pointer (job->task, result, job->result_free);
    }
}

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  Job *job = NULL;

  for (;;)
    {
      if (job == NULL)
        job = g_async_queue_pop (worker->jobs);

      switch (job->kind)
        {
        case JOB_OPEN:
          {
            g_autoptr(GError) error = NULL;

            if (worker_open (worker, &error))
              g_task_return_boolean (job->task, TRUE);
            else
              g_task_return_error (job->task, g_steal_pointer (&error));
            job_free (job);
            job = NULL;
          }
          break;

        case JOB_QUERY:
          worker_run_query (worker, job);
          job_free (job);
          job = NULL;
          break;

        case JOB_WRITE:
          job = worker_run_writes (worker, job);
          break;

        case JOB_QUIT:
          job_free (job);
          g_clear_pointer (&worker->db, sqlite3_close_v2);
          return NULL;
        }
    }
}

static void
worker_free (Worker *worker)
{
  g_assert (worker->db == NULL);

  g_async_queue_unref (worker->jobs);
  g_main_context_unref (worker->context);
  g_weak_ref_clear (&worker->owner);
  g_free (worker->path);
  g_free (worker);
}

/* --- the object ---------------------------------------------------------- */

static void
stellar_database_set_error_message (StellarDatabase *self,
                                    const char      *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
stellar_database_set_available (StellarDatabase *self,
                                gboolean         available)
{
  available = !!available;
  if (self->available == available)
    return;

  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static void
stellar_database_push (StellarDatabase *self,
                       Job             *job)
{
  g_async_queue_push (self->worker->jobs, job);
}

static void
stellar_database_constructed (GObject *object)
{
  StellarDatabase *self = STELLAR_DATABASE (object);

  G_OBJECT_CLASS (stellar_database_parent_class)->constructed (object);

  if (self->file == NULL)
    self->file = stellar_database_get_default_file ();

  self->worker = g_new0 (Worker, 1);
  self->worker->jobs = g_async_queue_new ();
  self->worker->path = g_file_get_path (self->file);
  self->worker->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&self->worker->owner, self);

  self->thread = g_thread_new ("stellar-database", worker_thread, self->worker);
}

static void
stellar_database_dispose (GObject *object)
{
  StellarDatabase *self = STELLAR_DATABASE (object);

  /* The thread commits the writes still queued, then closes the file. */
  if (self->thread != NULL)
    {
      Job *quit = g_new0 (Job, 1);

      quit->kind = JOB_QUIT;
      stellar_database_push (self, quit);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->worker, worker_free);
    }

  G_OBJECT_CLASS (stellar_database_parent_class)->dispose (object);
}

static void
stellar_database_finalize (GObject *object)
{
  StellarDatabase *self = STELLAR_DATABASE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (stellar_database_parent_class)->finalize (object);
}

static void
stellar_database_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StellarDatabase *self = STELLAR_DATABASE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_database_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StellarDatabase *self = STELLAR_DATABASE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_database_class_init (StellarDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_database_constructed;
  object_class->dispose = stellar_database_dispose;
  object_class->finalize = stellar_database_finalize;
  object_class->get_property = stellar_database_get_property;
  object_class->set_property = stellar_database_set_property;

  /**
   * StellarDatabase:file:
   *
   * The SQLite file; stellar_database_get_default_file() when none is given.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDatabase:available:
   *
   * Whether the database is open and its schema up to date.
   */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDatabase:error-message:
   *
   * What went wrong last, as a sentence to show the user ("History is
   * unavailable: …"), or %NULL. The app keeps working from memory.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_database_init (StellarDatabase *self)
{
}

/**
 * stellar_database_get_default_file:
 *
 * Returns: (transfer full): `history.sqlite` in the app's folder of the
 *   user's data directory
 */
GFile *
stellar_database_get_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), DATA_FOLDER, FILE_NAME, NULL);

  return g_file_new_for_path (path);
}

/**
 * stellar_database_new:
 * @file: (nullable): the SQLite file, or %NULL for the default one
 *
 * Creates the database object and its thread; nothing is read until
 * stellar_database_open_async().
 *
 * Returns: (transfer full): a new database
 */
StellarDatabase *
stellar_database_new (GFile *file)
{
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (STELLAR_TYPE_DATABASE,
                       "file", file,
                       NULL);
}

/**
 * stellar_database_get_file:
 * @self: a #StellarDatabase
 *
 * Returns: (transfer none): the SQLite file
 */
GFile *
stellar_database_get_file (StellarDatabase *self)
{
  g_return_val_if_fail (STELLAR_IS_DATABASE (self), NULL);

  return self->file;
}

/**
 * stellar_database_get_available:
 * @self: a #StellarDatabase
 *
 * Returns: whether the database is open
 */
gboolean
stellar_database_get_available (StellarDatabase *self)
{
  g_return_val_if_fail (STELLAR_IS_DATABASE (self), FALSE);

  return self->available;
}

/**
 * stellar_database_get_error_message:
 * @self: a #StellarDatabase
 *
 * Returns: (nullable): the sentence that tells the user what went wrong
 */
const char *
stellar_database_get_error_message (StellarDatabase *self)
{
  g_return_val_if_fail (STELLAR_IS_DATABASE (self), NULL);

  return self->error_message;
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  StellarDatabase *self = STELLAR_DATABASE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_autofree char *message = NULL;

      if (error->code == STELLAR_DATABASE_ERROR_CORRUPT)
        message = g_strdup_printf (_("History is unavailable: the file “%s” is damaged or is not a "
                                     "history database (%s). It was left as it is."),
                                   name, error->message);
      else if (error->code == STELLAR_DATABASE_ERROR_LOCKED)
        message = g_strdup_printf (_("History is unavailable: the file “%s” is in use by another "
                                     "program (%s)."),
                                   name, error->message);
      else
        message = g_strdup_printf (_("History is unavailable: the file “%s” cannot be used (%s)."),
                                   name, error->message);

      g_message ("%s", message);
      stellar_database_set_available (self, FALSE);
      stellar_database_set_error_message (self, message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stellar_database_set_available (self, TRUE);
  stellar_database_set_error_message (self, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_database_open_async:
 * @self: a #StellarDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the database is open or has failed
 * @user_data: data for @callback
 *
 * Opens the file (creating it and its folder if needed), switches it to
 * write-ahead logging and brings its schema up to date. On failure,
 * #StellarDatabase:error-message says why; it may be called again later.
 */
void
stellar_database_open_async (StellarDatabase     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (STELLAR_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_database_open_async);

  job = g_new0 (Job, 1);
  job->kind = JOB_OPEN;
  job->task = g_task_new (self, NULL, on_opened, g_steal_pointer (&task));
  stellar_database_push (self, job);
}

/**
 * stellar_database_open_finish:
 * @self: a #StellarDatabase
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: %TRUE when the database is open
 */
gboolean
stellar_database_open_finish (StellarDatabase  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_database_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * stellar_database_query_async:
 * @self: a #StellarDatabase
 * @query: (scope async): what to run on the database's thread
 * @data: (nullable): data for @query
 * @data_free: (nullable): frees @data once the query has run
 * @result_free: (nullable): frees a result nobody collected
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Runs @query after every job queued before it, writes included, so it sees
 * them. @data must not be touched by anyone else until it is freed.
 */
void
stellar_database_query_async (StellarDatabase      *self,
                              StellarDatabaseQuery  query,
                              gpointer              data,
                              GDestroyNotify        data_free,
                              GDestroyNotify        result_free,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  Job *job;

  g_return_if_fail (STELLAR_IS_DATABASE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_QUERY;
  job->query = query;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, stellar_database_query_async);
  stellar_database_push (self, job);
}

/**
 * stellar_database_query_finish:
 * @self: a #StellarDatabase
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full) (nullable): what the query returned
 */
gpointer
stellar_database_query_finish (StellarDatabase  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_database_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * stellar_database_queue_write:
 * @self: a #StellarDatabase
 * @write: (scope async): what to run on the database's thread
 * @data: (nullable): data for @write
 * @data_free: (nullable): frees @data once the write has run
 *
 * Queues a write and returns at once: for hot paths such as every call or
 * chat message. Writes queued together share a transaction. A failure does
 * not reach the caller: it sets #StellarDatabase:error-message.
 */
void
stellar_database_queue_write (StellarDatabase      *self,
                              StellarDatabaseWrite  write,
                              gpointer              data,
                              GDestroyNotify        data_free)
{
  Job *job;

  g_return_if_fail (STELLAR_IS_DATABASE (self));
  g_return_if_fail (write != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_WRITE;
  job->write = write;
  job->data = data;
  job->data_free = data_free;
  stellar_database_push (self, job);
}

/**
 * stellar_database_flush_async:
 * @self: a #StellarDatabase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the writes queued so far are committed
 * @user_data: data for @callback
 */
void
stellar_database_flush_async (StellarDatabase     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (STELLAR_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_QUERY;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, stellar_database_flush_async);
  stellar_database_push (self, job);
}

/**
 * stellar_database_flush_finish:
 * @self: a #StellarDatabase
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: %TRUE when the writes queued before the flush are committed
 *   (a failed write sets #StellarDatabase:error-message instead)
 */
gboolean
stellar_database_flush_finish (StellarDatabase  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_database_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
