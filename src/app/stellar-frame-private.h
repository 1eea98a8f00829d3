/* stellar-frame-private.h: what the frame log sets on its frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "stellar-frame.h"

G_BEGIN_DECLS

StellarFrame *_stellar_frame_new               (guint64           id,
                                                gboolean          outgoing,
                                                const char       *text,
                                                gint64            time_us,
                                                StellarFrameKind  kind,
                                                guint             connection,
                                                gint64            message_count,
                                                guint64           peer_id,
                                                gint64            latency_ms);
void          _stellar_frame_set_message_count (StellarFrame     *self,
                                                gint64            message_count,
                                                guint             connection);
void          _stellar_frame_set_peer          (StellarFrame     *self,
                                                guint64           peer_id,
                                                gint64            latency_ms);
void          _stellar_frame_set_added_params  (StellarFrame       *self,
                                                const char * const *keys);
JsonNode     *_stellar_frame_parse             (StellarFrame     *self);

G_END_DECLS
