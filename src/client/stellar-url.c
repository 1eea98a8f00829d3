/* stellar-url.c: the addresses of a Stellar server
 *
 * The client is given a base URL, as Stellar's own `url` option. HTTP requests
 * go below it; the WebSocket, like Primus's client, keeps only the scheme,
 * host and port, and always goes to /primus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "stellar-error.h"
#include "stellar-url-private.h"

static gboolean
scheme_is_secure (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0;
}

/*
 * _stellar_url_parse_base:
 * @url: "http://host:port", "https://…", "ws://…" or "wss://…", optionally
 *   with a path
 *
 * Returns: (transfer full): the base as an http or https URI without query,
 *   fragment or trailing slash, or %NULL with %STELLAR_ERROR_INVALID_ARGUMENT
 */
GUri *
_stellar_url_parse_base (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                           _("No server address was given"));
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid server address: %s"), url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0 &&
      g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0)
    {
      g_set_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid server address: it must start with http:// or https://"),
                   url);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid server address: it names no host"), url);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  return g_uri_build (G_URI_FLAGS_NONE,
                      scheme_is_secure (scheme) ? "https" : "http",
                      NULL,
                      g_uri_get_host (uri),
                      g_uri_get_port (uri),
                      path,
                      NULL,
                      NULL);
}

/* Returns: (transfer full): @base with @path appended and @query set */
GUri *
_stellar_url_build_http (GUri       *base,
                         const char *path,
                         const char *query)
{
  g_autofree char *full_path = g_strconcat (g_uri_get_path (base), path, NULL);

  return g_uri_build (G_URI_FLAGS_ENCODED_QUERY,
                      g_uri_get_scheme (base),
                      NULL,
                      g_uri_get_host (base),
                      g_uri_get_port (base),
                      full_path,
                      query,
                      NULL);
}

/* A unique token for every connection attempt, as Primus's yeast(): the time
 * in milliseconds in a URL-safe base 64, with a counter for the same
 * millisecond. Servers ignore it; it defeats caches on the way. */
G_LOCK_DEFINE_STATIC (cache_buster);

static char *
make_cache_buster (void)
{
  static const char alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  static gint64 last;
  static guint seed;
  gint64 now = g_get_real_time () / 1000;
  char buffer[16];
  int i = G_N_ELEMENTS (buffer) - 1;
  gint64 n = now;
  guint same_millisecond;

  buffer[i] = '\0';
  do
    {
      buffer[--i] = alphabet[n % 64];
      n /= 64;
    }
  while (n > 0 && i > 0);

  G_LOCK (cache_buster);
  if (now != last)
    {
      last = now;
      seed = 0;
    }
  else
    seed++;
  same_millisecond = seed;
  G_UNLOCK (cache_buster);

  if (same_millisecond == 0)
    return g_strdup (&buffer[i]);
  return g_strdup_printf ("%s.%u", &buffer[i], same_millisecond);
}

/* Returns: (transfer full): ws[s]://host[:port]/primus?sessionID=…&_primuscb=… */
GUri *
_stellar_url_build_websocket (GUri       *base,
                              const char *session_id)
{
  g_autofree char *escaped = g_uri_escape_string (session_id, NULL, FALSE);
  g_autofree char *buster = make_cache_buster ();
  g_autofree char *query = g_strdup_printf ("sessionID=%s&_primuscb=%s", escaped, buster);
  gboolean secure = g_ascii_strcasecmp (g_uri_get_scheme (base), "https") == 0;

  return g_uri_build (G_URI_FLAGS_ENCODED_QUERY,
                      secure ? "wss" : "ws",
                      NULL,
                      g_uri_get_host (base),
                      g_uri_get_port (base),
                      "/primus",
                      query,
                      NULL);
}

/* Returns: (transfer full): the base as people write it, for messages */
char *
_stellar_url_describe (GUri *base)
{
  return g_uri_to_string_partial (base, G_URI_HIDE_PASSWORD);
}
