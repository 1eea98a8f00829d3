/* stellar-param-row.h: one parameter of the request's form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-param-field.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_PARAM_ROW (stellar_param_row_get_type ())

G_DECLARE_FINAL_TYPE (StellarParamRow, stellar_param_row, STELLAR, PARAM_ROW, GtkListBoxRow)

GtkWidget         *stellar_param_row_new             (StellarParamField *field);
StellarParamField *stellar_param_row_get_field       (StellarParamRow   *self);
void               stellar_param_row_edit_name       (StellarParamRow   *self);

G_END_DECLS
