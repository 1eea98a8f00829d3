/* stellar-local-time.h: local times, without reading the time zone each time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *stellar_local_time_from_unix (gint64 unix_seconds);
GDateTime *stellar_local_time_new       (int    year,
                                         int    month,
                                         int    day,
                                         int    hour,
                                         int    minute,
                                         double seconds);

G_END_DECLS
