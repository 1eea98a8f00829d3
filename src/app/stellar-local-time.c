/* stellar-local-time.c: local times, without reading the time zone each time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stellar-local-time.h"

/* g_date_time_new_from_unix_local() and g_date_time_new_local() ask for
 * g_time_zone_new_local() every time, and GLib 2.74 reads the zone's file
 * again on every such call when TZ is unset, as it is on most desktops (its
 * cache compares the zone's name with the unset variable): about 11 µs,
 * paid by every message row bound and every frame time shown. The zone is
 * kept here instead, and read again when TZ changes or a minute has passed,
 * so that a change of the system's zone shows within a minute. Any thread
 * may ask (the inspector's export formats frames on a worker). */

#define REREAD_INTERVAL_USEC (60 * G_USEC_PER_SEC)

G_LOCK_DEFINE_STATIC (local_zone);
static GTimeZone *local_zone;
static char *local_zone_tz;
static gint64 local_zone_read_at;

static GTimeZone *
ref_local_zone (void)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *zone;

  G_LOCK (local_zone);
  if (local_zone == NULL || g_strcmp0 (tz, local_zone_tz) != 0 ||
      now - local_zone_read_at > REREAD_INTERVAL_USEC)
    {
      g_clear_pointer (&local_zone, g_time_zone_unref);
      local_zone = g_time_zone_new_local ();
      g_free (local_zone_tz);
      local_zone_tz = g_strdup (tz);
      local_zone_read_at = now;
    }
  zone = g_time_zone_ref (local_zone);
  G_UNLOCK (local_zone);

  return zone;
}

/**
 * stellar_local_time_from_unix:
 * @unix_seconds: seconds since the Unix epoch
 *
 * Returns: (transfer full) (nullable): that moment in the local time zone,
 *   as g_date_time_new_from_unix_local() gives it
 */
GDateTime *
stellar_local_time_from_unix (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) zone = ref_local_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  if (utc == NULL)
    return NULL;

  return g_date_time_to_timezone (utc, zone);
}

/**
 * stellar_local_time_new:
 *
 * Returns: (transfer full) (nullable): that local date and time, as
 *   g_date_time_new_local() gives it
 */
GDateTime *
stellar_local_time_new (int    year,
                        int    month,
                        int    day,
                        int    hour,
                        int    minute,
                        double seconds)
{
  g_autoptr(GTimeZone) zone = ref_local_zone ();

  return g_date_time_new (zone, year, month, day, hour, minute, seconds);
}
