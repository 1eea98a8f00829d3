/* stellar-default-param.h: a parameter added to every call to a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_DEFAULT_PARAM (stellar_default_param_get_type ())

G_DECLARE_FINAL_TYPE (StellarDefaultParam, stellar_default_param, STELLAR, DEFAULT_PARAM, GObject)

StellarDefaultParam *stellar_default_param_new        (const char          *key,
                                                       const char          *value,
                                                       gboolean             secret);
const char          *stellar_default_param_get_key    (StellarDefaultParam *self);
void                 stellar_default_param_set_key    (StellarDefaultParam *self,
                                                       const char          *key);
const char          *stellar_default_param_get_value  (StellarDefaultParam *self);
void                 stellar_default_param_set_value  (StellarDefaultParam *self,
                                                       const char          *value);
gboolean             stellar_default_param_get_secret (StellarDefaultParam *self);
void                 stellar_default_param_set_secret (StellarDefaultParam *self,
                                                       gboolean             secret);

G_END_DECLS
