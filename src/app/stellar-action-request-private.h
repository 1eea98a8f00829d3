/* stellar-action-request-private.h: the request's state, shared by its two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-action-request.h"

G_BEGIN_DECLS

struct _StellarActionRequest
{
  GObject               parent_instance;

  char                 *action;
  char                 *params_text;
  StellarTransport      transport;
  StellarActionCatalog *catalog;
  StellarActionInfo    *action_info;

  gboolean              valid;
  char                 *error_message;
  guint                 error_line;
  guint                 error_column;

  /* the form: StellarParamField items */
  GListStore           *fields;
  /* where the first field with an error of its own was written */
  guint                 field_error_line;
  guint                 field_error_column;
  /* > 0 while the request itself changes its fields */
  guint                 syncing;
};

/* stellar-action-request.c */
void               _stellar_action_request_store_text       (StellarActionRequest *self,
                                                             const char           *text);

/* stellar-action-request-fields.c */
void               _stellar_action_request_rebuild_fields   (StellarActionRequest *self,
                                                             JsonObject           *params);
void               _stellar_action_request_update_inputs    (StellarActionRequest *self);
void               _stellar_action_request_forget_field_errors (StellarActionRequest *self);
StellarParamField *_stellar_action_request_find_field_error (StellarActionRequest *self);

G_END_DECLS
