/* stellar-message-store-private.h: the messages table, for the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-database.h"
#include "stellar-message.h"

G_BEGIN_DECLS

/* A message as it is written: a copy, since the database's thread reads it
 * while the message may change. */
typedef struct _StellarStoredMessage StellarStoredMessage;

/* Messages read from the history, oldest first, and where the next page
 * of older ones ends. */
typedef struct {
  GPtrArray *messages;
  gint64     cursor;
  gboolean   complete;
} StellarMessagePage;

StellarStoredMessage *_stellar_stored_message_new            (const char          *room,
                                                              StellarMessage      *message);
void                  _stellar_stored_message_free           (StellarStoredMessage *stored);

void                  _stellar_message_page_free             (StellarMessagePage  *page);

void                  _stellar_message_store_save            (StellarDatabase     *database,
                                                              const char          *server,
                                                              GPtrArray           *stored);
void                  _stellar_message_store_set_delivery    (StellarDatabase     *database,
                                                              const char          *uid,
                                                              StellarMessageDelivery delivery);
void                  _stellar_message_store_prune           (StellarDatabase     *database,
                                                              gint64               before_us);

void                  _stellar_message_store_load_async      (StellarDatabase     *database,
                                                              const char          *server,
                                                              const char          *room,
                                                              gint64               before_id,
                                                              gint64               since_id,
                                                              guint                limit,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
StellarMessagePage   *_stellar_message_store_load_finish     (StellarDatabase     *database,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void                  _stellar_message_store_search_async    (StellarDatabase     *database,
                                                              const char          *server,
                                                              const char          *room,
                                                              const char          *text,
                                                              guint                limit,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray            *_stellar_message_store_search_finish   (StellarDatabase     *database,
                                                              GAsyncResult        *result,
                                                              GError             **error);

char                 *_stellar_message_store_match_query     (const char          *text);

G_END_DECLS
