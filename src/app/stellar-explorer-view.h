/* stellar-explorer-view.h: the Actions page, where actions are called
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-collections.h"
#include "stellar-explorer.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_EXPLORER_VIEW (stellar_explorer_view_get_type ())

G_DECLARE_FINAL_TYPE (StellarExplorerView, stellar_explorer_view, STELLAR, EXPLORER_VIEW, GtkWidget)

StellarExplorer *stellar_explorer_view_get_explorer (StellarExplorerView *self);
void             stellar_explorer_view_set_explorer (StellarExplorerView *self,
                                                     StellarExplorer     *explorer);
StellarCollections *stellar_explorer_view_get_collections (StellarExplorerView *self);
void                stellar_explorer_view_set_collections (StellarExplorerView *self,
                                                           StellarCollections  *collections);

G_END_DECLS
