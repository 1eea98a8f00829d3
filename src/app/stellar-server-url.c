/* stellar-server-url.c: reading a server address typed by a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "stellar-server-url.h"

static gboolean
is_supported_scheme (const char *scheme)
{
  static const char * const schemes[] = { "http", "https", "ws", "wss", NULL };

  return scheme != NULL && g_strv_contains (schemes, scheme);
}

/* GUri accepts any characters in a host name; people's typos should not
 * reach a DNS resolver. Letters, digits, dots, dashes and underscores make
 * a host name (non-ASCII letters too, for internationalized names). */
static gboolean
is_valid_host (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  for (const char *c = host; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-' && *c != '_' && (guchar) *c < 0x80)
        return FALSE;
    }

  return TRUE;
}

/**
 * stellar_server_url_normalize:
 * @text: what was typed, such as "localhost:8080" or " https://example.com/ "
 * @error: return location for a #GError
 *
 * Turns what a person typed into the base URL of a server: surrounding
 * spaces go, a missing scheme means "http://", the scheme and host are
 * lower-cased and a trailing slash is dropped, so that one server is always
 * spelled the same way (the list of recent servers relies on it).
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL with @error set to
 *   %G_IO_ERROR_INVALID_ARGUMENT and a message that tells what to enter
 */
char *
stellar_server_url_normalize (const char  *text,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) normalized = NULL;
  g_autoptr(GString) path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed != '\0')
    {
      if (strstr (trimmed, "://") == NULL)
        with_scheme = g_strconcat ("http://", trimmed, NULL);
      else
        with_scheme = g_steal_pointer (&trimmed);

      uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
    }

  if (uri != NULL)
    {
      scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
      if (g_uri_get_host (uri) != NULL)
        host = g_ascii_strdown (g_uri_get_host (uri), -1);
    }

  if (!is_supported_scheme (scheme) || !is_valid_host (host))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter a server address such as http://localhost:8080"));
      return NULL;
    }

  path = g_string_new (g_uri_get_path (uri));
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);

  normalized = g_uri_build (G_URI_FLAGS_NONE,
                            scheme,
                            g_uri_get_userinfo (uri),
                            host,
                            g_uri_get_port (uri),
                            path->str,
                            g_uri_get_query (uri),
                            g_uri_get_fragment (uri));

  return g_uri_to_string (normalized);
}

/**
 * stellar_server_url_get_display_name:
 * @url: a server URL
 *
 * The short name of a server for titles: its host, and its port when the
 * URL names one.
 *
 * Returns: (transfer full): the name; @url itself when it cannot be parsed
 */
char *
stellar_server_url_get_display_name (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return g_strdup (url);

  /* GUri keeps IPv6 literals without their brackets */
  if (strchr (host, ':') != NULL)
    {
      if (g_uri_get_port (uri) > 0)
        return g_strdup_printf ("[%s]:%d", host, g_uri_get_port (uri));
      return g_strdup_printf ("[%s]", host);
    }

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));

  return g_strdup (host);
}
