/* stellar-param-field-private.h: what only the request changes in a field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-action-input.h"
#include "stellar-param-field.h"

G_BEGIN_DECLS

StellarParamField *_stellar_param_field_new              (const char         *name);
void               _stellar_param_field_set_input        (StellarParamField  *self,
                                                          StellarActionInput *input);
void               _stellar_param_field_set_present      (StellarParamField  *self,
                                                          gboolean            present);
void               _stellar_param_field_set_local_error  (StellarParamField  *self,
                                                          const char         *error);
void               _stellar_param_field_set_server_error (StellarParamField  *self,
                                                          const char         *error);
const char        *_stellar_param_field_get_local_error  (StellarParamField  *self);

G_END_DECLS
