/* stellar-action-request.c: the action call the explorer edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-action-request-private.h"
#include "stellar-curl-command.h"
#include "stellar-params-parser.h"
#include "stellar-utils.h"

/* What the explorer's Actions page edits: the action, its parameters as
 * JSON text and as a form of fields (kept in step by
 * stellar-action-request-fields.c), and the transport. It checks the
 * parameters as they are typed: [property@ActionRequest:valid] and the
 * error properties point at the line and column of the problem, and
 * stellar_action_request_get_params() hands out parameters only when they
 * are a valid JSON object, so nothing invalid is ever sent. */

enum {
  PROP_0,
  PROP_ACTION,
  PROP_PARAMS_TEXT,
  PROP_TRANSPORT,
  PROP_CATALOG,
  PROP_ACTION_INFO,
  PROP_VALID,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_LINE,
  PROP_ERROR_COLUMN,
  PROP_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarActionRequest, stellar_action_request, G_TYPE_OBJECT)

/* --- validity ------------------------------------------------------------ */

static void
set_uint (StellarActionRequest *self,
          guint                *slot,
          guint                 value,
          guint                 prop_id)
{
  if (*slot == value)
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* A field's own error comes first: it says which parameter is wrong. */
static void
update_validity (StellarActionRequest *self,
                 const GError         *text_error,
                 guint                 line,
                 guint                 column)
{
  StellarParamField *field = _stellar_action_request_find_field_error (self);
  g_autofree char *message = NULL;
  gboolean valid;

  if (field != NULL)
    {
      message = g_strdup_printf (_("Parameter “%s”: %s"), stellar_param_field_get_name (field),
                                 stellar_param_field_get_error (field));
      line = self->field_error_line;
      column = self->field_error_column;
    }
  else if (text_error != NULL)
    message = g_strdup (text_error->message);
  else
    line = column = 0;

  valid = message == NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (stellar_set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  set_uint (self, &self->error_line, line, PROP_ERROR_LINE);
  set_uint (self, &self->error_column, column, PROP_ERROR_COLUMN);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Checks the text; when a person wrote it, the form follows it. */
static void
check_text (StellarActionRequest *self,
            gboolean              written_by_person)
{
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GError) error = NULL;
  guint line, column;

  params = stellar_params_parse (self->params_text, &line, &column, &error);

  if (written_by_person)
    {
      _stellar_action_request_forget_field_errors (self);
      if (params != NULL)
        _stellar_action_request_rebuild_fields (self, params);
    }

  update_validity (self, error, line, column);
}

static void
set_params_text (StellarActionRequest *self,
                 const char           *text,
                 gboolean              written_by_person)
{
  if (stellar_set_string (&self->params_text, text != NULL ? text : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMS_TEXT]);

  check_text (self, written_by_person);
}

/* The text the fields wrote. */
void
_stellar_action_request_store_text (StellarActionRequest *self,
                                    const char           *text)
{
  set_params_text (self, text, FALSE);
}

/* --- the action's documentation ------------------------------------------ */

static void
update_action_info (StellarActionRequest *self)
{
  StellarActionInfo *info = NULL;

  if (self->catalog != NULL && self->action != NULL && *self->action != '\0')
    info = stellar_action_catalog_lookup (self->catalog, self->action);

  if (!g_set_object (&self->action_info, info))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_INFO]);
  _stellar_action_request_update_inputs (self);
}

static void
on_catalog_items_changed (StellarActionRequest *self)
{
  update_action_info (self);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_action_request_dispose (GObject *object)
{
  StellarActionRequest *self = STELLAR_ACTION_REQUEST (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->action_info);

  G_OBJECT_CLASS (stellar_action_request_parent_class)->dispose (object);
}

static void
stellar_action_request_finalize (GObject *object)
{
  StellarActionRequest *self = STELLAR_ACTION_REQUEST (object);

  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->params_text, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_object (&self->fields);

  G_OBJECT_CLASS (stellar_action_request_parent_class)->finalize (object);
}

static void
stellar_action_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StellarActionRequest *self = STELLAR_ACTION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_PARAMS_TEXT:
      g_value_set_string (value, self->params_text);
      break;

    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_ACTION_INFO:
      g_value_set_object (value, self->action_info);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_ERROR_LINE:
      g_value_set_uint (value, self->error_line);
      break;

    case PROP_ERROR_COLUMN:
      g_value_set_uint (value, self->error_column);
      break;

    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_request_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StellarActionRequest *self = STELLAR_ACTION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      stellar_action_request_set_action (self, g_value_get_string (value));
      break;

    case PROP_PARAMS_TEXT:
      stellar_action_request_set_params_text (self, g_value_get_string (value));
      break;

    case PROP_TRANSPORT:
      stellar_action_request_set_transport (self, g_value_get_enum (value));
      break;

    case PROP_CATALOG:
      stellar_action_request_set_catalog (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_request_class_init (StellarActionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stellar_action_request_dispose;
  object_class->finalize = stellar_action_request_finalize;
  object_class->get_property = stellar_action_request_get_property;
  object_class->set_property = stellar_action_request_set_property;

  /**
   * StellarActionRequest:action:
   *
   * The name of the action to call.
   */
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:params-text:
   *
   * The parameters as JSON text: an object, or nothing at all. Setting it
   * rebuilds [property@ActionRequest:fields] when it is valid; editing a
   * field rewrites it.
   */
  properties[PROP_PARAMS_TEXT] =
    g_param_spec_string ("params-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:transport:
   *
   * Which transport carries the call.
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL,
                       STELLAR_TYPE_TRANSPORT,
                       STELLAR_TRANSPORT_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:catalog:
   *
   * The server's documented actions, where the form finds the action's
   * inputs; %NULL when there is none.
   */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         STELLAR_TYPE_ACTION_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:action-info:
   *
   * The catalog's documentation of the action, or %NULL.
   */
  properties[PROP_ACTION_INFO] =
    g_param_spec_object ("action-info", NULL, NULL,
                         STELLAR_TYPE_ACTION_INFO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:valid:
   *
   * Whether the parameters can be sent: the text is a JSON object and no
   * field has an error of its own.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:error-message:
   *
   * What is wrong with the parameters, for people, or %NULL when they are
   * valid.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:error-line:
   *
   * The line of [property@ActionRequest:params-text] where the problem is,
   * from 1; 0 when the parameters are valid.
   */
  properties[PROP_ERROR_LINE] =
    g_param_spec_uint ("error-line", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:error-column:
   *
   * The column of the problem on its line, in characters, from 1; 0 when
   * the parameters are valid.
   */
  properties[PROP_ERROR_COLUMN] =
    g_param_spec_uint ("error-column", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionRequest:fields:
   *
   * The parameters as a form: a list model of [class@ParamField].
   */
  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_action_request_init (StellarActionRequest *self)
{
  self->action = g_strdup ("");
  self->params_text = g_strdup ("");
  self->valid = TRUE;
  self->fields = g_list_store_new (STELLAR_TYPE_PARAM_FIELD);
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_action_request_new:
 * @catalog: (nullable): the server's documented actions
 *
 * Returns: (transfer full): a new request, without an action or parameters
 */
StellarActionRequest *
stellar_action_request_new (StellarActionCatalog *catalog)
{
  g_return_val_if_fail (catalog == NULL || STELLAR_IS_ACTION_CATALOG (catalog), NULL);

  return g_object_new (STELLAR_TYPE_ACTION_REQUEST, "catalog", catalog, NULL);
}

const char *
stellar_action_request_get_action (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return self->action;
}

void
stellar_action_request_set_action (StellarActionRequest *self,
                                   const char           *action)
{
  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (self));

  if (!stellar_set_string (&self->action, action != NULL ? action : ""))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION]);
  update_action_info (self);
}

const char *
stellar_action_request_get_params_text (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return self->params_text;
}

void
stellar_action_request_set_params_text (StellarActionRequest *self,
                                        const char           *params_text)
{
  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (self));

  if (g_strcmp0 (self->params_text, params_text != NULL ? params_text : "") == 0)
    return;

  set_params_text (self, params_text, TRUE);
}

StellarTransport
stellar_action_request_get_transport (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), STELLAR_TRANSPORT_AUTO);

  return self->transport;
}

void
stellar_action_request_set_transport (StellarActionRequest *self,
                                      StellarTransport      transport)
{
  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (self));

  if (self->transport == transport)
    return;

  self->transport = transport;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
}

/**
 * stellar_action_request_get_catalog:
 * @self: a #StellarActionRequest
 *
 * Returns: (transfer none) (nullable): the catalog
 */
StellarActionCatalog *
stellar_action_request_get_catalog (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return self->catalog;
}

void
stellar_action_request_set_catalog (StellarActionRequest *self,
                                    StellarActionCatalog *catalog)
{
  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (self));
  g_return_if_fail (catalog == NULL || STELLAR_IS_ACTION_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, on_catalog_items_changed, self);

  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "items-changed", G_CALLBACK (on_catalog_items_changed), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  update_action_info (self);
}

/**
 * stellar_action_request_get_action_info:
 * @self: a #StellarActionRequest
 *
 * Returns: (transfer none) (nullable): the documentation of the action
 */
StellarActionInfo *
stellar_action_request_get_action_info (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return self->action_info;
}

gboolean
stellar_action_request_get_valid (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), FALSE);

  return self->valid;
}

const char *
stellar_action_request_get_error_message (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return self->error_message;
}

guint
stellar_action_request_get_error_line (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), 0);

  return self->error_line;
}

guint
stellar_action_request_get_error_column (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), 0);

  return self->error_column;
}

/**
 * stellar_action_request_get_params:
 * @self: a #StellarActionRequest
 * @error: return location for a #GError
 *
 * The parameters to send. While they are not valid, this fails with
 * %G_IO_ERROR_INVALID_DATA and [property@ActionRequest:error-message].
 *
 * Returns: (transfer full): a new object of the parameters, or %NULL with
 *   @error set
 */
JsonObject *
stellar_action_request_get_params (StellarActionRequest  *self,
                                   GError               **error)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  if (!self->valid)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, self->error_message);
      return NULL;
    }

  return stellar_params_parse (self->params_text, NULL, NULL, error);
}

/**
 * stellar_action_request_get_fields:
 * @self: a #StellarActionRequest
 *
 * Returns: (transfer none): a list model of [class@ParamField]
 */
GListModel *
stellar_action_request_get_fields (StellarActionRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  return G_LIST_MODEL (self->fields);
}

/**
 * stellar_action_request_build_curl:
 * @self: a #StellarActionRequest
 * @base_url: the server's address, as the client has it
 * @api_path: (nullable): the client's [property@Stellar.Client:api-path]
 * @extra_params: (nullable): parameters an interceptor would add, such as
 *   the server's default parameters; the request's own win
 * @error: return location for a #GError
 *
 * "Copy as curl": the command line that makes the request over HTTP as
 * the client would, quoted for a POSIX shell.
 *
 * Returns: (transfer full): the command line, or %NULL with @error set when
 *   the request cannot be sent
 */
char *
stellar_action_request_build_curl (StellarActionRequest  *self,
                                   const char            *base_url,
                                   const char            *api_path,
                                   JsonObject            *extra_params,
                                   GError               **error)
{
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GList) extra = NULL;

  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  if (*self->action == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the name of an action"));
      return NULL;
    }

  params = stellar_action_request_get_params (self, error);
  if (params == NULL)
    return NULL;

  if (extra_params != NULL)
    extra = json_object_get_members (extra_params);
  for (GList *l = extra; l != NULL; l = l->next)
    if (!json_object_has_member (params, l->data))
      json_object_set_member (params, l->data, json_object_dup_member (extra_params, l->data));

  return stellar_curl_command_for_action (base_url, api_path, self->action, params, error);
}
