/* stellar-latency-histogram.c: how long a load test's calls took, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-chart-private.h"
#include "stellar-latency-histogram.h"

/* The report's buckets are of equal width on a logarithmic scale, from the
 * fastest call to the slowest: drawn side by side, equally wide, they are a
 * histogram on a logarithmic axis. What a screen reader cannot see of it,
 * the accessible description tells in words. */
struct _StellarLatencyHistogram
{
  GtkWidget          parent_instance;

  StellarLoadReport *report;
};

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarLatencyHistogram, stellar_latency_histogram, GTK_TYPE_WIDGET)


static guint
find_busiest_bucket (const StellarLoadBucket *buckets,
                     guint                    n_buckets)
{
  guint busiest = 0;

  for (guint b = 1; b < n_buckets; b++)
    if (buckets[b].count > buckets[busiest].count)
      busiest = b;

  return busiest;
}

static char *
describe (StellarLoadReport *report)
{
  const StellarLoadBucket *buckets;
  guint n_buckets;
  guint calls;
  guint busiest;
  guint64 busiest_from;
  g_autofree char *fastest = NULL;
  g_autofree char *p50 = NULL;
  g_autofree char *p95 = NULL;
  g_autofree char *p99 = NULL;
  g_autofree char *slowest = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *most = NULL;

  if (report == NULL || stellar_load_report_get_calls (report) == 0)
    return g_strdup (_("No calls"));

  buckets = stellar_load_report_get_histogram (report, &n_buckets);
  calls = stellar_load_report_get_calls (report);
  fastest = _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 0));
  p50 = _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 50));
  p95 = _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 95));
  p99 = _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 99));
  slowest = _stellar_chart_format_latency (stellar_load_report_get_max_latency_us (report));

  busiest = find_busiest_bucket (buckets, n_buckets);
  busiest_from = busiest > 0 ? buckets[busiest - 1].upper_us : stellar_load_report_get_latency_us (report, 0);
  from = _stellar_chart_format_latency (busiest_from);
  to = _stellar_chart_format_latency (buckets[busiest].upper_us);

  /* Translators: the number of calls, the fastest call's time, then the
   * slowest call's */
  spread = g_strdup_printf (ngettext ("%u call took from %s to %s",
                                      "%u calls took from %s to %s", calls),
                            calls, fastest, slowest);
  /* Translators: how many calls took between two times */
  most = g_strdup_printf (ngettext ("the most, %u call, took between %s and %s",
                                    "the most, %u calls, took between %s and %s",
                                    buckets[busiest].count),
                          buckets[busiest].count, from, to);

  /* Translators: the first %s tells how many calls took how long, the
   * next three are the times within which half, 95 % and 99 % of the
   * calls ended, the last tells which times were the most frequent */
  return g_strdup_printf (_("%s; half within %s, 95 %% within %s, 99 %% within %s; %s."),
                          spread, p50, p95, p99, most);
}

static void
update (StellarLatencyHistogram *self)
{
  g_autofree char *description = describe (self->report);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stellar_latency_histogram_snapshot (GtkWidget   *widget,
                                    GtkSnapshot *snapshot)
{
  StellarLatencyHistogram *self = STELLAR_LATENCY_HISTOGRAM (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  int text_height = _stellar_chart_get_text_height (widget);
  float top = text_height + STELLAR_CHART_GAP;
  float bottom = height - text_height - STELLAR_CHART_GAP;
  const StellarLoadBucket *buckets;
  StellarChartColors colors;
  guint n_buckets;
  guint highest;
  float slot;
  g_autofree char *fastest = NULL;
  g_autofree char *slowest = NULL;
  g_autofree char *scale = NULL;

  if (self->report == NULL || stellar_load_report_get_calls (self->report) == 0 || bottom <= top)
    return;

  _stellar_chart_get_colors (widget, &colors);
  buckets = stellar_load_report_get_histogram (self->report, &n_buckets);
  highest = buckets[find_busiest_bucket (buckets, n_buckets)].count;
  slot = width / n_buckets;

  for (guint b = 0; b < n_buckets; b++)
    _stellar_chart_append_bar (snapshot, &colors.bar, b * slot, bottom, slot,
                               (bottom - top) * buckets[b].count / MAX (highest, 1));

  gtk_snapshot_append_color (snapshot, &colors.axis, &GRAPHENE_RECT_INIT (0, bottom, width, 1));

  /* The scale: the tallest bar's count, and the times at both ends. */
  /* Translators: the number of calls the tallest bar of a chart stands for */
  scale = g_strdup_printf (ngettext ("%u call", "%u calls", highest), highest);
  _stellar_chart_append_text (widget, snapshot, scale, 0, 0, 0);
  fastest = _stellar_chart_format_latency (stellar_load_report_get_latency_us (self->report, 0));
  slowest = _stellar_chart_format_latency (stellar_load_report_get_max_latency_us (self->report));
  _stellar_chart_append_text (widget, snapshot, fastest, 0, bottom + STELLAR_CHART_GAP, 0);
  _stellar_chart_append_text (widget, snapshot, slowest, width, bottom + STELLAR_CHART_GAP, 1);
}

static void
stellar_latency_histogram_dispose (GObject *object)
{
  StellarLatencyHistogram *self = STELLAR_LATENCY_HISTOGRAM (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (stellar_latency_histogram_parent_class)->dispose (object);
}

static void
stellar_latency_histogram_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StellarLatencyHistogram *self = STELLAR_LATENCY_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_latency_histogram_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  StellarLatencyHistogram *self = STELLAR_LATENCY_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      stellar_latency_histogram_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_latency_histogram_class_init (StellarLatencyHistogramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_latency_histogram_dispose;
  object_class->get_property = stellar_latency_histogram_get_property;
  object_class->set_property = stellar_latency_histogram_set_property;

  widget_class->snapshot = stellar_latency_histogram_snapshot;
  widget_class->measure = _stellar_chart_measure;
  widget_class->css_changed = _stellar_chart_css_changed;

  /**
   * StellarLatencyHistogram:report:
   *
   * The load test's report whose latencies are drawn.
   */
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         STELLAR_TYPE_LOAD_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "latency-histogram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
stellar_latency_histogram_init (StellarLatencyHistogram *self)
{
  update (self);
}

GtkWidget *
stellar_latency_histogram_new (void)
{
  return g_object_new (STELLAR_TYPE_LATENCY_HISTOGRAM, NULL);
}

/**
 * stellar_latency_histogram_get_report:
 * @self: a #StellarLatencyHistogram
 *
 * Returns: (transfer none) (nullable): the report drawn
 */
StellarLoadReport *
stellar_latency_histogram_get_report (StellarLatencyHistogram *self)
{
  g_return_val_if_fail (STELLAR_IS_LATENCY_HISTOGRAM (self), NULL);

  return self->report;
}

/**
 * stellar_latency_histogram_set_report:
 * @self: a #StellarLatencyHistogram
 * @report: (nullable): the report to draw
 *
 * Draws @report's latency histogram, and describes it to assistive
 * technologies.
 */
void
stellar_latency_histogram_set_report (StellarLatencyHistogram *self,
                                      StellarLoadReport       *report)
{
  g_return_if_fail (STELLAR_IS_LATENCY_HISTOGRAM (self));
  g_return_if_fail (report == NULL || STELLAR_IS_LOAD_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}
