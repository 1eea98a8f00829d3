/* stellar-throughput-chart.c: a load test's calls over time, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-chart-private.h"
#include "stellar-throughput-chart.h"

/* One bar per interval of the report's time line, as calls a second: the
 * calls that succeeded, and those that failed stacked on them in the error
 * colour. The accessible description tells the same in words. */
struct _StellarThroughputChart
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

G_DEFINE_FINAL_TYPE (StellarThroughputChart, stellar_throughput_chart, GTK_TYPE_WIDGET)


static double
get_peak_rate (StellarLoadReport *report)
{
  const StellarLoadInterval *timeline;
  guint n_intervals;
  gint64 interval_us;
  double peak = 0;

  timeline = stellar_load_report_get_timeline (report, &n_intervals, &interval_us);
  for (guint i = 0; i < n_intervals; i++)
    peak = MAX (peak, timeline[i].succeeded + timeline[i].failed);

  return peak * G_USEC_PER_SEC / interval_us;
}

static char *
describe (StellarLoadReport *report)
{
  guint calls;
  guint failed;
  g_autofree char *duration = NULL;
  g_autofree char *rates = NULL;

  if (report == NULL || stellar_load_report_get_calls (report) == 0)
    return g_strdup (_("No calls"));

  calls = stellar_load_report_get_calls (report);
  failed = stellar_load_report_get_failed (report);
  duration = _stellar_chart_format_seconds (stellar_load_report_get_duration_us (report));

  /* Translators: the number of calls, how long they took, the average
   * and the highest number of calls a second */
  rates = g_strdup_printf (ngettext ("%u call in %s: %.0f calls/s on average, at most %.0f calls/s",
                                     "%u calls in %s: %.0f calls/s on average, at most %.0f calls/s",
                                     calls),
                           calls, duration, stellar_load_report_get_calls_per_second (report),
                           get_peak_rate (report));
  if (failed == 0)
    /* Translators: %s says how many calls there were and how fast */
    return g_strdup_printf (_("%s; none failed."), rates);

  /* Translators: %s says how many calls there were and how fast, %u how
   * many of them failed */
  return g_strdup_printf (ngettext ("%s; %u failed.", "%s; %u failed.", failed), rates, failed);
}

static void
update (StellarThroughputChart *self)
{
  g_autofree char *description = describe (self->report);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stellar_throughput_chart_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  StellarThroughputChart *self = STELLAR_THROUGHPUT_CHART (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  int text_height = _stellar_chart_get_text_height (widget);
  float top = text_height + STELLAR_CHART_GAP;
  float bottom = height - text_height - STELLAR_CHART_GAP;
  const StellarLoadInterval *timeline;
  StellarChartColors colors;
  guint n_intervals;
  gint64 interval_us;
  double peak;
  float slot;
  g_autofree char *scale = NULL;
  g_autofree char *duration = NULL;

  if (self->report == NULL || stellar_load_report_get_calls (self->report) == 0 || bottom <= top)
    return;

  _stellar_chart_get_colors (widget, &colors);
  timeline = stellar_load_report_get_timeline (self->report, &n_intervals, &interval_us);
  peak = MAX (get_peak_rate (self->report), 1);
  slot = width / n_intervals;

  for (guint i = 0; i < n_intervals; i++)
    {
      double seconds = interval_us / (double) G_USEC_PER_SEC;
      float succeeded = (bottom - top) * (timeline[i].succeeded / seconds) / peak;
      float failed = (bottom - top) * (timeline[i].failed / seconds) / peak;

      _stellar_chart_append_bar (snapshot, &colors.bar, i * slot, bottom, slot, succeeded);
      _stellar_chart_append_bar (snapshot, &colors.failed, i * slot, bottom - succeeded, slot, failed);
    }

  gtk_snapshot_append_color (snapshot, &colors.axis, &GRAPHENE_RECT_INIT (0, bottom, width, 1));

  /* The scale: the highest rate, and the times at both ends. */
  /* Translators: the calls a second the tallest bar of a chart stands for */
  scale = g_strdup_printf (_("%.0f calls/s"), get_peak_rate (self->report));
  _stellar_chart_append_text (widget, snapshot, scale, 0, 0, 0);
  _stellar_chart_append_text (widget, snapshot, _("0 s"), 0, bottom + STELLAR_CHART_GAP, 0);
  duration = _stellar_chart_format_seconds (stellar_load_report_get_duration_us (self->report));
  _stellar_chart_append_text (widget, snapshot, duration, width, bottom + STELLAR_CHART_GAP, 1);
}

static void
stellar_throughput_chart_dispose (GObject *object)
{
  StellarThroughputChart *self = STELLAR_THROUGHPUT_CHART (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (stellar_throughput_chart_parent_class)->dispose (object);
}

static void
stellar_throughput_chart_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StellarThroughputChart *self = STELLAR_THROUGHPUT_CHART (object);

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
stellar_throughput_chart_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StellarThroughputChart *self = STELLAR_THROUGHPUT_CHART (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      stellar_throughput_chart_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_throughput_chart_class_init (StellarThroughputChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_throughput_chart_dispose;
  object_class->get_property = stellar_throughput_chart_get_property;
  object_class->set_property = stellar_throughput_chart_set_property;

  widget_class->snapshot = stellar_throughput_chart_snapshot;
  widget_class->measure = _stellar_chart_measure;
  widget_class->css_changed = _stellar_chart_css_changed;

  /**
   * StellarThroughputChart:report:
   *
   * The load test's report whose time line is drawn.
   */
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         STELLAR_TYPE_LOAD_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "throughput-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
stellar_throughput_chart_init (StellarThroughputChart *self)
{
  update (self);
}

GtkWidget *
stellar_throughput_chart_new (void)
{
  return g_object_new (STELLAR_TYPE_THROUGHPUT_CHART, NULL);
}

/**
 * stellar_throughput_chart_get_report:
 * @self: a #StellarThroughputChart
 *
 * Returns: (transfer none) (nullable): the report drawn
 */
StellarLoadReport *
stellar_throughput_chart_get_report (StellarThroughputChart *self)
{
  g_return_val_if_fail (STELLAR_IS_THROUGHPUT_CHART (self), NULL);

  return self->report;
}

/**
 * stellar_throughput_chart_set_report:
 * @self: a #StellarThroughputChart
 * @report: (nullable): the report to draw
 *
 * Draws @report's calls over time, and describes them to assistive
 * technologies.
 */
void
stellar_throughput_chart_set_report (StellarThroughputChart *self,
                                     StellarLoadReport      *report)
{
  g_return_if_fail (STELLAR_IS_THROUGHPUT_CHART (self));
  g_return_if_fail (report == NULL || STELLAR_IS_LOAD_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}
