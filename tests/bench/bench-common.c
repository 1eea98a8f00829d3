/* bench-common.c: what the C benchmark programs share
 *
 * Only the client's own process is measured: getrusage(RUSAGE_SELF) counts
 * this process's threads and nothing of the server's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"

void
bench_sample_take (BenchSample *sample)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  sample->wall_us = g_get_monotonic_time ();
  sample->user_us = (gint64)usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec;
  sample->sys_us = (gint64)usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

/* VmHWM from /proc/self/status, or ru_maxrss where there is no /proc. */
gint64
bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmHWM:")) != NULL)
    return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

guint
bench_parse_uint (const char *text,
                  const char *what)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    {
      g_printerr ("Not a positive number for %s: %s\n", what, text);
      exit (2);
    }

  return (guint)value;
}

static void
print_result (const char          *kind,
              guint                operations,
              const BenchSample   *start,
              const BenchSample   *end,
              const BenchLateness *lateness)
{
  gint64 wall_us = MAX (end->wall_us - start->wall_us, 1);
  gint64 user_us = end->user_us - start->user_us;
  gint64 sys_us = end->sys_us - start->sys_us;
  g_autofree char *late = NULL;

  if (lateness != NULL)
    late = g_strdup_printf (",\"timer_runs\":%u,\"lateness_ms_median\":%.2f,\"lateness_ms_p99\":%.2f,"
                            "\"lateness_ms_max\":%.2f",
                            lateness->late_ms->len, bench_lateness_quantile (lateness, 0.5),
                            bench_lateness_quantile (lateness, 0.99),
                            bench_lateness_quantile (lateness, 1.0));

  g_print ("{\"kind\":\"%s\",\"operations\":%u,\"wall_us\":%" G_GINT64_FORMAT
           ",\"cpu_us\":%" G_GINT64_FORMAT ",\"user_us\":%" G_GINT64_FORMAT
           ",\"sys_us\":%" G_GINT64_FORMAT ",\"peak_rss_kb\":%" G_GINT64_FORMAT "%s}\n",
           kind, operations, wall_us, user_us + sys_us, user_us, sys_us, bench_peak_rss_kb (),
           late != NULL ? late : "");
  fflush (stdout);
}

void
bench_print_result (const char        *kind,
                    guint              operations,
                    const BenchSample *start,
                    const BenchSample *end)
{
  print_result (kind, operations, start, end, NULL);
}

void
bench_print_result_with_lateness (const char          *kind,
                                  guint                operations,
                                  const BenchSample   *start,
                                  const BenchSample   *end,
                                  const BenchLateness *lateness)
{
  print_result (kind, operations, start, end, lateness);
}

static void
record_lateness (BenchLateness *lateness)
{
  gint64 now = g_get_monotonic_time ();
  double late = MAX (0, (now - lateness->last_us) / 1000.0 - BENCH_LATENESS_INTERVAL_MS);

  g_array_append_val (lateness->late_ms, late);
  lateness->last_us = now;
}

static gboolean
on_lateness_timer (gpointer user_data)
{
  record_lateness (user_data);
  return G_SOURCE_CONTINUE;
}

void
bench_lateness_start (BenchLateness *lateness)
{
  if (lateness->late_ms == NULL)
    lateness->late_ms = g_array_new (FALSE, FALSE, sizeof (double));
  lateness->last_us = g_get_monotonic_time ();
  lateness->source = g_timeout_add (BENCH_LATENESS_INTERVAL_MS, on_lateness_timer, lateness);
}

/* The wait since the timer last ran counts too: a stall that lasts until
 * the work is done never lets the timer run at all. */
void
bench_lateness_stop (BenchLateness *lateness)
{
  if (lateness->source == 0)
    return;

  record_lateness (lateness);
  g_clear_handle_id (&lateness->source, g_source_remove);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_lateness_quantile (const BenchLateness *lateness,
                         double               q)
{
  if (lateness->late_ms == NULL || lateness->late_ms->len == 0)
    return 0;
  g_array_sort (lateness->late_ms, compare_doubles);
  return g_array_index (lateness->late_ms, double,
                        MIN (lateness->late_ms->len - 1, (guint) (q * lateness->late_ms->len)));
}

void
bench_lateness_clear (BenchLateness *lateness)
{
  bench_lateness_stop (lateness);
  g_clear_pointer (&lateness->late_ms, g_array_unref);
}

void
bench_round_trips_init (BenchRoundTrips *trips,
                        guint            in_flight,
                        guint            count,
                        guint            warmup)
{
  *trips = (BenchRoundTrips) { .count = count, .warmup = warmup };
  /* IN_FLIGHT calls keep going until the measured window closes. */
  trips->total = warmup + count + in_flight - 1;
}

/* Counts an answer, opening or closing the measured window, and says what
 * comes next. */
BenchNext
bench_round_trips_answered (BenchRoundTrips *trips)
{
  trips->completed++;
  if (trips->completed == trips->warmup)
    bench_sample_take (&trips->start);
  else if (trips->completed == trips->warmup + trips->count)
    bench_sample_take (&trips->end);

  if (trips->issued < trips->total)
    return BENCH_ISSUE_NEXT;
  return trips->completed == trips->total ? BENCH_FINISHED : BENCH_WAIT;
}

void
bench_print_ready (void)
{
  g_print ("{\"ready\":true}\n");
  fflush (stdout);
}

/* Keeps @error (transfer full) if it is the first, and stops the loop. */
void
bench_run_fail (BenchRun *run,
                GError   *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_watchdog (gpointer user_data)
{
  bench_run_fail (user_data, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                  "The benchmark did not finish in time"));
  return G_SOURCE_REMOVE;
}

/* Anything slower than five minutes is broken, not slow. */
void
bench_run_add_watchdog (BenchRun *run)
{
  g_timeout_add_seconds (300, on_watchdog, run);
}
