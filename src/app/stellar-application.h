/* stellar-application.h: the application and its command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stellar-collections.h"
#include "stellar-database.h"
#include "stellar-recent-servers.h"
#include "stellar-session.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_APPLICATION (stellar_application_get_type ())

G_DECLARE_FINAL_TYPE (StellarApplication, stellar_application, STELLAR, APPLICATION, AdwApplication)

StellarApplication   *stellar_application_new                     (void);
StellarRecentServers *stellar_application_get_recent_servers      (StellarApplication *self);
StellarDatabase      *stellar_application_get_database            (StellarApplication *self);
StellarCollections   *stellar_application_get_collections         (StellarApplication *self);

void                  stellar_application_notify_message          (StellarApplication *self,
                                                                   StellarSession     *session,
                                                                   StellarRoom        *room,
                                                                   StellarMessage     *message);
void                  stellar_application_withdraw_notification   (StellarApplication *self,
                                                                   StellarSession     *session,
                                                                   StellarRoom        *room);

G_END_DECLS
