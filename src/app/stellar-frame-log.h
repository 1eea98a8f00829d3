/* stellar-frame-log.h: the protocol inspector's bounded record of frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stellar-frame.h"

G_BEGIN_DECLS

#define STELLAR_FRAME_LOG_DEFAULT_CAPACITY 10000
#define STELLAR_FRAME_LOG_DEFAULT_MAX_BYTES (64 * 1024 * 1024)

#define STELLAR_TYPE_FRAME_LOG (stellar_frame_log_get_type ())

G_DECLARE_FINAL_TYPE (StellarFrameLog, stellar_frame_log, STELLAR, FRAME_LOG, GObject)

StellarFrameLog *stellar_frame_log_new               (guint            capacity);

guint            stellar_frame_log_get_capacity      (StellarFrameLog *self);
void             stellar_frame_log_set_capacity      (StellarFrameLog *self,
                                                      guint            capacity);
guint64          stellar_frame_log_get_max_bytes     (StellarFrameLog *self);
void             stellar_frame_log_set_max_bytes     (StellarFrameLog *self,
                                                      guint64          max_bytes);
guint64          stellar_frame_log_get_n_bytes       (StellarFrameLog *self);
gboolean         stellar_frame_log_get_paused        (StellarFrameLog *self);
void             stellar_frame_log_set_paused        (StellarFrameLog *self,
                                                      gboolean         paused);
guint            stellar_frame_log_get_held_back     (StellarFrameLog *self);

guint64          stellar_frame_log_append            (StellarFrameLog *self,
                                                      gboolean         outgoing,
                                                      const char      *text,
                                                      JsonNode        *frame,
                                                      gint64           real_time_us);
void             stellar_frame_log_set_added_params  (StellarFrameLog    *self,
                                                      guint64             id,
                                                      const char * const *keys);
void             stellar_frame_log_flush             (StellarFrameLog *self);
void             stellar_frame_log_mark_disconnected (StellarFrameLog *self);
void             stellar_frame_log_clear             (StellarFrameLog *self);
gboolean         stellar_frame_log_lookup            (StellarFrameLog *self,
                                                      guint64          id,
                                                      guint           *position);

void             stellar_frame_log_export_async      (StellarFrameLog     *self,
                                                      GFile               *file,
                                                      const char          *server,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         stellar_frame_log_export_finish     (StellarFrameLog     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
