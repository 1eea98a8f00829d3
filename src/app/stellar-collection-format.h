/* stellar-collection-format.h: a collection as a JSON file (docs/collections.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STELLAR_COLLECTION_FORMAT "stellar-collection"
#define STELLAR_COLLECTION_FORMAT_VERSION 1
/* Larger files are refused rather than read. */
#define STELLAR_COLLECTION_MAX_FILE_SIZE (16 * 1024 * 1024)

GBytes  *stellar_collection_format_write (const char  *name,
                                          GListModel  *requests);
gboolean stellar_collection_format_read  (GBytes      *content,
                                          char       **name,
                                          GPtrArray  **requests,
                                          GError     **error);

G_END_DECLS
