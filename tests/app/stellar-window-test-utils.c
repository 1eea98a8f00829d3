/* stellar-window-test-utils.c: what the widget tests of a window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stellar-test-utils.h"
#include "stellar-window-test-utils.h"

/* A widget's template child, which the test needs to be there. */
gpointer
stellar_test_template_child (gpointer    widget,
                             GType       type,
                             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

gboolean
stellar_test_window_is_connected (StellarWindow *window)
{
  StellarSession *session = stellar_window_get_session (window);

  return session != NULL && stellar_session_get_state (session) == STELLAR_CLIENT_STATE_CONNECTED;
}

/* Whether @window's content shows its page @name ("room", "actions"…). */
gboolean
stellar_test_window_shows_page (StellarWindow *window,
                                const char    *name)
{
  GtkStack *content = GTK_STACK (stellar_test_template_child (window, STELLAR_TYPE_WINDOW, "content_stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (content, name);

  return page != NULL && gtk_stack_get_visible_child (content) == page;
}

/* The first shown top-level window of @type, or NULL. */
GtkWindow *
stellar_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * stellar_test_window_open:
 * @url: the server
 * @rooms: (nullable): the rooms to join
 * @page: (nullable): the page to show once connected ("actions"…)
 *
 * Returns: (transfer full): a window shown and connected to @url, showing
 *   @page; close it with stellar_test_window_close()
 */
StellarWindow *
stellar_test_window_open (const char         *url,
                          const char * const *rooms,
                          const char         *page)
{
  StellarWindow *window = g_object_ref (stellar_window_new (NULL));

  gtk_window_present (GTK_WINDOW (window));
  stellar_window_connect_to (window, url, rooms);
  stellar_test_wait_for (stellar_test_window_is_connected (window));

  if (page != NULL)
    {
      stellar_window_show_tool (window, page);
      stellar_test_wait_for (stellar_test_window_shows_page (window, page) &&
                             gtk_widget_get_mapped (stellar_window_get_page (window, page)));
    }

  return window;
}

/* Closes @window, which must then be gone. */
void
stellar_test_window_close (StellarWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}
