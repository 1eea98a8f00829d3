/* stellar-saved-request-private.h: what only its collection changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-saved-request.h"

G_BEGIN_DECLS

void _stellar_saved_request_set_name (StellarSavedRequest *self,
                                      const char          *name);

G_END_DECLS
