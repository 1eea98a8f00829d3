/* stellar-saved-request.h: a named request kept in a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <stellar-client.h>

#include "stellar-action-request.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_SAVED_REQUEST (stellar_saved_request_get_type ())

G_DECLARE_FINAL_TYPE (StellarSavedRequest, stellar_saved_request, STELLAR, SAVED_REQUEST, GObject)

StellarSavedRequest *stellar_saved_request_new              (const char           *name,
                                                             const char           *action,
                                                             const char           *params_text,
                                                             StellarTransport      transport);
StellarSavedRequest *stellar_saved_request_new_from_request (const char           *name,
                                                             StellarActionRequest *request);
const char          *stellar_saved_request_get_name         (StellarSavedRequest  *self);
const char          *stellar_saved_request_get_action       (StellarSavedRequest  *self);
void                 stellar_saved_request_set_action       (StellarSavedRequest  *self,
                                                             const char           *action);
const char          *stellar_saved_request_get_params_text  (StellarSavedRequest  *self);
void                 stellar_saved_request_set_params_text  (StellarSavedRequest  *self,
                                                             const char           *params_text);
StellarTransport     stellar_saved_request_get_transport    (StellarSavedRequest  *self);
void                 stellar_saved_request_set_transport    (StellarSavedRequest  *self,
                                                             StellarTransport      transport);
void                 stellar_saved_request_apply            (StellarSavedRequest  *self,
                                                             StellarActionRequest *request);

G_END_DECLS
