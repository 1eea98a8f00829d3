/* stellar-action-call.h: one action call as interceptors see it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(STELLAR_CLIENT_INSIDE) && !defined(STELLAR_CLIENT_COMPILATION)
# error "Only <stellar-client.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "stellar-types.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ACTION_CALL (stellar_action_call_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionCall, stellar_action_call, STELLAR, ACTION_CALL, GObject)

const char *stellar_action_call_get_action (StellarActionCall *self);
void        stellar_action_call_set_action (StellarActionCall *self,
                                            const char        *action);
JsonObject *stellar_action_call_get_params (StellarActionCall *self);
void        stellar_action_call_respond    (StellarActionCall *self,
                                            JsonNode          *response);
void        stellar_action_call_fail       (StellarActionCall *self,
                                            const GError      *error);
void        stellar_action_call_hold       (StellarActionCall *self);
void        stellar_action_call_release    (StellarActionCall *self);

G_END_DECLS
