/* stellar-call-search.h: the calls of a history that match what is searched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-call-history.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_CALL_SEARCH (stellar_call_search_get_type ())

G_DECLARE_FINAL_TYPE (StellarCallSearch, stellar_call_search, STELLAR, CALL_SEARCH, GObject)

StellarCallSearch  *stellar_call_search_new           (StellarCallHistory *history);
StellarCallHistory *stellar_call_search_get_history   (StellarCallSearch  *self);
const char         *stellar_call_search_get_text      (StellarCallSearch  *self);
void                stellar_call_search_set_text      (StellarCallSearch  *self,
                                                       const char         *text);
gboolean            stellar_call_search_get_searching (StellarCallSearch  *self);

G_END_DECLS
