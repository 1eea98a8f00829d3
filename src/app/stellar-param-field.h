/* stellar-param-field.h: one parameter of a request, as a form row edits it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_PARAM_FIELD (stellar_param_field_get_type ())

G_DECLARE_FINAL_TYPE (StellarParamField, stellar_param_field, STELLAR, PARAM_FIELD, GObject)

const char *stellar_param_field_get_name          (StellarParamField *self);
void        stellar_param_field_set_name          (StellarParamField *self,
                                                   const char        *name);
const char *stellar_param_field_get_value         (StellarParamField *self);
void        stellar_param_field_set_value         (StellarParamField *self,
                                                   const char        *value);
gboolean    stellar_param_field_get_raw           (StellarParamField *self);
void        stellar_param_field_set_raw           (StellarParamField *self,
                                                   gboolean           raw);
gboolean    stellar_param_field_get_present       (StellarParamField *self);
gboolean    stellar_param_field_get_documented    (StellarParamField *self);
gboolean    stellar_param_field_get_required      (StellarParamField *self);
const char *stellar_param_field_get_description   (StellarParamField *self);
const char *stellar_param_field_get_default_value (StellarParamField *self);
const char *stellar_param_field_get_error         (StellarParamField *self);

G_END_DECLS
