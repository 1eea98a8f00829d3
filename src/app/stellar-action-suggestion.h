/* stellar-action-suggestion.h: an action name the explorer offers as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_ACTION_SUGGESTION (stellar_action_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionSuggestion, stellar_action_suggestion, STELLAR, ACTION_SUGGESTION, GObject)

StellarActionSuggestion *stellar_action_suggestion_new             (const char              *name,
                                                                    const char              *description,
                                                                    gboolean                 documented);
const char              *stellar_action_suggestion_get_name        (StellarActionSuggestion *self);
const char              *stellar_action_suggestion_get_description (StellarActionSuggestion *self);
gboolean                 stellar_action_suggestion_get_documented  (StellarActionSuggestion *self);

G_END_DECLS
