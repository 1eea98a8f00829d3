/* stellar-json-tree.c: a JSON value as a list model for a tree view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-json-text-private.h"
#include "stellar-json-tree.h"

/* A GListModel of #StellarJsonItem: the members of an object or the
 * elements of an array, or the value itself when it is neither. Items are
 * made when first asked for, and kept, so that a tree of a 5 MB response
 * costs only the rows shown; each item makes its own children's model
 * when expanded (stellar_json_tree_create_child_model() for a
 * GtkTreeListModel). Nothing here recurses. */
struct _StellarJsonTree
{
  GObject      parent_instance;

  JsonNode    *root;
  /* for an object, its member names in order (owned by the object) */
  const char **names;
  JsonNode   **values;
  guint        n_items;
  GPtrArray   *items;
};

static GType
stellar_json_tree_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_JSON_ITEM;
}

static guint
stellar_json_tree_get_n_items (GListModel *model)
{
  return STELLAR_JSON_TREE (model)->n_items;
}

static gpointer
stellar_json_tree_get_item (GListModel *model,
                            guint       position)
{
  StellarJsonTree *self = STELLAR_JSON_TREE (model);
  StellarJsonItem *item;

  if (position >= self->n_items)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      if (self->names != NULL)
        item = stellar_json_item_new (self->values[position], self->names[position], -1);
      else if (JSON_NODE_HOLDS_ARRAY (self->root))
        item = stellar_json_item_new (json_array_get_element (json_node_get_array (self->root), position),
                                      NULL, position);
      else
        item = stellar_json_item_new (self->root, NULL, -1);

      g_ptr_array_index (self->items, position) = item;
    }

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_json_tree_get_item_type;
  iface->get_n_items = stellar_json_tree_get_n_items;
  iface->get_item = stellar_json_tree_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarJsonTree, stellar_json_tree, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
stellar_json_tree_finalize (GObject *object)
{
  StellarJsonTree *self = STELLAR_JSON_TREE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->names);
  g_free (self->values);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (stellar_json_tree_parent_class)->finalize (object);
}

static void
stellar_json_tree_class_init (StellarJsonTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_json_tree_finalize;
}

static void
stellar_json_tree_init (StellarJsonTree *self)
{
}

/**
 * stellar_json_tree_new:
 * @root: a JSON value
 *
 * Returns: (transfer full): a model of @root's members or elements, or of
 *   @root alone when it is neither an object nor an array
 */
StellarJsonTree *
stellar_json_tree_new (JsonNode *root)
{
  StellarJsonTree *self;

  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (STELLAR_TYPE_JSON_TREE, NULL);
  self->root = json_node_ref (root);

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      guint i = 0;

      self->n_items = json_object_get_size (object);
      self->names = g_new (const char *, self->n_items);
      self->values = g_new (JsonNode *, self->n_items);
      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          self->names[i] = name;
          self->values[i] = value;
          i++;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      self->n_items = json_array_get_length (json_node_get_array (root));
    }
  else
    {
      self->n_items = 1;
    }

  self->items = g_ptr_array_new_full (self->n_items, unref_item);
  g_ptr_array_set_size (self->items, self->n_items);

  return self;
}

/**
 * stellar_json_tree_new_from_text:
 * @text: JSON text
 * @length: its length, or -1 when it ends with a NUL
 * @error: where to put an error
 *
 * Parses @text, refusing documents nested deeper than the client library
 * accepts (json-glib's parser has no limit, and recurses).
 *
 * Returns: (transfer full) (nullable): a model of the value, or %NULL
 */
StellarJsonTree *
stellar_json_tree_new_from_text (const char  *text,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!_stellar_json_text_nests_within (text, length, STELLAR_JSON_MAX_DEPTH))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The JSON is nested more than %d levels deep"), STELLAR_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("The text is empty"));
      return NULL;
    }

  return stellar_json_tree_new (json_parser_get_root (parser));
}

/**
 * stellar_json_tree_get_root:
 * @self: a #StellarJsonTree
 *
 * Returns: (transfer none): the value the model shows
 */
JsonNode *
stellar_json_tree_get_root (StellarJsonTree *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_TREE (self), NULL);

  return self->root;
}

/**
 * stellar_json_tree_dup_text:
 * @self: a #StellarJsonTree
 *
 * Returns: (transfer full): the whole value as indented JSON text, for
 *   copying (in one line when it nests very deep)
 */
char *
stellar_json_tree_dup_text (StellarJsonTree *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_TREE (self), NULL);

  return _stellar_json_node_to_text (self->root);
}

/**
 * stellar_json_tree_create_child_model:
 * @item: (type StellarJsonItem): a row's item
 * @user_data: unused
 *
 * A #GtkTreeListModelCreateModelFunc: `gtk_tree_list_model_new (tree,
 * FALSE, FALSE, stellar_json_tree_create_child_model, NULL, NULL)`.
 *
 * Returns: (transfer full) (nullable): the item's children, or %NULL
 */
GListModel *
stellar_json_tree_create_child_model (gpointer item,
                                      gpointer user_data)
{
  GListModel *children = stellar_json_item_get_children (STELLAR_JSON_ITEM (item));

  return children != NULL ? g_object_ref (children) : NULL;
}
