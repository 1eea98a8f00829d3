/* stellar-error.h: the STELLAR_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(STELLAR_CLIENT_INSIDE) && !defined(STELLAR_CLIENT_COMPILATION)
# error "Only <stellar-client.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "stellar-types.h"

G_BEGIN_DECLS

#define STELLAR_ERROR (stellar_error_quark ())

GQuark    stellar_error_quark        (void);
JsonNode *stellar_error_get_response (const GError *error);

G_END_DECLS
