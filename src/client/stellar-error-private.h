/* stellar-error-private.h: building STELLAR_ERROR errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stellar-error.h"

G_BEGIN_DECLS

GError *_stellar_error_new_server          (JsonNode     *response,
                                            const char   *fallback_message);
GError *_stellar_error_new_server_literal  (JsonNode     *response,
                                            const char   *message);
char   *_stellar_error_describe_response   (JsonNode     *response);
GError *_stellar_error_from_transport      (const GError *error,
                                            const char   *what);
gboolean _stellar_error_has_status_code   (const GError *error,
                                            const char   *code);
GError *_stellar_error_new_certificate     (const char   *host,
                                            GTlsCertificateFlags flags);

G_END_DECLS
