/* stellar-action-request.h: the action call the explorer edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <stellar-client.h>

#include "stellar-action-catalog.h"
#include "stellar-param-field.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_ACTION_REQUEST (stellar_action_request_get_type ())

G_DECLARE_FINAL_TYPE (StellarActionRequest, stellar_action_request, STELLAR, ACTION_REQUEST, GObject)

StellarActionRequest *stellar_action_request_new                  (StellarActionCatalog  *catalog);

const char           *stellar_action_request_get_action           (StellarActionRequest  *self);
void                  stellar_action_request_set_action           (StellarActionRequest  *self,
                                                                   const char            *action);
const char           *stellar_action_request_get_params_text      (StellarActionRequest  *self);
void                  stellar_action_request_set_params_text      (StellarActionRequest  *self,
                                                                   const char            *params_text);
StellarTransport      stellar_action_request_get_transport        (StellarActionRequest  *self);
void                  stellar_action_request_set_transport        (StellarActionRequest  *self,
                                                                   StellarTransport       transport);
StellarActionCatalog *stellar_action_request_get_catalog          (StellarActionRequest  *self);
void                  stellar_action_request_set_catalog          (StellarActionRequest  *self,
                                                                   StellarActionCatalog  *catalog);
StellarActionInfo    *stellar_action_request_get_action_info      (StellarActionRequest  *self);

gboolean              stellar_action_request_get_valid            (StellarActionRequest  *self);
const char           *stellar_action_request_get_error_message    (StellarActionRequest  *self);
guint                 stellar_action_request_get_error_line       (StellarActionRequest  *self);
guint                 stellar_action_request_get_error_column     (StellarActionRequest  *self);
JsonObject           *stellar_action_request_get_params           (StellarActionRequest  *self,
                                                                   GError               **error);

GListModel           *stellar_action_request_get_fields           (StellarActionRequest  *self);
StellarParamField    *stellar_action_request_lookup_field         (StellarActionRequest  *self,
                                                                   const char            *name);
StellarParamField    *stellar_action_request_add_field            (StellarActionRequest  *self,
                                                                   const char            *name);
void                  stellar_action_request_remove_field         (StellarActionRequest  *self,
                                                                   StellarParamField     *field);
guint                 stellar_action_request_apply_response_error (StellarActionRequest  *self,
                                                                   JsonNode              *response);

char                 *stellar_action_request_build_curl           (StellarActionRequest  *self,
                                                                   const char            *base_url,
                                                                   const char            *api_path,
                                                                   JsonObject            *extra_params,
                                                                   GError               **error);

G_END_DECLS
