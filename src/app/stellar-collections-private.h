/* stellar-collections-private.h: the collections list's state, shared by its two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-collections.h"

G_BEGIN_DECLS

struct _StellarCollections
{
  GObject       parent_instance;

  GFile        *directory;
  /* StellarCollection items, by name */
  GPtrArray    *collections;
  char         *error_message;

  /* collections changed since they were last written, and the idle
   * callback that writes them */
  GPtrArray    *unsaved;
  guint         save_source;

  /* following the folder: what other programs (another window of the app,
   * the person with a text editor) do to it */
  GFileMonitor *monitor;
  GCancellable *cancellable;
  guint         rescan_source;
  gboolean      scanning;
  gboolean      rescan_needed;
};

/* stellar-collections.c */
void     _stellar_collections_set_error_message (StellarCollections *self,
                                                 const char         *message);
void     _stellar_collections_insert            (StellarCollections *self,
                                                 StellarCollection  *collection);
void     _stellar_collections_take_out          (StellarCollections *self,
                                                 StellarCollection  *collection);
void     _stellar_collections_reposition        (StellarCollections *self,
                                                 StellarCollection  *collection);

/* stellar-collections-folder.c */
void     _stellar_collections_scan_async        (StellarCollections  *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean _stellar_collections_scan_finish       (StellarCollections  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void     _stellar_collections_follow_folder     (StellarCollections  *self);
void     _stellar_collections_stop_following    (StellarCollections  *self);
GFile   *_stellar_collections_new_file          (StellarCollections  *self,
                                                 const char          *name);

G_END_DECLS
