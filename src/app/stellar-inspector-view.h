/* stellar-inspector-view.h: the protocol inspector, every frame in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_INSPECTOR_VIEW (stellar_inspector_view_get_type ())

G_DECLARE_FINAL_TYPE (StellarInspectorView, stellar_inspector_view, STELLAR, INSPECTOR_VIEW, GtkWidget)

StellarSession *stellar_inspector_view_get_session (StellarInspectorView *self);
void            stellar_inspector_view_set_session (StellarInspectorView *self,
                                                    StellarSession       *session);
gboolean        stellar_inspector_view_show_frame  (StellarInspectorView *self,
                                                    guint64               id);
void            stellar_inspector_view_export_to_file (StellarInspectorView *self,
                                                       GFile                *file);

G_END_DECLS
