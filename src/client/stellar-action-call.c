/* stellar-action-call.c: one action call as interceptors see it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include "stellar-action-call-private.h"
#include "stellar-client-marshal.h"

/**
 * StellarActionCall:
 *
 * An action call on its way to the server, handed to every handler of
 * [signal@Client::intercept] before anything is sent.
 *
 * Interceptors may rename the action, edit its parameters in place, answer it
 * themselves with [method@ActionCall.respond], fail it with
 * [method@ActionCall.fail], or make it wait for asynchronous work with
 * [method@ActionCall.hold] and [method@ActionCall.release]. They see the
 * outcome through [signal@ActionCall::response], where they may also edit the
 * response before the caller gets it.
 */
struct _StellarActionCall
{
  GObject parent_instance;

  char *action;
  JsonObject *params;

  JsonNode *response;
  GError *error;

  guint holds;
  guint intercepting : 1;
  guint answered : 1;
  guint response_emitted : 1;

  StellarActionCallReadyFunc ready;
  gpointer ready_data;
};

G_DEFINE_FINAL_TYPE (StellarActionCall, stellar_action_call, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTION,
  PROP_PARAMS,
  N_PROPS
};

enum {
  RESPONSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
stellar_action_call_finalize (GObject *object)
{
  StellarActionCall *self = (StellarActionCall *)object;

  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->params, json_object_unref);
  g_clear_pointer (&self->response, json_node_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (stellar_action_call_parent_class)->finalize (object);
}

static void
stellar_action_call_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarActionCall *self = STELLAR_ACTION_CALL (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_PARAMS:
      g_value_set_boxed (value, self->params);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_call_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarActionCall *self = STELLAR_ACTION_CALL (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      stellar_action_call_set_action (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_call_class_init (StellarActionCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_action_call_finalize;
  object_class->get_property = stellar_action_call_get_property;
  object_class->set_property = stellar_action_call_set_property;

  /**
   * StellarActionCall:action:
   *
   * The name of the action to call. Interceptors may change it.
   */
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionCall:params:
   *
   * The parameters of the call, a private copy of the caller's: interceptors
   * edit it in place.
   */
  properties[PROP_PARAMS] =
    g_param_spec_boxed ("params", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarActionCall::response:
   * @self: the call
   * @response: (nullable): the response, which handlers may edit in place
   * @error: (nullable): the error the call failed with
   *
   * Emitted once, when the call has its outcome and just before the caller's
   * callback runs. Handlers run in the order they were connected, which for
   * handlers connected by interceptors is the order of the interceptors.
   */
  signals[RESPONSE] =
    g_signal_new ("response",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  _stellar_client_marshal_VOID__BOXED_BOXED,
                  G_TYPE_NONE, 2,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[RESPONSE], G_TYPE_FROM_CLASS (klass),
                              _stellar_client_marshal_VOID__BOXED_BOXEDv);
}

static void
stellar_action_call_init (StellarActionCall *self)
{
}

StellarActionCall *
_stellar_action_call_new (const char *action,
                          JsonObject *params)
{
  StellarActionCall *self = g_object_new (STELLAR_TYPE_ACTION_CALL, NULL);

  self->action = g_strdup (action);
  self->params = params ? json_object_ref (params) : json_object_new ();

  return self;
}

/**
 * stellar_action_call_get_action:
 * @self: a #StellarActionCall
 *
 * Returns: the name of the action to call
 */
const char *
stellar_action_call_get_action (StellarActionCall *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CALL (self), NULL);

  return self->action;
}

/**
 * stellar_action_call_set_action:
 * @self: a #StellarActionCall
 * @action: the name of the action to call instead
 *
 * Renames the action the call will reach.
 */
void
stellar_action_call_set_action (StellarActionCall *self,
                                const char        *action)
{
  g_return_if_fail (STELLAR_IS_ACTION_CALL (self));
  g_return_if_fail (action != NULL && *action != '\0');

  if (g_strcmp0 (self->action, action) == 0)
    return;

  g_free (self->action);
  self->action = g_strdup (action);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION]);
}

/**
 * stellar_action_call_get_params:
 * @self: a #StellarActionCall
 *
 * Gets the parameters of the call. They are the call's own copy: edit them in
 * place to add, change or remove parameters.
 *
 * Returns: (transfer none): the parameters
 */
JsonObject *
stellar_action_call_get_params (StellarActionCall *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CALL (self), NULL);

  return self->params;
}

static gboolean
check_not_answered (StellarActionCall *self,
                    const char        *what)
{
  if (self->answered)
    {
      g_critical ("%s() on the call of “%s”, which already has its outcome", what, self->action);
      return FALSE;
    }
  return TRUE;
}

/**
 * stellar_action_call_respond:
 * @self: a #StellarActionCall
 * @response: the response to give the caller
 *
 * Answers the call without sending anything: the caller gets @response as if
 * the server had sent it. Interceptors that have not run yet are skipped only
 * if the handler also returns %TRUE.
 */
void
stellar_action_call_respond (StellarActionCall *self,
                             JsonNode          *response)
{
  g_return_if_fail (STELLAR_IS_ACTION_CALL (self));
  g_return_if_fail (response != NULL);

  if (!check_not_answered (self, G_STRFUNC))
    return;

  self->answered = TRUE;
  self->response = json_node_copy (response);
}

/**
 * stellar_action_call_fail:
 * @self: a #StellarActionCall
 * @error: the error to fail the call with
 *
 * Fails the call without sending anything.
 */
void
stellar_action_call_fail (StellarActionCall *self,
                          const GError      *error)
{
  g_return_if_fail (STELLAR_IS_ACTION_CALL (self));
  g_return_if_fail (error != NULL);

  if (!check_not_answered (self, G_STRFUNC))
    return;

  self->answered = TRUE;
  self->error = g_error_copy (error);
}

/**
 * stellar_action_call_hold:
 * @self: a #StellarActionCall
 *
 * Makes the call wait: nothing is sent until every hold is released with
 * stellar_action_call_release(). An interceptor that needs asynchronous work,
 * such as refreshing a token, holds the call, returns, and releases it once
 * the work is done (after editing the parameters, or answering the call).
 */
void
stellar_action_call_hold (StellarActionCall *self)
{
  g_return_if_fail (STELLAR_IS_ACTION_CALL (self));

  self->holds++;
}

static void
maybe_ready (StellarActionCall *self)
{
  StellarActionCallReadyFunc ready = self->ready;

  if (self->intercepting || self->holds > 0 || ready == NULL)
    return;

  self->ready = NULL;
  ready (self, self->ready_data);
}

/**
 * stellar_action_call_release:
 * @self: a #StellarActionCall
 *
 * Releases one hold taken with stellar_action_call_hold(). When the last one
 * is released, the call goes on: it is sent, or answered as the interceptors
 * decided.
 */
void
stellar_action_call_release (StellarActionCall *self)
{
  g_return_if_fail (STELLAR_IS_ACTION_CALL (self));
  g_return_if_fail (self->holds > 0);

  self->holds--;

  g_object_ref (self);
  maybe_ready (self);
  g_object_unref (self);
}

void
_stellar_action_call_begin_intercept (StellarActionCall *self)
{
  self->intercepting = TRUE;
}

/* Returns %TRUE when a hold keeps the call waiting; otherwise @ready has run. */
gboolean
_stellar_action_call_end_intercept (StellarActionCall          *self,
                                    StellarActionCallReadyFunc  ready,
                                    gpointer                    user_data)
{
  if (self->holds > 0)
    {
      self->intercepting = FALSE;
      self->ready = ready;
      self->ready_data = user_data;
      return TRUE;
    }

  self->intercepting = FALSE;
  ready (self, user_data);
  return FALSE;
}

/* The caller gave up (cancelled) while the call was held: a later release
 * must not go on with it. */
void
_stellar_action_call_cancel_ready (StellarActionCall *self)
{
  self->ready = NULL;
  self->ready_data = NULL;
}

gboolean
_stellar_action_call_is_answered (StellarActionCall *self)
{
  return self->answered;
}

JsonNode *
_stellar_action_call_get_response (StellarActionCall *self)
{
  return self->response;
}

const GError *
_stellar_action_call_get_error (StellarActionCall *self)
{
  return self->error;
}

void
_stellar_action_call_emit_response (StellarActionCall *self,
                                    JsonNode          *response,
                                    const GError      *error)
{
  g_return_if_fail (!self->response_emitted);

  self->response_emitted = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response, error);
}
