/* stellar-json.c: decoding and encoding of wire frames
 *
 * Every WebSocket frame carries one JSON value. json-glib's JsonParser is
 * built for documents: it sets up a scanner and emits signals for each load,
 * which dominates the cost of the small frames a chat server sends by the
 * thousand. This is a strict single-pass parser building the same JsonNode
 * trees, and a compact encoder that escapes U+2028 and U+2029 as Primus does.
 *
 * Building the tree is most of the work, and json-glib copies every member
 * name and string it is given: the decoder hands it NUL-terminated copies
 * made on the stack, never copies of its own on the heap.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include "stellar-json-private.h"

/* Names and strings up to this size are terminated on the stack for
 * json-glib to copy; longer ones are rare in frames. */
#define SHORT_STRING_SIZE 128

typedef struct
{
  const char *pos;
  const char *end;
  guint depth;
  /* for strings with escapes; made on first use */
  GString *scratch;
  GError **error;
} Decoder;

static JsonNode *decode_value (Decoder *d);

static gboolean
fail (Decoder    *d,
      const char *what)
{
  if (d->error != NULL && *d->error == NULL)
    g_set_error (d->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                 _("Invalid JSON: %s"), what);
  return FALSE;
}

static inline void
skip_space (Decoder *d)
{
  while (d->pos < d->end &&
         (*d->pos == ' ' || *d->pos == '\n' || *d->pos == '\r' || *d->pos == '\t'))
    d->pos++;
}

static inline gboolean
expect_literal (Decoder    *d,
                const char *literal,
                gsize       length)
{
  if ((gsize)(d->end - d->pos) < length || memcmp (d->pos, literal, length) != 0)
    return fail (d, "unknown literal");
  d->pos += length;
  return TRUE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Decoder  *d,
           gunichar *out)
{
  gunichar value = 0;

  if (d->end - d->pos < 4)
    return fail (d, "truncated \\u escape");

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_digit (d->pos[i]);

      if (digit < 0)
        return fail (d, "bad \\u escape");
      value = (value << 4) | (gunichar)digit;
    }

  d->pos += 4;
  *out = value;
  return TRUE;
}

/* The bytes that stand for themselves inside a JSON string: not a control
 * character, a quote or a backslash. Scanning strings is the decoder's
 * inner loop. */
static const guint8 plain_in_string[256] = {
  [0x20 ... 0x21] = 1, [0x23 ... 0x5B] = 1, [0x5D ... 0xFF] = 1,
};

#define EVERY_BYTE(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Whether none of eight bytes is a quote, a backslash or below 0x20: with
 * every byte's high bit kept, (x - 0x0101…) & ~x is non-zero exactly when a
 * byte of x is zero, and (x - 0x2020…) & ~x when a byte is below 0x20. */
static inline gboolean
word_is_plain (guint64 word)
{
  guint64 quote = word ^ EVERY_BYTE ('"');
  guint64 backslash = word ^ EVERY_BYTE ('\\');
  guint64 found = ((quote - EVERY_BYTE (1)) & ~quote) |
                  ((backslash - EVERY_BYTE (1)) & ~backslash) |
                  ((word - EVERY_BYTE (0x20)) & ~word);

  return (found & EVERY_BYTE (0x80)) == 0;
}

/* Reads a string whose opening quote was consumed. The result points into the
 * input when it holds no escapes (the common case) and into the scratch buffer
 * otherwise, where it is NUL-terminated; it is valid until the next string is
 * read. */
static const char *
decode_string (Decoder *d,
               gsize   *length)
{
  const char *start = d->pos;
  GString *s;

  while (d->end - d->pos >= 8)
    {
      guint64 word;

      memcpy (&word, d->pos, sizeof word);
      if (!word_is_plain (word))
        break;
      d->pos += sizeof word;
    }
  while (d->pos < d->end && plain_in_string[(guchar)*d->pos])
    d->pos++;

  if (d->pos < d->end && *d->pos == '"')
    {
      *length = d->pos - start;
      d->pos++;
      return start;
    }
  if (d->pos < d->end && (guchar)*d->pos < 0x20)
    {
      fail (d, "control character in a string");
      return NULL;
    }

  /* Out of data, or at a backslash: the string has escapes. */
  if (d->pos >= d->end)
    {
      fail (d, "unterminated string");
      return NULL;
    }

  if (d->scratch == NULL)
    d->scratch = g_string_sized_new (64);
  s = d->scratch;
  g_string_truncate (s, 0);
  g_string_append_len (s, start, d->pos - start);

  while (d->pos < d->end)
    {
      guchar c = (guchar)*d->pos++;

      if (c == '"')
        {
          *length = s->len;
          return s->str;
        }

      if (c < 0x20)
        {
          fail (d, "control character in a string");
          return NULL;
        }

      if (c != '\\')
        {
          g_string_append_c (s, (char)c);
          continue;
        }

      if (d->pos >= d->end)
        break;

      switch (*d->pos++)
        {
        case '"':  g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/':  g_string_append_c (s, '/'); break;
        case 'b':  g_string_append_c (s, '\b'); break;
        case 'f':  g_string_append_c (s, '\f'); break;
        case 'n':  g_string_append_c (s, '\n'); break;
        case 'r':  g_string_append_c (s, '\r'); break;
        case 't':  g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar ch;

            if (!read_hex4 (d, &ch))
              return NULL;

            if (ch >= 0xD800 && ch <= 0xDBFF)
              {
                gunichar low;

                /* A high surrogate must be followed by an escaped low one;
                 * a lone surrogate becomes U+FFFD, as JSON.parse keeps it
                 * but UTF-8 cannot. */
                if (d->end - d->pos >= 6 && d->pos[0] == '\\' && d->pos[1] == 'u')
                  {
                    d->pos += 2;
                    if (!read_hex4 (d, &low))
                      return NULL;
                    if (low >= 0xDC00 && low <= 0xDFFF)
                      ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                    else
                      {
                        g_string_append_unichar (s, 0xFFFD);
                        ch = (low >= 0xD800 && low <= 0xDFFF) ? 0xFFFD : low;
                      }
                  }
                else
                  ch = 0xFFFD;
              }
            else if (ch >= 0xDC00 && ch <= 0xDFFF)
              ch = 0xFFFD;

            if (ch == 0)
              {
                /* JsonNode strings are C strings: a NUL cannot be kept. */
                fail (d, "NUL character in a string");
                return NULL;
              }

            g_string_append_unichar (s, ch);
          }
          break;
        default:
          fail (d, "bad escape");
          return NULL;
        }
    }

  fail (d, "unterminated string");
  return NULL;
}

/* @string, of @length bytes, NUL-terminated: in place when it already is
 * (a string in the scratch buffer), else copied into @buffer when it fits.
 * Returns NULL when it does not fit: the caller copies it to the heap. */
static inline const char *
terminate (const char *string,
           gsize       length,
           char       *buffer)
{
  if (string[length] == '\0')
    return string;
  if (length >= SHORT_STRING_SIZE)
    return NULL;

  memcpy (buffer, string, length);
  buffer[length] = '\0';
  return buffer;
}

static JsonNode *
decode_number (Decoder *d)
{
  const char *start = d->pos;
  gboolean is_double = FALSE;
  char buffer[64];
  gsize length;
  JsonNode *node;

  if (d->pos < d->end && *d->pos == '-')
    d->pos++;

  if (d->pos >= d->end || !g_ascii_isdigit (*d->pos))
    {
      fail (d, "bad number");
      return NULL;
    }

  if (*d->pos == '0')
    d->pos++;
  else
    while (d->pos < d->end && g_ascii_isdigit (*d->pos))
      d->pos++;

  if (d->pos < d->end && *d->pos == '.')
    {
      is_double = TRUE;
      d->pos++;
      if (d->pos >= d->end || !g_ascii_isdigit (*d->pos))
        {
          fail (d, "bad number");
          return NULL;
        }
      while (d->pos < d->end && g_ascii_isdigit (*d->pos))
        d->pos++;
    }

  if (d->pos < d->end && (*d->pos == 'e' || *d->pos == 'E'))
    {
      is_double = TRUE;
      d->pos++;
      if (d->pos < d->end && (*d->pos == '+' || *d->pos == '-'))
        d->pos++;
      if (d->pos >= d->end || !g_ascii_isdigit (*d->pos))
        {
          fail (d, "bad number");
          return NULL;
        }
      while (d->pos < d->end && g_ascii_isdigit (*d->pos))
        d->pos++;
    }

  length = d->pos - start;
  node = json_node_alloc ();

  /* Counts and times: up to 18 digits cannot overflow a gint64. */
  if (!is_double && length - (*start == '-') <= 18)
    {
      const char *p = start + (*start == '-');
      gint64 value = 0;

      for (; p < d->pos; p++)
        value = value * 10 + (*p - '0');
      return json_node_init_int (node, *start == '-' ? -value : value);
    }

  if (length < sizeof buffer)
    {
      memcpy (buffer, start, length);
      buffer[length] = '\0';

      if (!is_double)
        {
          char *end = NULL;
          gint64 value;

          errno = 0;
          value = g_ascii_strtoll (buffer, &end, 10);
          if (errno == 0 && end == buffer + length)
            return json_node_init_int (node, value);
        }

      return json_node_init_double (node, g_ascii_strtod (buffer, NULL));
    }
  else
    {
      g_autofree char *copy = g_strndup (start, length);

      return json_node_init_double (node, g_ascii_strtod (copy, NULL));
    }
}

static JsonNode *
decode_object (Decoder *d)
{
  g_autoptr(JsonObject) object = json_object_new ();

  skip_space (d);
  if (d->pos < d->end && *d->pos == '}')
    {
      d->pos++;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      char short_name[SHORT_STRING_SIZE];
      g_autofree char *long_name = NULL;
      const char *key;
      const char *name;
      gsize key_length;
      JsonNode *value;

      skip_space (d);
      if (d->pos >= d->end || *d->pos != '"')
        {
          fail (d, "expected a member name");
          return NULL;
        }
      d->pos++;

      key = decode_string (d, &key_length);
      if (key == NULL)
        return NULL;
      /* The value may reuse the scratch buffer: keep the name apart. */
      if (key_length < SHORT_STRING_SIZE)
        {
          memcpy (short_name, key, key_length);
          short_name[key_length] = '\0';
          name = short_name;
        }
      else
        name = long_name = g_strndup (key, key_length);

      skip_space (d);
      if (d->pos >= d->end || *d->pos != ':')
        {
          fail (d, "expected ':'");
          return NULL;
        }
      d->pos++;

      value = decode_value (d);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);

      skip_space (d);
      if (d->pos < d->end && *d->pos == ',')
        {
          d->pos++;
          continue;
        }
      if (d->pos < d->end && *d->pos == '}')
        {
          d->pos++;
          return json_node_init_object (json_node_alloc (), object);
        }

      fail (d, "expected ',' or '}'");
      return NULL;
    }
}

static JsonNode *
decode_array (Decoder *d)
{
  g_autoptr(JsonArray) array = json_array_new ();

  skip_space (d);
  if (d->pos < d->end && *d->pos == ']')
    {
      d->pos++;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *value = decode_value (d);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);

      skip_space (d);
      if (d->pos < d->end && *d->pos == ',')
        {
          d->pos++;
          continue;
        }
      if (d->pos < d->end && *d->pos == ']')
        {
          d->pos++;
          return json_node_init_array (json_node_alloc (), array);
        }

      fail (d, "expected ',' or ']'");
      return NULL;
    }
}

static JsonNode *
decode_value (Decoder *d)
{
  JsonNode *node = NULL;

  skip_space (d);
  if (d->pos >= d->end)
    {
      fail (d, "unexpected end of data");
      return NULL;
    }

  switch (*d->pos)
    {
    case '{':
    case '[':
      if (++d->depth > STELLAR_JSON_MAX_DEPTH)
        {
          fail (d, "nested too deeply");
          return NULL;
        }
      d->pos++;
      node = d->pos[-1] == '{' ? decode_object (d) : decode_array (d);
      d->depth--;
      return node;

    case '"':
      {
        char buffer[SHORT_STRING_SIZE];
        const char *string;
        const char *terminated;
        gsize length;

        d->pos++;
        string = decode_string (d, &length);
        if (string == NULL)
          return NULL;
        node = json_node_alloc ();
        json_node_init (node, JSON_NODE_VALUE);
        /* json_node_set_string() copies up to the NUL: make one. */
        terminated = terminate (string, length, buffer);
        if (terminated == NULL)
          {
            g_autofree char *copy = g_strndup (string, length);
            json_node_set_string (node, copy);
          }
        else
          json_node_set_string (node, terminated);
        return node;
      }

    case 't':
      return expect_literal (d, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;

    case 'f':
      return expect_literal (d, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;

    case 'n':
      return expect_literal (d, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;

    default:
      return decode_number (d);
    }
}

/*
 * _stellar_json_decode_utf8:
 * @data: the text of one frame, known to be valid UTF-8 (need not be
 *   NUL-terminated)
 * @length: its length in bytes
 * @error: where to put a JSON_PARSER_ERROR
 *
 * Decodes exactly one JSON value, surrounded by optional white space, from
 * text already validated: the WebSocket checks every text message it delivers.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL on error
 */
JsonNode *
_stellar_json_decode_utf8 (const char *data,
                           gsize       length,
                           GError    **error)
{
  Decoder d;
  JsonNode *node;

  d.pos = data;
  d.end = data + length;
  d.depth = 0;
  d.scratch = NULL;
  d.error = error;

  node = decode_value (&d);

  if (node != NULL)
    {
      skip_space (&d);
      if (d.pos != d.end)
        {
          g_clear_pointer (&node, json_node_unref);
          fail (&d, "trailing data after the value");
        }
    }

  if (d.scratch != NULL)
    g_string_free (d.scratch, TRUE);

  return node;
}

/*
 * _stellar_json_decode:
 * @data: the text of one frame (need not be NUL-terminated)
 * @length: its length in bytes
 * @error: where to put a JSON_PARSER_ERROR
 *
 * Decodes exactly one JSON value, surrounded by optional white space, from
 * bytes of unknown origin: they must be UTF-8 text.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL on error
 */
JsonNode *
_stellar_json_decode (const char *data,
                      gsize       length,
                      GError    **error)
{
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("Invalid JSON: not UTF-8 text"));
      return NULL;
    }

  return _stellar_json_decode_utf8 (data, length, error);
}

void
_stellar_json_encode_string_append (GString    *out,
                                    const char *string)
{
  const char *p = string;
  const char *run = p;

  g_string_append_c (out, '"');

  for (; *p != '\0'; p++)
    {
      guchar c;
      const char *escape = NULL;
      char buffer[8];

      /* What may need escaping: control characters, quotes, backslashes,
       * and the first byte of U+2028 and U+2029. */
      while (plain_in_string[(guchar)*p] && (guchar)*p != 0xE2)
        p++;
      c = (guchar)*p;
      if (c == '\0')
        break;

      if (c == 0xE2)
        {
          /* U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8. */
          if ((guchar)p[1] != 0x80 || ((guchar)p[2] != 0xA8 && (guchar)p[2] != 0xA9))
            continue;
          escape = (guchar)p[2] == 0xA8 ? "\\u2028" : "\\u2029";
        }
      else
        {
          switch (c)
            {
            case '"':  escape = "\\\""; break;
            case '\\': escape = "\\\\"; break;
            case '\b': escape = "\\b"; break;
            case '\f': escape = "\\f"; break;
            case '\n': escape = "\\n"; break;
            case '\r': escape = "\\r"; break;
            case '\t': escape = "\\t"; break;
            default:
              g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
              escape = buffer;
            }
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      if (c == 0xE2)
        p += 2;
      run = p + 1;
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
encode_value (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      _stellar_json_encode_string_append (out, json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        /* JSON has no NaN nor infinities; JSON.stringify writes null. */
        if (!isfinite (value))
          g_string_append (out, "null");
        else
          g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
      }
      break;

    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    default:
      g_string_append (out, "null");
    }
}

void
_stellar_json_encode_object_append (GString    *out,
                                    JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      _stellar_json_encode_string_append (out, name);
      g_string_append_c (out, ':');
      _stellar_json_encode_append (out, member);
    }
  g_string_append_c (out, '}');
}

void
_stellar_json_encode_append (GString  *out,
                             JsonNode *node)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      _stellar_json_encode_object_append (out, json_node_get_object (node));
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _stellar_json_encode_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      encode_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/* Returns: (transfer full): the compact JSON text of @node */
char *
_stellar_json_encode (JsonNode *node)
{
  GString *out = g_string_sized_new (128);

  _stellar_json_encode_append (out, node);
  return g_string_free (out, FALSE);
}

/* Returns: (transfer full): a copy of @node that shares nothing with it
 * (json_node_copy() shares objects and arrays) */
JsonNode *
_stellar_json_copy_deep (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *copy = _stellar_json_object_copy_deep (json_node_get_object (node));
        JsonNode *result = json_node_init_object (json_node_alloc (), copy);

        json_object_unref (copy);
        return result;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);
        JsonArray *copy = json_array_sized_new (length);
        JsonNode *result;

        for (guint i = 0; i < length; i++)
          json_array_add_element (copy, _stellar_json_copy_deep (json_array_get_element (array, i)));
        result = json_node_init_array (json_node_alloc (), copy);
        json_array_unref (copy);
        return result;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Returns: (transfer full): a deep copy of @object, members in order */
JsonObject *
_stellar_json_object_copy_deep (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, _stellar_json_copy_deep (member));

  return copy;
}

/* Returns: (nullable): the member @name of @object if it is a string. Unlike
 * json_object_get_string_member_with_default(), any other JSON (null, an
 * object) is no error: the server's frames are not trusted. */
const char *
_stellar_json_get_string (JsonObject *object,
                          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}
