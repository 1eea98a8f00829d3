/* stellar-default-param.c: a parameter added to every call to a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-default-param.h"
#include "stellar-utils.h"

/* One row of a server's default parameters, such as an API token or a
 * tenant id: a key, its value as text, and whether the value is secret
 * (kept in the keyring; see StellarDefaultParams). */
struct _StellarDefaultParam
{
  GObject   parent_instance;

  char     *key;
  char     *value;
  gboolean  secret;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_VALUE,
  PROP_SECRET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarDefaultParam, stellar_default_param, G_TYPE_OBJECT)

static void
stellar_default_param_finalize (GObject *object)
{
  StellarDefaultParam *self = STELLAR_DEFAULT_PARAM (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (stellar_default_param_parent_class)->finalize (object);
}

static void
stellar_default_param_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StellarDefaultParam *self = STELLAR_DEFAULT_PARAM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_SECRET:
      g_value_set_boolean (value, self->secret);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_param_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StellarDefaultParam *self = STELLAR_DEFAULT_PARAM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      stellar_default_param_set_key (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      stellar_default_param_set_value (self, g_value_get_string (value));
      break;

    case PROP_SECRET:
      stellar_default_param_set_secret (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_param_class_init (StellarDefaultParamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_default_param_finalize;
  object_class->get_property = stellar_default_param_get_property;
  object_class->set_property = stellar_default_param_set_property;

  /**
   * StellarDefaultParam:key:
   *
   * The parameter's name; a row without one adds nothing.
   */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDefaultParam:value:
   *
   * The value added, as a string.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDefaultParam:secret:
   *
   * Whether the value is a secret, kept in the keyring only.
   */
  properties[PROP_SECRET] =
    g_param_spec_boolean ("secret", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_default_param_init (StellarDefaultParam *self)
{
  self->key = g_strdup ("");
  self->value = g_strdup ("");
}

/**
 * stellar_default_param_new:
 * @key: the parameter's name
 * @value: its value
 * @secret: whether the value is a secret
 *
 * Returns: (transfer full): a new default parameter
 */
StellarDefaultParam *
stellar_default_param_new (const char *key,
                           const char *value,
                           gboolean    secret)
{
  return g_object_new (STELLAR_TYPE_DEFAULT_PARAM,
                       "key", key,
                       "value", value,
                       "secret", secret,
                       NULL);
}

const char *
stellar_default_param_get_key (StellarDefaultParam *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAM (self), NULL);

  return self->key;
}

void
stellar_default_param_set_key (StellarDefaultParam *self,
                               const char          *key)
{
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAM (self));

  if (stellar_set_string (&self->key, key != NULL ? key : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
stellar_default_param_get_value (StellarDefaultParam *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAM (self), NULL);

  return self->value;
}

void
stellar_default_param_set_value (StellarDefaultParam *self,
                                 const char          *value)
{
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAM (self));

  if (stellar_set_string (&self->value, value != NULL ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gboolean
stellar_default_param_get_secret (StellarDefaultParam *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAM (self), FALSE);

  return self->secret;
}

void
stellar_default_param_set_secret (StellarDefaultParam *self,
                                  gboolean             secret)
{
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAM (self));

  secret = !!secret;
  if (self->secret == secret)
    return;

  self->secret = secret;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET]);
}
