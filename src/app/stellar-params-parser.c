/* stellar-params-parser.c: the parameters of a call, from the text a person typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-json-text-private.h"
#include "stellar-params-parser.h"

/* json-glib reads the text; where it stops, its parser knows the line and
 * the column (in characters, from 1) only while its `error` signal runs.
 * Its messages are json-glib's own, in English. */
typedef struct {
  guint line;
  guint column;
} Position;

static void
on_parse_error (JsonParser   *parser,
                const GError *error,
                Position     *position)
{
  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
}

/* json-glib's message without its "<data>:3:10: Parse error: " prefix. */
static const char *
describe_parse_error (const GError *error)
{
  const char *reason = strstr (error->message, "Parse error: ");

  return reason != NULL ? reason + strlen ("Parse error: ") : error->message;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* Line and column (from 1, in characters) of the first character that is
 * not white space: where the value begins. */
static void
find_value_start (const char *text,
                  guint      *line,
                  guint      *column)
{
  *line = 1;
  *column = 1;

  for (const char *p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

static const char *
describe_node_type (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_ARRAY:
      return _("an array");

    case JSON_NODE_NULL:
      return _("null");

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _("a string");
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _("a boolean");
      return _("a number");

    case JSON_NODE_OBJECT:
    default:
      return _("an object");
    }
}

/* The value @text holds; failures say what is wrong, not where. */
static JsonNode *
parse (const char  *text,
       Position    *position,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  gulong handler;

  /* json-glib would recurse as deep as the text nests */
  if (!_stellar_json_text_nests_within (text, -1, STELLAR_JSON_MAX_DEPTH))
    {
      find_value_start (text, &position->line, &position->column);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("arrays and objects nest more than %u levels deep"), STELLAR_JSON_MAX_DEPTH);
      return NULL;
    }

  handler = g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), position);
  json_parser_load_from_data (parser, text, -1, &parse_error);
  g_signal_handler_disconnect (parser, handler);

  if (parse_error != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           describe_parse_error (parse_error));
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No JSON value"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * stellar_params_parse:
 * @text: (nullable): the parameters as JSON text
 * @line: (out) (optional): where the problem is: its line, from 1; 0 when
 *   the text is valid
 * @column: (out) (optional): and its column, in characters, from 1
 * @error: return location for a #GError
 *
 * Reads a call's parameters: a JSON object. Empty or blank text means no
 * parameters. Text that is not JSON, or JSON that is not an object, fails
 * with %G_IO_ERROR_INVALID_DATA and a message for people that names the
 * line and column.
 *
 * Returns: (transfer full): the parameters, or %NULL with @error set
 */
JsonObject *
stellar_params_parse (const char  *text,
                      guint       *line,
                      guint       *column,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  Position position = { 0, 0 };

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;

  if (is_blank (text))
    return json_object_new ();

  root = parse (text, &position, &parse_error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));

  if (root != NULL)
    {
      find_value_start (text, &position.line, &position.column);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Line %u, column %u: the parameters must be a JSON object, not %s"),
                   position.line, position.column, describe_node_type (root));
    }
  else
    {
      position.line = MAX (position.line, 1);
      position.column = MAX (position.column, 1);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Line %u, column %u: %s"),
                   position.line, position.column, parse_error->message);
    }

  if (line != NULL)
    *line = position.line;
  if (column != NULL)
    *column = position.column;

  return NULL;
}

/**
 * stellar_params_parse_value:
 * @text: one JSON value, such as `42` or `{"a": 1}`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the value, or %NULL with @error set
 */
JsonNode *
stellar_params_parse_value (const char  *text,
                            GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  Position position = { 0, 0 };
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Enter a JSON value"));
      return NULL;
    }

  node = parse (text, &position, &parse_error);
  if (node == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("Not valid JSON: %s"), parse_error->message);

  return node;
}
