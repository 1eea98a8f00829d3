/* test-json-tree.c: JSON values as lazy tree models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-json-tree.h"

static StellarJsonTree *
tree_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  StellarJsonTree *tree = stellar_json_tree_new_from_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  return tree;
}

static StellarJsonItem *
get_item (GListModel *model,
          guint       position)
{
  StellarJsonItem *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item); /* the model keeps it */
  return item;
}

static void
assert_item (StellarJsonItem *item,
             const char      *key,
             int              index,
             StellarJsonKind  kind,
             const char      *preview,
             guint            n_children)
{
  g_assert_cmpstr (stellar_json_item_get_key (item), ==, key);
  g_assert_cmpint (stellar_json_item_get_index (item), ==, index);
  g_assert_cmpint (stellar_json_item_get_kind (item), ==, kind);
  g_assert_cmpstr (stellar_json_item_get_preview (item), ==, preview);
  g_assert_cmpuint (stellar_json_item_get_n_children (item), ==, n_children);
  g_assert_true ((stellar_json_item_get_children (item) != NULL) == (n_children > 0));
}

static void
test_scalar (void)
{
  g_autoptr(StellarJsonTree) tree = tree_from_text ("\"hello\"");
  g_autofree char *text = stellar_json_tree_dup_text (tree);
  GListModel *model = G_LIST_MODEL (tree);

  g_assert_true (g_list_model_get_item_type (model) == STELLAR_TYPE_JSON_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_item (get_item (model, 0), NULL, -1, STELLAR_JSON_KIND_STRING, "\"hello\"", 0);
  g_assert_null (g_list_model_get_item (model, 1));
  g_assert_cmpstr (text, ==, "\"hello\"");
}

static void
test_object (void)
{
  g_autoptr(StellarJsonTree) tree =
    tree_from_text ("{\"echo\":\"say \\\"hi\\\"\\nbye\",\"n\":3,\"f\":1.5,\"ok\":true,\"none\":null,"
                    "\"nested\":{\"a\":[1,2],\"b\":\"x\"},\"empty\":{},\"list\":[]}");
  GListModel *model = G_LIST_MODEL (tree);
  StellarJsonItem *nested;
  GListModel *children;
  StellarJsonItem *a;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
  assert_item (get_item (model, 0), "echo", -1, STELLAR_JSON_KIND_STRING, "\"say \\\"hi\\\"\\nbye\"", 0);
  assert_item (get_item (model, 1), "n", -1, STELLAR_JSON_KIND_NUMBER, "3", 0);
  assert_item (get_item (model, 2), "f", -1, STELLAR_JSON_KIND_NUMBER, "1.5", 0);
  assert_item (get_item (model, 3), "ok", -1, STELLAR_JSON_KIND_BOOLEAN, "true", 0);
  assert_item (get_item (model, 4), "none", -1, STELLAR_JSON_KIND_NULL, "null", 0);
  assert_item (get_item (model, 5), "nested", -1, STELLAR_JSON_KIND_OBJECT, "{\"a\": […], \"b\": \"x\"}", 2);
  assert_item (get_item (model, 6), "empty", -1, STELLAR_JSON_KIND_OBJECT, "{}", 0);
  assert_item (get_item (model, 7), "list", -1, STELLAR_JSON_KIND_ARRAY, "[]", 0);

  /* items and child models are made once */
  g_assert_true (get_item (model, 5) == get_item (model, 5));
  nested = get_item (model, 5);
  children = stellar_json_item_get_children (nested);
  g_assert_true (children == stellar_json_item_get_children (nested));

  a = get_item (children, 0);
  assert_item (a, "a", -1, STELLAR_JSON_KIND_ARRAY, "[1, 2]", 2);
  assert_item (get_item (stellar_json_item_get_children (a), 1), NULL, 1, STELLAR_JSON_KIND_NUMBER, "2", 0);

  {
    g_autofree char *text = stellar_json_item_dup_text (nested);

    g_assert_cmpstr (text, ==, "{\n  \"a\" : [\n    1,\n    2\n  ],\n  \"b\" : \"x\"\n}");
  }
}

static void
test_long_values (void)
{
  g_autofree char *long_string = g_strnfill (1000, 'x');
  g_autofree char *text = g_strdup_printf ("[\"%s\",[%s1],\"%s\"]",
                                           long_string,
                                           "1000000, 1000000, 1000000, 1000000, 1000000, 1000000, 1000000, "
                                           "1000000, 1000000, 1000000, 1000000, 1000000, ",
                                           "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé");
  g_autoptr(StellarJsonTree) tree = tree_from_text (text);
  GListModel *model = G_LIST_MODEL (tree);

  for (guint i = 0; i < 3; i++)
    {
      const char *preview = stellar_json_item_get_preview (get_item (model, i));

      g_assert_true (g_utf8_validate (preview, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (preview, -1), ==, STELLAR_JSON_ITEM_PREVIEW_LENGTH);
      g_assert_true (g_str_has_suffix (preview, "…"));
    }
  g_assert_true (g_str_has_prefix (stellar_json_item_get_preview (get_item (model, 0)), "\"xxxx"));
  g_assert_true (g_str_has_prefix (stellar_json_item_get_preview (get_item (model, 1)), "[1000000, 1000000"));
}

/* The model drives a GtkTreeListModel: rows appear as they are expanded. */
static void
test_tree_list_model (void)
{
  g_autoptr(StellarJsonTree) tree = tree_from_text ("{\"a\":{\"b\":{\"c\":1}},\"d\":[true,false]}");
  g_autoptr(GtkTreeListModel) rows = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  rows = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (tree)), FALSE, FALSE,
                                  stellar_json_tree_create_child_model, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);

  row = gtk_tree_list_model_get_row (rows, 0);
  g_assert_true (gtk_tree_list_row_is_expandable (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);
  g_clear_object (&row);

  row = gtk_tree_list_model_get_row (rows, 1);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  g_clear_object (&row);

  row = gtk_tree_list_model_get_row (rows, 2);
  g_assert_false (gtk_tree_list_row_is_expandable (row));
  g_assert_cmpstr (stellar_json_item_get_key (gtk_tree_list_row_get_item (row)), ==, "c");
  g_object_unref (gtk_tree_list_row_get_item (row));
}

/* A wide document: only the rows asked for exist. */
static void
test_wide (void)
{
  g_autoptr(GString) array_text = g_string_new ("[");
  g_autoptr(GString) object_text = g_string_new ("{");
  g_autoptr(StellarJsonTree) array = NULL;
  g_autoptr(StellarJsonTree) object = NULL;
  StellarJsonItem *last;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (array_text, "%s%u", i > 0 ? "," : "", i);
  g_string_append_c (array_text, ']');
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (object_text, "%s\"k%u\":%u", i > 0 ? "," : "", i, i);
  g_string_append_c (object_text, '}');

  array = tree_from_text (array_text->str);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (array)), ==, 200000);
  last = get_item (G_LIST_MODEL (array), 199999);
  assert_item (last, NULL, 199999, STELLAR_JSON_KIND_NUMBER, "199999", 0);

  object = tree_from_text (object_text->str);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (object)), ==, 100000);
  assert_item (get_item (G_LIST_MODEL (object), 0), "k0", -1, STELLAR_JSON_KIND_NUMBER, "0", 0);
  assert_item (get_item (G_LIST_MODEL (object), 99999), "k99999", -1, STELLAR_JSON_KIND_NUMBER, "99999", 0);

  /* the root's own preview stops early */
  {
    g_autoptr(StellarJsonItem) root = stellar_json_item_new (stellar_json_tree_get_root (object), NULL, -1);

    g_assert_cmpuint (g_utf8_strlen (stellar_json_item_get_preview (root), -1), ==, STELLAR_JSON_ITEM_PREVIEW_LENGTH);
    g_assert_cmpuint (stellar_json_item_get_n_children (root), ==, 100000);
  }
}

/* A 5 MB response, as an action may return. */
static void
test_large_response (void)
{
  g_autoptr(GString) text = g_string_new ("{\"rows\":[");
  g_autoptr(StellarJsonTree) tree = NULL;
  g_autofree char *copy = NULL;
  GListModel *rows;

  for (guint i = 0; text->len < 5 * 1024 * 1024; i++)
    g_string_append_printf (text, "%s{\"id\":%u,\"name\":\"user %u\",\"tags\":[\"a\",\"b\"],\"score\":%u.5}",
                            i > 0 ? "," : "", i, i, i);
  g_string_append (text, "],\"context\":\"response\",\"messageCount\":7}");

  tree = tree_from_text (text->str);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, 3);
  rows = stellar_json_item_get_children (get_item (G_LIST_MODEL (tree), 0));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 50000);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *expected = g_strdup_printf ("{\"id\": %u, \"name\": \"user %u\", \"tags\": […], \"score\": %u.5}", i, i, i);

      g_assert_cmpstr (stellar_json_item_get_preview (get_item (rows, i)), ==, expected);
    }

  copy = stellar_json_tree_dup_text (tree);
  g_assert_cmpuint (strlen (copy), >, text->len);
}

/* A hostile document nested 10 000 deep: refused before json-glib's
 * parser, which has no limit of its own and recurses (100 000 levels
 * overflow its stack), and refused by the client library's decoder too. */
static void
test_deep_text (void)
{
  g_autofree char *open = g_strnfill (10000, '[');
  g_autofree char *close = g_strnfill (10000, ']');
  g_autofree char *deep = g_strconcat (open, close, NULL);
  g_autofree char *quoted = g_strdup_printf ("[\"%s\"]", open);
  g_autoptr(StellarJsonTree) tree = NULL;
  g_autoptr(StellarJsonTree) fine = NULL;
  g_autoptr(GError) error = NULL;

  tree = stellar_json_tree_new_from_text (deep, -1, &error);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_null (tree);
  g_clear_error (&error);

  /* brackets inside strings do not count */
  fine = tree_from_text (quoted);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fine)), ==, 1);

  tree = stellar_json_tree_new_from_text ("{\"a\":", -1, &error);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_null (tree);
}

/* A value built 10 000 deep (not through the parser): walking down it and
 * copying it recurse nowhere in the tree. */
static void
test_deep_value (void)
{
  const guint depth = 10000;
  g_autoptr(JsonNode) root = json_node_alloc ();
  g_autoptr(StellarJsonTree) tree = NULL;
  g_autofree char *text = NULL;
  GListModel *level;

  json_node_init_int (root, 42);
  for (guint i = 0; i < depth; i++)
    {
      JsonArray *array = json_array_new ();
      JsonNode *outer = json_node_alloc ();

      json_array_add_element (array, g_steal_pointer (&root));
      json_node_init_array (outer, array);
      json_array_unref (array);
      root = outer;
    }

  tree = stellar_json_tree_new (root);
  level = G_LIST_MODEL (tree);
  for (guint i = 1; i < depth - 1; i++)
    {
      StellarJsonItem *item = get_item (level, 0);

      g_assert_cmpstr (stellar_json_item_get_preview (item), ==, "[[…]]");
      level = stellar_json_item_get_children (item);
    }
  assert_item (get_item (level, 0), NULL, 0, STELLAR_JSON_KIND_ARRAY, "[42]", 1);

  /* too deep for indentation: one line */
  text = stellar_json_tree_dup_text (tree);
  g_assert_cmpuint (strlen (text), ==, 2 * depth + 2);
  g_assert_true (g_str_has_prefix (text, "[[[[") && strstr (text, "[42]") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-tree/scalar", test_scalar);
  g_test_add_func ("/json-tree/object", test_object);
  g_test_add_func ("/json-tree/long-values", test_long_values);
  g_test_add_func ("/json-tree/tree-list-model", test_tree_list_model);
  g_test_add_func ("/json-tree/wide", test_wide);
  g_test_add_func ("/json-tree/large-response", test_large_response);
  g_test_add_func ("/json-tree/deep-text", test_deep_text);
  g_test_add_func ("/json-tree/deep-value", test_deep_value);

  return g_test_run ();
}
