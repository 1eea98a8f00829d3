/* stellar-chart-private.h: what the load test's charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Between the plot and its scale. */
#define STELLAR_CHART_GAP 4

/* The colours of a chart, from the widget's style: they follow the light
 * or dark style and the accent colour. */
typedef struct {
  GdkRGBA foreground;
  GdkRGBA axis;
  GdkRGBA bar;
  GdkRGBA failed;
} StellarChartColors;

void   _stellar_chart_get_colors     (GtkWidget          *widget,
                                      StellarChartColors *colors);
int    _stellar_chart_get_text_height (GtkWidget         *widget);
void   _stellar_chart_append_text    (GtkWidget          *widget,
                                      GtkSnapshot        *snapshot,
                                      const char         *text,
                                      float               x,
                                      float               y,
                                      float               xalign);
void   _stellar_chart_append_bar     (GtkSnapshot        *snapshot,
                                      const GdkRGBA      *color,
                                      float               x,
                                      float               bottom,
                                      float               width,
                                      float               height);
void   _stellar_chart_measure        (GtkWidget          *widget,
                                      GtkOrientation      orientation,
                                      int                 for_size,
                                      int                *minimum,
                                      int                *natural,
                                      int                *minimum_baseline,
                                      int                *natural_baseline);
void   _stellar_chart_css_changed    (GtkWidget          *widget,
                                      GtkCssStyleChange  *change);
char  *_stellar_chart_format_latency (guint64             microseconds);
char  *_stellar_chart_format_seconds (gint64              microseconds);

G_END_DECLS
