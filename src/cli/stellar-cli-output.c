/* stellar-cli-output.c: what stellar-cli prints, in colour on a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "stellar-cli-output.h"
#include "stellar-json-text-private.h"

#define KEY     "\033[1;34m"
#define STRING  "\033[32m"
#define NUMBER  "\033[36m"
#define LITERAL "\033[35m"
#define ERROR   "\033[1;31m"
#define RESET   "\033[0m"

gboolean
stellar_cli_color_parse (const char      *text,
                         StellarCliColor *color)
{
  if (g_strcmp0 (text, "auto") == 0)
    *color = STELLAR_CLI_COLOR_AUTO;
  else if (g_strcmp0 (text, "always") == 0)
    *color = STELLAR_CLI_COLOR_ALWAYS;
  else if (g_strcmp0 (text, "never") == 0)
    *color = STELLAR_CLI_COLOR_NEVER;
  else
    return FALSE;

  return TRUE;
}

/* Colour only for a person at a terminal who did not ask for none
 * (https://no-color.org), unless asked for outright. */
void
stellar_cli_output_init (StellarCliOutput *output,
                         FILE             *stream,
                         StellarCliColor   color,
                         gboolean          pretty)
{
  output->stream = stream;
  output->pretty = pretty;

  switch (color)
    {
    case STELLAR_CLI_COLOR_ALWAYS:
      output->color = TRUE;
      break;
    case STELLAR_CLI_COLOR_NEVER:
      output->color = FALSE;
      break;
    case STELLAR_CLI_COLOR_AUTO:
    default:
      output->color = isatty (fileno (stream)) &&
                      (g_getenv ("NO_COLOR") == NULL || *g_getenv ("NO_COLOR") == '\0') &&
                      g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
      break;
    }
}

gboolean
stellar_cli_output_is_terminal (StellarCliOutput *output)
{
  return isatty (fileno (output->stream));
}

static const char *
skip_string (const char *p)
{
  /* p is on the opening quote; the text is json-glib's, so well formed */
  for (p++; *p != '\0' && *p != '"'; p++)
    if (*p == '\\' && p[1] != '\0')
      p++;

  return *p == '"' ? p + 1 : p;
}

/*
 * stellar_cli_colorize_json:
 * @text: JSON as json-glib's generator writes it
 *
 * Returns: (transfer full): @text with terminal colours: keys, strings,
 *   numbers and literals each their own
 */
char *
stellar_cli_colorize_json (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) * 2);

  for (const char *p = text; *p != '\0';)
    {
      if (*p == '"')
        {
          const char *end = skip_string (p);
          const char *next = end;

          while (*next == ' ' || *next == '\n')
            next++;
          g_string_append (out, *next == ':' ? KEY : STRING);
          g_string_append_len (out, p, end - p);
          g_string_append (out, RESET);
          p = end;
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *end = p + strspn (p, "-+.eE0123456789");

          g_string_append (out, NUMBER);
          g_string_append_len (out, p, end - p);
          g_string_append (out, RESET);
          p = end;
        }
      else if (g_ascii_isalpha (*p))
        {
          const char *end = p;

          while (g_ascii_isalpha (*end))
            end++;
          g_string_append (out, LITERAL);
          g_string_append_len (out, p, end - p);
          g_string_append (out, RESET);
          p = end;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static void
write_json (StellarCliOutput *output,
            JsonNode         *node,
            gboolean          pretty)
{
  g_autofree char *text = pretty ? _stellar_json_node_to_text (node) : json_to_string (node, FALSE);

  if (output->color)
    {
      g_autofree char *colored = stellar_cli_colorize_json (text);

      fputs (colored, output->stream);
    }
  else
    fputs (text, output->stream);

  fputc ('\n', output->stream);
}

/* A value for a person: indented, unless --compact. */
void
stellar_cli_output_json (StellarCliOutput *output,
                         JsonNode         *node)
{
  write_json (output, node, output->pretty);
  fflush (output->stream);
}

/* A value on a line of its own, flushed at once: a stream of them reads as
 * JSON lines, also through a pipe. */
void
stellar_cli_output_json_line (StellarCliOutput *output,
                              JsonNode         *node)
{
  write_json (output, node, FALSE);
  fflush (output->stream);
}

void
stellar_cli_output_object (StellarCliOutput *output,
                           JsonObject       *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  stellar_cli_output_json (output, node);
}

void
stellar_cli_output_object_line (StellarCliOutput *output,
                                JsonObject       *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  stellar_cli_output_json_line (output, node);
}

void
stellar_cli_output_error (StellarCliOutput *output,
                          const char       *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (output->stream, "%sstellar-cli: %s%s\n",
           output->color ? ERROR : "", message, output->color ? RESET : "");
  fflush (output->stream);
}
