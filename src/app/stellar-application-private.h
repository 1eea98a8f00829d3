/* stellar-application-private.h: the application's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-application.h"

G_BEGIN_DECLS

struct _StellarApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  StellarRecentServers *recent_servers;
  StellarDatabase      *database;
  StellarCollections   *collections;

  /* notifications waiting to be sent, by notification id */
  GHashTable           *pending_notifications;
  guint                 notify_source;
};

void _stellar_application_notifications_init     (StellarApplication *self);
void _stellar_application_notifications_shutdown (StellarApplication *self);

G_END_DECLS
