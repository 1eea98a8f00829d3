/* stellar-collections-folder.c: reading the collections folder, and following it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-collection-format.h"
#include "stellar-collection-private.h"
#include "stellar-collections-private.h"

/* The folder holds one `.json` file per collection. It is read in a
 * worker thread; the list then takes what changed: a file whose content
 * is what this process last read or wrote is left alone, so saving a
 * collection does not reload it. A file monitor on the folder reads it
 * again, a moment after anything happens there, so windows and other
 * instances of the app see each other's changes. A file that is not a
 * collection is left untouched on disk and named in
 * [property@Collections:error-message]. */

#define RESCAN_DELAY_MS 100

typedef struct {
  GFile     *file;
  GBytes    *content;
  char      *name;
  GPtrArray *requests;
  GError    *error;
} FolderEntry;

static void
folder_entry_free (FolderEntry *entry)
{
  g_clear_object (&entry->file);
  g_clear_pointer (&entry->content, g_bytes_unref);
  g_clear_pointer (&entry->name, g_free);
  g_clear_pointer (&entry->requests, g_ptr_array_unref);
  g_clear_error (&entry->error);
  g_free (entry);
}

static gboolean
is_collection_file_name (const char *name)
{
  /* hidden files include the temporary ones of a file being replaced */
  return name[0] != '.' && g_str_has_suffix (name, ".json");
}

/* In a worker thread: every collection file of @directory, read. */
static void
scan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *directory = task_data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) folder_entry_free);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (directory, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  children = g_file_enumerate_children (directory,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (children == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      FolderEntry *entry;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !is_collection_file_name (g_file_info_get_name (info)))
        continue;

      entry = g_new0 (FolderEntry, 1);
      entry->file = g_object_ref (child);
      if (g_file_info_get_size (info) > STELLAR_COLLECTION_MAX_FILE_SIZE)
        entry->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                            _("The file is too large to be a collection"));
      else
        entry->content = g_file_load_bytes (child, cancellable, NULL, &entry->error);
      if (entry->content != NULL)
        stellar_collection_format_read (entry->content, &entry->name, &entry->requests, &entry->error);

      /* gone between listing and reading: as if never listed */
      if (g_error_matches (entry->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        folder_entry_free (entry);
      else
        g_ptr_array_add (entries, entry);
    }

  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

static StellarCollection *
find_by_file (StellarCollections *self,
              GFile              *file)
{
  for (guint i = 0; i < self->collections->len; i++)
    {
      StellarCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_file_equal (_stellar_collection_get_file (collection), file))
        return collection;
    }

  return NULL;
}

/* The list takes what the folder says now. */
static void
merge (StellarCollections *self,
       GPtrArray          *entries)
{
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      FolderEntry *entry = g_ptr_array_index (entries, i);
      StellarCollection *collection = find_by_file (self, entry->file);

      if (entry->error != NULL)
        {
          g_autofree char *basename = g_file_get_basename (entry->file);

          /* a collection listed already stays as it is */
          if (collection != NULL)
            g_ptr_array_add (listed, g_object_ref (collection));
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append_printf (problems, _("“%s” is not readable: %s"), basename, entry->error->message);
          continue;
        }

      /* deleted since it was read (by this list, perhaps): not brought back */
      if (collection == NULL && !g_file_query_exists (entry->file, NULL))
        continue;

      if (collection == NULL)
        {
          g_autoptr(StellarCollection) added = _stellar_collection_new (entry->name, entry->requests);

          _stellar_collection_set_file (added, entry->file);
          _stellar_collection_set_file_content (added, entry->content);
          _stellar_collections_insert (self, added);
          g_ptr_array_add (listed, g_object_ref (added));
          continue;
        }

      g_ptr_array_add (listed, g_object_ref (collection));
      if (g_bytes_equal (entry->content, _stellar_collection_get_file_content (collection)))
        continue;

      _stellar_collection_replace (collection, entry->name, entry->requests);
      _stellar_collection_set_file_content (collection, entry->content);
      _stellar_collections_reposition (self, collection);
    }

  /* files deleted; a collection created while the folder was being read
   * has a file the reading did not see */
  for (guint i = self->collections->len; i > 0; i--)
    {
      StellarCollection *collection = g_ptr_array_index (self->collections, i - 1);

      if (!g_ptr_array_find (listed, collection, NULL) &&
          !g_file_query_exists (_stellar_collection_get_file (collection), NULL))
        _stellar_collections_take_out (self, collection);
    }

  _stellar_collections_set_error_message (self, problems->len > 0 ? problems->str : NULL);
}

static void
on_scanned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  self->scanning = FALSE;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _stellar_collections_set_error_message (self, error->message);
      g_task_return_error (task, error);
      return;
    }

  merge (self, entries);
  g_task_return_boolean (task, TRUE);
}

/* Reads the folder and brings the list in line with it. */
void
_stellar_collections_scan_async (StellarCollections  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) scan = g_task_new (self, cancellable, on_scanned, g_object_ref (task));

  g_task_set_source_tag (task, _stellar_collections_scan_async);
  g_task_set_task_data (scan, g_file_dup (self->directory), g_object_unref);

  self->scanning = TRUE;
  g_task_run_in_thread (scan, scan_in_thread);
}

gboolean
_stellar_collections_scan_finish (StellarCollections  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- following the folder ------------------------------------------------ */

static void schedule_rescan (StellarCollections *self);

static void
on_rescanned (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StellarCollections *self = STELLAR_COLLECTIONS (object);
  g_autoptr(GError) error = NULL;

  _stellar_collections_scan_finish (self, result, &error);

  if (self->rescan_needed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    schedule_rescan (self);
}

static gboolean
rescan (gpointer user_data)
{
  StellarCollections *self = user_data;

  self->rescan_source = 0;
  self->rescan_needed = FALSE;
  _stellar_collections_scan_async (self, self->cancellable, on_rescanned, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_rescan (StellarCollections *self)
{
  if (self->scanning)
    {
      self->rescan_needed = TRUE;
      return;
    }

  if (self->rescan_source == 0)
    self->rescan_source = g_timeout_add (RESCAN_DELAY_MS, rescan, self);
}

static void
on_folder_changed (StellarCollections *self,
                   GFile              *file,
                   GFile              *other_file,
                   GFileMonitorEvent   event,
                   GFileMonitor       *monitor)
{
  schedule_rescan (self);
}

void
_stellar_collections_follow_folder (StellarCollections *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    return;

  self->monitor = g_file_monitor_directory (self->directory, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not following %s: %s", g_file_peek_path (self->directory), error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_folder_changed), self, G_CONNECT_SWAPPED);
}

void
_stellar_collections_stop_following (StellarCollections *self)
{
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  g_clear_handle_id (&self->rescan_source, g_source_remove);
}

/* --- file names ---------------------------------------------------------- */

/* "Log-in flows (v2)" → "log-in-flows-v2" */
static char *
make_slug (const char *name)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = name; *p != '\0' && slug->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "collection");

  return g_string_free (slug, FALSE);
}

/* A file of the folder, named after @name, that neither exists nor is
 * any collection's. */
GFile *
_stellar_collections_new_file (StellarCollections *self,
                               const char         *name)
{
  g_autofree char *slug = make_slug (name);

  for (guint n = 1; ; n++)
    {
      g_autofree char *basename = n == 1 ? g_strdup_printf ("%s.json", slug)
                                         : g_strdup_printf ("%s-%u.json", slug, n);
      g_autoptr(GFile) file = g_file_get_child (self->directory, basename);

      if (find_by_file (self, file) == NULL && !g_file_query_exists (file, NULL))
        return g_steal_pointer (&file);
    }
}
