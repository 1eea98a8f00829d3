/* stellar-load-report.c: what a load test measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-runner"

#include "config.h"

#include <math.h>

#include "stellar-load-report-private.h"

/* Every call is kept (when it started, how long it took, how it ended), so
 * the report can give exact percentiles and a CSV of the calls; what a
 * person looks at (percentiles, histogram, time line, errors by code) is
 * computed once, when the run is over. Twelve bytes a call: a million calls
 * take 12 MB. */

typedef struct {
  gint64  start_us;
  guint32 latency_us;
  guint32 error;        /* 0: the call succeeded; else 1 + its index in errors */
} Call;

#define N_BUCKETS 40
#define MAX_INTERVALS 100
#define MIN_INTERVAL_US (100 * 1000)

struct _StellarLoadError
{
  GObject  parent_instance;

  char    *code;
  char    *message;
  guint    count;
  guint    index;   /* in the report's errors */
};

G_DEFINE_FINAL_TYPE (StellarLoadError, stellar_load_error, G_TYPE_OBJECT)

struct _StellarLoadReport
{
  GObject              parent_instance;

  char                *action;
  char                *transport;
  guint                in_flight;
  double               rate;

  GArray              *calls;           /* Call */
  GPtrArray           *errors;          /* StellarLoadError, in order of first occurrence */
  GHashTable          *errors_by_code;  /* code → StellarLoadError */
  guint                failed;
  gint64               duration_us;
  gboolean             stopped;

  /* computed by _stellar_load_report_finish() */
  guint32             *sorted_latencies;
  GListStore          *errors_by_count;
  StellarLoadBucket    buckets[N_BUCKETS];
  guint                n_buckets;
  StellarLoadInterval *timeline;
  guint                n_intervals;
  gint64               interval_us;
};

G_DEFINE_FINAL_TYPE (StellarLoadReport, stellar_load_report, G_TYPE_OBJECT)

/* --- StellarLoadError ---------------------------------------------------- */

static void
stellar_load_error_finalize (GObject *object)
{
  StellarLoadError *self = STELLAR_LOAD_ERROR (object);

  g_free (self->code);
  g_free (self->message);

  G_OBJECT_CLASS (stellar_load_error_parent_class)->finalize (object);
}

static void
stellar_load_error_class_init (StellarLoadErrorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stellar_load_error_finalize;
}

static void
stellar_load_error_init (StellarLoadError *self)
{
}

/**
 * stellar_load_error_get_code:
 * @self: a #StellarLoadError
 *
 * Returns: the server's error code ("004"), or what went wrong on the way
 *   ("timeout", "disconnected", …)
 */
const char *
stellar_load_error_get_code (StellarLoadError *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_ERROR (self), NULL);

  return self->code;
}

/**
 * stellar_load_error_get_message:
 * @self: a #StellarLoadError
 *
 * Returns: the message of the first call that failed this way
 */
const char *
stellar_load_error_get_message (StellarLoadError *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_ERROR (self), NULL);

  return self->message;
}

guint
stellar_load_error_get_count (StellarLoadError *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_ERROR (self), 0);

  return self->count;
}

/* --- StellarLoadReport --------------------------------------------------- */

static void
stellar_load_report_finalize (GObject *object)
{
  StellarLoadReport *self = STELLAR_LOAD_REPORT (object);

  g_free (self->action);
  g_free (self->transport);
  g_array_unref (self->calls);
  g_ptr_array_unref (self->errors);
  g_hash_table_unref (self->errors_by_code);
  g_free (self->sorted_latencies);
  g_clear_object (&self->errors_by_count);
  g_free (self->timeline);

  G_OBJECT_CLASS (stellar_load_report_parent_class)->finalize (object);
}

static void
stellar_load_report_class_init (StellarLoadReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = stellar_load_report_finalize;
}

static void
stellar_load_report_init (StellarLoadReport *self)
{
  self->calls = g_array_new (FALSE, FALSE, sizeof (Call));
  self->errors = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors_by_count = g_list_store_new (STELLAR_TYPE_LOAD_ERROR);
}

StellarLoadReport *
_stellar_load_report_new (const char *action,
                          const char *transport,
                          guint       in_flight,
                          double      rate)
{
  StellarLoadReport *self = g_object_new (STELLAR_TYPE_LOAD_REPORT, NULL);

  self->action = g_strdup (action);
  self->transport = g_strdup (transport);
  self->in_flight = in_flight;
  self->rate = rate;

  return self;
}

void
_stellar_load_report_add_call (StellarLoadReport *self,
                               gint64             start_us,
                               gint64             latency_us,
                               const char        *error_code,
                               const char        *error_message)
{
  Call call = {
    .start_us = start_us,
    .latency_us = (guint32) CLAMP (latency_us, 0, G_MAXUINT32),
    .error = 0,
  };

  if (error_code != NULL)
    {
      StellarLoadError *error = g_hash_table_lookup (self->errors_by_code, error_code);

      if (error == NULL)
        {
          error = g_object_new (STELLAR_TYPE_LOAD_ERROR, NULL);
          error->code = g_strdup (error_code);
          error->message = g_strdup (error_message);
          error->index = self->errors->len;
          g_ptr_array_add (self->errors, error);
          g_hash_table_insert (self->errors_by_code, error->code, error);
        }

      error->count++;
      self->failed++;
      call.error = error->index + 1;
    }

  g_array_append_val (self->calls, call);
}

static int
compare_latencies (gconstpointer a,
                   gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static int
compare_error_counts (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const StellarLoadError *x = a;
  const StellarLoadError *y = b;

  return (y->count > x->count) - (y->count < x->count);
}

/* Latencies spread over orders of magnitude: buckets of equal width on a
 * logarithmic scale from the fastest call to the slowest. */
static void
compute_histogram (StellarLoadReport *self)
{
  guint n = self->calls->len;
  double low;
  double high;
  double step;

  self->n_buckets = 0;
  if (n == 0)
    return;

  low = log (MAX (1, self->sorted_latencies[0]));
  high = log (MAX (1, self->sorted_latencies[n - 1]));
  self->n_buckets = high > low ? N_BUCKETS : 1;
  step = (high - low) / self->n_buckets;

  for (guint b = 0; b < self->n_buckets; b++)
    self->buckets[b].upper_us = b + 1 == self->n_buckets
                                ? self->sorted_latencies[n - 1]
                                : (guint64) ceil (exp (low + step * (b + 1)));

  for (guint i = 0, b = 0; i < n; i++)
    {
      while (self->sorted_latencies[i] > self->buckets[b].upper_us && b + 1 < self->n_buckets)
        b++;
      self->buckets[b].count++;
    }
}

static void
compute_timeline (StellarLoadReport *self)
{
  gint64 interval = MIN_INTERVAL_US;

  while (self->duration_us / interval >= MAX_INTERVALS)
    interval *= 2;

  self->interval_us = interval;
  self->n_intervals = (guint) (self->duration_us / interval) + 1;
  self->timeline = g_new0 (StellarLoadInterval, self->n_intervals);

  for (guint i = 0; i < self->calls->len; i++)
    {
      const Call *call = &g_array_index (self->calls, Call, i);
      gint64 end = call->start_us + call->latency_us;
      guint slot = (guint) MIN (end / interval, (gint64) self->n_intervals - 1);

      if (call->error == 0)
        self->timeline[slot].succeeded++;
      else
        self->timeline[slot].failed++;
    }
}

void
_stellar_load_report_finish (StellarLoadReport *self,
                             gint64             duration_us,
                             gboolean           stopped)
{
  guint n = self->calls->len;

  self->duration_us = MAX (duration_us, 1);
  self->stopped = stopped;

  self->sorted_latencies = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->sorted_latencies[i] = g_array_index (self->calls, Call, i).latency_us;
  qsort (self->sorted_latencies, n, sizeof (guint32), compare_latencies);

  for (guint i = 0; i < self->errors->len; i++)
    g_list_store_insert_sorted (self->errors_by_count, g_ptr_array_index (self->errors, i),
                                compare_error_counts, NULL);

  compute_histogram (self);
  compute_timeline (self);
}

const char *
stellar_load_report_get_action (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);

  return self->action;
}

/**
 * stellar_load_report_get_calls:
 * @self: a #StellarLoadReport
 *
 * Returns: how many calls ended, well or not
 */
guint
stellar_load_report_get_calls (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);

  return self->calls->len;
}

guint
stellar_load_report_get_succeeded (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);

  return self->calls->len - self->failed;
}

guint
stellar_load_report_get_failed (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);

  return self->failed;
}

/**
 * stellar_load_report_get_stopped:
 * @self: a #StellarLoadReport
 *
 * Returns: whether the run was stopped before all its calls were made
 */
gboolean
stellar_load_report_get_stopped (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), FALSE);

  return self->stopped;
}

gint64
stellar_load_report_get_duration_us (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);

  return self->duration_us;
}

double
stellar_load_report_get_calls_per_second (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);

  return self->calls->len * (double) G_USEC_PER_SEC / self->duration_us;
}

/**
 * stellar_load_report_get_latency_us:
 * @self: a #StellarLoadReport
 * @percentile: between 0 and 100
 *
 * The latency under which @percentile % of the calls ended (nearest rank),
 * failed calls included.
 *
 * Returns: microseconds; 0 when no call ended
 */
guint64
stellar_load_report_get_latency_us (StellarLoadReport *self,
                                    double             percentile)
{
  guint n;
  guint rank;

  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), 0);
  g_return_val_if_fail (percentile >= 0 && percentile <= 100, 0);

  n = self->calls->len;
  if (n == 0 || self->sorted_latencies == NULL)
    return 0;

  rank = (guint) ceil (percentile / 100.0 * n);
  return self->sorted_latencies[CLAMP (rank, 1, n) - 1];
}

guint64
stellar_load_report_get_max_latency_us (StellarLoadReport *self)
{
  return stellar_load_report_get_latency_us (self, 100);
}

/**
 * stellar_load_report_get_errors:
 * @self: a #StellarLoadReport
 *
 * Returns: (transfer none): the ways calls failed, #StellarLoadError items,
 *   the most frequent first
 */
GListModel *
stellar_load_report_get_errors (StellarLoadReport *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);

  return G_LIST_MODEL (self->errors_by_count);
}

/**
 * stellar_load_report_get_histogram:
 * @self: a #StellarLoadReport
 * @n_buckets: (out): the number of buckets
 *
 * Returns: (array length=n_buckets) (transfer none): the latency histogram
 */
const StellarLoadBucket *
stellar_load_report_get_histogram (StellarLoadReport *self,
                                   guint             *n_buckets)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);
  g_return_val_if_fail (n_buckets != NULL, NULL);

  *n_buckets = self->n_buckets;
  return self->buckets;
}

/**
 * stellar_load_report_get_timeline:
 * @self: a #StellarLoadReport
 * @n_intervals: (out): the number of intervals
 * @interval_us: (out) (optional): the length of an interval
 *
 * Returns: (array length=n_intervals) (transfer none): the calls that ended
 *   in each interval since the start
 */
const StellarLoadInterval *
stellar_load_report_get_timeline (StellarLoadReport *self,
                                  guint             *n_intervals,
                                  gint64            *interval_us)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);
  g_return_val_if_fail (n_intervals != NULL, NULL);

  *n_intervals = self->n_intervals;
  if (interval_us != NULL)
    *interval_us = self->interval_us;
  return self->timeline;
}

static double
to_ms (guint64 microseconds)
{
  return microseconds / 1000.0;
}

/**
 * stellar_load_report_to_json:
 * @self: a #StellarLoadReport
 *
 * The summary, the errors, the histogram and the time line, in the format
 * docs/load-test.md describes.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
stellar_load_report_to_json (StellarLoadReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_errors;

  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, self->action);
  json_builder_set_member_name (builder, "transport");
  json_builder_add_string_value (builder, self->transport);
  json_builder_set_member_name (builder, "inFlight");
  json_builder_add_int_value (builder, self->in_flight);
  json_builder_set_member_name (builder, "rate");
  json_builder_add_double_value (builder, self->rate);
  json_builder_set_member_name (builder, "calls");
  json_builder_add_int_value (builder, self->calls->len);
  json_builder_set_member_name (builder, "succeeded");
  json_builder_add_int_value (builder, stellar_load_report_get_succeeded (self));
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, self->failed);
  json_builder_set_member_name (builder, "stopped");
  json_builder_add_boolean_value (builder, self->stopped);
  json_builder_set_member_name (builder, "durationUs");
  json_builder_add_int_value (builder, self->duration_us);
  json_builder_set_member_name (builder, "callsPerSecond");
  json_builder_add_double_value (builder, stellar_load_report_get_calls_per_second (self));

  /* Whole microseconds: exact, where milliseconds as doubles would print
   * with binary noise. */
  json_builder_set_member_name (builder, "latencyUs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "p50");
  json_builder_add_int_value (builder, stellar_load_report_get_latency_us (self, 50));
  json_builder_set_member_name (builder, "p95");
  json_builder_add_int_value (builder, stellar_load_report_get_latency_us (self, 95));
  json_builder_set_member_name (builder, "p99");
  json_builder_add_int_value (builder, stellar_load_report_get_latency_us (self, 99));
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, stellar_load_report_get_max_latency_us (self));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  n_errors = g_list_model_get_n_items (G_LIST_MODEL (self->errors_by_count));
  for (guint i = 0; i < n_errors; i++)
    {
      g_autoptr(StellarLoadError) error =
        g_list_model_get_item (G_LIST_MODEL (self->errors_by_count), i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, error->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, error->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "histogram");
  json_builder_begin_array (builder);
  for (guint b = 0; b < self->n_buckets; b++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "upToUs");
      json_builder_add_int_value (builder, self->buckets[b].upper_us);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, self->buckets[b].count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "intervalUs");
  json_builder_add_int_value (builder, self->interval_us);
  json_builder_set_member_name (builder, "succeeded");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_intervals; i++)
    json_builder_add_int_value (builder, self->timeline[i].succeeded);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_intervals; i++)
    json_builder_add_int_value (builder, self->timeline[i].failed);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * stellar_load_report_to_csv:
 * @self: a #StellarLoadReport
 *
 * One line per call, in the order they ended: its number, when it started
 * and how long it took (in milliseconds), and its error code, empty for a
 * call that succeeded.
 *
 * Returns: (transfer full): the CSV text, with a header line
 */
char *
stellar_load_report_to_csv (StellarLoadReport *self)
{
  GString *csv;

  g_return_val_if_fail (STELLAR_IS_LOAD_REPORT (self), NULL);

  csv = g_string_sized_new (32 * (self->calls->len + 1));
  g_string_append (csv, "call,start_ms,latency_ms,error\r\n");

  for (guint i = 0; i < self->calls->len; i++)
    {
      const Call *call = &g_array_index (self->calls, Call, i);
      const char *code = "";
      char start[G_ASCII_DTOSTR_BUF_SIZE];
      char latency[G_ASCII_DTOSTR_BUF_SIZE];

      if (call->error != 0)
        code = STELLAR_LOAD_ERROR (g_ptr_array_index (self->errors, call->error - 1))->code;

      /* A dot for decimals, whatever the locale; codes are the server's:
       * quoted, doubling any quote. */
      g_string_append_printf (csv, "%u,%s,%s,", i + 1,
                              g_ascii_formatd (start, sizeof start, "%.3f", to_ms (call->start_us)),
                              g_ascii_formatd (latency, sizeof latency, "%.3f",
                                               to_ms (call->latency_us)));
      if (*code != '\0')
        {
          g_autofree char *escaped = NULL;
          g_auto(GStrv) parts = g_strsplit (code, "\"", -1);

          escaped = g_strjoinv ("\"\"", parts);
          g_string_append_printf (csv, "\"%s\"", escaped);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}
