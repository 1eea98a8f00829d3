/* stellar-application.h: the application and its command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-recent-servers.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_APPLICATION (stellar_application_get_type ())

G_DECLARE_FINAL_TYPE (StellarApplication, stellar_application, STELLAR, APPLICATION, AdwApplication)

StellarApplication   *stellar_application_new                (void);
StellarRecentServers *stellar_application_get_recent_servers (StellarApplication *self);

G_END_DECLS
