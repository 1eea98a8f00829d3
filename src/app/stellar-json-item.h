/* stellar-json-item.h: one value of a JSON document, as a tree row shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * StellarJsonKind:
 * @STELLAR_JSON_KIND_OBJECT: an object
 * @STELLAR_JSON_KIND_ARRAY: an array
 * @STELLAR_JSON_KIND_STRING: a string
 * @STELLAR_JSON_KIND_NUMBER: a number
 * @STELLAR_JSON_KIND_BOOLEAN: `true` or `false`
 * @STELLAR_JSON_KIND_NULL: `null`
 *
 * The type of a JSON value.
 */
typedef enum {
  STELLAR_JSON_KIND_OBJECT,
  STELLAR_JSON_KIND_ARRAY,
  STELLAR_JSON_KIND_STRING,
  STELLAR_JSON_KIND_NUMBER,
  STELLAR_JSON_KIND_BOOLEAN,
  STELLAR_JSON_KIND_NULL,
} StellarJsonKind;

#define STELLAR_TYPE_JSON_KIND (stellar_json_kind_get_type ())
GType stellar_json_kind_get_type (void);

/* The longest preview, in characters, before it is cut with "…". */
#define STELLAR_JSON_ITEM_PREVIEW_LENGTH 80

#define STELLAR_TYPE_JSON_ITEM (stellar_json_item_get_type ())

G_DECLARE_FINAL_TYPE (StellarJsonItem, stellar_json_item, STELLAR, JSON_ITEM, GObject)

StellarJsonItem *stellar_json_item_new            (JsonNode        *node,
                                                   const char      *key,
                                                   int              index);
JsonNode        *stellar_json_item_get_node       (StellarJsonItem *self);
const char      *stellar_json_item_get_key        (StellarJsonItem *self);
int              stellar_json_item_get_index      (StellarJsonItem *self);
StellarJsonKind  stellar_json_item_get_kind       (StellarJsonItem *self);
const char      *stellar_json_item_get_preview    (StellarJsonItem *self);
guint            stellar_json_item_get_n_children (StellarJsonItem *self);
GListModel      *stellar_json_item_get_children   (StellarJsonItem *self);
char            *stellar_json_item_dup_text       (StellarJsonItem *self);

G_END_DECLS
