/* test-recent-servers.c: the recent-servers key and its list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-recent-servers.h"

typedef struct {
  GSettings            *settings;
  StellarRecentServers *recent;
  guint                 changes;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "recent-servers");

  fixture->recent = stellar_recent_servers_new (fixture->settings);
  g_signal_connect (fixture->recent, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->recent);
  g_settings_reset (fixture->settings, "recent-servers");
  g_assert_finalize_object (fixture->settings);
}

static void
assert_urls (Fixture            *fixture,
             const char * const *expected)
{
  g_auto(GStrv) stored = g_settings_get_strv (fixture->settings, "recent-servers");
  GListModel *model = G_LIST_MODEL (fixture->recent);
  guint n_expected = g_strv_length ((char **) expected);

  g_assert_cmpstrv (stored, expected);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==, expected[i]);
    }
  g_assert_null (g_list_model_get_item (model, n_expected));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (fixture->recent));

  g_assert_true (item_type == GTK_TYPE_STRING_OBJECT);
  assert_urls (fixture, (const char *[]) { NULL });
}

static void
test_most_recent_first (Fixture       *fixture,
                        gconstpointer  data)
{
  stellar_recent_servers_add (fixture->recent, "http://a:1");
  stellar_recent_servers_add (fixture->recent, "http://b:2");

  assert_urls (fixture, (const char *[]) { "http://b:2", "http://a:1", NULL });
  g_assert_cmpuint (fixture->changes, ==, 2);
}

static void
test_deduplicated (Fixture       *fixture,
                   gconstpointer  data)
{
  stellar_recent_servers_add (fixture->recent, "http://a:1");
  stellar_recent_servers_add (fixture->recent, "http://b:2");
  stellar_recent_servers_add (fixture->recent, "http://c:3");
  stellar_recent_servers_add (fixture->recent, "http://a:1");

  assert_urls (fixture, (const char *[]) { "http://a:1", "http://c:3", "http://b:2", NULL });
}

static void
test_keeps_ten (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *url = g_strdup_printf ("http://host-%u:8080", i);

      stellar_recent_servers_add (fixture->recent, url);
    }

  for (guint i = 12; i > 2; i--)
    {
      g_autofree char *url = g_strdup_printf ("http://host-%u:8080", i);

      g_strv_builder_add (builder, url);
    }
  expected = g_strv_builder_end (builder);

  g_assert_cmpuint (g_strv_length (expected), ==, STELLAR_RECENT_SERVERS_MAX);
  assert_urls (fixture, (const char * const *) expected);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  stellar_recent_servers_add (fixture->recent, "http://a:1");
  stellar_recent_servers_add (fixture->recent, "http://b:2");

  stellar_recent_servers_remove (fixture->recent, "http://a:1");
  assert_urls (fixture, (const char *[]) { "http://b:2", NULL });

  stellar_recent_servers_remove (fixture->recent, "http://never:3");
  assert_urls (fixture, (const char *[]) { "http://b:2", NULL });
}

static void
test_follows_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) other = g_settings_new (APP_ID);

  /* another window, or the user with dconf-editor, changes the key */
  g_settings_set_strv (other, "recent-servers", (const char *[]) { "http://x:9", NULL });

  assert_urls (fixture, (const char *[]) { "http://x:9", NULL });
  g_assert_cmpuint (fixture->changes, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/recent-servers/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("empty", test_empty);
  ADD_TEST ("most-recent-first", test_most_recent_first);
  ADD_TEST ("deduplicated", test_deduplicated);
  ADD_TEST ("keeps-ten", test_keeps_ten);
  ADD_TEST ("remove", test_remove);
  ADD_TEST ("follows-settings", test_follows_settings);

#undef ADD_TEST

  return g_test_run ();
}
