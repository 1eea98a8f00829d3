/* test-recent-servers.c: the recent-servers key and its list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-recent-server.h"
#include "stellar-recent-servers.h"

typedef struct {
  GSettings            *settings;
  StellarRecentServers *recent;
  guint                 changes;
  guint                 last_position;
  guint                 last_removed;
  guint                 last_added;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->changes++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
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
      g_autoptr(StellarRecentServer) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (stellar_recent_server_get_url (item), ==, expected[i]);
    }
  g_assert_null (g_list_model_get_item (model, n_expected));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (fixture->recent));

  g_assert_true (item_type == STELLAR_TYPE_RECENT_SERVER);
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

/* Rows and selections bound to an item survive changes elsewhere: an item
 * is the same object for as long as its server stays in the list, and only
 * the span that changed is announced. */
static void
test_stable_items (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StellarRecentServer) a = NULL;
  g_autoptr(StellarRecentServer) b = NULL;
  g_autoptr(StellarRecentServer) moved = NULL;
  g_autoptr(StellarRecentServer) kept = NULL;

  stellar_recent_servers_add (fixture->recent, "http://a:1");
  stellar_recent_servers_add (fixture->recent, "http://b:2");
  a = g_list_model_get_item (G_LIST_MODEL (fixture->recent), 1);
  b = g_list_model_get_item (G_LIST_MODEL (fixture->recent), 0);
  g_assert_cmpstr (stellar_recent_server_get_title (a), ==, "a:1");

  /* a:1 moves to the front: the same object, two rows announced */
  stellar_recent_servers_add (fixture->recent, "http://a:1");
  moved = g_list_model_get_item (G_LIST_MODEL (fixture->recent), 0);
  kept = g_list_model_get_item (G_LIST_MODEL (fixture->recent), 1);
  g_assert_true (moved == a);
  g_assert_true (kept == b);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 2);
  g_assert_cmpuint (fixture->last_added, ==, 2);

  /* a new server in front: one row added, the others untouched */
  stellar_recent_servers_add (fixture->recent, "http://c:3");
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  g_clear_object (&kept);
  kept = g_list_model_get_item (G_LIST_MODEL (fixture->recent), 1);
  g_assert_true (kept == a);

  /* forgetting the last one removes only it */
  stellar_recent_servers_remove (fixture->recent, "http://b:2");
  g_assert_cmpuint (fixture->last_position, ==, 2);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 0);
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
  ADD_TEST ("stable-items", test_stable_items);
  ADD_TEST ("follows-settings", test_follows_settings);

#undef ADD_TEST

  return g_test_run ();
}
