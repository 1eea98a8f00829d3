/* test-scroll-follower.c: a scrolled list kept at its end while it grows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-app-test-utils.h"
#include "stellar-scroll-follower.h"
#include "stellar-test-utils.h"

typedef struct {
  GtkWindow             *window;
  GtkScrolledWindow     *scroller;
  GtkStringList         *items;
  StellarScrollFollower *follower;
  guint                  notified;
} Fixture;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
add_items (Fixture *fixture,
           guint    count)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->items));

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %u", n + i);

      gtk_string_list_append (fixture->items, text);
    }
}

static void
on_following_notify (Fixture *fixture)
{
  fixture->notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);

  fixture->items = gtk_string_list_new (NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (fixture->items)))),
                            g_object_ref (factory));
  fixture->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (fixture->scroller, list);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 200);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->scroller));

  fixture->follower = stellar_scroll_follower_new (fixture->scroller, 4.0);
  g_signal_connect_swapped (fixture->follower, "notify::following",
                            G_CALLBACK (on_following_notify), fixture);

  gtk_window_present (fixture->window);
  add_items (fixture, 100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->follower);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->items);
}

static GtkAdjustment *
vadjustment (Fixture *fixture)
{
  return gtk_scrolled_window_get_vadjustment (fixture->scroller);
}

static gboolean
at_end (Fixture *fixture)
{
  GtkAdjustment *adjustment = vadjustment (fixture);

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 1;
}

/* The person turns the wheel up, and the view moves to the top. */
static void
scroll_up (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->scroller));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "scroll", 0.0, -10.0, &handled);
    }

  gtk_adjustment_set_value (vadjustment (fixture), 0);
}

/* Following, the view stays at the end as the list grows; moves the list
 * makes by itself do not stop it. */
static void
test_follows_end (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_true (stellar_scroll_follower_get_following (fixture->follower));
  g_assert_true (stellar_scroll_follower_get_scrolled_window (fixture->follower) == fixture->scroller);
  stellar_test_wait_for (at_end (fixture));

  add_items (fixture, 50);
  stellar_test_wait_for (at_end (fixture));

  gtk_adjustment_set_value (vadjustment (fixture), 0);
  g_assert_true (stellar_scroll_follower_get_following (fixture->follower));
  add_items (fixture, 5);
  stellar_test_wait_for (at_end (fixture));

  /* asked again, nothing changes */
  stellar_scroll_follower_set_following (fixture->follower, TRUE);
  g_assert_cmpuint (fixture->notified, ==, 0);
}

/* Scrolled up by the person, the view stays where it is; back at the end,
 * it follows again. */
static void
test_stays_where_put (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkAdjustment *adjustment = vadjustment (fixture);

  stellar_test_wait_for (at_end (fixture));

  scroll_up (fixture);
  g_assert_false (stellar_scroll_follower_get_following (fixture->follower));
  g_assert_cmpuint (fixture->notified, ==, 1);

  add_items (fixture, 20);
  stellar_test_assert_during (gtk_adjustment_get_value (adjustment) == 0, 300);
  g_assert_false (stellar_scroll_follower_get_following (fixture->follower));

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  g_assert_true (stellar_scroll_follower_get_following (fixture->follower));
  g_assert_cmpuint (fixture->notified, ==, 2);

  add_items (fixture, 20);
  stellar_test_wait_for (at_end (fixture));
}

/* Told to follow, the view goes to the end; told not to, it stays. */
static void
test_set_following (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkAdjustment *adjustment = vadjustment (fixture);

  stellar_test_wait_for (at_end (fixture));

  stellar_scroll_follower_set_following (fixture->follower, FALSE);
  g_assert_cmpuint (fixture->notified, ==, 1);
  gtk_adjustment_set_value (adjustment, 0);
  add_items (fixture, 20);
  stellar_test_assert_during (gtk_adjustment_get_value (adjustment) == 0, 300);

  g_object_set (fixture->follower, "following", TRUE, NULL);
  g_assert_cmpuint (fixture->notified, ==, 2);
  stellar_test_wait_for (at_end (fixture));
}

/* A hidden list is not moved by the person. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  stellar_test_wait_for (at_end (fixture));

  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  scroll_up (fixture);
  g_assert_true (stellar_scroll_follower_get_following (fixture->follower));

  /* shown again, back at the end */
  stellar_scroll_follower_set_following (fixture->follower, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (fixture->window), TRUE);
  stellar_scroll_follower_follow_end (fixture->follower);
  stellar_test_wait_for (at_end (fixture));
  g_assert_cmpuint (fixture->notified, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  gtk_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/scroll-follower/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("follows-end", test_follows_end);
  ADD_TEST ("stays-where-put", test_stays_where_put);
  ADD_TEST ("set-following", test_set_following);
  ADD_TEST ("hidden", test_hidden);

#undef ADD_TEST

  return g_test_run ();
}
