/* stellar-latency-histogram.h: how long a load test's calls took, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-load-report.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_LATENCY_HISTOGRAM (stellar_latency_histogram_get_type ())

G_DECLARE_FINAL_TYPE (StellarLatencyHistogram, stellar_latency_histogram, STELLAR, LATENCY_HISTOGRAM, GtkWidget)

GtkWidget         *stellar_latency_histogram_new        (void);
StellarLoadReport *stellar_latency_histogram_get_report (StellarLatencyHistogram *self);
void               stellar_latency_histogram_set_report (StellarLatencyHistogram *self,
                                                         StellarLoadReport       *report);

G_END_DECLS
