/* stellar-client-rooms.c: joining, leaving and viewing rooms; the details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-client-private.h"
#include "stellar-error-private.h"

/* Checks what every room verb needs; returns FALSE after failing @task. */
static gboolean
check_room_request (StellarClient *self,
                    GTask         *task,
                    const char    *room)
{
  if (room == NULL || *room == '\0')
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("No room was named"));
      return FALSE;
    }

  if (self->state == STELLAR_CLIENT_STATE_DISCONNECTED)
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED,
                               _("Not connected: rooms need the WebSocket connection"));
      return FALSE;
    }

  return TRUE;
}

static JsonObject *reply_data (StellarRequestQueue  *queue,
                               GAsyncResult         *result,
                               GError              **error);

static JsonObject *
room_frame (const char *verb,
            const char *room)
{
  JsonObject *frame = json_object_new ();

  json_object_set_string_member (frame, "event", verb);
  json_object_set_string_member (frame, "room", room);
  return frame;
}

/* --- refreshing the details after a room change -------------------------- */

static void
on_details_refreshed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  /* The room change itself succeeded; a failed refresh only leaves the
   * joined rooms as they were. */
  details = reply_data (STELLAR_REQUEST_QUEUE (object), result, &error);
  if (details == NULL)
    g_debug ("Could not refresh the details after a room change: %s", error->message);
  else
    _stellar_client_set_details (g_task_get_source_object (task), details);

  g_task_return_boolean (task, TRUE);
}

static void
refresh_details_then_succeed (GTask *task)
{
  StellarClient *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) frame = json_object_new ();

  /* Next in line, so that the change completes before what was asked after it. */
  json_object_set_string_member (frame, "event", "detailsView");
  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_VERB, frame, STELLAR_REQUEST_NEXT,
                                     NULL, on_details_refreshed, task);
}

/* --- room_add ------------------------------------------------------------ */

static void
on_room_added (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean queued_offline = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (!_stellar_request_queue_join_room_finish (STELLAR_REQUEST_QUEUE (object), result, &error))
    {
      /* A join asked for while reconnecting may find the room joined again
       * already: the caller wanted to be in it, and is. */
      if (!(queued_offline && _stellar_error_has_status_code (error, "017")))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  refresh_details_then_succeed (g_steal_pointer (&task));
}

/**
 * stellar_client_room_add_async:
 * @self: a #StellarClient
 * @room: the room to join
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the room is joined or the join failed
 * @user_data: data for @callback
 *
 * Joins @room: the `roomJoin` verb, or `roomAdd` on servers older than
 * Stellar 1.2 (the client learns which from the server's answer and
 * remembers it). Then refreshes the details and
 * [property@Client:joined-rooms]. While reconnecting, the join waits in the
 * outbox until the connection is back.
 */
void
stellar_client_room_add_async (StellarClient       *self,
                               const char          *room,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_room_add_async);

  if (!check_room_request (self, task, room))
    return;

  g_task_set_task_data (task, GINT_TO_POINTER (self->state != STELLAR_CLIENT_STATE_CONNECTED), NULL);
  _stellar_request_queue_join_room_async (self->queue, room, STELLAR_REQUEST_DEFAULT, cancellable,
                                          on_room_added, g_steal_pointer (&task));
}

/**
 * stellar_client_room_add_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the room was joined; otherwise %FALSE with @error set,
 *   %STELLAR_ERROR_SERVER when the server refused (the room does not exist,
 *   the connection is already in it)
 */
gboolean
stellar_client_room_add_finish (StellarClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- room_leave ---------------------------------------------------------- */

static void
on_room_left (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued_offline = GPOINTER_TO_INT (g_task_get_task_data (task));

  reply = _stellar_request_queue_verb_finish (STELLAR_REQUEST_QUEUE (object), result, &error);
  if (reply == NULL && !(queued_offline && _stellar_error_has_status_code (error, "016")))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  refresh_details_then_succeed (g_steal_pointer (&task));
}

/**
 * stellar_client_room_leave_async:
 * @self: a #StellarClient
 * @room: the room to leave
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the room is left or leaving failed
 * @user_data: data for @callback
 *
 * Leaves @room (the `roomLeave` verb), then refreshes the details and
 * [property@Client:joined-rooms]. The room is also dropped from
 * [property@Client:rooms], so that it is not joined again on reconnection.
 * While reconnecting, the request waits in the outbox.
 */
void
stellar_client_room_leave_async (StellarClient       *self,
                                 const char          *room,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) frame = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_room_leave_async);

  if (!check_room_request (self, task, room))
    return;

  /* Not to be joined again when the connection comes back. */
  _stellar_client_forget_room (self, room);

  g_task_set_task_data (task, GINT_TO_POINTER (self->state != STELLAR_CLIENT_STATE_CONNECTED), NULL);
  frame = room_frame ("roomLeave", room);
  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_ASYNC_VERB, frame,
                                     STELLAR_REQUEST_DEFAULT, cancellable, on_room_left,
                                     g_steal_pointer (&task));
}

/**
 * stellar_client_room_leave_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the room was left; otherwise %FALSE with @error set
 */
gboolean
stellar_client_room_leave_finish (StellarClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- room_view and details_view ----------------------------------------- */

/* Returns: (transfer full): the `data` object of a verb reply */
static JsonObject *
reply_data (StellarRequestQueue  *queue,
            GAsyncResult         *result,
            GError              **error)
{
  g_autoptr(JsonNode) reply = NULL;
  JsonNode *data;

  reply = _stellar_request_queue_verb_finish (queue, result, error);
  if (reply == NULL)
    return NULL;

  data = json_object_get_member (json_node_get_object (reply), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                           _("The server's reply carries no data"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (data));
}

static void
on_room_viewed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *view = reply_data (STELLAR_REQUEST_QUEUE (object), result, &error);

  if (view == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, view, (GDestroyNotify)json_object_unref);
}

/**
 * stellar_client_room_view_async:
 * @self: a #StellarClient
 * @room: a room the connection is in
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the room's view
 * @user_data: data for @callback
 *
 * Asks who is in @room (the `roomView` verb). Only members may look.
 */
void
stellar_client_room_view_async (StellarClient       *self,
                                const char          *room,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) frame = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_room_view_async);

  if (!check_room_request (self, task, room))
    return;

  frame = room_frame ("roomView", room);
  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_ASYNC_VERB, frame,
                                     STELLAR_REQUEST_DEFAULT, cancellable, on_room_viewed,
                                     g_steal_pointer (&task));
}

/**
 * stellar_client_room_view_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the room's view, `{room, members, membersCount}`,
 *   or %NULL with @error set (%STELLAR_ERROR_SERVER for a room the
 *   connection is not in)
 */
JsonObject *
stellar_client_room_view_finish (StellarClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_details_viewed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *details = reply_data (STELLAR_REQUEST_QUEUE (object), result, &error);

  if (details == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _stellar_client_set_details (g_task_get_source_object (task), details);
  g_task_return_pointer (task, details, (GDestroyNotify)json_object_unref);
}

/**
 * stellar_client_details_view_async:
 * @self: a #StellarClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the details
 * @user_data: data for @callback
 *
 * Asks for the connection's details (the `detailsView` verb) and stores
 * them: [method@Client.get_details], [property@Client:id] and
 * [property@Client:joined-rooms] follow.
 */
void
stellar_client_details_view_async (StellarClient       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) frame = NULL;

  g_return_if_fail (STELLAR_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_details_view_async);

  if (self->state == STELLAR_CLIENT_STATE_DISCONNECTED)
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED,
                               _("Not connected: the details need the WebSocket connection"));
      return;
    }

  frame = json_object_new ();
  json_object_set_string_member (frame, "event", "detailsView");
  _stellar_request_queue_verb_async (self->queue, STELLAR_REQUEST_VERB, frame,
                                     STELLAR_REQUEST_DEFAULT, cancellable, on_details_viewed,
                                     g_steal_pointer (&task));
}

/**
 * stellar_client_details_view_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the details, or %NULL with @error set
 */
JsonObject *
stellar_client_details_view_finish (StellarClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
