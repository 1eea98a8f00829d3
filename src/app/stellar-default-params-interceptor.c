/* stellar-default-params-interceptor.c: adding a server's default parameters to its calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-default-params-private.h"

/* An interceptor on the client's `intercept` signal. Every call gets each
 * default parameter that has a key and a value, unless the call sets that
 * parameter itself: what the caller gives explicitly wins. What was added
 * is recorded on the call (stellar_default_params_get_added()) and
 * announced with the `applied` signal, for the inspector and the call
 * history to show.
 *
 * While the secret values are still being read from the keyring, calls
 * are held (stellar_action_call_hold()) and sent once they are known, so
 * that no call goes out without its token. */

#define ADDED_KEY "stellar-default-params-added"

/**
 * stellar_default_params_fill:
 * @self: a #StellarDefaultParams
 * @params: the parameters of a call
 *
 * Adds to @params each default parameter that has a key and a value and
 * that @params does not set itself, as the interceptor does to every call.
 *
 * Returns: (transfer full) (nullable): the keys added, or %NULL when none
 *   was
 */
char **
stellar_default_params_fill (StellarDefaultParams *self,
                             JsonObject           *params)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), NULL);
  g_return_val_if_fail (params != NULL, NULL);

  for (guint i = 0; i < self->params->len; i++)
    {
      StellarDefaultParam *param = g_ptr_array_index (self->params, i);
      const char *key = stellar_default_param_get_key (param);
      const char *value = stellar_default_param_get_value (param);

      if (*key == '\0' || *value == '\0' || json_object_has_member (params, key))
        continue;

      json_object_set_string_member (params, key, value);
      if (builder == NULL)
        builder = g_strv_builder_new ();
      g_strv_builder_add (builder, key);
    }

  /* most calls get nothing, and a load run makes thousands a second */
  return builder != NULL ? g_strv_builder_end (builder) : NULL;
}

static void
apply (StellarDefaultParams *self,
       StellarActionCall    *call)
{
  static const char * const none[] = { NULL };
  char **added = stellar_default_params_fill (self, stellar_action_call_get_params (call));

  if (added == NULL)
    {
      g_object_set_data (G_OBJECT (call), ADDED_KEY, (gpointer) none);
      return;
    }

  g_object_set_data_full (G_OBJECT (call), ADDED_KEY, added, (GDestroyNotify) g_strfreev);
  _stellar_default_params_emit_applied (self, call, (const char * const *) added);
}

static gboolean
on_intercept (StellarClient        *client,
              StellarActionCall    *call,
              StellarDefaultParams *self)
{
  if (self->loading)
    {
      stellar_action_call_hold (call);
      g_ptr_array_add (self->held_calls, g_object_ref (call));
      return FALSE;
    }

  apply (self, call);
  return FALSE;
}

/* Sends the calls that waited for the secrets: with the defaults when
 * @apply is set (they are known now), without them otherwise (the list is
 * going away). */
void
_stellar_default_params_release_held_calls (StellarDefaultParams *self,
                                            gboolean              apply_defaults)
{
  g_autoptr(GPtrArray) held = g_steal_pointer (&self->held_calls);

  self->held_calls = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < held->len; i++)
    {
      StellarActionCall *call = g_ptr_array_index (held, i);

      if (apply_defaults)
        apply (self, call);
      stellar_action_call_release (call);
    }
}

/**
 * stellar_default_params_attach:
 * @self: a #StellarDefaultParams
 * @client: a client of the server
 *
 * Adds the default parameters to every action call @client makes from now
 * on, over either transport, until stellar_default_params_detach(). The
 * interceptor runs in the order it was connected among the client's.
 */
void
stellar_default_params_attach (StellarDefaultParams *self,
                               StellarClient        *client)
{
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAMS (self));
  g_return_if_fail (STELLAR_IS_CLIENT (client));

  g_signal_connect_object (client, "intercept", G_CALLBACK (on_intercept), self, 0);
}

/**
 * stellar_default_params_detach:
 * @self: a #StellarDefaultParams
 * @client: a client stellar_default_params_attach() was given
 */
void
stellar_default_params_detach (StellarDefaultParams *self,
                               StellarClient        *client)
{
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAMS (self));
  g_return_if_fail (STELLAR_IS_CLIENT (client));

  g_signal_handlers_disconnect_by_func (client, on_intercept, self);
}

/**
 * stellar_default_params_get_added:
 * @call: a call the interceptor saw
 *
 * Which default parameters the call got, for "added: token, tenant".
 *
 * Returns: (transfer none) (nullable): the keys added, in order (empty when
 *   none were); %NULL when no default parameters were applied to @call
 *   (yet: a call held for the keyring gets them when it is released)
 */
const char * const *
stellar_default_params_get_added (StellarActionCall *call)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CALL (call), NULL);

  return g_object_get_data (G_OBJECT (call), ADDED_KEY);
}
