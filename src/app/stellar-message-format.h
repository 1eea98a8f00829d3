/* stellar-message-format.h: how messages read: times, days, names, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the longest name a message's header shows whole, in characters */
#define STELLAR_SENDER_NAME_MAX_CHARS 24

char *stellar_format_message_time (gint64      time_us);
char *stellar_format_message_day  (gint64      time_us,
                                   gint64      now_us);
char *stellar_format_sender_name  (const char *name);
char *stellar_format_linked_text  (const char *text,
                                   gboolean   *has_links);

G_END_DECLS
