/* stellar-load-report-private.h: how a load test fills in its report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-load-report.h"

G_BEGIN_DECLS

StellarLoadReport *_stellar_load_report_new      (const char        *action,
                                                  const char        *transport,
                                                  guint              in_flight,
                                                  double             rate);
void               _stellar_load_report_add_call (StellarLoadReport *self,
                                                  gint64             start_us,
                                                  gint64             latency_us,
                                                  const char        *error_code,
                                                  const char        *error_message);
void               _stellar_load_report_finish   (StellarLoadReport *self,
                                                  gint64             duration_us,
                                                  gboolean           stopped);

G_END_DECLS
