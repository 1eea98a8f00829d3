/* stellar-action-info.c: one version of an action, as its documentation shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-action-info.h"

/* An item of the action catalog: the action's name, one of its versions,
 * what it does and the inputs it declares. It never changes once made. */
struct _StellarActionInfo
{
  GObject     parent_instance;

  char       *name;
  char       *version;
  char       *description;
  GListModel *inputs;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_VERSION,
  PROP_DESCRIPTION,
  PROP_INPUTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarActionInfo, stellar_action_info, G_TYPE_OBJECT)

static void
stellar_action_info_constructed (GObject *object)
{
  StellarActionInfo *self = STELLAR_ACTION_INFO (object);

  G_OBJECT_CLASS (stellar_action_info_parent_class)->constructed (object);

  if (self->inputs == NULL)
    self->inputs = G_LIST_MODEL (g_list_store_new (STELLAR_TYPE_ACTION_INPUT));

  g_warn_if_fail (g_list_model_get_item_type (self->inputs) == STELLAR_TYPE_ACTION_INPUT);
}

static void
stellar_action_info_finalize (GObject *object)
{
  StellarActionInfo *self = STELLAR_ACTION_INFO (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->inputs);

  G_OBJECT_CLASS (stellar_action_info_parent_class)->finalize (object);
}

static void
stellar_action_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarActionInfo *self = STELLAR_ACTION_INFO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_INPUTS:
      g_value_set_object (value, self->inputs);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_info_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarActionInfo *self = STELLAR_ACTION_INFO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_VERSION:
      self->version = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    case PROP_INPUTS:
      self->inputs = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_info_class_init (StellarActionInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_action_info_constructed;
  object_class->finalize = stellar_action_info_finalize;
  object_class->get_property = stellar_action_info_get_property;
  object_class->set_property = stellar_action_info_set_property;

  /**
   * StellarActionInfo:name:
   *
   * The action's name, as calls give it.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInfo:version:
   *
   * The version these details are of, such as "1"; %NULL when the action's
   * page could not be read and only its name is known.
   */
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInfo:description:
   *
   * What the action does, or %NULL.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionInfo:inputs:
   *
   * The parameters the action declares: a list model of
   * [class@ActionInput], in the documentation's order.
   */
  properties[PROP_INPUTS] =
    g_param_spec_object ("inputs", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_action_info_init (StellarActionInfo *self)
{
}

/**
 * stellar_action_info_new:
 * @name: the action's name
 * @version: (nullable): the version described
 * @description: (nullable): what the action does
 * @inputs: (nullable): a list model of [class@ActionInput]; none when %NULL
 *
 * Returns: (transfer full): a new action description
 */
StellarActionInfo *
stellar_action_info_new (const char *name,
                         const char *version,
                         const char *description,
                         GListModel *inputs)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (inputs == NULL || G_IS_LIST_MODEL (inputs), NULL);

  return g_object_new (STELLAR_TYPE_ACTION_INFO,
                       "name", name,
                       "version", version,
                       "description", description,
                       "inputs", inputs,
                       NULL);
}

const char *
stellar_action_info_get_name (StellarActionInfo *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INFO (self), NULL);

  return self->name;
}

const char *
stellar_action_info_get_version (StellarActionInfo *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INFO (self), NULL);

  return self->version;
}

const char *
stellar_action_info_get_description (StellarActionInfo *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INFO (self), NULL);

  return self->description;
}

/**
 * stellar_action_info_get_inputs:
 * @self: a #StellarActionInfo
 *
 * Returns: (transfer none): a list model of [class@ActionInput]
 */
GListModel *
stellar_action_info_get_inputs (StellarActionInfo *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_INFO (self), NULL);

  return self->inputs;
}

/**
 * stellar_action_info_lookup_input:
 * @self: a #StellarActionInfo
 * @name: a parameter name
 *
 * Returns: (transfer none) (nullable): the input called @name
 */
StellarActionInput *
stellar_action_info_lookup_input (StellarActionInfo *self,
                                  const char        *name)
{
  guint n;

  g_return_val_if_fail (STELLAR_IS_ACTION_INFO (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (self->inputs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StellarActionInput) input = g_list_model_get_item (self->inputs, i);

      if (g_strcmp0 (stellar_action_input_get_name (input), name) == 0)
        return input;  /* the list keeps it */
    }

  return NULL;
}
