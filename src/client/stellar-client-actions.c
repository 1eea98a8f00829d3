/* stellar-client-actions.c: action calls and their interceptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-action-call-private.h"
#include "stellar-client-private.h"
#include "stellar-json-private.h"

static guint intercept_signal_id;

typedef struct
{
  /* NULL until the interceptors see the call. */
  StellarActionCall *call;
  char *action;
  JsonObject *params;
  StellarTransport transport;
  GSource *hold_cancel_source;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_assert (data->hold_cancel_source == NULL);

  g_clear_object (&data->call);
  g_free (data->action);
  g_clear_pointer (&data->params, json_object_unref);
  g_free (data);
}

/* Gives the caller the outcome, after the interceptors' ::response handlers
 * had their say (and their chance to edit the response). */
static void
finish (GTask        *task,
        JsonNode     *response,
        const GError *error)
{
  ActionData *data = g_task_get_task_data (task);

  if (data->call != NULL)
    _stellar_action_call_emit_response (data->call, response, error);

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, json_node_ref (response), (GDestroyNotify)json_node_unref);
}

static void
on_action_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _stellar_request_queue_send_action_finish (STELLAR_REQUEST_QUEUE (object), result, &error);
  finish (task, response, error);
}

static void
perform (GTask *task)
{
  StellarClient *self = g_task_get_source_object (task);
  ActionData *data = g_task_get_task_data (task);
  const char *action = data->call ? stellar_action_call_get_action (data->call) : data->action;
  JsonObject *params = data->call ? stellar_action_call_get_params (data->call) : data->params;

  _stellar_request_queue_send_action_async (self->queue, action, params, data->transport,
                                            g_task_get_cancellable (task), on_action_done, task);
}

static void
stop_watching_hold (ActionData *data)
{
  if (data->hold_cancel_source != NULL)
    {
      g_source_destroy (data->hold_cancel_source);
      g_clear_pointer (&data->hold_cancel_source, g_source_unref);
    }
}

/* The interceptors are done: answer as they decided, or send. */
static void
on_call_ready (StellarActionCall *call,
               gpointer           user_data)
{
  GTask *task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) cancelled = NULL;

  stop_watching_hold (data);

  if (_stellar_action_call_is_answered (call))
    {
      finish (task, _stellar_action_call_get_response (call), _stellar_action_call_get_error (call));
      g_object_unref (task);
    }
  else if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled))
    {
      finish (task, NULL, cancelled);
      g_object_unref (task);
    }
  else
    perform (task);
}

static gboolean
on_cancelled_while_held (GCancellable *cancellable,
                         gpointer      user_data)
{
  GTask *task = user_data;
  ActionData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("The action call was cancelled"));

  stop_watching_hold (data);
  _stellar_action_call_cancel_ready (data->call);
  finish (task, NULL, error);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
intercept (StellarClient *self,
           GTask         *task,
           guint          signal_id)
{
  ActionData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean handled = FALSE;

  data->call = _stellar_action_call_new (data->action, data->params);
  g_clear_pointer (&data->params, json_object_unref);

  _stellar_action_call_begin_intercept (data->call);
  g_signal_emit (self, signal_id, 0, data->call, &handled);
  if (!_stellar_action_call_end_intercept (data->call, on_call_ready, task) || cancellable == NULL)
    return;

  /* While a hold keeps the call waiting, the caller may still cancel (a
   * cancellable cancelled already makes the source dispatch at once). */
  data->hold_cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_static_name (data->hold_cancel_source, "[stellar] held call cancelled");
  g_source_set_callback (data->hold_cancel_source, G_SOURCE_FUNC (on_cancelled_while_held),
                         task, NULL);
  g_source_attach (data->hold_cancel_source, self->context);
}

/**
 * stellar_client_action_async:
 * @self: a #StellarClient
 * @action: the action's name
 * @params: (nullable): its parameters; not modified
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response
 * @user_data: data for @callback
 *
 * Calls @action over the WebSocket when connected, and over HTTP otherwise
 * (Stellar's own rule). See [method@Client.action_full_async].
 */
void
stellar_client_action_async (StellarClient       *self,
                             const char          *action,
                             JsonObject          *params,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  stellar_client_action_full_async (self, action, params, STELLAR_TRANSPORT_AUTO,
                                    cancellable, callback, user_data);
}

/**
 * stellar_client_action_full_async:
 * @self: a #StellarClient
 * @action: the action's name
 * @params: (nullable): its parameters; not modified
 * @transport: the transport to use
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response
 * @user_data: data for @callback
 *
 * Calls @action with @params. Every call first goes through the
 * interceptors ([signal@Client::intercept]). At most
 * [property@Client:simultaneous-actions] calls are in flight; the others
 * wait in FIFO order. With %STELLAR_TRANSPORT_AUTO the transport is chosen
 * when the call is sent: the WebSocket if connected, HTTP otherwise.
 *
 * Over HTTP the call is `POST <url><api-path>?action=NAME` with the
 * parameters and `action` as a JSON body, carrying the same `sessionID`
 * cookie as the WebSocket.
 */
void
stellar_client_action_full_async (StellarClient       *self,
                                  const char          *action,
                                  JsonObject          *params,
                                  StellarTransport     transport,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ActionData *data;
  guint signal_id;

  g_return_if_fail (STELLAR_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_client_action_full_async);

  if (action == NULL || *action == '\0')
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT,
                               _("No action was named"));
      return;
    }

  if (self->base_uri == NULL)
    {
      g_task_return_error (task, g_error_copy (self->url_error));
      return;
    }

  /* Looked up once: by name it costs a hash lookup per call. */
  if (G_UNLIKELY (intercept_signal_id == 0))
    intercept_signal_id = g_signal_lookup ("intercept", STELLAR_TYPE_CLIENT);
  signal_id = intercept_signal_id;

  if (!g_signal_has_handler_pending (self, signal_id, 0, FALSE))
    {
      /* Nobody to show the call to: the request completes the caller's
       * task itself, and the frame is encoded before this returns. */
      _stellar_request_queue_send_action (self->queue, action, params, transport,
                                          g_steal_pointer (&task));
      return;
    }

  data = g_new0 (ActionData, 1);
  data->action = g_strdup (action);
  data->transport = transport;
  g_task_set_task_data (task, data, (GDestroyNotify)action_data_free);

  /* Interceptors edit the call's own copy, never the caller's. */
  data->params = params ? _stellar_json_object_copy_deep (params) : json_object_new ();
  intercept (self, g_steal_pointer (&task), signal_id);
}

/**
 * stellar_client_action_finish:
 * @self: a #StellarClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Gets the response of an action call: the whole reply object, as the
 * server sent it. A reply with an `error` member is a %STELLAR_ERROR_SERVER
 * error carrying the reply (see stellar_error_get_response()); over HTTP,
 * so is any status but 200, and a body that is not JSON is a
 * %STELLAR_ERROR_PROTOCOL error.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
JsonNode *
stellar_client_action_finish (StellarClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
