/* stellar-client-file.c: static files from the server's public folder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "stellar-client-private.h"

/* Whether @path stays inside the public folder. */
static gboolean
is_public_path (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (strcmp (segments[i], "..") == 0)
      return FALSE;

  return TRUE;
}

static void
on_file_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *file;

  file = _stellar_client_http_file_finish (STELLAR_CLIENT (object), result, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify)json_object_unref);
}

/**
 * stellar_client_file_async:
 * @self: a #StellarClient
 * @path: the file's path in the server's public folder, such as "hello.txt"
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the file
 * @user_data: data for @callback
 *
 * Gets a static file over HTTP (`GET <url>/public/<path>`): never with the
 * WebSocket `file` verb, which brings real Stellar servers down. Works
 * whether connected or not.
 */
void
stellar_client_file_async (StellarClient       *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_file_async);

  if (self->base_uri == NULL)
    {
      g_task_return_error (task, g_error_copy (self->url_error));
      return;
    }

  while (path != NULL && *path == '/')
    path++;

  if (path == NULL || *path == '\0' || !is_public_path (path))
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a file path in the public folder"), path ? path : "");
      return;
    }

  _stellar_client_http_file_async (self, path, cancellable, on_file_done, g_steal_pointer (&task));
}

/**
 * stellar_client_file_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Gets the file, in the shape of Stellar's own file reply:
 * `{"content", "mime", "length", "lastModified", "error": null}`. Text is
 * given as is; other content is base64-encoded, with `"encoding": "base64"`.
 * A file the server reports missing (HTTP 404) fails with
 * %STELLAR_ERROR_SERVER; a server that never answers (Stellar 1.4.6 does not
 * answer for a missing file) with %STELLAR_ERROR_TIMEOUT after
 * [property@Client:request-timeout].
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
JsonObject *
stellar_client_file_finish (StellarClient  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
