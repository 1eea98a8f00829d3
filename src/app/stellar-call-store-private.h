/* stellar-call-store-private.h: the calls table, for StellarCallHistory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-call.h"
#include "stellar-database.h"

G_BEGIN_DECLS

/* The most of a response the history keeps, in bytes. */
#define STELLAR_CALL_STORE_MAX_RESPONSE (1024 * 1024)

/* Where a page of older calls starts: below the last call of the page
 * before it. */
typedef struct {
  gint64 started_us;
  gint64 id;
} StellarCallCursor;

typedef struct {
  GPtrArray         *calls;
  gboolean           has_more;
  StellarCallCursor  next;
} StellarCallPage;

void             _stellar_call_page_free          (StellarCallPage          *page);

void             _stellar_call_store_save         (StellarDatabase          *database,
                                                   const char               *server,
                                                   StellarCall              *call);
void             _stellar_call_store_delete_all   (StellarDatabase          *database,
                                                   const char               *server);

void             _stellar_call_store_load_async   (StellarDatabase          *database,
                                                   const char               *server,
                                                   const StellarCallCursor  *after,
                                                   guint                     limit,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
StellarCallPage *_stellar_call_store_load_finish  (StellarDatabase          *database,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

void             _stellar_call_store_search_async (StellarDatabase          *database,
                                                   const char               *server,
                                                   const char               *text,
                                                   guint                     limit,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
GPtrArray       *_stellar_call_store_search_finish (StellarDatabase         *database,
                                                    GAsyncResult            *result,
                                                    GError                 **error);

G_END_DECLS
