/* soak-ledger.h: what the soak's clients said, what they heard, and when
 * they were connected
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOAK_MAX_CLIENTS 8

typedef struct _SoakLedger SoakLedger;

/* The verdict on every message, once the run is over. */
typedef struct
{
  guint said;
  guint said_offline;          /* asked for while not connected: went to the outbox */
  guint ok;
  guint failed_disconnected;
  guint failed_other;          /* any other error: a broken invariant */
  guint never_completed;       /* a broken invariant */
  guint completed_twice;       /* a broken invariant */

  guint echo_received;
  guint echo_lost_with_connection;  /* the sender's connection dropped after the OK */
  guint echo_missing;          /* on a connection that lived on: a broken invariant */

  guint delivery_checked;      /* (message, other member) pairs that must arrive */
  guint delivery_received;
  guint delivery_lost;         /* a broken invariant */
  guint delivery_unchecked;    /* the member was reconnecting around the message */
  guint delivery_unchecked_received;

  guint failed_but_delivered;  /* reported DISCONNECTED, yet the server had taken it */
  guint duplicates;            /* a broken invariant */
  guint unknown_received;      /* a broken invariant */
} SoakVerdict;

SoakLedger *soak_ledger_new          (guint         n_clients,
                                      guint         max_messages_per_client,
                                      guint         max_epochs_per_client);
void        soak_ledger_free         (SoakLedger   *ledger);

/* Returns: the sequence number of the new message, or -1 when the ledger
 * is full */
gint64      soak_ledger_said         (SoakLedger   *ledger,
                                      guint         client,
                                      gboolean      connected);
void        soak_ledger_completed    (SoakLedger   *ledger,
                                      guint         client,
                                      guint         seq,
                                      gboolean      ok,
                                      int           stellar_error_code);
void        soak_ledger_received     (SoakLedger   *ledger,
                                      guint         receiver,
                                      const char   *text);
void        soak_ledger_connected    (SoakLedger   *ledger,
                                      guint         client);
void        soak_ledger_disconnected (SoakLedger   *ledger,
                                      guint         client);

/* What is still owed now: unfinished says, and receipts the rules expect
 * that have not arrived yet. */
guint       soak_ledger_outstanding  (SoakLedger   *ledger);
void        soak_ledger_judge        (SoakLedger   *ledger,
                                      SoakVerdict  *verdict);
gboolean    soak_verdict_passed      (const SoakVerdict *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoakLedger, soak_ledger_free)

G_END_DECLS
