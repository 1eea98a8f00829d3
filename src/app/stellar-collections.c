/* stellar-collections.c: every collection of saved requests, in the user's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-collection-format.h"
#include "stellar-collection-private.h"
#include "stellar-collections-private.h"
#include "stellar-utils.h"

/* A list model of StellarCollection, sorted by name. Each collection is a
 * plain JSON file the person owns (docs/collections.md), one per
 * collection, in `$XDG_DATA_HOME/com.example.Stellar/collections/` unless
 * told otherwise. A collection that changes is written back when the main
 * loop is next idle, atomically (a temporary file renamed over the old
 * one); one that is created, imported or removed is written or deleted at
 * once. stellar-collections-folder.c reads the folder and follows what
 * others do to it. */

#define FOLDER_NAME "collections"
#define APP_DATA_FOLDER "com.example.Stellar"

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
stellar_collections_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_COLLECTION;
}

static guint
stellar_collections_get_n_items (GListModel *model)
{
  return STELLAR_COLLECTIONS (model)->collections->len;
}

static gpointer
stellar_collections_get_item (GListModel *model,
                              guint       position)
{
  StellarCollections *self = STELLAR_COLLECTIONS (model);

  if (position >= self->collections->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->collections, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_collections_get_item_type;
  iface->get_n_items = stellar_collections_get_n_items;
  iface->get_item = stellar_collections_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarCollections, stellar_collections, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
_stellar_collections_set_error_message (StellarCollections *self,
                                        const char         *message)
{
  if (stellar_set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* --- saving -------------------------------------------------------------- */

static gboolean
write_collection (StellarCollection  *collection,
                  GError            **error)
{
  g_autoptr(GBytes) content = stellar_collection_format_write (stellar_collection_get_name (collection),
                                                               G_LIST_MODEL (collection));
  gsize length;
  const char *data = g_bytes_get_data (content, &length);

  if (!g_file_replace_contents (_stellar_collection_get_file (collection), data, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;

  _stellar_collection_set_file_content (collection, content);
  return TRUE;
}

static void
save_unsaved (StellarCollections *self)
{
  g_autoptr(GPtrArray) unsaved = g_steal_pointer (&self->unsaved);

  self->unsaved = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < unsaved->len; i++)
    {
      StellarCollection *collection = g_ptr_array_index (unsaved, i);
      g_autoptr(GError) error = NULL;

      if (!g_ptr_array_find (self->collections, collection, NULL))
        continue;

      if (!write_collection (collection, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not save the collection “%s”: %s"),
                                                      stellar_collection_get_name (collection),
                                                      error->message);
          _stellar_collections_set_error_message (self, message);
        }
    }
}

static gboolean
on_save_idle (gpointer user_data)
{
  StellarCollections *self = user_data;

  self->save_source = 0;
  save_unsaved (self);

  return G_SOURCE_REMOVE;
}

static void
on_collection_changed (StellarCollections *self,
                       StellarCollection  *collection)
{
  if (!g_ptr_array_find (self->unsaved, collection, NULL))
    g_ptr_array_add (self->unsaved, g_object_ref (collection));

  if (self->save_source == 0)
    self->save_source = g_idle_add (on_save_idle, self);
}

/* --- the sorted list ----------------------------------------------------- */

static int
compare_collections (StellarCollection *a,
                     StellarCollection *b)
{
  int by_name = g_utf8_collate (stellar_collection_get_name (a), stellar_collection_get_name (b));

  if (by_name != 0)
    return by_name;

  return g_strcmp0 (g_file_peek_path (_stellar_collection_get_file (a)),
                    g_file_peek_path (_stellar_collection_get_file (b)));
}

static guint
find_position (StellarCollections *self,
               StellarCollection  *collection)
{
  guint position = 0;

  while (position < self->collections->len &&
         compare_collections (g_ptr_array_index (self->collections, position), collection) <= 0)
    position++;

  return position;
}

/* Lists @collection in its place, and saves it whenever it changes. */
void
_stellar_collections_insert (StellarCollections *self,
                             StellarCollection  *collection)
{
  guint position = find_position (self, collection);

  g_ptr_array_insert (self->collections, position, g_object_ref (collection));
  g_signal_connect_object (collection, "changed", G_CALLBACK (on_collection_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
_stellar_collections_take_out (StellarCollections *self,
                               StellarCollection  *collection)
{
  guint position;

  if (!g_ptr_array_find (self->collections, collection, &position))
    return;

  g_signal_handlers_disconnect_by_func (collection, on_collection_changed, self);
  g_ptr_array_remove (self->unsaved, collection);
  g_ptr_array_remove_index (self->collections, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* After a rename: moves @collection where its name goes. */
void
_stellar_collections_reposition (StellarCollections *self,
                                 StellarCollection  *collection)
{
  guint position;
  guint wanted;

  if (!g_ptr_array_find (self->collections, collection, &position))
    return;

  g_ptr_array_steal_index (self->collections, position);
  wanted = find_position (self, collection);
  g_ptr_array_insert (self->collections, wanted, collection);

  if (wanted != position)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), wanted, 0, 1);
    }
}

static gboolean
is_collection_name_taken (const char *name,
                          gpointer    data)
{
  StellarCollections *self = data;

  return stellar_collections_lookup (self, name) != NULL;
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_collections_constructed (GObject *object)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);

  G_OBJECT_CLASS (stellar_collections_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_file_new_build_filename (g_get_user_data_dir (), APP_DATA_FOLDER, FOLDER_NAME, NULL);
}

static void
stellar_collections_dispose (GObject *object)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);

  g_cancellable_cancel (self->cancellable);
  _stellar_collections_stop_following (self);

  /* nothing the person did is lost */
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->unsaved != NULL)
    save_unsaved (self);

  G_OBJECT_CLASS (stellar_collections_parent_class)->dispose (object);
}

static void
stellar_collections_finalize (GObject *object)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);

  g_clear_object (&self->directory);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->collections, g_ptr_array_unref);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (stellar_collections_parent_class)->finalize (object);
}

static void
stellar_collections_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_collections_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_collections_class_init (StellarCollectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_collections_constructed;
  object_class->dispose = stellar_collections_dispose;
  object_class->finalize = stellar_collections_finalize;
  object_class->get_property = stellar_collections_get_property;
  object_class->set_property = stellar_collections_set_property;

  /**
   * StellarCollections:directory:
   *
   * The folder of the collection files.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCollections:error-message:
   *
   * For people: files of the folder that are not collections, or a
   * collection that could not be saved; %NULL when all is well.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_collections_init (StellarCollections *self)
{
  self->collections = g_ptr_array_new_with_free_func (g_object_unref);
  self->unsaved = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_collections_new:
 * @directory: (nullable): the folder of the collection files; the user's
 *   `com.example.Stellar/collections` data folder when %NULL
 *
 * Returns: (transfer full): a new, empty list: call
 *   stellar_collections_load_async() to read the folder
 */
StellarCollections *
stellar_collections_new (GFile *directory)
{
  g_return_val_if_fail (directory == NULL || G_IS_FILE (directory), NULL);

  return g_object_new (STELLAR_TYPE_COLLECTIONS, "directory", directory, NULL);
}

/**
 * stellar_collections_get_directory:
 * @self: a #StellarCollections
 *
 * Returns: (transfer none): the folder of the collection files
 */
GFile *
stellar_collections_get_directory (StellarCollections *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), NULL);

  return self->directory;
}

const char *
stellar_collections_get_error_message (StellarCollections *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), NULL);

  return self->error_message;
}

/**
 * stellar_collections_lookup:
 * @self: a #StellarCollections
 * @name: a collection name
 *
 * Returns: (transfer none) (nullable): the collection called @name
 */
StellarCollection *
stellar_collections_lookup (StellarCollections *self,
                            const char         *name)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->collections->len; i++)
    {
      StellarCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_strcmp0 (stellar_collection_get_name (collection), name) == 0)
        return collection;
    }

  return NULL;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_stellar_collections_scan_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _stellar_collections_follow_folder (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_collections_load_async:
 * @self: a #StellarCollections
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the folder is read
 * @user_data: data for @callback
 *
 * Reads the folder, creating it if needed, and from then on follows it:
 * collections other programs add, change or delete there show up in the
 * list.
 */
void
stellar_collections_load_async (StellarCollections  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTIONS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_collections_load_async);

  _stellar_collections_scan_async (self, cancellable, on_loaded, g_steal_pointer (&task));
}

gboolean
stellar_collections_load_finish (StellarCollections  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lists @collection, named @wanted or after it, with a new file of its own. */
static gboolean
add_new_collection (StellarCollections  *self,
                    StellarCollection   *collection,
                    const char          *wanted,
                    GError             **error)
{
  g_autofree char *name = _stellar_unique_name (wanted, is_collection_name_taken, self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (self->directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  file = _stellar_collections_new_file (self, name);
  _stellar_collection_set_name (collection, name);
  _stellar_collection_set_file (collection, file);

  if (!write_collection (collection, error))
    return FALSE;

  _stellar_collections_insert (self, collection);
  return TRUE;
}

/**
 * stellar_collections_create:
 * @self: a #StellarCollections
 * @name: the new collection's name; numbered if another has it
 * @error: return location for a #GError
 *
 * Creates an empty collection and its file.
 *
 * Returns: (transfer none): the new collection, or %NULL with @error set
 *   when its file cannot be written
 */
StellarCollection *
stellar_collections_create (StellarCollections  *self,
                            const char          *name,
                            GError             **error)
{
  g_autoptr(StellarCollection) collection = NULL;

  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  collection = _stellar_collection_new (name, NULL);
  if (!add_new_collection (self, collection, name, error))
    return NULL;

  return collection;  /* the list keeps it */
}

/**
 * stellar_collections_remove:
 * @self: a #StellarCollections
 * @collection: one of its collections
 * @error: return location for a #GError
 *
 * Deletes the collection and its file. When the file cannot be deleted,
 * the collection stays.
 *
 * Returns: whether it was removed
 */
gboolean
stellar_collections_remove (StellarCollections  *self,
                            StellarCollection   *collection,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), FALSE);
  g_return_val_if_fail (STELLAR_IS_COLLECTION (collection), FALSE);

  if (!g_ptr_array_find (self->collections, collection, NULL))
    return TRUE;

  if (!g_file_delete (_stellar_collection_get_file (collection), NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _stellar_collections_take_out (self, collection);
  return TRUE;
}

/**
 * stellar_collections_rename:
 * @self: a #StellarCollections
 * @collection: one of its collections
 * @name: its new name; numbered if another collection has it
 */
void
stellar_collections_rename (StellarCollections *self,
                            StellarCollection  *collection,
                            const char         *name)
{
  g_autofree char *unique = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTIONS (self));
  g_return_if_fail (STELLAR_IS_COLLECTION (collection));
  g_return_if_fail (name != NULL && *name != '\0');

  if (g_strcmp0 (stellar_collection_get_name (collection), name) == 0)
    return;

  unique = _stellar_unique_name (name, is_collection_name_taken, self);
  _stellar_collection_set_name (collection, unique);
  _stellar_collections_reposition (self, collection);
}

/* --- export and import --------------------------------------------------- */

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stellar_collections_export_async:
 * @self: a #StellarCollections
 * @collection: the collection to export
 * @file: where to write it, replacing what is there
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once it is written
 * @user_data: data for @callback
 *
 * Writes @collection to @file, in the format of the collection files.
 */
void
stellar_collections_export_async (StellarCollections  *self,
                                  StellarCollection   *collection,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) content = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTIONS (self));
  g_return_if_fail (STELLAR_IS_COLLECTION (collection));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_collections_export_async);

  content = stellar_collection_format_write (stellar_collection_get_name (collection), G_LIST_MODEL (collection));
  g_file_replace_contents_bytes_async (file, content, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_exported, g_steal_pointer (&task));
}

gboolean
stellar_collections_export_finish (StellarCollections  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_import_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarCollections *self = g_task_get_source_object (task);
  g_autoptr(StellarCollection) collection = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  content = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (content == NULL || !stellar_collection_format_read (content, &name, &requests, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* requests one by one: names the file repeats get a number */
  collection = _stellar_collection_new (name, NULL);
  for (guint i = 0; i < requests->len; i++)
    stellar_collection_add_request (collection, g_ptr_array_index (requests, i));

  if (!add_new_collection (self, collection, name, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&collection), g_object_unref);
}

static void
on_import_queried (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_size (info) > STELLAR_COLLECTION_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file is too large to be a collection"));
      return;
    }

  g_file_load_bytes_async (G_FILE (object), cancellable, on_import_read, g_steal_pointer (&task));
}

/**
 * stellar_collections_import_async:
 * @self: a #StellarCollections
 * @file: a collection file, such as one stellar_collections_export_async()
 *   wrote
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once it is imported, or not
 * @user_data: data for @callback
 *
 * Adds the collection @file holds, as a new collection: numbered if one of
 * that name exists already. A file that is not a collection changes
 * nothing and fails with a message for people.
 */
void
stellar_collections_import_async (StellarCollections  *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTIONS (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_collections_import_async);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           cancellable, on_import_queried, g_steal_pointer (&task));
}

/**
 * stellar_collections_import_finish:
 * @self: a #StellarCollections
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the imported collection, or %NULL with @error
 *   set
 */
StellarCollection *
stellar_collections_import_finish (StellarCollections  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
