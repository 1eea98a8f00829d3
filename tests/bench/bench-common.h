/* bench-common.h: what the C benchmark programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The frame a round trip carries: the text of the `message` parameter. */
#define BENCH_MESSAGE "The quick brown fox jumps over the lazy dog"

/* One reading of the process's clocks. */
typedef struct
{
  gint64 wall_us;
  gint64 user_us;  /* every thread of this process */
  gint64 sys_us;
} BenchSample;

void    bench_sample_take     (BenchSample       *sample);
gint64  bench_peak_rss_kb     (void);
guint   bench_parse_uint      (const char        *text,
                               const char        *what);

/* Prints the result of a measured window as one JSON line on stdout:
 * `operations` done between @start and @end, and the peak RSS. */
void    bench_print_result    (const char        *kind,
                               guint              operations,
                               const BenchSample *start,
                               const BenchSample *end);

/* A benchmark's main loop and the first error that ended it. */
typedef struct
{
  GMainLoop *loop;
  GError *error;
} BenchRun;

void    bench_run_fail        (BenchRun          *run,
                               GError            *error);
void    bench_run_add_watchdog (BenchRun         *run);

/* Round trips kept IN_FLIGHT at a time until COUNT were measured after
 * WARMUP: the programs count what they issue in `issued`. */
typedef struct
{
  guint count;
  guint warmup;
  guint total;
  guint issued;
  guint completed;
  BenchSample start;
  BenchSample end;
} BenchRoundTrips;

typedef enum
{
  BENCH_ISSUE_NEXT,
  BENCH_WAIT,
  BENCH_FINISHED,
} BenchNext;

void      bench_round_trips_init     (BenchRoundTrips *trips,
                                      guint            in_flight,
                                      guint            count,
                                      guint            warmup);
BenchNext bench_round_trips_answered (BenchRoundTrips *trips);

/* Tells the driver the program is ready for what it waits for (the flood). */
void    bench_print_ready     (void);

/* How responsive the main loop stays while a benchmark works: a timer source
 * of BENCH_LATENESS_INTERVAL_MS records, each time it runs, how much later
 * than due it ran. */
#define BENCH_LATENESS_INTERVAL_MS 10

typedef struct
{
  guint source;
  gint64 last_us;
  GArray *late_ms;
} BenchLateness;

void    bench_lateness_start    (BenchLateness       *lateness);
void    bench_lateness_stop     (BenchLateness       *lateness);
/* The q quantile (0 to 1) of the recorded lateness, in ms. */
double  bench_lateness_quantile (const BenchLateness *lateness,
                                 double               q);
void    bench_lateness_clear    (BenchLateness       *lateness);

/* bench_print_result()'s line with the lateness's median, 99th percentile
 * and maximum added. */
void    bench_print_result_with_lateness (const char          *kind,
                                          guint                operations,
                                          const BenchSample   *start,
                                          const BenchSample   *end,
                                          const BenchLateness *lateness);

G_END_DECLS
