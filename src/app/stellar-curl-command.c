/* stellar-curl-command.c: an action call over HTTP, as a curl command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-curl-command.h"

/* The request the client library makes for an action over HTTP:
 * POST <url><api-path>?action=NAME with the JSON of the parameters plus
 * `action` as the body. */
static char *
build_url (const char  *base_url,
           const char  *api_path,
           const char  *action,
           GError     **error)
{
  g_autoptr(GUri) base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *escaped = g_uri_escape_string (action, NULL, FALSE);
  g_autofree char *query = g_strconcat ("action=", escaped, NULL);
  g_autofree char *path = NULL;
  g_autofree char *base_path = NULL;
  const char *scheme;
  gsize length;

  scheme = base != NULL ? g_uri_get_scheme (base) : NULL;
  if (g_strcmp0 (scheme, "ws") == 0)
    scheme = "http";
  else if (g_strcmp0 (scheme, "wss") == 0)
    scheme = "https";

  if (scheme == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (base) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a server"), base_url);
      return NULL;
    }

  if (api_path == NULL || *api_path == '\0')
    api_path = "/api";

  base_path = g_strdup (g_uri_get_path (base));
  length = strlen (base_path);
  while (length > 0 && base_path[length - 1] == '/')
    base_path[--length] = '\0';

  path = g_strconcat (base_path, api_path[0] == '/' ? "" : "/", api_path, NULL);
  uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, scheme, NULL, g_uri_get_host (base),
                     g_uri_get_port (base), path, query, NULL);

  return g_uri_to_string (uri);
}

/**
 * stellar_curl_command_for_action:
 * @base_url: the server's address, as given to the client
 * @api_path: (nullable): the client's API path; "/api" when %NULL
 * @action: the action's name
 * @params: the call's parameters
 * @error: return location for a #GError
 *
 * Writes the curl command line that makes the call the client makes over
 * HTTP, each argument quoted for a POSIX shell.
 *
 * Returns: (transfer full): the command line, or %NULL with @error set when
 *   @base_url is not a server address
 */
char *
stellar_curl_command_for_action (const char  *base_url,
                                 const char  *api_path,
                                 const char  *action,
                                 JsonObject  *params,
                                 GError     **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) body_node = NULL;
  g_autofree char *url = NULL;
  g_autofree char *quoted_url = NULL;
  g_autofree char *quoted_body = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  url = build_url (base_url, api_path, action, error);
  if (url == NULL)
    return NULL;

  members = json_object_get_members (params);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data, json_object_dup_member (params, l->data));
  json_object_set_string_member (body, "action", action);

  body_node = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (body_node, FALSE);

  quoted_url = g_shell_quote (url);
  quoted_body = g_shell_quote (json);

  return g_strdup_printf ("curl -X POST %s -H 'Content-Type: application/json' "
                          "-H 'Accept: application/json' --data-raw %s",
                          quoted_url, quoted_body);
}
