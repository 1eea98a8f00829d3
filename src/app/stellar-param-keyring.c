/* stellar-param-keyring.c: secret parameter values in the user's keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-param-keyring.h"

/* One keyring item per secret default parameter, found by the server's
 * address and the parameter's name, through the Secret Service (GNOME
 * Keyring, KWallet, or the portal inside Flatpak). The value goes nowhere
 * else. */

#define ATTRIBUTE_SERVER "server"
#define ATTRIBUTE_KEY "key"

/**
 * stellar_param_keyring_get_schema:
 *
 * Returns: the schema of the keyring items: attributes "server" and "key"
 */
const SecretSchema *
stellar_param_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    "com.example.Stellar.DefaultParameter", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_SERVER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_KEY, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
stellar_param_keyring_store_async (const char          *server,
                                   const char          *key,
                                   const char          *value,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  /* Translators: the label of a keyring item; %s are a parameter name and a server address */
  g_autofree char *label = g_strdup_printf (_("Stellar parameter “%s” for %s"), key, server);

  secret_password_store (stellar_param_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, value,
                         cancellable, callback, user_data,
                         ATTRIBUTE_SERVER, server,
                         ATTRIBUTE_KEY, key,
                         NULL);
}

gboolean
stellar_param_keyring_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
stellar_param_keyring_lookup_async (const char          *server,
                                    const char          *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  secret_password_lookup (stellar_param_keyring_get_schema (), cancellable, callback, user_data,
                          ATTRIBUTE_SERVER, server,
                          ATTRIBUTE_KEY, key,
                          NULL);
}

/* Returns: (transfer full) (nullable): the value, NULL when there is none */
char *
stellar_param_keyring_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  char *secret = secret_password_lookup_finish (result, error);
  char *value = g_strdup (secret);

  secret_password_free (secret);
  return value;
}

void
stellar_param_keyring_clear_async (const char          *server,
                                   const char          *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  secret_password_clear (stellar_param_keyring_get_schema (), cancellable, callback, user_data,
                         ATTRIBUTE_SERVER, server,
                         ATTRIBUTE_KEY, key,
                         NULL);
}

gboolean
stellar_param_keyring_clear_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* FALSE without an error: there was nothing to clear */
  if (!secret_password_clear_finish (result, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
