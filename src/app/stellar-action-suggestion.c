/* stellar-action-suggestion.c: an action name the explorer offers as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-action-suggestion.h"

/* One entry of the action name's completion: an action the server
 * documents, with its description, or one only the history knows. It never
 * changes once made. */
struct _StellarActionSuggestion
{
  GObject   parent_instance;

  char     *name;
  char     *description;
  gboolean  documented;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_DOCUMENTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarActionSuggestion, stellar_action_suggestion, G_TYPE_OBJECT)

static void
stellar_action_suggestion_finalize (GObject *object)
{
  StellarActionSuggestion *self = STELLAR_ACTION_SUGGESTION (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (stellar_action_suggestion_parent_class)->finalize (object);
}

static void
stellar_action_suggestion_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StellarActionSuggestion *self = STELLAR_ACTION_SUGGESTION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_DOCUMENTED:
      g_value_set_boolean (value, self->documented);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_suggestion_class_init (StellarActionSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = stellar_action_suggestion_finalize;
  object_class->get_property = stellar_action_suggestion_get_property;

  /**
   * StellarActionSuggestion:name:
   *
   * The action's name.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * StellarActionSuggestion:description:
   *
   * What the server's documentation says the action does, or %NULL.
   */
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);

  /**
   * StellarActionSuggestion:documented:
   *
   * Whether the server documents the action; the others were called before.
   */
  properties[PROP_DOCUMENTED] = g_param_spec_boolean ("documented", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_action_suggestion_init (StellarActionSuggestion *self)
{
}

/**
 * stellar_action_suggestion_new:
 * @name: the action's name
 * @description: (nullable): what it does
 * @documented: whether the server documents it
 *
 * Returns: (transfer full): a new suggestion
 */
StellarActionSuggestion *
stellar_action_suggestion_new (const char *name,
                               const char *description,
                               gboolean    documented)
{
  StellarActionSuggestion *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (STELLAR_TYPE_ACTION_SUGGESTION, NULL);
  self->name = g_strdup (name);
  self->description = description != NULL && *description != '\0' ? g_strdup (description) : NULL;
  self->documented = !!documented;

  return self;
}

const char *
stellar_action_suggestion_get_name (StellarActionSuggestion *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_SUGGESTION (self), NULL);

  return self->name;
}

/**
 * stellar_action_suggestion_get_description:
 * @self: a #StellarActionSuggestion
 *
 * Returns: (nullable): what the action does
 */
const char *
stellar_action_suggestion_get_description (StellarActionSuggestion *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_SUGGESTION (self), NULL);

  return self->description;
}

gboolean
stellar_action_suggestion_get_documented (StellarActionSuggestion *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_SUGGESTION (self), FALSE);

  return self->documented;
}
