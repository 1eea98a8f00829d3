/* stellar-collections-popover.h: the saved requests, to open, rename, delete, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-action-request.h"
#include "stellar-collections.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_COLLECTIONS_POPOVER (stellar_collections_popover_get_type ())

G_DECLARE_FINAL_TYPE (StellarCollectionsPopover, stellar_collections_popover, STELLAR, COLLECTIONS_POPOVER, GtkPopover)

StellarCollections   *stellar_collections_popover_get_collections (StellarCollectionsPopover *self);
void                  stellar_collections_popover_set_collections (StellarCollectionsPopover *self,
                                                                   StellarCollections        *collections);
StellarActionRequest *stellar_collections_popover_get_request     (StellarCollectionsPopover *self);
void                  stellar_collections_popover_set_request     (StellarCollectionsPopover *self,
                                                                   StellarActionRequest      *request);
const char           *stellar_collections_popover_get_message     (StellarCollectionsPopover *self);

void                  stellar_collections_popover_export_to_file  (StellarCollectionsPopover *self,
                                                                   StellarCollection         *collection,
                                                                   GFile                     *file);
void                  stellar_collections_popover_import_file     (StellarCollectionsPopover *self,
                                                                   GFile                     *file);

G_END_DECLS
