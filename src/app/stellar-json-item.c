/* stellar-json-item.c: one value of a JSON document, as a tree row shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-json-item.h"
#include "stellar-json-text-private.h"
#include "stellar-json-tree.h"

/* Everything costly is made on first use: the preview when a row shows
 * it, the children when the row is expanded. Nothing walks the value, so
 * the cost of a row does not depend on the size of what it holds. */
struct _StellarJsonItem
{
  GObject          parent_instance;

  JsonNode        *node;
  char            *key;
  int              index;
  char            *preview;
  StellarJsonTree *children;
};

enum {
  PROP_0,
  PROP_NODE,
  PROP_KEY,
  PROP_INDEX,
  PROP_KIND,
  PROP_PREVIEW,
  PROP_N_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (StellarJsonKind, stellar_json_kind,
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_OBJECT, "object"),
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_ARRAY, "array"),
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_STRING, "string"),
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_NUMBER, "number"),
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_BOOLEAN, "boolean"),
  G_DEFINE_ENUM_VALUE (STELLAR_JSON_KIND_NULL, "null"))

G_DEFINE_FINAL_TYPE (StellarJsonItem, stellar_json_item, G_TYPE_OBJECT)

static StellarJsonKind
kind_of (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return STELLAR_JSON_KIND_OBJECT;

    case JSON_NODE_ARRAY:
      return STELLAR_JSON_KIND_ARRAY;

    case JSON_NODE_NULL:
      return STELLAR_JSON_KIND_NULL;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return STELLAR_JSON_KIND_STRING;
        case G_TYPE_BOOLEAN:
          return STELLAR_JSON_KIND_BOOLEAN;
        default:
          return STELLAR_JSON_KIND_NUMBER;
        }
    }

  g_return_val_if_reached (STELLAR_JSON_KIND_NULL);
}

/* --- the preview --------------------------------------------------------- */

/* Whether @preview has reached the limit; then it ends with "…". */
static gboolean
preview_full (GString *preview)
{
  if (g_utf8_strlen (preview->str, preview->len) < STELLAR_JSON_ITEM_PREVIEW_LENGTH)
    return FALSE;

  g_string_truncate (preview, g_utf8_offset_to_pointer (preview->str, STELLAR_JSON_ITEM_PREVIEW_LENGTH - 1) - preview->str);
  g_string_append (preview, "…");
  return TRUE;
}

/* Appends @text quoted and escaped as in JSON, stopping past the limit. */
static void
append_quoted (GString    *preview,
               const char *text)
{
  g_string_append_c (preview, '"');
  for (const char *p = text; *p != '\0' && preview->len < STELLAR_JSON_ITEM_PREVIEW_LENGTH * 4; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (preview, "\\\"");
          break;
        case '\\':
          g_string_append (preview, "\\\\");
          break;
        case '\n':
          g_string_append (preview, "\\n");
          break;
        case '\t':
          g_string_append (preview, "\\t");
          break;
        case '\r':
          g_string_append (preview, "\\r");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (preview, "\\u%04x", (guint) *p);
          else
            g_string_append_c (preview, *p);
        }
    }
  g_string_append_c (preview, '"');
}

static void
append_scalar (GString  *preview,
               JsonNode *node)
{
  switch (kind_of (node))
    {
    case STELLAR_JSON_KIND_STRING:
      append_quoted (preview, json_node_get_string (node));
      break;

    case STELLAR_JSON_KIND_BOOLEAN:
      g_string_append (preview, json_node_get_boolean (node) ? "true" : "false");
      break;

    case STELLAR_JSON_KIND_NULL:
      g_string_append (preview, "null");
      break;

    case STELLAR_JSON_KIND_NUMBER:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (preview, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        }
      else
        {
          g_string_append_printf (preview, "%" G_GINT64_FORMAT, json_node_get_int (node));
        }
      break;

    case STELLAR_JSON_KIND_OBJECT:
      g_string_append (preview, json_object_get_size (json_node_get_object (node)) > 0 ? "{…}" : "{}");
      break;

    case STELLAR_JSON_KIND_ARRAY:
      g_string_append (preview, json_array_get_length (json_node_get_array (node)) > 0 ? "[…]" : "[]");
      break;
    }
}

/* A container's first members, one level deep, until the line is full. */
static void
append_container (GString  *preview,
                  JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      gboolean first = TRUE;

      g_string_append_c (preview, '{');
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (!first)
            g_string_append (preview, ", ");
          first = FALSE;
          append_quoted (preview, name);
          g_string_append (preview, ": ");
          append_scalar (preview, member);
          if (preview->len > STELLAR_JSON_ITEM_PREVIEW_LENGTH * 4)
            return;
        }
      g_string_append_c (preview, '}');
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      g_string_append_c (preview, '[');
      for (guint i = 0; i < length; i++)
        {
          if (i > 0)
            g_string_append (preview, ", ");
          append_scalar (preview, json_array_get_element (array, i));
          if (preview->len > STELLAR_JSON_ITEM_PREVIEW_LENGTH * 4)
            return;
        }
      g_string_append_c (preview, ']');
    }
}

/* --- the object ---------------------------------------------------------- */

/* Child models that are left to free. Freeing a model frees its items,
 * which free their child models: done directly, a deep document's rows
 * would recurse as deep as it nests. The outermost release frees them in
 * a loop instead. Models live on the main thread. */
static GQueue released_children = G_QUEUE_INIT;
static gboolean releasing;

static void
release_children (StellarJsonTree *children)
{
  g_queue_push_tail (&released_children, children);
  if (releasing)
    return;

  releasing = TRUE;
  while (!g_queue_is_empty (&released_children))
    g_object_unref (g_queue_pop_head (&released_children));
  releasing = FALSE;
}

static void
stellar_json_item_finalize (GObject *object)
{
  StellarJsonItem *self = STELLAR_JSON_ITEM (object);

  g_clear_pointer (&self->node, json_node_unref);
  g_free (self->key);
  g_free (self->preview);
  if (self->children != NULL)
    release_children (g_steal_pointer (&self->children));

  G_OBJECT_CLASS (stellar_json_item_parent_class)->finalize (object);
}

static void
stellar_json_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StellarJsonItem *self = STELLAR_JSON_ITEM (object);

  switch (prop_id)
    {
    case PROP_NODE:
      g_value_set_boxed (value, self->node);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_INDEX:
      g_value_set_int (value, self->index);
      break;

    case PROP_KIND:
      g_value_set_enum (value, stellar_json_item_get_kind (self));
      break;

    case PROP_PREVIEW:
      g_value_set_string (value, stellar_json_item_get_preview (self));
      break;

    case PROP_N_CHILDREN:
      g_value_set_uint (value, stellar_json_item_get_n_children (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_json_item_class_init (StellarJsonItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = stellar_json_item_finalize;
  object_class->get_property = stellar_json_item_get_property;

  /**
   * StellarJsonItem:node:
   *
   * The value.
   */
  properties[PROP_NODE] = g_param_spec_boxed ("node", NULL, NULL, JSON_TYPE_NODE, flags);

  /**
   * StellarJsonItem:key:
   *
   * The member's name in its object, or %NULL for an array element or a
   * document's root.
   */
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);

  /**
   * StellarJsonItem:index:
   *
   * The element's position in its array, or -1.
   */
  properties[PROP_INDEX] = g_param_spec_int ("index", NULL, NULL, -1, G_MAXINT, -1, flags);

  /**
   * StellarJsonItem:kind:
   *
   * The value's type.
   */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL,
                                             STELLAR_TYPE_JSON_KIND, STELLAR_JSON_KIND_NULL, flags);

  /**
   * StellarJsonItem:preview:
   *
   * The value in one line of at most %STELLAR_JSON_ITEM_PREVIEW_LENGTH
   * characters: strings quoted and escaped as in JSON, containers with
   * their first members one level deep, anything longer cut with "…".
   */
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, flags);

  /**
   * StellarJsonItem:n-children:
   *
   * How many members or elements the value has; 0 for other values.
   */
  properties[PROP_N_CHILDREN] = g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_json_item_init (StellarJsonItem *self)
{
  self->index = -1;
}

/**
 * stellar_json_item_new:
 * @node: a JSON value
 * @key: (nullable): its name in its object
 * @index: its position in its array, or -1
 *
 * Returns: (transfer full): a new item
 */
StellarJsonItem *
stellar_json_item_new (JsonNode   *node,
                       const char *key,
                       int         index)
{
  StellarJsonItem *self;

  g_return_val_if_fail (node != NULL, NULL);

  self = g_object_new (STELLAR_TYPE_JSON_ITEM, NULL);
  self->node = json_node_ref (node);
  self->key = g_strdup (key);
  self->index = index;

  return self;
}

/**
 * stellar_json_item_get_node:
 * @self: a #StellarJsonItem
 *
 * Returns: (transfer none): the value
 */
JsonNode *
stellar_json_item_get_node (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), NULL);

  return self->node;
}

/**
 * stellar_json_item_get_key:
 * @self: a #StellarJsonItem
 *
 * Returns: (nullable): the member's name, or %NULL
 */
const char *
stellar_json_item_get_key (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), NULL);

  return self->key;
}

/**
 * stellar_json_item_get_index:
 * @self: a #StellarJsonItem
 *
 * Returns: the element's position in its array, or -1
 */
int
stellar_json_item_get_index (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), -1);

  return self->index;
}

/**
 * stellar_json_item_get_kind:
 * @self: a #StellarJsonItem
 *
 * Returns: the value's type
 */
StellarJsonKind
stellar_json_item_get_kind (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), STELLAR_JSON_KIND_NULL);

  return kind_of (self->node);
}

/**
 * stellar_json_item_get_preview:
 * @self: a #StellarJsonItem
 *
 * Returns: the value in one short line
 */
const char *
stellar_json_item_get_preview (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), NULL);

  if (self->preview == NULL)
    {
      GString *preview = g_string_new (NULL);

      if (stellar_json_item_get_n_children (self) > 0)
        append_container (preview, self->node);
      else
        append_scalar (preview, self->node);
      preview_full (preview);
      self->preview = g_string_free (preview, FALSE);
    }

  return self->preview;
}

/**
 * stellar_json_item_get_n_children:
 * @self: a #StellarJsonItem
 *
 * Returns: how many members or elements the value has
 */
guint
stellar_json_item_get_n_children (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), 0);

  if (JSON_NODE_HOLDS_OBJECT (self->node))
    return json_object_get_size (json_node_get_object (self->node));
  if (JSON_NODE_HOLDS_ARRAY (self->node))
    return json_array_get_length (json_node_get_array (self->node));
  return 0;
}

/**
 * stellar_json_item_get_children:
 * @self: a #StellarJsonItem
 *
 * The value's members or elements, made on the first call.
 *
 * Returns: (transfer none) (nullable): a #StellarJsonTree of the children,
 *   or %NULL when the value has none
 */
GListModel *
stellar_json_item_get_children (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), NULL);

  if (stellar_json_item_get_n_children (self) == 0)
    return NULL;

  if (self->children == NULL)
    self->children = stellar_json_tree_new (self->node);

  return G_LIST_MODEL (self->children);
}

/**
 * stellar_json_item_dup_text:
 * @self: a #StellarJsonItem
 *
 * Returns: (transfer full): the value as indented JSON text, for copying
 */
char *
stellar_json_item_dup_text (StellarJsonItem *self)
{
  g_return_val_if_fail (STELLAR_IS_JSON_ITEM (self), NULL);

  return _stellar_json_node_to_text (self->node);
}
