/* stellar-call-private.h: calls as the history stores and loads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-call.h"

G_BEGIN_DECLS

/* Takes every string and @default_params. */
StellarCall *_stellar_call_new_stored (char              *uid,
                                       char              *action,
                                       char              *params_text,
                                       StellarTransport   transport,
                                       char             **default_params,
                                       gint64             started_us,
                                       StellarCallStatus  status,
                                       char              *response_text,
                                       gsize              response_size,
                                       char              *error_code,
                                       char              *error_message,
                                       gint64             duration_ms);

/* Interceptors may add parameters only once a pending call was sent (a
 * call held for the keyring); the caller tells them then. */
void         _stellar_call_set_default_params (StellarCall        *self,
                                               const char * const *default_params);

G_END_DECLS
