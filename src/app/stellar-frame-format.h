/* stellar-frame-format.h: how the protocol inspector writes a frame's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-frame.h"

G_BEGIN_DECLS

char *stellar_frame_format_time      (gint64        time_us);
char *stellar_frame_format_size      (guint64       size);
char *stellar_frame_format_latency   (gint64        latency_ms);
char *stellar_frame_format_direction (StellarFrame *frame);

G_END_DECLS
