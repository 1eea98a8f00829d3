/* stellar-soak.c: clients chatting for a long time through faults
 *
 * Starts the test server (tests/server), connects a few clients that all
 * join one room, and makes each say "soak <client> <seq>" at a steady rate
 * with the public API. Meanwhile the server is made to drop every socket
 * or to restart, in turn, at random intervals, and floods the room with
 * thousands of frames at a time. The clients reconnect by themselves.
 *
 * At the end it checks the rules of soak-ledger.c (every say completes
 * once, no duplicates, echoes and deliveries on connections that lived on)
 * and that the resident memory stayed flat after the warm-up, and prints a
 * summary. Exit status: 0 when every check passed, 1 otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>

#include <stellar-client.h>

#include "soak-control.h"
#include "soak-ledger.h"
#include "soak-memory.h"
#include "stellar-test-server.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOAK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_UNDER_ASAN 1
#endif
#endif

#define MEMORY_PERIOD_S 5
/* How long the clients get at the end to settle what is still owed. */
#define DRAIN_S 30

typedef struct _Soak Soak;

typedef struct
{
  Soak *soak;
  guint index;
  StellarClient *client;
  guint connected;
  guint disconnected;
  guint attempts;
  guint errors;
  guint64 flood_frames;
} Member;

typedef struct
{
  Member *member;
  guint seq;
} Said;

struct _Soak
{
  /* options */
  int duration_s;
  int n_clients;
  int rate;
  int fault_min_s;
  int fault_max_s;
  int flood_interval_s;
  int flood_count;
  int flood_size;
  int warmup_s;
  int rss_limit_kib;
  int ping_interval_ms;
  gint64 seed;
  char *room;

  StellarTestServer *server;
  SoakControl *control;
  SoakLedger *ledger;
  SoakMemory *memory;
  GRand *rand;
  Member members[SOAK_MAX_CLIENTS];

  gint64 start_us;
  gint64 end_us;
  gboolean over;
  guint says_in_flight;
  guint connects_pending;
  guint connect_failures;
  GPtrArray *problems;

  guint drops;
  guint restarts;
  guint faults_failed;
  guint floods;
  guint floods_failed;
  guint floods_in_flight;
  guint64 flood_frames_sent;

  guint say_source;
  guint fault_source;
  guint flood_source;
  guint memory_source;
  guint end_source;
};

static void
note_problem (Soak       *soak,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

/* Keeps the first problems for the summary. */
static void
note_problem (Soak       *soak,
              const char *format,
              ...)
{
  va_list args;

  if (soak->problems->len >= 10)
    return;

  va_start (args, format);
  g_ptr_array_add (soak->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static double
elapsed_s (Soak *soak)
{
  return (g_get_monotonic_time () - soak->start_us) / (double)G_USEC_PER_SEC;
}

/* --- the clients -------------------------------------------------------- */

static void
on_connected (StellarClient *client,
              Member        *member)
{
  member->connected++;
  soak_ledger_connected (member->soak->ledger, member->index);
}

static void
on_disconnected (StellarClient *client,
                 Member        *member)
{
  member->disconnected++;
  soak_ledger_disconnected (member->soak->ledger, member->index);
}

static void
on_reconnecting (StellarClient *client,
                 guint          attempt,
                 guint          delay_ms,
                 Member        *member)
{
  member->attempts++;
}

static void
on_error (StellarClient *client,
          const GError  *error,
          Member        *member)
{
  member->errors++;
}

static void
on_say (StellarClient *client,
        JsonObject    *frame,
        Member        *member)
{
  JsonNode *node = json_object_get_member (frame, "message");
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      soak_ledger_received (member->soak->ledger, member->index, "");
      return;
    }

  text = json_node_get_string (node);
  if (g_str_has_prefix (text, "flood "))
    member->flood_frames++;
  else
    soak_ledger_received (member->soak->ledger, member->index, text);
}

static void
on_said (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Said *said = user_data;
  Soak *soak = said->member->soak;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = stellar_client_say_finish (STELLAR_CLIENT (source), result, &error);
  soak_ledger_completed (soak->ledger, said->member->index, said->seq, ok,
                         error != NULL && error->domain == STELLAR_ERROR ? error->code : -1);

  if (error != NULL && !g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED))
    note_problem (soak, "client %u, message %u: %s", said->member->index, said->seq, error->message);

  soak->says_in_flight--;
  g_free (said);
}

static void
on_connect_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Member *member = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;

  details = stellar_client_connect_finish (STELLAR_CLIENT (source), result, &error);
  if (details == NULL)
    {
      note_problem (member->soak, "client %u could not connect: %s", member->index, error->message);
      member->soak->connect_failures++;
    }
  member->soak->connects_pending--;
}

static void
member_start (Soak   *soak,
              Member *member,
              guint   index)
{
  const char *rooms[] = { soak->room, NULL };

  member->soak = soak;
  member->index = index;
  member->client = g_object_new (STELLAR_TYPE_CLIENT,
                                 "url", stellar_test_server_get_url (soak->server),
                                 "rooms", rooms,
                                 NULL);

  g_signal_connect (member->client, "connected", G_CALLBACK (on_connected), member);
  g_signal_connect (member->client, "disconnected", G_CALLBACK (on_disconnected), member);
  g_signal_connect (member->client, "reconnecting", G_CALLBACK (on_reconnecting), member);
  g_signal_connect (member->client, "error", G_CALLBACK (on_error), member);
  g_signal_connect (member->client, "say", G_CALLBACK (on_say), member);

  soak->connects_pending++;
  stellar_client_connect_async (member->client, NULL, on_connect_done, member);
}

/* --- the timers ---------------------------------------------------------- */

static gboolean
on_say_tick (gpointer user_data)
{
  Soak *soak = user_data;

  for (int c = 0; c < soak->n_clients; c++)
    {
      Member *member = &soak->members[c];
      gboolean connected = stellar_client_get_state (member->client) == STELLAR_CLIENT_STATE_CONNECTED;
      gint64 seq = soak_ledger_said (soak->ledger, c, connected);
      g_autofree char *text = NULL;
      Said *said;

      if (seq < 0)
        {
          note_problem (soak, "the ledger is full: the rate is higher than planned");
          continue;
        }

      said = g_new0 (Said, 1);
      said->member = member;
      said->seq = seq;
      text = g_strdup_printf ("soak %d %" G_GINT64_FORMAT, c, seq);

      soak->says_in_flight++;
      stellar_client_say_async (member->client, soak->room, text, NULL, on_said, said);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_fault_done (gboolean    ok,
               JsonObject *answer,
               gpointer    user_data)
{
  Soak *soak = user_data;

  if (!ok)
    soak->faults_failed++;
}

static void schedule_fault (Soak *soak);

/* Drops and restarts in turn, so that even a short run sees both. */
static gboolean
on_fault (gpointer user_data)
{
  Soak *soak = user_data;

  soak->fault_source = 0;

  if ((soak->drops + soak->restarts) % 2 == 0)
    {
      soak->drops++;
      soak_control_post (soak->control, "/drop", "{}", on_fault_done, soak);
    }
  else
    {
      g_autofree char *body = g_strdup_printf ("{\"after\":%d}", g_rand_int_range (soak->rand, 200, 2500));

      soak->restarts++;
      soak_control_post (soak->control, "/restart", body, on_fault_done, soak);
    }

  schedule_fault (soak);
  return G_SOURCE_REMOVE;
}

static void
schedule_fault (Soak *soak)
{
  guint delay_ms = g_rand_int_range (soak->rand, soak->fault_min_s * 1000, soak->fault_max_s * 1000 + 1);

  /* The last seconds are left without faults: the run ends settled. */
  if (g_get_monotonic_time () + (gint64)delay_ms * 1000 > soak->end_us - 5 * G_USEC_PER_SEC)
    return;

  soak->fault_source = g_timeout_add (delay_ms, on_fault, soak);
}

static void
on_flood_done (gboolean    ok,
               JsonObject *answer,
               gpointer    user_data)
{
  Soak *soak = user_data;

  soak->floods_in_flight--;
  if (!ok)
    {
      soak->floods_failed++;
      return;
    }

  soak->floods++;
  soak->flood_frames_sent += (guint64)json_object_get_int_member_with_default (answer, "sent", 0) *
                             json_object_get_int_member_with_default (answer, "recipients", 0);
}

static gboolean
on_flood (gpointer user_data)
{
  Soak *soak = user_data;
  g_autofree char *body = NULL;

  /* A flood still being written when the next is due: skip this one. */
  if (soak->floods_in_flight > 0)
    return G_SOURCE_CONTINUE;

  body = g_strdup_printf ("{\"room\":\"%s\",\"count\":%d,\"size\":%d}",
                          soak->room, soak->flood_count, soak->flood_size);
  soak->floods_in_flight++;
  soak_control_post (soak->control, "/flood", body, on_flood_done, soak);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_memory (gpointer user_data)
{
  Soak *soak = user_data;
  gboolean warmed_up = elapsed_s (soak) >= soak->warmup_s;

  soak_memory_sample (soak->memory, warmed_up);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_end (gpointer user_data)
{
  Soak *soak = user_data;

  soak->end_source = 0;
  soak->over = TRUE;

  return G_SOURCE_REMOVE;
}

static void
clear_source (guint *id)
{
  if (*id != 0)
    {
      g_source_remove (*id);
      *id = 0;
    }
}

/* --- the run ------------------------------------------------------------ */

static gboolean
all_connected (Soak *soak)
{
  for (int c = 0; c < soak->n_clients; c++)
    if (stellar_client_get_state (soak->members[c].client) != STELLAR_CLIENT_STATE_CONNECTED)
      return FALSE;
  return TRUE;
}

static void
iterate_until_over (Soak *soak)
{
  while (!soak->over)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets what is still owed arrive: says in flight, echoes and deliveries
 * on connections that are up. Returns whether everything settled. */
static gboolean
drain (Soak *soak)
{
  gint64 deadline = g_get_monotonic_time () + DRAIN_S * G_USEC_PER_SEC;
  gint64 next_look = 0;

  while (g_get_monotonic_time () < deadline)
    {
      if (g_get_monotonic_time () >= next_look)
        {
          if (soak->says_in_flight == 0 && soak_control_in_flight (soak->control) == 0 &&
              all_connected (soak) && soak_ledger_outstanding (soak->ledger) == 0)
            return TRUE;
          next_look = g_get_monotonic_time () + 200 * 1000;
        }

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return FALSE;
}

static void
print_summary (Soak                    *soak,
               const SoakVerdict       *v,
               const SoakMemoryFigures *m,
               gboolean                 settled,
               gboolean                 memory_ok,
               gboolean                 passed)
{
  guint connected = 0, attempts = 0, errors = 0;
  guint64 flood_frames = 0;

  for (int c = 0; c < soak->n_clients; c++)
    {
      connected += soak->members[c].connected;
      attempts += soak->members[c].attempts;
      errors += soak->members[c].errors;
      flood_frames += soak->members[c].flood_frames;
    }

  printf ("stellar-soak: %d s, %d clients saying %d messages/s each in \"%s\", "
          "a fault every %d–%d s, a flood of %d frames every %d s\n",
          soak->duration_s, soak->n_clients, soak->rate, soak->room,
          soak->fault_min_s, soak->fault_max_s, soak->flood_count, soak->flood_interval_s);
  printf ("  said:        %u (%u while reconnecting, to the outbox)\n", v->said, v->said_offline);
  printf ("  completed:   %u OK, %u failed DISCONNECTED, %u failed otherwise, "
          "%u never completed, %u completed twice\n",
          v->ok, v->failed_disconnected, v->failed_other, v->never_completed, v->completed_twice);
  printf ("  own echo:    %u received, %u lost with their connection (dropped between OK and echo), "
          "%u missing on a live connection\n",
          v->echo_received, v->echo_lost_with_connection, v->echo_missing);
  printf ("  to others:   %u checked, %u received, %u lost; %u not checked (member reconnecting), "
          "of which %u arrived anyway\n",
          v->delivery_checked, v->delivery_received, v->delivery_lost,
          v->delivery_unchecked, v->delivery_unchecked_received);
  printf ("  failed yet delivered: %u (the server took them just before a drop)\n",
          v->failed_but_delivered);
  printf ("  duplicates:  %u; unknown messages received: %u\n", v->duplicates, v->unknown_received);
  printf ("  faults:      %u drops, %u restarts (%u control calls failed); "
          "%u reconnections, %u attempts; %u error signals\n",
          soak->drops, soak->restarts, soak->faults_failed,
          connected - (guint)soak->n_clients, attempts, errors);
  printf ("  flood:       %u bursts (%u cut short by a fault), %" G_GUINT64_FORMAT " frames written, "
          "%" G_GUINT64_FORMAT " received\n",
          soak->floods, soak->floods_failed, soak->flood_frames_sent, flood_frames);
  printf ("  rss (KiB):   start %" G_GUINT64_FORMAT ", after warm-up (%d s) %" G_GUINT64_FORMAT
          ", min %" G_GUINT64_FORMAT ", max %" G_GUINT64_FORMAT ", end %" G_GUINT64_FORMAT
          "; growth %+" G_GINT64_FORMAT " (limit %d) over %u samples%s\n",
          m->start_kib, soak->warmup_s, m->warm_kib, m->min_kib, m->max_kib, m->end_kib,
          m->growth_kib, soak->rss_limit_kib, m->samples,
#ifdef SOAK_UNDER_ASAN
          " — not judged: AddressSanitizer's quarantine dominates"
#else
          memory_ok ? "" : " — TOO MUCH"
#endif
          );
  if (!settled)
    printf ("  the clients did not settle within %d s of the end\n", DRAIN_S);
  for (guint i = 0; i < soak->problems->len; i++)
    printf ("  problem: %s\n", (const char *)g_ptr_array_index (soak->problems, i));
  printf ("%s\n", passed ? "PASS" : "FAIL");
  fflush (stdout);
}

static gboolean
parse_options (Soak    *soak,
               int     *argc,
               char  ***argv)
{
  GOptionEntry entries[] = {
    { "duration", 'd', 0, G_OPTION_ARG_INT, &soak->duration_s, "Seconds to run (600)", "S" },
    { "clients", 'c', 0, G_OPTION_ARG_INT, &soak->n_clients, "Clients (3)", "N" },
    { "rate", 'r', 0, G_OPTION_ARG_INT, &soak->rate, "Messages a second, per client (20)", "N" },
    { "fault-min", 0, 0, G_OPTION_ARG_INT, &soak->fault_min_s, "Shortest time between faults (20; 8 under 2 min)", "S" },
    { "fault-max", 0, 0, G_OPTION_ARG_INT, &soak->fault_max_s, "Longest time between faults (40; 12 under 2 min)", "S" },
    { "flood-interval", 0, 0, G_OPTION_ARG_INT, &soak->flood_interval_s, "Seconds between floods (15; 5 under 2 min)", "S" },
    { "flood-count", 0, 0, G_OPTION_ARG_INT, &soak->flood_count, "Frames per flood (3000)", "N" },
    { "flood-size", 0, 0, G_OPTION_ARG_INT, &soak->flood_size, "Bytes per flood frame (200)", "N" },
    { "warmup", 'w', 0, G_OPTION_ARG_INT, &soak->warmup_s, "Seconds before memory must stay flat (60; a third under 3 min)", "S" },
    { "rss-limit", 0, 0, G_OPTION_ARG_INT, &soak->rss_limit_kib, "Growth allowed after the warm-up, KiB (4096)", "KIB" },
    { "ping-interval", 0, 0, G_OPTION_ARG_INT, &soak->ping_interval_ms, "The server's heartbeat, ms (5000)", "MS" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &soak->seed, "Seed of the fault schedule (1)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— chat through faults and check every message");
  g_autoptr(GError) error = NULL;

  soak->duration_s = 600;
  soak->n_clients = 3;
  soak->rate = 20;
  soak->fault_min_s = soak->fault_max_s = soak->flood_interval_s = soak->warmup_s = -1;
  soak->flood_count = 3000;
  soak->flood_size = 200;
  soak->rss_limit_kib = 4096;
  soak->ping_interval_ms = 5000;
  soak->seed = 1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("stellar-soak: %s\n", error->message);
      return FALSE;
    }

  if (soak->duration_s < 10 || soak->n_clients < 2 || soak->n_clients > SOAK_MAX_CLIENTS ||
      soak->rate < 1 || soak->rate > 1000)
    {
      g_printerr ("stellar-soak: --duration ≥ 10, 2 ≤ --clients ≤ %d, 1 ≤ --rate ≤ 1000\n",
                  SOAK_MAX_CLIENTS);
      return FALSE;
    }

  /* A short run compresses the schedule so that it still sees both kinds
   * of fault and several floods. */
  if (soak->fault_min_s < 0)
    soak->fault_min_s = soak->duration_s < 120 ? 8 : 20;
  if (soak->fault_max_s < 0)
    soak->fault_max_s = soak->duration_s < 120 ? 12 : 40;
  soak->fault_max_s = MAX (soak->fault_max_s, soak->fault_min_s);
  if (soak->flood_interval_s < 0)
    soak->flood_interval_s = soak->duration_s < 120 ? 5 : 15;
  if (soak->warmup_s < 0)
    soak->warmup_s = soak->duration_s < 180 ? soak->duration_s / 3 : 60;

  soak->room = g_strdup ("defaultRoom");
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Soak soak_data = { 0 }, *soak = &soak_data;
  g_autofree char *ping = NULL;
  SoakVerdict verdict;
  SoakMemoryFigures figures;
  gboolean settled, memory_ok, passed;
  guint max_messages;

  if (!parse_options (soak, &argc, &argv))
    return 2;

  /* Sized for the whole run at once, with room for timer slack. */
  max_messages = (guint)soak->rate * (guint)soak->duration_s * 5 / 4 + 100;
  soak->ledger = soak_ledger_new (soak->n_clients, max_messages, 4096);
  soak->memory = soak_memory_new (soak->duration_s / MEMORY_PERIOD_S + 16);
  soak->rand = g_rand_new_with_seed ((guint32)soak->seed);
  soak->problems = g_ptr_array_new_with_free_func (g_free);

  /* No frame log: the server would keep every frame of the run. */
  ping = g_strdup_printf ("%d", soak->ping_interval_ms);
  soak->server = stellar_test_server_start ("--no-frame-log", "--ping-interval", ping, NULL);
  soak->control = soak_control_new (stellar_test_server_get_control_url (soak->server));

  soak->start_us = g_get_monotonic_time ();
  soak->end_us = soak->start_us + (gint64)soak->duration_s * G_USEC_PER_SEC;
  soak_memory_sample (soak->memory, FALSE);

  for (int c = 0; c < soak->n_clients; c++)
    member_start (soak, &soak->members[c], c);
  while (soak->connects_pending > 0)
    g_main_context_iteration (NULL, TRUE);

  if (soak->connect_failures == 0)
    {
      soak->say_source = g_timeout_add (MAX (1000 / soak->rate, 1), on_say_tick, soak);
      soak->flood_source = g_timeout_add_seconds (soak->flood_interval_s, on_flood, soak);
      soak->memory_source = g_timeout_add_seconds (MEMORY_PERIOD_S, on_memory, soak);
      soak->end_source = g_timeout_add_seconds (soak->duration_s, on_end, soak);
      schedule_fault (soak);

      iterate_until_over (soak);
      clear_source (&soak->say_source);
      clear_source (&soak->fault_source);
      clear_source (&soak->flood_source);
      clear_source (&soak->memory_source);
      soak_memory_sample (soak->memory, TRUE);
    }

  settled = soak->connect_failures == 0 && drain (soak);

  soak_ledger_judge (soak->ledger, &verdict);
  soak_memory_figures (soak->memory, &figures);
#ifdef SOAK_UNDER_ASAN
  memory_ok = TRUE;
#else
  memory_ok = figures.growth_kib <= soak->rss_limit_kib;
#endif
  passed = soak->connect_failures == 0 && settled && memory_ok && soak_verdict_passed (&verdict);
  print_summary (soak, &verdict, &figures, settled, memory_ok, passed);

  /* Everything goes, so that leak checkers see a clean exit. */
  for (int c = 0; c < soak->n_clients; c++)
    if (soak->members[c].client != NULL)
      stellar_client_disconnect (soak->members[c].client);
  while (soak->says_in_flight > 0 || soak->connects_pending > 0 ||
         soak_control_in_flight (soak->control) > 0)
    g_main_context_iteration (NULL, TRUE);
  for (int c = 0; c < soak->n_clients; c++)
    g_clear_object (&soak->members[c].client);
  clear_source (&soak->end_source);

  g_clear_pointer (&soak->control, soak_control_free);
  g_clear_pointer (&soak->server, stellar_test_server_stop);
  g_clear_pointer (&soak->ledger, soak_ledger_free);
  g_clear_pointer (&soak->memory, soak_memory_free);
  g_clear_pointer (&soak->rand, g_rand_free);
  g_clear_pointer (&soak->problems, g_ptr_array_unref);
  g_free (soak->room);

  return passed ? EXIT_SUCCESS : EXIT_FAILURE;
}
