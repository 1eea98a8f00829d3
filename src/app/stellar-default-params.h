/* stellar-default-params.h: the parameters added to every call to one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stellar-client.h>

#include "stellar-default-param.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_DEFAULT_PARAMS (stellar_default_params_get_type ())

G_DECLARE_FINAL_TYPE (StellarDefaultParams, stellar_default_params, STELLAR, DEFAULT_PARAMS, GObject)

StellarDefaultParams *stellar_default_params_new               (const char            *url,
                                                                GSettings             *settings);
const char           *stellar_default_params_get_url           (StellarDefaultParams  *self);
gboolean              stellar_default_params_get_busy          (StellarDefaultParams  *self);
const char           *stellar_default_params_get_error_message (StellarDefaultParams  *self);

void                  stellar_default_params_load_async        (StellarDefaultParams  *self,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              stellar_default_params_load_finish       (StellarDefaultParams  *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

StellarDefaultParam  *stellar_default_params_add               (StellarDefaultParams  *self,
                                                                const char            *key,
                                                                const char            *value,
                                                                gboolean               secret);
void                  stellar_default_params_remove            (StellarDefaultParams  *self,
                                                                StellarDefaultParam   *param);
StellarDefaultParam  *stellar_default_params_lookup            (StellarDefaultParams  *self,
                                                                const char            *key);

void                  stellar_default_params_attach            (StellarDefaultParams  *self,
                                                                StellarClient         *client);
void                  stellar_default_params_detach            (StellarDefaultParams  *self,
                                                                StellarClient         *client);
const char * const   *stellar_default_params_get_added         (StellarActionCall     *call);
char                **stellar_default_params_fill              (StellarDefaultParams  *self,
                                                                JsonObject            *params);

G_END_DECLS
