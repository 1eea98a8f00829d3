/* stellar-call.c: one action call of the API explorer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-call-private.h"

/* What was asked is fixed at creation; the outcome is set once, when the
 * call completes or fails. A call loaded from the history may carry only
 * the start of a very long response: #StellarCall:response-size is the
 * size of the whole. */
struct _StellarCall
{
  GObject            parent_instance;

  char              *uid;
  char              *action;
  char              *params_text;
  char             **default_params;
  gint64             started_us;
  StellarTransport   transport;

  StellarCallStatus  status;
  char              *response_text;
  gsize              response_size;
  char              *error_code;
  char              *error_message;
  gint64             duration_ms;
};

enum {
  PROP_0,
  PROP_UID,
  PROP_ACTION,
  PROP_PARAMS_TEXT,
  PROP_TRANSPORT,
  PROP_DEFAULT_PARAMS,
  PROP_STARTED,
  PROP_STATUS,
  PROP_RESPONSE_TEXT,
  PROP_RESPONSE_SIZE,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_DURATION_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (StellarCallStatus, stellar_call_status,
  G_DEFINE_ENUM_VALUE (STELLAR_CALL_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (STELLAR_CALL_STATUS_OK, "ok"),
  G_DEFINE_ENUM_VALUE (STELLAR_CALL_STATUS_ERROR, "error"))

G_DEFINE_FINAL_TYPE (StellarCall, stellar_call, G_TYPE_OBJECT)

static void
stellar_call_finalize (GObject *object)
{
  StellarCall *self = STELLAR_CALL (object);

  g_free (self->uid);
  g_free (self->action);
  g_free (self->params_text);
  g_strfreev (self->default_params);
  g_free (self->response_text);
  g_free (self->error_code);
  g_free (self->error_message);

  G_OBJECT_CLASS (stellar_call_parent_class)->finalize (object);
}

static void
stellar_call_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StellarCall *self = STELLAR_CALL (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_PARAMS_TEXT:
      g_value_set_string (value, self->params_text);
      break;

    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;

    case PROP_DEFAULT_PARAMS:
      g_value_set_boxed (value, self->default_params);
      break;

    case PROP_STARTED:
      g_value_set_int64 (value, self->started_us);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_RESPONSE_TEXT:
      g_value_set_string (value, self->response_text);
      break;

    case PROP_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->response_size);
      break;

    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_call_class_init (StellarCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = stellar_call_finalize;
  object_class->get_property = stellar_call_get_property;

  /**
   * StellarCall:uid:
   *
   * A unique id, kept in the history.
   */
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, flags);

  /**
   * StellarCall:action:
   *
   * The action's name.
   */
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);

  /**
   * StellarCall:params-text:
   *
   * The parameters as the user gave them, as JSON text; without the
   * default parameters that interceptors added.
   */
  properties[PROP_PARAMS_TEXT] = g_param_spec_string ("params-text", NULL, NULL, NULL, flags);

  /**
   * StellarCall:transport:
   *
   * The transport that carried the call.
   */
  properties[PROP_TRANSPORT] = g_param_spec_enum ("transport", NULL, NULL,
                                                  STELLAR_TYPE_TRANSPORT, STELLAR_TRANSPORT_AUTO, flags);

  /**
   * StellarCall:default-params:
   *
   * The names of the default parameters that interceptors added: only the
   * names, since values may be secrets.
   */
  properties[PROP_DEFAULT_PARAMS] = g_param_spec_boxed ("default-params", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * StellarCall:started:
   *
   * When the call was made, in microseconds since the Unix epoch.
   */
  properties[PROP_STARTED] = g_param_spec_int64 ("started", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * StellarCall:status:
   *
   * Pending until the call completes or fails.
   */
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL,
                                               STELLAR_TYPE_CALL_STATUS, STELLAR_CALL_STATUS_PENDING, flags);

  /**
   * StellarCall:response-text:
   *
   * The response's text, or %NULL.
   */
  properties[PROP_RESPONSE_TEXT] = g_param_spec_string ("response-text", NULL, NULL, NULL, flags);

  /**
   * StellarCall:response-size:
   *
   * The response's size in bytes.
   */
  properties[PROP_RESPONSE_SIZE] = g_param_spec_uint64 ("response-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  /**
   * StellarCall:error-code:
   *
   * The server's error code (`"004"`), or %NULL.
   */
  properties[PROP_ERROR_CODE] = g_param_spec_string ("error-code", NULL, NULL, NULL, flags);

  /**
   * StellarCall:error-message:
   *
   * What went wrong, or %NULL.
   */
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);

  /**
   * StellarCall:duration-ms:
   *
   * How long the call took, in milliseconds; -1 while pending.
   */
  properties[PROP_DURATION_MS] = g_param_spec_int64 ("duration-ms", NULL, NULL, -1, G_MAXINT64, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_call_init (StellarCall *self)
{
  self->duration_ms = -1;
}

/**
 * stellar_call_new:
 * @action: the action's name
 * @params_text: the parameters as JSON text
 * @transport: the transport that carries the call
 * @default_params: (nullable) (array zero-terminated=1): the names of the
 *   default parameters that interceptors added
 * @started_us: when the call was made (g_get_real_time())
 *
 * Returns: (transfer full): a new, pending call
 */
StellarCall *
stellar_call_new (const char         *action,
                  const char         *params_text,
                  StellarTransport    transport,
                  const char * const *default_params,
                  gint64              started_us)
{
  const char * const none[] = { NULL };

  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (params_text != NULL, NULL);

  return _stellar_call_new_stored (g_uuid_string_random (),
                                   g_strdup (action),
                                   g_strdup (params_text),
                                   transport,
                                   g_strdupv ((char **) (default_params != NULL ? default_params : none)),
                                   started_us,
                                   STELLAR_CALL_STATUS_PENDING,
                                   NULL, 0, NULL, NULL, -1);
}

StellarCall *
_stellar_call_new_stored (char              *uid,
                          char              *action,
                          char              *params_text,
                          StellarTransport   transport,
                          char             **default_params,
                          gint64             started_us,
                          StellarCallStatus  status,
                          char              *response_text,
                          gsize              response_size,
                          char              *error_code,
                          char              *error_message,
                          gint64             duration_ms)
{
  StellarCall *self = g_object_new (STELLAR_TYPE_CALL, NULL);

  self->uid = uid;
  self->action = action;
  self->params_text = params_text;
  self->transport = transport;
  self->default_params = default_params;
  self->started_us = started_us;
  self->status = status;
  self->response_text = response_text;
  self->response_size = response_size;
  self->error_code = error_code;
  self->error_message = error_message;
  self->duration_ms = duration_ms;

  return self;
}

static void
finish (StellarCall       *self,
        StellarCallStatus  status,
        const char        *response_text,
        const char        *error_code,
        const char        *error_message,
        gint64             duration_ms)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  self->response_text = g_strdup (response_text);
  self->response_size = response_text != NULL ? strlen (response_text) : 0;
  self->error_code = g_strdup (error_code);
  self->error_message = g_strdup (error_message);
  self->duration_ms = MAX (duration_ms, 0);
  self->status = status;

  if (response_text != NULL)
    {
      g_object_notify_by_pspec (object, properties[PROP_RESPONSE_TEXT]);
      g_object_notify_by_pspec (object, properties[PROP_RESPONSE_SIZE]);
    }
  if (error_code != NULL)
    g_object_notify_by_pspec (object, properties[PROP_ERROR_CODE]);
  if (error_message != NULL)
    g_object_notify_by_pspec (object, properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (object, properties[PROP_DURATION_MS]);
  g_object_notify_by_pspec (object, properties[PROP_STATUS]);

  g_object_thaw_notify (object);
}

void
_stellar_call_set_default_params (StellarCall        *self,
                                  const char * const *default_params)
{
  const char * const none[] = { NULL };

  g_return_if_fail (STELLAR_IS_CALL (self));
  g_return_if_fail (self->status == STELLAR_CALL_STATUS_PENDING);

  if (default_params == NULL)
    default_params = none;

  if (g_strv_equal ((const char * const *) self->default_params, default_params))
    return;

  g_strfreev (self->default_params);
  self->default_params = g_strdupv ((char **) default_params);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_PARAMS]);
}

/**
 * stellar_call_complete:
 * @self: a pending #StellarCall
 * @response_text: (nullable): the response's text
 * @duration_ms: how long the call took
 *
 * Records a response without an error.
 */
void
stellar_call_complete (StellarCall *self,
                       const char  *response_text,
                       gint64       duration_ms)
{
  g_return_if_fail (STELLAR_IS_CALL (self));
  g_return_if_fail (self->status == STELLAR_CALL_STATUS_PENDING);

  finish (self, STELLAR_CALL_STATUS_OK, response_text, NULL, NULL, duration_ms);
}

/**
 * stellar_call_fail:
 * @self: a pending #StellarCall
 * @error_code: (nullable): the server's error code
 * @error_message: what went wrong
 * @response_text: (nullable): the response's text, when there was one
 * @duration_ms: how long the call took
 *
 * Records an error: the server's, or one on the way (a timeout, a lost
 * connection).
 */
void
stellar_call_fail (StellarCall *self,
                   const char  *error_code,
                   const char  *error_message,
                   const char  *response_text,
                   gint64       duration_ms)
{
  g_return_if_fail (STELLAR_IS_CALL (self));
  g_return_if_fail (self->status == STELLAR_CALL_STATUS_PENDING);
  g_return_if_fail (error_message != NULL);

  finish (self, STELLAR_CALL_STATUS_ERROR, response_text, error_code, error_message, duration_ms);
}

/**
 * stellar_call_get_uid:
 * @self: a #StellarCall
 *
 * Returns: the call's unique id
 */
const char *
stellar_call_get_uid (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->uid;
}

/**
 * stellar_call_get_action:
 * @self: a #StellarCall
 *
 * Returns: the action's name
 */
const char *
stellar_call_get_action (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->action;
}

/**
 * stellar_call_get_params_text:
 * @self: a #StellarCall
 *
 * Returns: the parameters as JSON text
 */
const char *
stellar_call_get_params_text (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->params_text;
}

/**
 * stellar_call_get_transport:
 * @self: a #StellarCall
 *
 * Returns: the transport that carried the call
 */
StellarTransport
stellar_call_get_transport (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), STELLAR_TRANSPORT_AUTO);

  return self->transport;
}

/**
 * stellar_call_get_default_params:
 * @self: a #StellarCall
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the
 *   default parameters that interceptors added
 */
const char * const *
stellar_call_get_default_params (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return (const char * const *) self->default_params;
}

/**
 * stellar_call_get_started:
 * @self: a #StellarCall
 *
 * Returns: when the call was made, in µs since the Unix epoch
 */
gint64
stellar_call_get_started (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), 0);

  return self->started_us;
}

/**
 * stellar_call_get_status:
 * @self: a #StellarCall
 *
 * Returns: where the call stands
 */
StellarCallStatus
stellar_call_get_status (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), STELLAR_CALL_STATUS_PENDING);

  return self->status;
}

/**
 * stellar_call_get_response_text:
 * @self: a #StellarCall
 *
 * Returns: (nullable): the response's text
 */
const char *
stellar_call_get_response_text (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->response_text;
}

/**
 * stellar_call_get_response_size:
 * @self: a #StellarCall
 *
 * Returns: the response's size in bytes
 */
gsize
stellar_call_get_response_size (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), 0);

  return self->response_size;
}

/**
 * stellar_call_get_error_code:
 * @self: a #StellarCall
 *
 * Returns: (nullable): the server's error code
 */
const char *
stellar_call_get_error_code (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->error_code;
}

/**
 * stellar_call_get_error_message:
 * @self: a #StellarCall
 *
 * Returns: (nullable): what went wrong
 */
const char *
stellar_call_get_error_message (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), NULL);

  return self->error_message;
}

/**
 * stellar_call_get_duration_ms:
 * @self: a #StellarCall
 *
 * Returns: how long the call took in milliseconds, or -1 while pending
 */
gint64
stellar_call_get_duration_ms (StellarCall *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL (self), -1);

  return self->duration_ms;
}
