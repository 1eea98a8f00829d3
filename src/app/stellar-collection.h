/* stellar-collection.h: named requests kept together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-saved-request.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_COLLECTION (stellar_collection_get_type ())

G_DECLARE_FINAL_TYPE (StellarCollection, stellar_collection, STELLAR, COLLECTION, GObject)

const char          *stellar_collection_get_name       (StellarCollection   *self);
StellarSavedRequest *stellar_collection_lookup_request (StellarCollection   *self,
                                                        const char          *name);
void                 stellar_collection_add_request    (StellarCollection   *self,
                                                        StellarSavedRequest *request);
void                 stellar_collection_remove_request (StellarCollection   *self,
                                                        StellarSavedRequest *request);
void                 stellar_collection_rename_request (StellarCollection   *self,
                                                        StellarSavedRequest *request,
                                                        const char          *name);

G_END_DECLS
