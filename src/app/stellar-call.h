/* stellar-call.h: one action call of the API explorer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stellar-client.h>

G_BEGIN_DECLS

/**
 * StellarCallStatus:
 * @STELLAR_CALL_STATUS_PENDING: sent, not answered yet
 * @STELLAR_CALL_STATUS_OK: answered without an error
 * @STELLAR_CALL_STATUS_ERROR: answered with an error, or failed
 *
 * Where a call stands.
 */
typedef enum {
  STELLAR_CALL_STATUS_PENDING,
  STELLAR_CALL_STATUS_OK,
  STELLAR_CALL_STATUS_ERROR,
} StellarCallStatus;

#define STELLAR_TYPE_CALL_STATUS (stellar_call_status_get_type ())
GType stellar_call_status_get_type (void);

#define STELLAR_TYPE_CALL (stellar_call_get_type ())

G_DECLARE_FINAL_TYPE (StellarCall, stellar_call, STELLAR, CALL, GObject)

StellarCall        *stellar_call_new                (const char         *action,
                                                     const char         *params_text,
                                                     StellarTransport    transport,
                                                     const char * const *default_params,
                                                     gint64              started_us);
void                stellar_call_complete           (StellarCall        *self,
                                                     const char         *response_text,
                                                     gint64              duration_ms);
void                stellar_call_fail               (StellarCall        *self,
                                                     const char         *error_code,
                                                     const char         *error_message,
                                                     const char         *response_text,
                                                     gint64              duration_ms);

const char         *stellar_call_get_uid            (StellarCall        *self);
const char         *stellar_call_get_action         (StellarCall        *self);
const char         *stellar_call_get_params_text    (StellarCall        *self);
StellarTransport    stellar_call_get_transport      (StellarCall        *self);
const char * const *stellar_call_get_default_params (StellarCall        *self);
gint64              stellar_call_get_started        (StellarCall        *self);
StellarCallStatus   stellar_call_get_status         (StellarCall        *self);
const char         *stellar_call_get_response_text  (StellarCall        *self);
gsize               stellar_call_get_response_size  (StellarCall        *self);
const char         *stellar_call_get_error_code     (StellarCall        *self);
const char         *stellar_call_get_error_message  (StellarCall        *self);
gint64              stellar_call_get_duration_ms    (StellarCall        *self);

G_END_DECLS
