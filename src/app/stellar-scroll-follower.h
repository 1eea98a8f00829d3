/* stellar-scroll-follower.h: keeps a scrolled list at its end while it grows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_SCROLL_FOLLOWER (stellar_scroll_follower_get_type ())

G_DECLARE_FINAL_TYPE (StellarScrollFollower, stellar_scroll_follower, STELLAR, SCROLL_FOLLOWER, GObject)

StellarScrollFollower *stellar_scroll_follower_new                 (GtkScrolledWindow     *scrolled_window,
                                                                    double                 end_slack);
GtkScrolledWindow     *stellar_scroll_follower_get_scrolled_window (StellarScrollFollower *self);
gboolean               stellar_scroll_follower_get_following       (StellarScrollFollower *self);
void                   stellar_scroll_follower_set_following       (StellarScrollFollower *self,
                                                                    gboolean               following);
void                   stellar_scroll_follower_follow_end          (StellarScrollFollower *self);
void                   stellar_scroll_follower_note_move_by_person (StellarScrollFollower *self);

G_END_DECLS
