/* stellar-connection-status.h: the state of a connection, for the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_CONNECTION_STATUS (stellar_connection_status_get_type ())

G_DECLARE_FINAL_TYPE (StellarConnectionStatus, stellar_connection_status, STELLAR, CONNECTION_STATUS, GtkWidget)

StellarSession *stellar_connection_status_get_session (StellarConnectionStatus *self);
void            stellar_connection_status_set_session (StellarConnectionStatus *self,
                                                       StellarSession          *session);

G_END_DECLS
