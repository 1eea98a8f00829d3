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

G_END_DECLS
