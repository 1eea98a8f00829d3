/* stellar-frame-classify-private.h: what a frame is, from its parsed JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "stellar-frame.h"

G_BEGIN_DECLS

StellarFrameKind  _stellar_frame_classify (gboolean          outgoing,
                                           JsonNode         *node,
                                           gboolean         *counted,
                                           gint64           *message_count);
char             *_stellar_frame_describe (StellarFrameKind  kind,
                                           JsonNode         *node,
                                           gint64            message_count);

G_END_DECLS
