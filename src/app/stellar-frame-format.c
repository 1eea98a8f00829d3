/* stellar-frame-format.c: how the protocol inspector writes a frame's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-frame-format.h"
#include "stellar-local-time.h"

/**
 * stellar_frame_format_time:
 * @time_us: microseconds since the Unix epoch
 *
 * Returns: (transfer full): the local time of day to the millisecond,
 *   "10:42:07.031": frames come many a second
 */
char *
stellar_frame_format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = stellar_local_time_from_unix (time_us / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return g_strdup ("");

  seconds = g_date_time_format (time, "%H:%M:%S");
  return g_strdup_printf ("%s.%03d", seconds, (int) (time_us % G_USEC_PER_SEC / 1000));
}

/**
 * stellar_frame_format_size:
 * @size: a frame's size in bytes
 *
 * Returns: (transfer full): "62 bytes", "1.2 kB"
 */
char *
stellar_frame_format_size (guint64 size)
{
  return g_format_size (size);
}

/**
 * stellar_frame_format_latency:
 * @latency_ms: milliseconds between a request and its response, or -1
 *
 * Returns: (transfer full): "12 ms", "1.5 s", or "" when unpaired
 */
char *
stellar_frame_format_latency (gint64 latency_ms)
{
  if (latency_ms < 0)
    return g_strdup ("");

  if (latency_ms < 1000)
    /* Translators: a latency in milliseconds */
    return g_strdup_printf (_("%lld ms"), (long long) latency_ms);

  /* Translators: a latency in seconds */
  return g_strdup_printf (_("%.1f s"), latency_ms / 1000.0);
}

/**
 * stellar_frame_format_direction:
 * @frame: a frame
 *
 * Returns: (transfer full): "Sent" or "Received"
 */
char *
stellar_frame_format_direction (StellarFrame *frame)
{
  return g_strdup (stellar_frame_get_outgoing (frame) ? _("Sent") : _("Received"));
}
