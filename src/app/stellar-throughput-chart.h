/* stellar-throughput-chart.h: a load test's calls over time, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-load-report.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_THROUGHPUT_CHART (stellar_throughput_chart_get_type ())

G_DECLARE_FINAL_TYPE (StellarThroughputChart, stellar_throughput_chart, STELLAR, THROUGHPUT_CHART, GtkWidget)

GtkWidget         *stellar_throughput_chart_new        (void);
StellarLoadReport *stellar_throughput_chart_get_report (StellarThroughputChart *self);
void               stellar_throughput_chart_set_report (StellarThroughputChart *self,
                                                        StellarLoadReport      *report);

G_END_DECLS
