/* stellar-param-keyring.h: secret parameter values in the user's keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *stellar_param_keyring_get_schema   (void);

void                stellar_param_keyring_store_async  (const char           *server,
                                                        const char           *key,
                                                        const char           *value,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            stellar_param_keyring_store_finish (GAsyncResult         *result,
                                                        GError              **error);
void                stellar_param_keyring_lookup_async (const char           *server,
                                                        const char           *key,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char               *stellar_param_keyring_lookup_finish (GAsyncResult        *result,
                                                         GError             **error);
void                stellar_param_keyring_clear_async  (const char           *server,
                                                        const char           *key,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            stellar_param_keyring_clear_finish (GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
