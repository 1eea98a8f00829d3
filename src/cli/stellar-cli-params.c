/* stellar-cli-params.c: action parameters from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "stellar-cli-params.h"
#include "stellar-json-text-private.h"

/* Parameters are written as httpie writes request items:
 *
 *   key=value      the string "value"
 *   key:=json      a JSON value: key:=3, key:=true, key:='{"a":[1]}'
 *   '{"a":1}'      a JSON object to start from
 *   -              a JSON object read from standard input, to start from
 *
 * At most one object to start from; then every item sets its key, the last
 * one winning. In a key, a backslash takes the next character as it is:
 * `a\=b=c` sets "a=b" to "c". Errors are usage errors (G_OPTION_ERROR). */

/*
 * stellar_cli_parse_json:
 * @text: JSON text typed by a person, or read from a file
 * @length: its length, or -1
 * @what: what the text is, for the message
 * @error: return location for a #GError
 *
 * Parses @text with json-glib, refusing what nests deeper than json-glib
 * can safely walk.
 *
 * Returns: (transfer full): the value, or %NULL with @error set: a message
 *   naming @what and, from json-glib, where the text goes wrong
 */
JsonNode *
stellar_cli_parse_json (const char  *text,
                        gssize       length,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!_stellar_json_text_nests_within (text, length, STELLAR_JSON_MAX_DEPTH))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s names a value, such as “the parameter “id”” */
                   _("%s nests deeper than %u levels"), what, STELLAR_JSON_MAX_DEPTH);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      guint line = 0;
      guint column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …" */
      if (sscanf (local_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
          consumed > 0)
        /* Translators: %s names a value; then a line and a column in it, and
         * what is wrong there */
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("%s is not valid JSON: line %u, column %u: %s"),
                     what, line, column, local_error->message + consumed);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("%s is not valid JSON: %s"), what, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is empty"), what);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* Splits KEY=VALUE or KEY:=JSON at the first unescaped separator. */
static gboolean
split_item (const char  *item,
            char       **key,
            const char **value,
            gboolean    *raw_json)
{
  g_autoptr(GString) unescaped = g_string_new (NULL);

  for (const char *p = item; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (unescaped, *++p);
          continue;
        }

      if (*p == ':' && p[1] == '=')
        {
          *raw_json = TRUE;
          *value = p + 2;
        }
      else if (*p == '=')
        {
          *raw_json = FALSE;
          *value = p + 1;
        }
      else
        {
          g_string_append_c (unescaped, *p);
          continue;
        }

      if (unescaped->len == 0)
        return FALSE;
      *key = g_string_free (g_steal_pointer (&unescaped), FALSE);
      return TRUE;
    }

  return FALSE;
}

static JsonObject *
read_object (JsonNode    *node,
             const char  *what,
             GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: %s names a value */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is not a JSON object"), what);
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
read_stdin_object (GInputStream  *input,
                   GError       **error)
{
  g_autoptr(GOutputStream) buffer = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *what = _("The standard input");
  const char *text;

  if (input == NULL ||
      g_output_stream_splice (buffer, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                              &local_error) < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Could not read the standard input: %s"),
                   local_error != NULL ? local_error->message : g_strerror (EBADF));
      return NULL;
    }

  /* an empty stream has no data at all */
  text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (buffer));
  node = stellar_cli_parse_json (text != NULL ? text : "",
                                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (buffer)),
                                 what, error);
  if (node == NULL)
    return NULL;

  return read_object (node, what, error);
}

/*
 * stellar_cli_params_parse:
 * @args: (array zero-terminated=1): the parameter arguments
 * @input: (nullable): standard input, for "-"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the parameters, an empty object when there are
 *   none; %NULL with @error set for an argument that is not a parameter
 */
JsonObject *
stellar_cli_params_parse (const char * const  *args,
                          GInputStream        *input,
                          GError             **error)
{
  g_autoptr(JsonObject) params = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    {
      const char *arg = args[i];
      const char *start = arg;
      g_autofree char *key = NULL;
      const char *value = NULL;
      gboolean raw_json = FALSE;

      while (g_ascii_isspace (*start))
        start++;

      if (g_str_equal (arg, "-") || *start == '{')
        {
          g_autoptr(JsonNode) node = NULL;

          if (params != NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give at most one JSON object (or “-”), before KEY=VALUE items"));
              return NULL;
            }

          if (g_str_equal (arg, "-"))
            params = read_stdin_object (input, error);
          else if ((node = stellar_cli_parse_json (arg, -1, _("The JSON object"), error)) != NULL)
            params = read_object (node, _("The JSON object"), error);

          if (params == NULL)
            return NULL;
          continue;
        }

      if (!split_item (arg, &key, &value, &raw_json))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is a command-line argument */
                       _("“%s” is not a parameter: write KEY=VALUE, KEY:=JSON or a JSON object"),
                       arg);
          return NULL;
        }

      if (params == NULL)
        params = json_object_new ();

      if (raw_json)
        {
          /* Translators: %s is a parameter's name */
          g_autofree char *what = g_strdup_printf (_("The value of “%s”"), key);
          JsonNode *node = stellar_cli_parse_json (value, -1, what, error);

          if (node == NULL)
            return NULL;
          json_object_set_member (params, key, node);
        }
      else
        json_object_set_string_member (params, key, value);
    }

  return params != NULL ? g_steal_pointer (&params) : json_object_new ();
}
