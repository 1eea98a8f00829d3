/* stellar-action-call-private.h: how the client drives an action call
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "stellar-action-call.h"

G_BEGIN_DECLS

/* Called once the intercept emission is over and every hold is released. */
typedef void (*StellarActionCallReadyFunc) (StellarActionCall *call,
                                            gpointer           user_data);

StellarActionCall *_stellar_action_call_new            (const char                 *action,
                                                        JsonObject                 *params);
void               _stellar_action_call_begin_intercept (StellarActionCall         *self);
gboolean           _stellar_action_call_end_intercept  (StellarActionCall          *self,
                                                        StellarActionCallReadyFunc  ready,
                                                        gpointer                    user_data);
void               _stellar_action_call_cancel_ready   (StellarActionCall          *self);
gboolean           _stellar_action_call_is_answered    (StellarActionCall          *self);
JsonNode          *_stellar_action_call_get_response   (StellarActionCall          *self);
const GError      *_stellar_action_call_get_error      (StellarActionCall          *self);
void               _stellar_action_call_emit_response  (StellarActionCall          *self,
                                                        JsonNode                   *response,
                                                        const GError               *error);

G_END_DECLS
