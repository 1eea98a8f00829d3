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

/* Tells the driver the program is ready for what it waits for (the flood). */
void    bench_print_ready     (void);

G_END_DECLS
