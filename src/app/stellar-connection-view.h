/* stellar-connection-view.h: what is known about an open connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_CONNECTION_VIEW (stellar_connection_view_get_type ())

G_DECLARE_FINAL_TYPE (StellarConnectionView, stellar_connection_view, STELLAR, CONNECTION_VIEW, GtkWidget)

StellarSession *stellar_connection_view_get_session (StellarConnectionView *self);
void            stellar_connection_view_set_session (StellarConnectionView *self,
                                                     StellarSession        *session);

G_END_DECLS
