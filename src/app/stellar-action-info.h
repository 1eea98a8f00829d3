/* stellar-action-info.h: one version of an action, as its documentation shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-action-input.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ACTION_INFO (stellar_action_info_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionInfo, stellar_action_info, STELLAR, ACTION_INFO, GObject)

StellarActionInfo  *stellar_action_info_new             (const char        *name,
                                                         const char        *version,
                                                         const char        *description,
                                                         GListModel        *inputs);
const char         *stellar_action_info_get_name        (StellarActionInfo *self);
const char         *stellar_action_info_get_version     (StellarActionInfo *self);
const char         *stellar_action_info_get_description (StellarActionInfo *self);
GListModel         *stellar_action_info_get_inputs      (StellarActionInfo *self);
StellarActionInput *stellar_action_info_lookup_input    (StellarActionInfo *self,
                                                         const char        *name);

G_END_DECLS
