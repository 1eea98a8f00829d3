/* stellar-action-catalog.h: the actions a server documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stellar-client.h>

#include "stellar-action-info.h"

G_BEGIN_DECLS

/**
 * StellarActionCatalogState:
 * @STELLAR_ACTION_CATALOG_STATE_IDLE: nothing loaded yet
 * @STELLAR_ACTION_CATALOG_STATE_LOADING: reading the documentation
 * @STELLAR_ACTION_CATALOG_STATE_READY: the documented actions are listed
 * @STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE: the server publishes no
 *   documentation that can be read; the list is empty
 * @STELLAR_ACTION_CATALOG_STATE_FAILED: the server could not be reached;
 *   the list is empty
 */
typedef enum {
  STELLAR_ACTION_CATALOG_STATE_IDLE,
  STELLAR_ACTION_CATALOG_STATE_LOADING,
  STELLAR_ACTION_CATALOG_STATE_READY,
  STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE,
  STELLAR_ACTION_CATALOG_STATE_FAILED,
} StellarActionCatalogState;

#define STELLAR_TYPE_ACTION_CATALOG_STATE (stellar_action_catalog_state_get_type ())
GType stellar_action_catalog_state_get_type (void);

#define STELLAR_TYPE_ACTION_CATALOG (stellar_action_catalog_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionCatalog, stellar_action_catalog, STELLAR, ACTION_CATALOG, GObject)

StellarActionCatalog      *stellar_action_catalog_new               (StellarClient         *client);
StellarClient             *stellar_action_catalog_get_client        (StellarActionCatalog  *self);
StellarActionCatalogState  stellar_action_catalog_get_state         (StellarActionCatalog  *self);
const char                *stellar_action_catalog_get_error_message (StellarActionCatalog  *self);
guint                      stellar_action_catalog_get_timeout       (StellarActionCatalog  *self);
void                       stellar_action_catalog_set_timeout       (StellarActionCatalog  *self,
                                                                     guint                  timeout_ms);
StellarActionInfo         *stellar_action_catalog_lookup            (StellarActionCatalog  *self,
                                                                     const char            *name);

void                       stellar_action_catalog_load_async        (StellarActionCatalog  *self,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean                   stellar_action_catalog_load_finish       (StellarActionCatalog  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

G_END_DECLS
