/* stellar-json-text.c: JSON text in and out, within json-glib's limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stellar-json-text-private.h"

/*
 * _stellar_json_text_nests_within:
 * @text: JSON text, valid or not
 * @length: its length, or -1 when it ends with a NUL
 * @limit: the deepest nesting of arrays and objects allowed
 *
 * Scans @text once, skipping strings.
 *
 * Returns: %TRUE when @text nests no deeper than @limit
 */
gboolean
_stellar_json_text_nests_within (const char *text,
                                 gssize      length,
                                 guint       limit)
{
  const char *end = length < 0 ? NULL : text + length;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; end != NULL ? p < end : *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && (end != NULL ? p + 1 < end : p[1] != '\0'))
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > limit)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* How deep @node nests, counted without recursion, up to @limit + 1. */
static guint
node_depth (JsonNode *node,
            guint     limit)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (JsonNode *));
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint deepest = 0;

  g_array_append_val (stack, node);
  g_array_append_val (depths, deepest);

  while (stack->len > 0)
    {
      JsonNode *current = g_array_index (stack, JsonNode *, stack->len - 1);
      guint depth = g_array_index (depths, guint, depths->len - 1) + 1;

      g_array_set_size (stack, stack->len - 1);
      g_array_set_size (depths, depths->len - 1);

      if (JSON_NODE_HOLDS_OBJECT (current) || JSON_NODE_HOLDS_ARRAY (current))
        {
          g_autoptr(GList) children = NULL;

          deepest = MAX (deepest, depth);
          if (deepest > limit)
            break;

          children = JSON_NODE_HOLDS_OBJECT (current) ? json_object_get_values (json_node_get_object (current))
                                                      : json_array_get_elements (json_node_get_array (current));
          for (GList *l = children; l != NULL; l = l->next)
            {
              g_array_append_val (stack, l->data);
              g_array_append_val (depths, depth);
            }
        }
    }

  return deepest;
}

/*
 * _stellar_json_node_to_text:
 * @node: a JSON value
 *
 * Writes @node with json-glib's generator: indented by two spaces, or in
 * one line when it nests deeper than %STELLAR_JSON_MAX_DEPTH (where the
 * indentation alone would take more than the value).
 *
 * Returns: (transfer full): the text
 */
char *
_stellar_json_node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  if (node_depth (node, STELLAR_JSON_MAX_DEPTH) <= STELLAR_JSON_MAX_DEPTH)
    {
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
    }

  return json_generator_to_data (generator, NULL);
}
