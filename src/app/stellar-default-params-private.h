/* stellar-default-params-private.h: the state shared by the list and its interceptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-default-params.h"

G_BEGIN_DECLS

struct _StellarDefaultParams
{
  GObject       parent_instance;

  char         *url;
  GSettings    *settings;
  /* StellarDefaultParam items */
  GPtrArray    *params;
  char         *error_message;

  /* the secrets in the keyring, as far as this object knows: key → value */
  GHashTable   *stored_secrets;
  guint         keyring_operations;
  guint         save_source;
  /* the rows wait for the keyring to be written */
  gboolean      rows_pending;
  gboolean      writing_settings;

  /* while secrets are being read, calls wait for them, and changes wait
   * to be saved */
  gboolean      loading;
  gboolean      reading_secret;
  gboolean      save_after_load;
  GPtrArray    *held_calls;
  GCancellable *load_cancellable;
};

/* stellar-default-params.c */
void _stellar_default_params_emit_applied       (StellarDefaultParams *self,
                                                 StellarActionCall    *call,
                                                 const char * const   *added);

/* stellar-default-params-interceptor.c */
void _stellar_default_params_release_held_calls (StellarDefaultParams *self,
                                                 gboolean              apply);

G_END_DECLS
