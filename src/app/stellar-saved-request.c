/* stellar-saved-request.c: a named request kept in a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-saved-request-private.h"
#include "stellar-utils.h"

/* A request the person kept under a name: the action, the parameters' text
 * as typed (valid JSON or not yet) and the transport. Its name is unique in
 * its collection, which renames it (stellar_collection_rename_request()). */
struct _StellarSavedRequest
{
  GObject           parent_instance;

  char             *name;
  char             *action;
  char             *params_text;
  StellarTransport  transport;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_ACTION,
  PROP_PARAMS_TEXT,
  PROP_TRANSPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarSavedRequest, stellar_saved_request, G_TYPE_OBJECT)

static void
set_string (StellarSavedRequest  *self,
            char                **slot,
            const char           *value,
            guint                 prop_id)
{
  if (stellar_set_string (slot, value != NULL ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
stellar_saved_request_finalize (GObject *object)
{
  StellarSavedRequest *self = STELLAR_SAVED_REQUEST (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->params_text, g_free);

  G_OBJECT_CLASS (stellar_saved_request_parent_class)->finalize (object);
}

static void
stellar_saved_request_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StellarSavedRequest *self = STELLAR_SAVED_REQUEST (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_saved_request_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StellarSavedRequest *self = STELLAR_SAVED_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      stellar_saved_request_set_action (self, g_value_get_string (value));
      break;

    case PROP_PARAMS_TEXT:
      stellar_saved_request_set_params_text (self, g_value_get_string (value));
      break;

    case PROP_TRANSPORT:
      stellar_saved_request_set_transport (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_saved_request_class_init (StellarSavedRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_saved_request_finalize;
  object_class->get_property = stellar_saved_request_get_property;
  object_class->set_property = stellar_saved_request_set_property;

  /**
   * StellarSavedRequest:name:
   *
   * The name the request is kept under, unique in its collection.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSavedRequest:action:
   *
   * The name of the action it calls.
   */
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSavedRequest:params-text:
   *
   * The parameters as the person wrote them: JSON text, valid or not.
   */
  properties[PROP_PARAMS_TEXT] =
    g_param_spec_string ("params-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSavedRequest:transport:
   *
   * The transport it is sent over.
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL,
                       STELLAR_TYPE_TRANSPORT,
                       STELLAR_TRANSPORT_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_saved_request_init (StellarSavedRequest *self)
{
  self->name = g_strdup ("");
  self->action = g_strdup ("");
  self->params_text = g_strdup ("");
}

/**
 * stellar_saved_request_new:
 * @name: the name to keep it under
 * @action: the action it calls
 * @params_text: (nullable): its parameters as JSON text
 * @transport: the transport it is sent over
 *
 * Returns: (transfer full): a new saved request, in no collection yet
 */
StellarSavedRequest *
stellar_saved_request_new (const char       *name,
                           const char       *action,
                           const char       *params_text,
                           StellarTransport  transport)
{
  StellarSavedRequest *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (STELLAR_TYPE_SAVED_REQUEST,
                       "action", action,
                       "params-text", params_text,
                       "transport", transport,
                       NULL);
  stellar_set_string (&self->name, name);

  return self;
}

/**
 * stellar_saved_request_new_from_request:
 * @name: the name to keep it under
 * @request: the explorer's request to keep
 *
 * Returns: (transfer full): a new saved request with what @request holds now
 */
StellarSavedRequest *
stellar_saved_request_new_from_request (const char           *name,
                                        StellarActionRequest *request)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (request), NULL);

  return stellar_saved_request_new (name,
                                    stellar_action_request_get_action (request),
                                    stellar_action_request_get_params_text (request),
                                    stellar_action_request_get_transport (request));
}

const char *
stellar_saved_request_get_name (StellarSavedRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_SAVED_REQUEST (self), NULL);

  return self->name;
}

void
_stellar_saved_request_set_name (StellarSavedRequest *self,
                                 const char          *name)
{
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
stellar_saved_request_get_action (StellarSavedRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_SAVED_REQUEST (self), NULL);

  return self->action;
}

void
stellar_saved_request_set_action (StellarSavedRequest *self,
                                  const char          *action)
{
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (self));

  set_string (self, &self->action, action, PROP_ACTION);
}

const char *
stellar_saved_request_get_params_text (StellarSavedRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_SAVED_REQUEST (self), NULL);

  return self->params_text;
}

void
stellar_saved_request_set_params_text (StellarSavedRequest *self,
                                       const char          *params_text)
{
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (self));

  set_string (self, &self->params_text, params_text, PROP_PARAMS_TEXT);
}

StellarTransport
stellar_saved_request_get_transport (StellarSavedRequest *self)
{
  g_return_val_if_fail (STELLAR_IS_SAVED_REQUEST (self), STELLAR_TRANSPORT_AUTO);

  return self->transport;
}

void
stellar_saved_request_set_transport (StellarSavedRequest *self,
                                     StellarTransport     transport)
{
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (self));

  if (self->transport == transport)
    return;

  self->transport = transport;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
}

/**
 * stellar_saved_request_apply:
 * @self: a #StellarSavedRequest
 * @request: the explorer's request
 *
 * Puts the saved action, parameters and transport into @request, to run it
 * again or change it.
 */
void
stellar_saved_request_apply (StellarSavedRequest  *self,
                             StellarActionRequest *request)
{
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (self));
  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (request));

  stellar_action_request_set_action (request, self->action);
  stellar_action_request_set_params_text (request, self->params_text);
  stellar_action_request_set_transport (request, self->transport);
}
