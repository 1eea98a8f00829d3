/* stellar-frame-log-export.c: the frame log as a JSON file
 *
 * The format is described in docs/inspector-export.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-frame-log-private.h"
#include "stellar-frame-private.h"

#define EXPORT_FORMAT "com.example.Stellar.frames"
#define EXPORT_VERSION 1

typedef struct {
  GFile  *file;
  char   *server;
  guint   capacity;
  GArray *frames;
} Export;

static void
export_free (Export *export)
{
  for (guint i = 0; i < export->frames->len; i++)
    {
      StellarFrameSnapshot *snapshot = &g_array_index (export->frames, StellarFrameSnapshot, i);

      g_object_unref (snapshot->frame);
      g_strfreev (snapshot->added_params);
    }
  g_array_unref (export->frames);
  g_object_unref (export->file);
  g_free (export->server);
  g_free (export);
}

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (time, time_us % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
add_frame (JsonBuilder                *builder,
           const StellarFrameSnapshot *snapshot)
{
  StellarFrame *frame = snapshot->frame;
  g_autofree char *time = format_time (stellar_frame_get_time (frame));
  g_autoptr(GEnumClass) kinds = g_type_class_ref (STELLAR_TYPE_FRAME_KIND);
  JsonNode *parsed = _stellar_frame_parse (frame);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, stellar_frame_get_id (frame));
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, stellar_frame_get_outgoing (frame) ? "out" : "in");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "timeUs");
  json_builder_add_int_value (builder, stellar_frame_get_time (frame));
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, stellar_frame_get_size (frame));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, g_enum_get_value (kinds, stellar_frame_get_kind (frame))->value_nick);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, stellar_frame_get_label (frame));
  json_builder_set_member_name (builder, "connection");
  json_builder_add_int_value (builder, snapshot->connection);

  if (snapshot->message_count > 0)
    {
      json_builder_set_member_name (builder, "messageCount");
      json_builder_add_int_value (builder, snapshot->message_count);
    }
  if (snapshot->peer_id != 0)
    {
      json_builder_set_member_name (builder, "peerId");
      json_builder_add_int_value (builder, snapshot->peer_id);
      json_builder_set_member_name (builder, "latencyMs");
      json_builder_add_int_value (builder, snapshot->latency_ms);
    }
  if (snapshot->added_params != NULL)
    {
      json_builder_set_member_name (builder, "addedParams");
      json_builder_begin_array (builder);
      for (guint i = 0; snapshot->added_params[i] != NULL; i++)
        json_builder_add_string_value (builder, snapshot->added_params[i]);
      json_builder_end_array (builder);
    }

  if (parsed != NULL)
    {
      json_builder_set_member_name (builder, "frame");
      json_builder_add_value (builder, parsed);
    }
  else
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, stellar_frame_get_text (frame));
    }
  json_builder_end_object (builder);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *data = NULL;
  gsize length;

  exported = format_time (g_get_real_time ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_VERSION);
  json_builder_set_member_name (builder, "exported");
  json_builder_add_string_value (builder, exported);
  json_builder_set_member_name (builder, "server");
  if (export->server != NULL)
    json_builder_add_string_value (builder, export->server);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "capacity");
  json_builder_add_int_value (builder, export->capacity);
  json_builder_set_member_name (builder, "frames");
  json_builder_begin_array (builder);
  for (guint i = 0; i < export->frames->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      add_frame (builder, &g_array_index (export->frames, StellarFrameSnapshot, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);

  if (!g_file_replace_contents (export->file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_frame_log_export_async:
 * @self: a #StellarFrameLog
 * @file: where to write
 * @server: (nullable): the server's URL, recorded in the file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the file is written
 * @user_data: data for @callback
 *
 * Writes every frame the log holds (paused or not) to @file as JSON, in a
 * thread: each frame as parsed JSON with its metadata, as described in
 * docs/inspector-export.md.
 */
void
stellar_frame_log_export_async (StellarFrameLog     *self,
                                GFile               *file,
                                const char          *server,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = g_new0 (Export, 1);
  export->file = g_object_ref (file);
  export->server = g_strdup (server);
  export->capacity = stellar_frame_log_get_capacity (self);
  export->frames = _stellar_frame_log_snapshot (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_frame_log_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * stellar_frame_log_export_finish:
 * @self: a #StellarFrameLog
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
stellar_frame_log_export_finish (StellarFrameLog  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == stellar_frame_log_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
