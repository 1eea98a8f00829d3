/* stellar-message-format.c: how messages read: times, days, names, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "stellar-local-time.h"
#include "stellar-message-format.h"

/* The desktop's choice between a 12- and a 24-hour clock, when there is a
 * desktop to ask. */
static gboolean
uses_12_hour_clock (void)
{
  static gsize initialized;
  static gboolean twelve_hours;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);

      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        {
          g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
          g_autofree char *format = g_settings_get_string (settings, "clock-format");

          twelve_hours = g_strcmp0 (format, "12h") == 0;
        }

      g_once_init_leave (&initialized, 1);
    }

  return twelve_hours;
}

/**
 * stellar_format_message_time:
 * @time_us: microseconds since the Unix epoch
 *
 * Returns: (transfer full): the time of day, as the desktop shows it
 */
char *
stellar_format_message_time (gint64 time_us)
{
  g_autoptr(GDateTime) date_time = stellar_local_time_from_unix (time_us / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return g_strdup ("");

  if (uses_12_hour_clock ())
    /* Translators: a time of day on a 12-hour clock, see g_date_time_format() */
    text = g_date_time_format (date_time, _("%l:%M %p"));
  else
    /* Translators: a time of day on a 24-hour clock, see g_date_time_format() */
    text = g_date_time_format (date_time, _("%H:%M"));

  return g_strdup (g_strstrip (text));
}

static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  g_autoptr(GDateTime) earlier_day = stellar_local_time_new (g_date_time_get_year (earlier),
                                                             g_date_time_get_month (earlier),
                                                             g_date_time_get_day_of_month (earlier),
                                                             12, 0, 0);
  g_autoptr(GDateTime) later_day = stellar_local_time_new (g_date_time_get_year (later),
                                                           g_date_time_get_month (later),
                                                           g_date_time_get_day_of_month (later),
                                                           12, 0, 0);

  return (int) ((g_date_time_difference (later_day, earlier_day) + G_TIME_SPAN_HOUR * 12) /
                G_TIME_SPAN_DAY);
}

/**
 * stellar_format_message_day:
 * @time_us: microseconds since the Unix epoch
 * @now_us: now, in microseconds since the Unix epoch
 *
 * Returns: (transfer full): the day, as a day separator reads it: "Today",
 *   "Yesterday", a weekday within the week, or a date
 */
char *
stellar_format_message_day (gint64 time_us,
                            gint64 now_us)
{
  g_autoptr(GDateTime) date_time = stellar_local_time_from_unix (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = stellar_local_time_from_unix (now_us / G_USEC_PER_SEC);
  int days;

  if (date_time == NULL || now == NULL)
    return g_strdup ("");

  days = days_between (date_time, now);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    /* Translators: a day of the past week, see g_date_time_format() */
    return g_date_time_format (date_time, _("%A"));
  if (g_date_time_get_year (date_time) == g_date_time_get_year (now))
    /* Translators: a day of this year, see g_date_time_format() */
    return g_date_time_format (date_time, _("%A, %B %-e"));

  /* Translators: a day of another year, see g_date_time_format() */
  return g_date_time_format (date_time, _("%A, %B %-e, %Y"));
}

/* --- names --------------------------------------------------------------- */

/**
 * stellar_format_sender_name:
 * @name: a sender's name, or the id of their connection
 *
 * Shortens a long name to its first STELLAR_SENDER_NAME_MAX_CHARS - 1
 * characters and an ellipsis, for a message's header. The header's label
 * does not ellipsize the name itself: Pango lays an ellipsized text out
 * again for every width a list asks its rows about, which made the names
 * cost a room more than its messages' texts when scrolling.
 *
 * Returns: (transfer full) (nullable): the shortened name, or %NULL when
 *   @name is short enough to be shown whole
 */
char *
stellar_format_sender_name (const char *name)
{
  const char *end;

  g_return_val_if_fail (name != NULL, NULL);

  end = name;
  for (guint i = 0; i < STELLAR_SENDER_NAME_MAX_CHARS; i++)
    {
      if (*end == '\0')
        return NULL;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return NULL;

  return g_strdup_printf ("%.*s…", (int) (g_utf8_prev_char (end) - name), name);
}

/* --- links --------------------------------------------------------------- */

static const char * const link_starts[] = { "https://", "http://", "ftp://", "mailto:", "www." };

static gboolean
starts_word (const char *text,
             const char *p)
{
  if (p == text)
    return TRUE;

  return strchr (" \t\n\r([{<\"'", p[-1]) != NULL;
}

static gboolean
ends_link (char c)
{
  return g_ascii_isspace (c) || g_ascii_iscntrl (c) || strchr ("<>\"", c) != NULL;
}

/* How long the link at @p is, without what reads as the sentence's
 * punctuation around it; 0 when there is none. */
static gsize
link_length (const char *p)
{
  gsize length = 0;
  int open_parens = 0;

  while (p[length] != '\0' && !ends_link (p[length]))
    length++;

  for (gsize i = 0; i < length; i++)
    {
      if (p[i] == '(')
        open_parens++;
      else if (p[i] == ')')
        open_parens--;
    }

  while (length > 0)
    {
      char last = p[length - 1];

      if (strchr (".,;:!?'*", last) != NULL)
        length--;
      else if (last == ')' && open_parens < 0)
        {
          length--;
          open_parens++;
        }
      else if (last == ']' || last == '}')
        length--;
      else
        break;
    }

  return length;
}

static char *
find_link (const char  *text,
           const char  *p,
           gsize       *length)
{
  if (!starts_word (text, p))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (link_starts); i++)
    {
      gsize start_length = strlen (link_starts[i]);
      g_autofree char *candidate = NULL;
      g_autofree char *href = NULL;

      if (g_ascii_strncasecmp (p, link_starts[i], start_length) != 0)
        continue;

      *length = link_length (p);
      if (*length <= start_length)
        return NULL;

      candidate = g_strndup (p, *length);
      href = g_str_equal (link_starts[i], "www.") ? g_strconcat ("http://", candidate, NULL)
                                                  : g_steal_pointer (&candidate);

      if (!g_uri_is_valid (href, G_URI_FLAGS_PARSE_RELAXED, NULL))
        return NULL;

      return g_steal_pointer (&href);
    }

  return NULL;
}

/**
 * stellar_format_linked_text:
 * @text: what someone said
 * @has_links: (out) (optional): whether @text has links
 *
 * Makes Pango markup of @text in which everything is escaped, so that the
 * text is never read as markup, and the web and mail addresses in it are
 * links.
 *
 * Returns: (transfer full): the markup
 */
char *
stellar_format_linked_text (const char *text,
                            gboolean   *has_links)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *plain = text;
  const char *p = text;
  gboolean found_any = FALSE;

  while (*p != '\0')
    {
      g_autofree char *href = NULL;
      gsize length = 0;

      href = find_link (text, p, &length);
      if (href == NULL)
        {
          p++;
          continue;
        }

      {
        g_autofree char *before = g_markup_escape_text (plain, p - plain);
        g_autofree char *escaped_href = g_markup_escape_text (href, -1);
        g_autofree char *label = g_markup_escape_text (p, length);

        g_string_append (markup, before);
        g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped_href, label);
      }

      found_any = TRUE;
      p += length;
      plain = p;
    }

  {
    g_autofree char *rest = g_markup_escape_text (plain, -1);

    g_string_append (markup, rest);
  }

  if (has_links != NULL)
    *has_links = found_any;

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
