/* stellar-client-chat.c: messages and events in rooms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-client-private.h"
#include "stellar-error-private.h"

/* The room to use, or NULL after failing @task. */
static const char *
resolve_room (StellarClient *self,
              GTask         *task,
              const char    *room)
{
  if (room == NULL)
    room = self->default_room;

  if (room == NULL || *room == '\0')
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("No room was named, and there is no default room"));
      return NULL;
    }

  if (self->state == STELLAR_CLIENT_STATE_DISCONNECTED)
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED,
                               _("Not connected: messages need the WebSocket connection"));
      return NULL;
    }

  return room;
}

/* --- say --------------------------------------------------------------- */

static void
on_said (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = _stellar_request_queue_verb_finish (STELLAR_REQUEST_QUEUE (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stellar_client_say_async:
 * @self: a #StellarClient
 * @room: (nullable): the room, or %NULL for [property@Client:default-room]
 * @message: the text to say
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server accepted or refused it
 * @user_data: data for @callback
 *
 * Says @message in @room with the `say` verb, which every Stellar version
 * understands. The connection must be in the room. Members, the sender
 * included, receive it through [signal@Client::say].
 *
 * While reconnecting, the message waits in the outbox and is sent once the
 * connection is back; it fails with %STELLAR_ERROR_DISCONNECTED only if the
 * client gives up.
 */
void
stellar_client_say_async (StellarClient       *self,
                          const char          *room,
                          const char          *message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) frame = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_say_async);

  if (message == NULL)
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("No message was given"));
      return;
    }

  room = resolve_room (self, task, room);
  if (room == NULL)
    return;

  frame = json_object_new ();
  json_object_set_string_member (frame, "event", "say");
  json_object_set_string_member (frame, "room", room);
  json_object_set_string_member (frame, "message", message);

  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_ASYNC_VERB, frame,
                                     STELLAR_REQUEST_DEFAULT, cancellable, on_said,
                                     g_steal_pointer (&task));
}

/**
 * stellar_client_say_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server accepted the message; otherwise %FALSE with
 *   @error set (%STELLAR_ERROR_SERVER when the connection is not in the room)
 */
gboolean
stellar_client_say_finish (StellarClient  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- emit -------------------------------------------------------------- */

static void
on_emitted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = _stellar_request_queue_verb_finish (STELLAR_REQUEST_QUEUE (object), result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (_stellar_error_has_status_code (error, "014"))
    {
      /* A server older than Stellar 1.2 has no `event` verb. */
      g_task_return_error (task,
                           _stellar_error_new_server_literal (stellar_error_get_response (error),
                                                              "This server does not support room events: "
                                                              "the event verb needs Stellar 1.2 or later"));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * stellar_client_emit_async:
 * @self: a #StellarClient
 * @room: (nullable): the room, or %NULL for [property@Client:default-room]
 * @event: the event's name
 * @data: (nullable): any JSON value; %NULL sends JSON null
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server accepted or refused it
 * @user_data: data for @callback
 *
 * Sends the event @event with @data to @room (the `event` verb of Stellar
 * 1.2 and later). Members, the sender included, receive it through
 * [signal@Client::say] and [signal@Client::event]. A server older than 1.2
 * refuses with a %STELLAR_ERROR_SERVER error that says so.
 *
 * While reconnecting, the event waits in the outbox, as with
 * [method@Client.say_async].
 */
void
stellar_client_emit_async (StellarClient       *self,
                           const char          *room,
                           const char          *event,
                           JsonNode            *data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) frame = NULL;
  JsonObject *params;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_emit_async);

  if (event == NULL || *event == '\0')
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("No event name was given"));
      return;
    }

  room = resolve_room (self, task, room);
  if (room == NULL)
    return;

  /* The room goes inside params only: a top-level room would become the
   * verb's first word and the server would find no params. */
  params = json_object_new ();
  json_object_set_string_member (params, "room", room);
  json_object_set_string_member (params, "event", event);
  json_object_set_member (params, "data", data ? json_node_copy (data) : json_node_new (JSON_NODE_NULL));

  frame = json_object_new ();
  json_object_set_string_member (frame, "event", "event");
  json_object_set_object_member (frame, "params", params);

  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_ASYNC_VERB, frame,
                                     STELLAR_REQUEST_DEFAULT, cancellable, on_emitted,
                                     g_steal_pointer (&task));
}

/**
 * stellar_client_emit_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server accepted the event; otherwise %FALSE with
 *   @error set
 */
gboolean
stellar_client_emit_finish (StellarClient  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
