/* stellar-param-field.c: one parameter of a request, as a form row edits it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-param-field-private.h"
#include "stellar-utils.h"

/* A row of a request's form. Its value is text: a string as typed, or, when
 * `raw` is set, the text of any JSON value (42, true, {"a": 1}). The
 * request it belongs to keeps it in step with the parameters' JSON text;
 * the catalog's documentation of the action gives it a description, a
 * default and whether it is required. Its error is its own (a raw value
 * that is not JSON, a name used twice) or, failing that, the one the server
 * gave the parameter in its last answer. */
struct _StellarParamField
{
  GObject   parent_instance;

  char     *name;
  char     *value;
  char     *description;
  char     *default_value;
  char     *local_error;
  char     *server_error;
  char     *error;
  gboolean  raw;
  gboolean  present;
  gboolean  documented;
  gboolean  required;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_VALUE,
  PROP_RAW,
  PROP_PRESENT,
  PROP_DOCUMENTED,
  PROP_REQUIRED,
  PROP_DESCRIPTION,
  PROP_DEFAULT_VALUE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarParamField, stellar_param_field, G_TYPE_OBJECT)

static void
set_flag (StellarParamField *self,
          gboolean          *slot,
          gboolean           value,
          guint              prop_id)
{
  value = !!value;
  if (*slot == value)
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_string (StellarParamField  *self,
            char              **slot,
            const char         *value,
            guint               prop_id)
{
  if (stellar_set_string (slot, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_error (StellarParamField *self)
{
  set_string (self, &self->error, self->local_error != NULL ? self->local_error : self->server_error,
              PROP_ERROR);
}

static void
stellar_param_field_finalize (GObject *object)
{
  StellarParamField *self = STELLAR_PARAM_FIELD (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->default_value, g_free);
  g_clear_pointer (&self->local_error, g_free);
  g_clear_pointer (&self->server_error, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (stellar_param_field_parent_class)->finalize (object);
}

static void
stellar_param_field_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarParamField *self = STELLAR_PARAM_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_RAW:
      g_value_set_boolean (value, self->raw);
      break;

    case PROP_PRESENT:
      g_value_set_boolean (value, self->present);
      break;

    case PROP_DOCUMENTED:
      g_value_set_boolean (value, self->documented);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_DEFAULT_VALUE:
      g_value_set_string (value, self->default_value);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_field_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarParamField *self = STELLAR_PARAM_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      stellar_param_field_set_name (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      stellar_param_field_set_value (self, g_value_get_string (value));
      break;

    case PROP_RAW:
      stellar_param_field_set_raw (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_field_class_init (StellarParamFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_param_field_finalize;
  object_class->get_property = stellar_param_field_get_property;
  object_class->set_property = stellar_param_field_set_property;

  /**
   * StellarParamField:name:
   *
   * The parameter's name; a field without one is a row being written, left
   * out of the parameters.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:value:
   *
   * The value as text: the string itself, or JSON text when
   * [property@ParamField:raw] is set. Setting it puts the parameter in the
   * request.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:raw:
   *
   * Whether the value is JSON text (a number, a boolean, null, an object,
   * an array) rather than a string.
   */
  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:present:
   *
   * Whether the parameter is in the request. A documented parameter that
   * is not has a row all the same, for the person to fill in.
   */
  properties[PROP_PRESENT] =
    g_param_spec_boolean ("present", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:documented:
   *
   * Whether the server's documentation of the action lists the parameter.
   */
  properties[PROP_DOCUMENTED] =
    g_param_spec_boolean ("documented", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:required:
   *
   * Whether the documentation says the server needs the parameter.
   */
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:description:
   *
   * What the documentation says the parameter is for, or %NULL.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:default-value:
   *
   * The default the documentation gives, as text, or %NULL.
   */
  properties[PROP_DEFAULT_VALUE] =
    g_param_spec_string ("default-value", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarParamField:error:
   *
   * What is wrong with the parameter, for people, or %NULL: its value is
   * not JSON, its name is taken, or the server refused it.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_param_field_init (StellarParamField *self)
{
  self->name = g_strdup ("");
  self->value = g_strdup ("");
}

StellarParamField *
_stellar_param_field_new (const char *name)
{
  StellarParamField *self = g_object_new (STELLAR_TYPE_PARAM_FIELD, NULL);

  stellar_set_string (&self->name, name != NULL ? name : "");
  return self;
}

const char *
stellar_param_field_get_name (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), NULL);

  return self->name;
}

void
stellar_param_field_set_name (StellarParamField *self,
                              const char        *name)
{
  g_return_if_fail (STELLAR_IS_PARAM_FIELD (self));

  set_string (self, &self->name, name != NULL ? name : "", PROP_NAME);
}

const char *
stellar_param_field_get_value (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), NULL);

  return self->value;
}

void
stellar_param_field_set_value (StellarParamField *self,
                               const char        *value)
{
  g_return_if_fail (STELLAR_IS_PARAM_FIELD (self));

  set_string (self, &self->value, value != NULL ? value : "", PROP_VALUE);
}

gboolean
stellar_param_field_get_raw (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), FALSE);

  return self->raw;
}

void
stellar_param_field_set_raw (StellarParamField *self,
                             gboolean           raw)
{
  g_return_if_fail (STELLAR_IS_PARAM_FIELD (self));

  set_flag (self, &self->raw, raw, PROP_RAW);
}

gboolean
stellar_param_field_get_present (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), FALSE);

  return self->present;
}

gboolean
stellar_param_field_get_documented (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), FALSE);

  return self->documented;
}

gboolean
stellar_param_field_get_required (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), FALSE);

  return self->required;
}

const char *
stellar_param_field_get_description (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), NULL);

  return self->description;
}

const char *
stellar_param_field_get_default_value (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), NULL);

  return self->default_value;
}

const char *
stellar_param_field_get_error (StellarParamField *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (self), NULL);

  return self->error;
}

/* The documentation of the parameter, or NULL when there is none. */
void
_stellar_param_field_set_input (StellarParamField  *self,
                                StellarActionInput *input)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_flag (self, &self->documented, input != NULL, PROP_DOCUMENTED);
  set_flag (self, &self->required, input != NULL && stellar_action_input_get_required (input),
            PROP_REQUIRED);
  set_string (self, &self->description, input ? stellar_action_input_get_description (input) : NULL,
              PROP_DESCRIPTION);
  set_string (self, &self->default_value, input ? stellar_action_input_get_default_value (input) : NULL,
              PROP_DEFAULT_VALUE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_stellar_param_field_set_present (StellarParamField *self,
                                  gboolean           present)
{
  set_flag (self, &self->present, present, PROP_PRESENT);
}

void
_stellar_param_field_set_local_error (StellarParamField *self,
                                      const char        *error)
{
  if (stellar_set_string (&self->local_error, error))
    update_error (self);
}

void
_stellar_param_field_set_server_error (StellarParamField *self,
                                       const char        *error)
{
  if (stellar_set_string (&self->server_error, error))
    update_error (self);
}

const char *
_stellar_param_field_get_local_error (StellarParamField *self)
{
  return self->local_error;
}
