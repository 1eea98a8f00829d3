/* stellar-served-file.c: a static file a server gave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-served-file.h"

/**
 * StellarServedFile:
 *
 * A file the server serves from its public folder, as
 * stellar_client_file_async() fetched it over HTTP: its path, MIME type and
 * bytes. Views show it without reading the client's JSON.
 */
struct _StellarServedFile
{
  GObject   parent_instance;

  char     *path;
  char     *mime_type;
  GBytes   *content;
  gboolean  text;
};

G_DEFINE_FINAL_TYPE (StellarServedFile, stellar_served_file, G_TYPE_OBJECT)

static void
stellar_served_file_finalize (GObject *object)
{
  StellarServedFile *self = STELLAR_SERVED_FILE (object);

  g_free (self->path);
  g_free (self->mime_type);
  g_clear_pointer (&self->content, g_bytes_unref);

  G_OBJECT_CLASS (stellar_served_file_parent_class)->finalize (object);
}

static void
stellar_served_file_class_init (StellarServedFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stellar_served_file_finalize;
}

static void
stellar_served_file_init (StellarServedFile *self)
{
}

/* The client's answer, `{"content", "mime", "encoding"?…}` (docs/client-api.md). */
static StellarServedFile *
served_file_new (const char  *path,
                 JsonObject  *reply,
                 GError     **error)
{
  g_autoptr(StellarServedFile) self = g_object_new (STELLAR_TYPE_SERVED_FILE, NULL);
  const char *content = json_object_get_string_member_with_default (reply, "content", NULL);
  const char *encoding = json_object_get_string_member_with_default (reply, "encoding", NULL);

  if (content == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The server sent no content for %s", path);
      return NULL;
    }

  self->path = g_strdup (path);
  self->mime_type = g_strdup (json_object_get_string_member_with_default (reply, "mime",
                                                                          "application/octet-stream"));
  if (g_strcmp0 (encoding, "base64") == 0)
    {
      gsize length;
      guchar *data = g_base64_decode (content, &length);

      self->content = g_bytes_new_take (data, length);
    }
  else
    {
      self->content = g_bytes_new (content, strlen (content));
      self->text = TRUE;
    }

  return g_steal_pointer (&self);
}

static void
on_file_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  StellarServedFile *file;

  reply = stellar_client_file_finish (STELLAR_CLIENT (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  file = served_file_new (g_task_get_task_data (task), reply, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

/**
 * stellar_served_file_request_async:
 * @client: a connected #StellarClient
 * @path: the file's path on the server, such as `/index.html`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file came, or did not
 * @user_data: data for @callback
 *
 * Fetches a static file with an HTTP GET, never with the `file` verb that
 * a real Stellar server does not survive (docs/wire-protocol.md).
 */
void
stellar_served_file_request_async (StellarClient       *client,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (client));
  g_return_if_fail (path != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_served_file_request_async);
  g_task_set_task_data (task, g_strdup (path), g_free);

  stellar_client_file_async (client, path, cancellable, on_file_done, g_steal_pointer (&task));
}

/**
 * stellar_served_file_request_finish:
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
StellarServedFile *
stellar_served_file_request_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
stellar_served_file_get_path (StellarServedFile *self)
{
  g_return_val_if_fail (STELLAR_IS_SERVED_FILE (self), NULL);

  return self->path;
}

const char *
stellar_served_file_get_mime_type (StellarServedFile *self)
{
  g_return_val_if_fail (STELLAR_IS_SERVED_FILE (self), NULL);

  return self->mime_type;
}

/**
 * stellar_served_file_get_content:
 * @self: a #StellarServedFile
 *
 * Returns: (transfer none): the file's bytes
 */
GBytes *
stellar_served_file_get_content (StellarServedFile *self)
{
  g_return_val_if_fail (STELLAR_IS_SERVED_FILE (self), NULL);

  return self->content;
}

/* UTF-8 text the client gave as is. */
gboolean
stellar_served_file_is_text (StellarServedFile *self)
{
  g_return_val_if_fail (STELLAR_IS_SERVED_FILE (self), FALSE);

  return self->text;
}

gboolean
stellar_served_file_is_image (StellarServedFile *self)
{
  g_return_val_if_fail (STELLAR_IS_SERVED_FILE (self), FALSE);

  return g_str_has_prefix (self->mime_type, "image/");
}
