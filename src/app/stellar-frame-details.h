/* stellar-frame-details.h: one frame of the protocol inspector, in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stellar-frame.h"

G_BEGIN_DECLS

#define STELLAR_TYPE_FRAME_DETAILS (stellar_frame_details_get_type ())

G_DECLARE_FINAL_TYPE (StellarFrameDetails, stellar_frame_details, STELLAR, FRAME_DETAILS, GtkWidget)

StellarFrame *stellar_frame_details_get_frame (StellarFrameDetails *self);
void          stellar_frame_details_set_frame (StellarFrameDetails *self,
                                               StellarFrame        *frame);

G_END_DECLS
