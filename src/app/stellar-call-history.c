/* stellar-call-history.c: the API explorer's calls to one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-call-history.h"
#include "stellar-call-store-private.h"

/* A GListModel of #StellarCall, newest first: the calls made in this run
 * (added as they start, saved once they complete) followed by the older
 * ones loaded from the database a page at a time. When the database is
 * unavailable, the calls of this run stay in memory and
 * #StellarCallHistory:error-message says why they are not kept. */
struct _StellarCallHistory
{
  GObject            parent_instance;

  StellarDatabase   *database;
  char              *server;

  GPtrArray         *calls;
  GHashTable        *by_uid;

  StellarCallCursor  cursor;
  gboolean           has_cursor;
  gboolean           has_more;
  gboolean           loading;
  /* Results of a load begun before the last clear are dropped. */
  guint              generation;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SERVER,
  PROP_HAS_MORE,
  PROP_LOADING,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
stellar_call_history_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_CALL;
}

static guint
stellar_call_history_get_n_items (GListModel *model)
{
  return STELLAR_CALL_HISTORY (model)->calls->len;
}

static gpointer
stellar_call_history_get_item (GListModel *model,
                               guint       position)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (model);

  if (position >= self->calls->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->calls, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_call_history_get_item_type;
  iface->get_n_items = stellar_call_history_get_n_items;
  iface->get_item = stellar_call_history_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarCallHistory, stellar_call_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
set_has_more (StellarCallHistory *self,
              gboolean            has_more)
{
  has_more = !!has_more;
  if (self->has_more == has_more)
    return;

  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_loading (StellarCallHistory *self,
             gboolean            loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_call_status (StellarCall        *call,
                GParamSpec         *pspec,
                StellarCallHistory *self)
{
  if (stellar_call_get_status (call) == STELLAR_CALL_STATUS_PENDING)
    return;

  g_signal_handlers_disconnect_by_func (call, on_call_status, self);
  if (self->database != NULL)
    _stellar_call_store_save (self->database, self->server, call);
}

static void
on_database_error_message (StellarCallHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
forget_calls (StellarCallHistory *self)
{
  for (guint i = 0; i < self->calls->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->calls, i), on_call_status, self);

  g_hash_table_remove_all (self->by_uid);
  g_ptr_array_set_size (self->calls, 0);
}

static void
stellar_call_history_constructed (GObject *object)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (object);

  G_OBJECT_CLASS (stellar_call_history_parent_class)->constructed (object);

  self->has_more = self->database != NULL;
  if (self->database != NULL)
    g_signal_connect_object (self->database, "notify::error-message",
                             G_CALLBACK (on_database_error_message), self,
                             G_CONNECT_SWAPPED);
}

static void
stellar_call_history_dispose (GObject *object)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (object);

  if (self->calls != NULL)
    forget_calls (self);

  G_OBJECT_CLASS (stellar_call_history_parent_class)->dispose (object);
}

static void
stellar_call_history_finalize (GObject *object)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (object);

  g_clear_object (&self->database);
  g_free (self->server);
  g_ptr_array_unref (self->calls);
  g_hash_table_unref (self->by_uid);

  G_OBJECT_CLASS (stellar_call_history_parent_class)->finalize (object);
}

static void
stellar_call_history_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, stellar_call_history_get_error_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_call_history_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StellarCallHistory *self = STELLAR_CALL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_SERVER:
      self->server = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_call_history_class_init (StellarCallHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_call_history_constructed;
  object_class->dispose = stellar_call_history_dispose;
  object_class->finalize = stellar_call_history_finalize;
  object_class->get_property = stellar_call_history_get_property;
  object_class->set_property = stellar_call_history_set_property;

  /**
   * StellarCallHistory:database:
   *
   * Where calls are kept, or %NULL to keep them in memory only.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         STELLAR_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallHistory:server:
   *
   * The URL of the server whose calls these are.
   */
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallHistory:has-more:
   *
   * Whether older calls may remain to load.
   */
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallHistory:loading:
   *
   * Whether a page of older calls is being loaded.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallHistory:error-message:
   *
   * Why the history is not being kept, to show the user; %NULL when it is.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_call_history_init (StellarCallHistory *self)
{
  self->calls = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_uid = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * stellar_call_history_new:
 * @database: (nullable): where calls are kept, or %NULL for memory only
 * @server: the server's URL
 *
 * The history starts empty: stellar_call_history_load_more_async() brings
 * in the last calls kept.
 *
 * Returns: (transfer full): a new history
 */
StellarCallHistory *
stellar_call_history_new (StellarDatabase *database,
                          const char      *server)
{
  g_return_val_if_fail (database == NULL || STELLAR_IS_DATABASE (database), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  return g_object_new (STELLAR_TYPE_CALL_HISTORY,
                       "database", database,
                       "server", server,
                       NULL);
}

/**
 * stellar_call_history_get_database:
 * @self: a #StellarCallHistory
 *
 * Returns: (transfer none) (nullable): where calls are kept
 */
StellarDatabase *
stellar_call_history_get_database (StellarCallHistory *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (self), NULL);

  return self->database;
}

/**
 * stellar_call_history_get_server:
 * @self: a #StellarCallHistory
 *
 * Returns: the server's URL
 */
const char *
stellar_call_history_get_server (StellarCallHistory *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (self), NULL);

  return self->server;
}

/**
 * stellar_call_history_get_has_more:
 * @self: a #StellarCallHistory
 *
 * Returns: whether older calls may remain to load
 */
gboolean
stellar_call_history_get_has_more (StellarCallHistory *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (self), FALSE);

  return self->has_more;
}

/**
 * stellar_call_history_get_loading:
 * @self: a #StellarCallHistory
 *
 * Returns: whether a page is being loaded
 */
gboolean
stellar_call_history_get_loading (StellarCallHistory *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (self), FALSE);

  return self->loading;
}

/**
 * stellar_call_history_get_error_message:
 * @self: a #StellarCallHistory
 *
 * Returns: (nullable): why the history is not being kept
 */
const char *
stellar_call_history_get_error_message (StellarCallHistory *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (self), NULL);

  return self->database != NULL ? stellar_database_get_error_message (self->database) : NULL;
}

/**
 * stellar_call_history_add:
 * @self: a #StellarCallHistory
 * @call: a call just made
 *
 * Puts @call first. It is saved once it completes (at once if it has).
 */
void
stellar_call_history_add (StellarCallHistory *self,
                          StellarCall        *call)
{
  g_return_if_fail (STELLAR_IS_CALL_HISTORY (self));
  g_return_if_fail (STELLAR_IS_CALL (call));
  g_return_if_fail (!g_hash_table_contains (self->by_uid, stellar_call_get_uid (call)));

  g_ptr_array_insert (self->calls, 0, g_object_ref (call));
  g_hash_table_insert (self->by_uid, (gpointer) stellar_call_get_uid (call), call);

  g_signal_connect (call, "notify::status", G_CALLBACK (on_call_status), self);
  on_call_status (call, NULL, self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
}

/**
 * stellar_call_history_clear:
 * @self: a #StellarCallHistory
 *
 * Forgets every call to the server, in memory and in the database.
 */
void
stellar_call_history_clear (StellarCallHistory *self)
{
  guint removed;

  g_return_if_fail (STELLAR_IS_CALL_HISTORY (self));

  removed = self->calls->len;
  forget_calls (self);
  self->generation++;
  self->has_cursor = FALSE;
  set_loading (self, FALSE);
  set_has_more (self, FALSE);

  if (self->database != NULL)
    _stellar_call_store_delete_all (self->database, self->server);

  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}

/* --- loading ------------------------------------------------------------- */

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarCallHistory *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  StellarCallPage *page;
  guint position, added = 0;

  page = _stellar_call_store_load_finish (STELLAR_DATABASE (object), result, &error);
  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) != self->generation)
    {
      g_clear_pointer (&page, _stellar_call_page_free);
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_loading (self, FALSE);
  if (page == NULL)
    {
      /* Nothing more will come while the database is unavailable. */
      set_has_more (self, !g_error_matches (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_UNAVAILABLE));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  position = self->calls->len;
  for (guint i = 0; i < page->calls->len; i++)
    {
      StellarCall *call = g_ptr_array_index (page->calls, i);

      /* made in this run before the load: already shown */
      if (g_hash_table_contains (self->by_uid, stellar_call_get_uid (call)))
        continue;

      g_ptr_array_add (self->calls, g_object_ref (call));
      g_hash_table_insert (self->by_uid, (gpointer) stellar_call_get_uid (call), call);
      added++;
    }

  if (page->calls->len > 0)
    {
      self->cursor = page->next;
      self->has_cursor = TRUE;
    }
  set_has_more (self, page->has_more);
  _stellar_call_page_free (page);

  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_call_history_load_more_async:
 * @self: a #StellarCallHistory
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the page is in
 * @user_data: data for @callback
 *
 * Loads the next %STELLAR_CALL_HISTORY_PAGE_SIZE older calls kept in the
 * database (the newest ones the first time) and puts them last. Fails
 * with %G_IO_ERROR_PENDING while a load is under way, and with the
 * database's error when it is unavailable.
 */
void
stellar_call_history_load_more_async (StellarCallHistory  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CALL_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_call_history_load_more_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);

  if (self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("The history is already loading"));
      return;
    }

  if (self->database == NULL || !self->has_more)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_loading (self, TRUE);
  _stellar_call_store_load_async (self->database, self->server,
                                  self->has_cursor ? &self->cursor : NULL,
                                  STELLAR_CALL_HISTORY_PAGE_SIZE,
                                  cancellable, on_page_loaded, g_steal_pointer (&task));
}

/**
 * stellar_call_history_load_more_finish:
 * @self: a #StellarCallHistory
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: %TRUE when the page is in (or nothing was left to load)
 */
gboolean
stellar_call_history_load_more_finish (StellarCallHistory  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_call_history_load_more_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- searching ----------------------------------------------------------- */

static gboolean
contains_folded (const char *haystack,
                 const char *folded_word)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_word) != NULL;
}

/* Without the database: the calls in memory whose action, parameters or
 * response contain every word of @text, ignoring case. */
static GListStore *
search_in_memory (StellarCallHistory *self,
                  const char         *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  GListStore *results = g_list_store_new (STELLAR_TYPE_CALL);

  for (guint i = 0; i < self->calls->len && g_list_model_get_n_items (G_LIST_MODEL (results)) < STELLAR_CALL_HISTORY_PAGE_SIZE; i++)
    {
      StellarCall *call = g_ptr_array_index (self->calls, i);
      gboolean matches = TRUE;
      gboolean any_word = FALSE;

      for (guint w = 0; matches && words[w] != NULL; w++)
        {
          if (words[w][0] == '\0')
            continue;
          any_word = TRUE;
          matches = contains_folded (stellar_call_get_action (call), words[w]) ||
                    contains_folded (stellar_call_get_params_text (call), words[w]) ||
                    contains_folded (stellar_call_get_response_text (call), words[w]);
        }

      if (matches && any_word)
        g_list_store_append (results, call);
    }

  return results;
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarCallHistory *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GListStore *results;

  found = _stellar_call_store_search_finish (STELLAR_DATABASE (object), result, &error);
  if (found == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_message ("Searching the call history failed, searching in memory: %s", error->message);
      g_task_return_pointer (task, search_in_memory (self, g_task_get_task_data (task)), g_object_unref);
      return;
    }

  /* The calls shown already are handed out as they are. */
  results = g_list_store_new (STELLAR_TYPE_CALL);
  for (guint i = 0; i < found->len; i++)
    {
      StellarCall *call = g_ptr_array_index (found, i);
      StellarCall *shown = g_hash_table_lookup (self->by_uid, stellar_call_get_uid (call));

      g_list_store_append (results, shown != NULL ? shown : call);
    }

  g_task_return_pointer (task, results, g_object_unref);
}

/**
 * stellar_call_history_search_async:
 * @self: a #StellarCallHistory
 * @text: words to look for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the results
 * @user_data: data for @callback
 *
 * Looks for the calls to the server, kept or made in this run, whose
 * action, parameters or response contain every word of @text: in the
 * database with its full-text index (words match from their start), or
 * among the calls in memory (anywhere, ignoring case) when the database
 * is unavailable.
 */
void
stellar_call_history_search_async (StellarCallHistory  *self,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CALL_HISTORY (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_call_history_search_async);
  g_task_set_task_data (task, g_strdup (text), g_free);

  if (self->database == NULL || !stellar_database_get_available (self->database))
    {
      g_task_return_pointer (task, search_in_memory (self, text), g_object_unref);
      return;
    }

  _stellar_call_store_search_async (self->database, self->server, text, STELLAR_CALL_HISTORY_PAGE_SIZE,
                                    cancellable, on_searched, g_steal_pointer (&task));
}

/**
 * stellar_call_history_search_finish:
 * @self: a #StellarCallHistory
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full): a model of the matching #StellarCall, newest
 *   first, at most %STELLAR_CALL_HISTORY_PAGE_SIZE
 */
GListModel *
stellar_call_history_search_finish (StellarCallHistory  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_call_history_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
