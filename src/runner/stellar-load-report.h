/* stellar-load-report.h: what a load test measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_LOAD_REPORT (stellar_load_report_get_type ())

G_DECLARE_FINAL_TYPE (StellarLoadReport, stellar_load_report, STELLAR, LOAD_REPORT, GObject)

/**
 * StellarLoadBucket:
 * @upper_us: the bucket holds latencies up to this many microseconds
 * @count: how many calls took that long
 *
 * One bar of a latency histogram.
 */
typedef struct {
  guint64 upper_us;
  guint   count;
} StellarLoadBucket;

/**
 * StellarLoadInterval:
 * @succeeded: calls that ended well within the interval
 * @failed: calls that failed within the interval
 *
 * What completed in one slice of the run's time line.
 */
typedef struct {
  guint succeeded;
  guint failed;
} StellarLoadInterval;

const char              *stellar_load_report_get_action           (StellarLoadReport *self);
guint                    stellar_load_report_get_calls            (StellarLoadReport *self);
guint                    stellar_load_report_get_succeeded        (StellarLoadReport *self);
guint                    stellar_load_report_get_failed           (StellarLoadReport *self);
gboolean                 stellar_load_report_get_stopped          (StellarLoadReport *self);
gint64                   stellar_load_report_get_duration_us      (StellarLoadReport *self);
double                   stellar_load_report_get_calls_per_second (StellarLoadReport *self);
guint64                  stellar_load_report_get_latency_us       (StellarLoadReport *self,
                                                                   double             percentile);
guint64                  stellar_load_report_get_max_latency_us   (StellarLoadReport *self);
GListModel              *stellar_load_report_get_errors           (StellarLoadReport *self);
const StellarLoadBucket *stellar_load_report_get_histogram        (StellarLoadReport *self,
                                                                   guint             *n_buckets);
const StellarLoadInterval *stellar_load_report_get_timeline       (StellarLoadReport *self,
                                                                   guint             *n_intervals,
                                                                   gint64            *interval_us);
JsonNode                *stellar_load_report_to_json              (StellarLoadReport *self);
char                    *stellar_load_report_to_csv               (StellarLoadReport *self);

#define STELLAR_TYPE_LOAD_ERROR (stellar_load_error_get_type ())

G_DECLARE_FINAL_TYPE (StellarLoadError, stellar_load_error, STELLAR, LOAD_ERROR, GObject)

const char *stellar_load_error_get_code    (StellarLoadError *self);
const char *stellar_load_error_get_message (StellarLoadError *self);
guint       stellar_load_error_get_count   (StellarLoadError *self);

G_END_DECLS
