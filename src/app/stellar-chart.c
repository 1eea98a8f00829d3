/* stellar-chart.c: what the load test's charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-chart-private.h"

/* The named colours of libadwaita's style sheet, which change with the
 * light or dark style; the text colour where a theme has none. */
static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const GdkRGBA   *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    *color = *fallback;
}

void
_stellar_chart_get_colors (GtkWidget          *widget,
                           StellarChartColors *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &colors->foreground);
  colors->axis = colors->foreground;
  colors->axis.alpha *= 0.3f;
  lookup_color (context, "accent_color", &colors->foreground, &colors->bar);
  lookup_color (context, "error_color", &colors->foreground, &colors->failed);
}

int
_stellar_chart_get_text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* Draws @text with its top at @y; @xalign 0 puts its left edge at @x, 1
 * its right edge. */
void
_stellar_chart_append_text (GtkWidget   *widget,
                            GtkSnapshot *snapshot,
                            const char  *text,
                            float        x,
                            float        y,
                            float        xalign)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  StellarChartColors colors;
  int width;

  _stellar_chart_get_colors (widget, &colors);
  pango_layout_get_pixel_size (layout, &width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - xalign * width, y));
  gtk_snapshot_append_layout (snapshot, layout, &colors.foreground);
  gtk_snapshot_restore (snapshot);
}

/* A bar standing on @bottom, a pixel narrower than its slot so that bars
 * side by side stay apart. */
void
_stellar_chart_append_bar (GtkSnapshot   *snapshot,
                           const GdkRGBA *color,
                           float          x,
                           float          bottom,
                           float          width,
                           float          height)
{
  if (height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (x, bottom - height, MAX (width - 1, 1), height));
}

char *
_stellar_chart_format_latency (guint64 microseconds)
{
  if (microseconds >= G_USEC_PER_SEC)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%.2f s"), microseconds / (double) G_USEC_PER_SEC);

  /* Translators: a duration in milliseconds */
  return g_strdup_printf (microseconds >= 10000 ? _("%.1f ms") : _("%.2f ms"), microseconds / 1000.0);
}

char *
_stellar_chart_format_seconds (gint64 microseconds)
{
  /* Translators: a duration in seconds */
  return g_strdup_printf (_("%.1f s"), microseconds / (double) G_USEC_PER_SEC);
}

#define MIN_WIDTH 200
#define NATURAL_WIDTH 400
#define PLOT_HEIGHT 120

/* A chart's GtkWidget.measure: a plot of fixed height, with a line of text
 * above it and one under it. */
void
_stellar_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = *natural = PLOT_HEIGHT + 2 * (_stellar_chart_get_text_height (widget) + STELLAR_CHART_GAP);
    }
}

/* A chart's GtkWidget.css_changed: the colours come from the style (light,
 * dark, or another accent), so a new style is a new drawing. */
void
_stellar_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GtkWidgetClass *parent_class = g_type_class_peek_parent (GTK_WIDGET_GET_CLASS (widget));

  parent_class->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}
