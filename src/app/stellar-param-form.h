/* stellar-param-form.h: the request's parameters as rows of names and values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-action-request.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_PARAM_FORM (stellar_param_form_get_type ())

G_DECLARE_FINAL_TYPE (StellarParamForm, stellar_param_form, STELLAR, PARAM_FORM, GtkWidget)

GtkWidget            *stellar_param_form_new         (void);
StellarActionRequest *stellar_param_form_get_request (StellarParamForm     *self);
void                  stellar_param_form_set_request (StellarParamForm     *self,
                                                      StellarActionRequest *request);

G_END_DECLS
