/* soak-ledger.c: what the soak's clients said, what they heard, and when
 * they were connected
 *
 * The rules, for a message m that client s said:
 *
 * - Every say completes exactly once, with success or an error.
 * - No client receives m twice.
 * - If m succeeded, s receives its own echo, unless the connection m was
 *   answered on ended within GRACE_US of the answer: the server sends the
 *   echo right after the OK, and a drop in between loses it. Such echoes
 *   are counted apart, never ignored.
 * - If m succeeded, every other client r whose connection covers the whole
 *   time the server may have handled m (from the later of the call and the
 *   start of the sender's connection, to GRACE_US after the OK) receives
 *   it. A member that was reconnecting around m may have missed it: those
 *   pairs are counted as unchecked.
 * - If m failed with STELLAR_ERROR_DISCONNECTED, the server may still have
 *   handled it before the drop: whether others received it is reported.
 *   Any other error is a failure.
 *
 * A client's connection ("epoch") runs from ::connected to ::disconnected:
 * the rooms are joined before ::connected.
 *
 * Memory is taken and touched up front, so the soak's own books do not grow
 * its resident size while it runs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stellar-client.h>
#include <string.h>

#include "soak-ledger.h"

#define GRACE_US (G_USEC_PER_SEC)
#define OPEN G_MAXINT64

enum {
  PENDING,
  OK,
  FAILED,
};

typedef struct
{
  gint64 issued_us;
  gint64 done_us;
  guint8 state;
  guint8 completions;
  guint8 offline;
  guint8 disconnected;
  guint8 received[SOAK_MAX_CLIENTS];
} Message;

typedef struct
{
  gint64 start_us;
  gint64 end_us;
} Epoch;

typedef struct
{
  Message *messages;
  guint n_messages;
  Epoch *epochs;
  guint n_epochs;
} Member;

struct _SoakLedger
{
  guint n_clients;
  guint max_messages;
  guint max_epochs;
  guint unknown;
  Member members[SOAK_MAX_CLIENTS];
};

static gpointer
touched_alloc (gsize size)
{
  gpointer memory = g_malloc (size);

  memset (memory, 0, size);
  return memory;
}

SoakLedger *
soak_ledger_new (guint n_clients,
                 guint max_messages_per_client,
                 guint max_epochs_per_client)
{
  SoakLedger *ledger = g_new0 (SoakLedger, 1);

  g_assert (n_clients > 0 && n_clients <= SOAK_MAX_CLIENTS);

  ledger->n_clients = n_clients;
  ledger->max_messages = max_messages_per_client;
  ledger->max_epochs = max_epochs_per_client;

  for (guint c = 0; c < n_clients; c++)
    {
      ledger->members[c].messages = touched_alloc (sizeof (Message) * max_messages_per_client);
      ledger->members[c].epochs = touched_alloc (sizeof (Epoch) * max_epochs_per_client);
    }

  return ledger;
}

void
soak_ledger_free (SoakLedger *ledger)
{
  for (guint c = 0; c < ledger->n_clients; c++)
    {
      g_free (ledger->members[c].messages);
      g_free (ledger->members[c].epochs);
    }
  g_free (ledger);
}

gint64
soak_ledger_said (SoakLedger *ledger,
                  guint       client,
                  gboolean    connected)
{
  Member *member = &ledger->members[client];
  Message *message;

  if (member->n_messages >= ledger->max_messages)
    return -1;

  message = &member->messages[member->n_messages];
  message->issued_us = g_get_monotonic_time ();
  message->offline = !connected;

  return member->n_messages++;
}

void
soak_ledger_completed (SoakLedger *ledger,
                       guint       client,
                       guint       seq,
                       gboolean    ok,
                       int         stellar_error_code)
{
  Message *message = &ledger->members[client].messages[seq];

  /* Counted, not asserted: the verdict reports a double completion. */
  if (message->completions < G_MAXUINT8)
    message->completions++;
  if (message->completions > 1)
    return;

  message->done_us = g_get_monotonic_time ();
  message->state = ok ? OK : FAILED;
  message->disconnected = stellar_error_code == STELLAR_ERROR_DISCONNECTED;
}

/* "soak <client> <seq>" */
static Message *
parse (SoakLedger *ledger,
       const char *text)
{
  const char *p = text;
  char *end = NULL;
  guint64 client, seq;

  if (!g_str_has_prefix (p, "soak "))
    return NULL;
  p += strlen ("soak ");

  client = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ' ' || client >= ledger->n_clients)
    return NULL;
  p = end + 1;

  seq = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != '\0' || seq >= ledger->members[client].n_messages)
    return NULL;

  return &ledger->members[client].messages[seq];
}

void
soak_ledger_received (SoakLedger *ledger,
                      guint       receiver,
                      const char *text)
{
  Message *message = parse (ledger, text);

  if (message == NULL)
    {
      ledger->unknown++;
      return;
    }

  if (message->received[receiver] < G_MAXUINT8)
    message->received[receiver]++;
}

void
soak_ledger_connected (SoakLedger *ledger,
                       guint       client)
{
  Member *member = &ledger->members[client];
  Epoch *epoch;

  /* A run has far fewer faults than epochs; should one overflow, the last
   * epoch stands for the rest, which only makes the rules stricter. */
  if (member->n_epochs == ledger->max_epochs)
    member->n_epochs--;

  epoch = &member->epochs[member->n_epochs++];
  epoch->start_us = g_get_monotonic_time ();
  epoch->end_us = OPEN;
}

void
soak_ledger_disconnected (SoakLedger *ledger,
                          guint       client)
{
  Member *member = &ledger->members[client];

  if (member->n_epochs > 0 && member->epochs[member->n_epochs - 1].end_us == OPEN)
    member->epochs[member->n_epochs - 1].end_us = g_get_monotonic_time ();
}

/* The epoch of @member during which @time fell, or NULL. */
static const Epoch *
epoch_at (const Member *member,
          gint64        time)
{
  for (guint i = member->n_epochs; i > 0; i--)
    {
      const Epoch *epoch = &member->epochs[i - 1];

      if (epoch->start_us <= time && time < epoch->end_us)
        return epoch;
      if (epoch->start_us <= time)
        break;
    }

  return NULL;
}

/* Whether one epoch of @member covers [from, to]. */
static gboolean
covered (const Member *member,
         gint64        from,
         gint64        to)
{
  const Epoch *epoch = epoch_at (member, from);

  return epoch != NULL && epoch->end_us > to;
}

/* Applies the rules to @message, said by @sender. */
static void
judge_message (SoakLedger    *ledger,
               guint          sender,
               const Message *message,
               SoakVerdict   *verdict)
{
  const Member *members = ledger->members;
  const Epoch *answered;
  gint64 from;

  verdict->said++;
  if (message->offline)
    verdict->said_offline++;
  if (message->completions == 0)
    verdict->never_completed++;
  else if (message->completions > 1)
    verdict->completed_twice++;

  for (guint r = 0; r < ledger->n_clients; r++)
    if (message->received[r] > 1)
      verdict->duplicates += message->received[r] - 1;

  if (message->completions == 0)
    return;

  if (message->state == FAILED)
    {
      gboolean delivered = FALSE;

      if (!message->disconnected)
        {
          verdict->failed_other++;
          return;
        }

      verdict->failed_disconnected++;
      for (guint r = 0; r < ledger->n_clients; r++)
        delivered |= message->received[r] > 0;
      if (delivered)
        verdict->failed_but_delivered++;
      return;
    }

  verdict->ok++;

  /* The echo comes after the OK, on the same connection. */
  answered = epoch_at (&members[sender], message->done_us);
  if (message->received[sender] > 0)
    verdict->echo_received++;
  else if (answered != NULL && answered->end_us > message->done_us + GRACE_US)
    verdict->echo_missing++;
  else
    verdict->echo_lost_with_connection++;

  /* The server handled the say after it was called and after the sender's
   * connection was up, and before the OK. */
  from = message->issued_us;
  if (answered != NULL)
    from = MAX (from, answered->start_us);

  for (guint r = 0; r < ledger->n_clients; r++)
    {
      if (r == sender)
        continue;

      if (covered (&members[r], from, message->done_us + GRACE_US))
        {
          verdict->delivery_checked++;
          if (message->received[r] > 0)
            verdict->delivery_received++;
          else
            verdict->delivery_lost++;
        }
      else
        {
          verdict->delivery_unchecked++;
          if (message->received[r] > 0)
            verdict->delivery_unchecked_received++;
        }
    }
}

void
soak_ledger_judge (SoakLedger  *ledger,
                   SoakVerdict *verdict)
{
  memset (verdict, 0, sizeof *verdict);

  for (guint s = 0; s < ledger->n_clients; s++)
    for (guint i = 0; i < ledger->members[s].n_messages; i++)
      judge_message (ledger, s, &ledger->members[s].messages[i], verdict);

  verdict->unknown_received = ledger->unknown;
}

guint
soak_ledger_outstanding (SoakLedger *ledger)
{
  SoakVerdict verdict;

  soak_ledger_judge (ledger, &verdict);

  return verdict.never_completed + verdict.echo_missing + verdict.delivery_lost;
}

gboolean
soak_verdict_passed (const SoakVerdict *verdict)
{
  return verdict->failed_other == 0 &&
         verdict->never_completed == 0 &&
         verdict->completed_twice == 0 &&
         verdict->echo_missing == 0 &&
         verdict->delivery_lost == 0 &&
         verdict->duplicates == 0 &&
         verdict->unknown_received == 0;
}
