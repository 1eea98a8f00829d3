/* stellar-collection-private.h: what only the collections list does with a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-collection.h"

G_BEGIN_DECLS

StellarCollection *_stellar_collection_new               (const char        *name,
                                                          GPtrArray         *requests);
void               _stellar_collection_set_name          (StellarCollection *self,
                                                          const char        *name);
void               _stellar_collection_replace           (StellarCollection *self,
                                                          const char        *name,
                                                          GPtrArray         *requests);
GFile             *_stellar_collection_get_file          (StellarCollection *self);
void               _stellar_collection_set_file          (StellarCollection *self,
                                                          GFile             *file);
GBytes            *_stellar_collection_get_file_content  (StellarCollection *self);
void               _stellar_collection_set_file_content  (StellarCollection *self,
                                                          GBytes            *content);

char              *_stellar_unique_name                  (const char        *wanted,
                                                          gboolean         (*is_taken) (const char *name,
                                                                                        gpointer    data),
                                                          gpointer           data);

G_END_DECLS
