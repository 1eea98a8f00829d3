/* stellar-default-param-row.h: one default parameter, to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-default-param.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_DEFAULT_PARAM_ROW (stellar_default_param_row_get_type ())

G_DECLARE_FINAL_TYPE (StellarDefaultParamRow, stellar_default_param_row, STELLAR, DEFAULT_PARAM_ROW, GtkListBoxRow)

GtkWidget           *stellar_default_param_row_new       (StellarDefaultParam    *param);
StellarDefaultParam *stellar_default_param_row_get_param (StellarDefaultParamRow *self);

G_END_DECLS
