/* test-local-time.c: local times from a kept time zone, as GLib gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stellar-local-time.h"

static const char * const zones[] = {
  NULL,                 /* TZ unset: the system's zone */
  "UTC",
  "Europe/Lisbon",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
};

static char *
describe (GDateTime *date_time)
{
  return date_time != NULL ? g_date_time_format (date_time, "%FT%T%:z %Z") : g_strdup ("(none)");
}

static void
assert_same (GDateTime *ours,
             GDateTime *glib)
{
  g_autofree char *expected = describe (glib);
  g_autofree char *got = describe (ours);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_like_glib (void)
{
  /* around the ends of summer time in 2026, and the epoch */
  static const gint64 moments[] = { 0, 1774746000, 1774747800, 1792890000, 1792893600, 1799999999 };
  static const struct { int year, month, day, hour, minute; } local[] = {
    { 2026, 3, 29, 1, 30 },   /* in Lisbon's gap */
    { 2026, 10, 25, 1, 30 },  /* in Lisbon's overlap */
    { 2026, 12, 6, 12, 0 },
  };

  /* A change of TZ is seen at once: each zone in turn, twice. */
  for (guint round = 0; round < 2; round++)
    for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
      {
        if (zones[z] == NULL)
          g_unsetenv ("TZ");
        else
          g_setenv ("TZ", zones[z], TRUE);

        for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
          {
            g_autoptr(GDateTime) ours = stellar_local_time_from_unix (moments[i]);
            g_autoptr(GDateTime) glib = g_date_time_new_from_unix_local (moments[i]);

            assert_same (ours, glib);
          }

        for (guint i = 0; i < G_N_ELEMENTS (local); i++)
          {
            g_autoptr(GDateTime) ours = stellar_local_time_new (local[i].year, local[i].month, local[i].day,
                                                                local[i].hour, local[i].minute, 0);
            g_autoptr(GDateTime) glib = g_date_time_new_local (local[i].year, local[i].month, local[i].day,
                                                               local[i].hour, local[i].minute, 0);

            assert_same (ours, glib);
          }
      }

  /* out of GDateTime's range, as GLib */
  g_assert_null (stellar_local_time_from_unix (G_MAXINT64 / 2));
  g_assert_null (stellar_local_time_new (2026, 13, 1, 0, 0, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/local-time/like-glib", test_like_glib);

  return g_test_run ();
}
