/* stellar-action-input.h: one documented input of an action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_ACTION_INPUT (stellar_action_input_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionInput, stellar_action_input, STELLAR, ACTION_INPUT, GObject)

StellarActionInput *stellar_action_input_new               (const char         *name,
                                                            const char         *description,
                                                            gboolean            required,
                                                            const char         *default_value);
const char         *stellar_action_input_get_name          (StellarActionInput *self);
const char         *stellar_action_input_get_description   (StellarActionInput *self);
gboolean            stellar_action_input_get_required      (StellarActionInput *self);
const char         *stellar_action_input_get_default_value (StellarActionInput *self);

G_END_DECLS
