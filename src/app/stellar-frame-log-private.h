/* stellar-frame-log-private.h: what the export reads from the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-frame-log.h"

G_BEGIN_DECLS

/* A frame and its pairing as they were when the export began: the pairing
 * may change on the main thread while the export runs on another. */
typedef struct {
  StellarFrame *frame;
  gint64        message_count;
  guint64       peer_id;
  gint64        latency_ms;
  guint         connection;
  char        **added_params;
} StellarFrameSnapshot;

GArray *_stellar_frame_log_snapshot (StellarFrameLog *self);

G_END_DECLS
