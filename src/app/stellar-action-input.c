/* stellar-action-input.c: one documented input of an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-action-input.h"

/* A parameter an action declares, as the server's documentation shows it.
 * It never changes once made. */
struct _StellarActionInput
{
  GObject   parent_instance;

  char     *name;
  char     *description;
  char     *default_value;
  gboolean  required;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_REQUIRED,
  PROP_DEFAULT_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarActionInput, stellar_action_input, G_TYPE_OBJECT)

static void
stellar_action_input_finalize (GObject *object)
{
  StellarActionInput *self = STELLAR_ACTION_INPUT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->default_value, g_free);

  G_OBJECT_CLASS (stellar_action_input_parent_class)->finalize (object);
}

static void
stellar_action_input_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StellarActionInput *self = STELLAR_ACTION_INPUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_DEFAULT_VALUE:
      g_value_set_string (value, self->default_value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_input_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StellarActionInput *self = STELLAR_ACTION_INPUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    case PROP_REQUIRED:
      self->required = g_value_get_boolean (value);
      break;

    case PROP_DEFAULT_VALUE:
      self->default_value = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_input_class_init (StellarActionInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_action_input_finalize;
  object_class->get_property = stellar_action_input_get_property;
  object_class->set_property = stellar_action_input_set_property;

  /**
   * StellarActionInput:name:
   *
   * The parameter's name.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInput:description:
   *
   * What the parameter is for, or %NULL when the documentation says nothing.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInput:required:
   *
   * Whether the server refuses a call without the parameter.
   */
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInput:default-value:
   *
   * The value the server uses when the parameter is not given, as the
   * documentation writes it; %NULL when it shows none.
   */
  properties[PROP_DEFAULT_VALUE] =
    g_param_spec_string ("default-value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_action_input_init (StellarActionInput *self)
{
}

/**
 * stellar_action_input_new:
 * @name: the parameter's name
 * @description: (nullable): what it is for
 * @required: whether the server needs it
 * @default_value: (nullable): its default, as text
 *
 * Returns: (transfer full): a new input
 */
StellarActionInput *
stellar_action_input_new (const char *name,
                          const char *description,
                          gboolean    required,
                          const char *default_value)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (STELLAR_TYPE_ACTION_INPUT,
                       "name", name,
                       "description", description,
                       "required", required,
                       "default-value", default_value,
                       NULL);
}

const char *
stellar_action_input_get_name (StellarActionInput *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INPUT (self), NULL);

  return self->name;
}

const char *
stellar_action_input_get_description (StellarActionInput *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INPUT (self), NULL);

  return self->description;
}

gboolean
stellar_action_input_get_required (StellarActionInput *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INPUT (self), FALSE);

  return self->required;
}

const char *
stellar_action_input_get_default_value (StellarActionInput *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INPUT (self), NULL);

  return self->default_value;
}
