/* stellar-frame-filter.h: which frames the protocol inspector shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-frame.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_FRAME_FILTER (stellar_frame_filter_get_type ())

G_DECLARE_FINAL_TYPE (StellarFrameFilter, stellar_frame_filter, STELLAR, FRAME_FILTER, GtkFilter)

StellarFrameFilter *stellar_frame_filter_new              (void);
const char         *stellar_frame_filter_get_text         (StellarFrameFilter *self);
void                stellar_frame_filter_set_text         (StellarFrameFilter *self,
                                                           const char         *text);
gboolean            stellar_frame_filter_get_kind_visible (StellarFrameFilter *self,
                                                           StellarFrameKind    kind);
void                stellar_frame_filter_set_kind_visible (StellarFrameFilter *self,
                                                           StellarFrameKind    kind,
                                                           gboolean            visible);
gboolean            stellar_frame_filter_get_show_heartbeats (StellarFrameFilter *self);
void                stellar_frame_filter_set_show_heartbeats (StellarFrameFilter *self,
                                                              gboolean            show);

G_END_DECLS
