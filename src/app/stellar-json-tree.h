/* stellar-json-tree.h: a JSON value as a list model for a tree view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stellar-json-item.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_JSON_TREE (stellar_json_tree_get_type ())

G_DECLARE_FINAL_TYPE (StellarJsonTree, stellar_json_tree, STELLAR, JSON_TREE, GObject)

StellarJsonTree *stellar_json_tree_new                (JsonNode        *root);
StellarJsonTree *stellar_json_tree_new_from_text      (const char      *text,
                                                       gssize           length,
                                                       GError         **error);
JsonNode        *stellar_json_tree_get_root           (StellarJsonTree *self);
char            *stellar_json_tree_dup_text           (StellarJsonTree *self);

GListModel      *stellar_json_tree_create_child_model (gpointer         item,
                                                       gpointer         user_data);

G_END_DECLS
