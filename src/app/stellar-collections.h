/* stellar-collections.h: every collection of saved requests, in the user's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-collection.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_COLLECTIONS (stellar_collections_get_type ())

G_DECLARE_FINAL_TYPE (StellarCollections, stellar_collections, STELLAR, COLLECTIONS, GObject)

StellarCollections *stellar_collections_new               (GFile               *directory);
GFile              *stellar_collections_get_directory     (StellarCollections  *self);
const char         *stellar_collections_get_error_message (StellarCollections  *self);
StellarCollection  *stellar_collections_lookup            (StellarCollections  *self,
                                                           const char          *name);

void                stellar_collections_load_async        (StellarCollections  *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            stellar_collections_load_finish       (StellarCollections  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

StellarCollection  *stellar_collections_create            (StellarCollections  *self,
                                                           const char          *name,
                                                           GError             **error);
gboolean            stellar_collections_remove            (StellarCollections  *self,
                                                           StellarCollection   *collection,
                                                           GError             **error);
void                stellar_collections_rename            (StellarCollections  *self,
                                                           StellarCollection   *collection,
                                                           const char          *name);

void                stellar_collections_export_async      (StellarCollections  *self,
                                                           StellarCollection   *collection,
                                                           GFile               *file,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            stellar_collections_export_finish     (StellarCollections  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                stellar_collections_import_async      (StellarCollections  *self,
                                                           GFile               *file,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
StellarCollection  *stellar_collections_import_finish     (StellarCollections  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
