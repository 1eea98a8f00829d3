/* test-preferences.c: the Preferences and Keyboard Shortcuts windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-preferences-window.h"
#include "stellar-session.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "remembered-rooms");
  g_settings_reset (settings, "notifications");
  g_settings_reset (settings, "history-retention-days");
  g_settings_reset (settings, "mention-names");
  g_settings_reset (settings, "inspector-capacity");
}

static gboolean
room_is_joined (StellarSession *session,
                const char     *name)
{
  StellarRoom *room = stellar_session_lookup_room (session, name);

  return room != NULL && stellar_room_get_joined (room);
}

/* Every field edits its setting at once, and the rooms of a server follow
 * the Rooms page. */
static void
test_preferences (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) names = NULL;
  const char *url = stellar_test_server_get_url (server);
  GtkWidget *preferences;
  GtkWidget *notifications;
  GtkWidget *retention;
  GtkWidget *mention_names;
  GtkWidget *rooms_page;
  GtkWidget *capacity;

  reset_settings (settings);
  session = stellar_session_new (url, settings, NULL);
  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", NULL });
  stellar_session_connect_async (session, NULL, stellar_test_store_result, &result);
  g_assert_true (stellar_session_connect_finish (session, stellar_test_wait_result (&result), NULL));
  stellar_test_wait_for (room_is_joined (session, "defaultRoom"));

  preferences = stellar_preferences_window_new (settings, NULL, url);
  gtk_window_present (GTK_WINDOW (preferences));
  notifications = stellar_test_template_child (preferences, STELLAR_TYPE_PREFERENCES_WINDOW, "notifications_switch");
  retention = stellar_test_template_child (preferences, STELLAR_TYPE_PREFERENCES_WINDOW, "retention_row");
  mention_names = stellar_test_template_child (preferences, STELLAR_TYPE_PREFERENCES_WINDOW, "mention_names_row");
  rooms_page = stellar_test_template_child (preferences, STELLAR_TYPE_PREFERENCES_WINDOW, "rooms_page");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (notifications), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Show Notifications");
  gtk_switch_set_active (GTK_SWITCH (notifications), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notifications"));

  /* the default, a year, is shown as it is; a choice sets it */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (retention)), ==, 4);
  g_assert_cmpint (g_settings_get_int (settings, "history-retention-days"), ==, 365);
  adw_combo_row_set_selected (ADW_COMBO_ROW (retention), 1);
  g_assert_cmpint (g_settings_get_int (settings, "history-retention-days"), ==, 7);

  gtk_editable_set_text (GTK_EDITABLE (mention_names), " Ada , lovelace,, ");
  g_signal_emit_by_name (mention_names, "apply");
  names = g_settings_get_strv (settings, "mention-names");
  g_assert_cmpstrv (names, ((const char *[]) { "Ada", "lovelace", NULL }));

  /* the inspector's ring follows its setting, in the session too */
  capacity = stellar_test_template_child (preferences, STELLAR_TYPE_PREFERENCES_WINDOW, "inspector_capacity_spin");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (capacity)), ==, 10000);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (capacity), 500);
  g_assert_cmpuint (g_settings_get_uint (settings, "inspector-capacity"), ==, 500);
  g_assert_cmpuint (stellar_frame_log_get_capacity (stellar_session_get_frame_log (session)), ==, 500);

  /* the server's rooms are listed; changing them moves the session */
  g_assert_nonnull (gtk_widget_get_first_child (rooms_page));
  {
    g_auto(GVariantBuilder) rooms = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));

    g_variant_builder_add (&rooms, "{s^as}", url, (const char *[]) { "anotherRoom", NULL });
    g_settings_set_value (settings, "remembered-rooms", g_variant_builder_end (&rooms));
  }
  stellar_test_wait_for (room_is_joined (session, "anotherRoom"));
  stellar_test_wait_for (stellar_session_lookup_room (session, "defaultRoom") == NULL);

  gtk_window_destroy (GTK_WINDOW (preferences));
  stellar_session_disconnect (session);
  reset_settings (settings);
}

/* The shortcuts window lists the chat's shortcuts. */
static void
test_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/Stellar/stellar-shortcuts-window.ui");
  GObject *overlay = gtk_builder_get_object (builder, "shortcuts_window");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  {
    /* app actions by name, the window's and the room's by their keys */
    static const char * const shortcuts[] = { "app.preferences", "<Control>j", "<Control>f",
                                              "<Alt>Down <Control>Page_Down", "<Alt>Up <Control>Page_Up", "F9", "Return",
                                              "<Shift>Return", "Up", NULL };

    for (guint i = 0; shortcuts[i] != NULL; i++)
      {
        const char *wanted = shortcuts[i];
        gboolean found = FALSE;
        GSList *objects = gtk_builder_get_objects (builder);

        for (GSList *l = objects; l != NULL; l = l->next)
          {
            g_autofree char *action = NULL;
            g_autofree char *accelerator = NULL;

            if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
              continue;
            g_object_get (l->data, "action-name", &action, "accelerator", &accelerator, NULL);
            found |= g_strcmp0 (action, wanted) == 0 || g_strcmp0 (accelerator, wanted) == 0;
          }
        g_slist_free (objects);

        if (!found)
          g_error ("The shortcuts window does not list %s", wanted);
      }
  }
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* A window shows it (Ctrl+?), over itself, and takes it along when closed. */
static void
test_shortcuts_shown (void)
{
  StellarWindow *window = stellar_window_new (NULL);
  GtkWindow *shortcuts;
  GLogLevelFlags fatal;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (stellar_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  /* GTK 4.8's shortcuts window measures one of its own labels as -3 px
   * wide when it is first shown, and warns about it: not fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_log_set_always_fatal (fatal);
  shortcuts = stellar_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  stellar_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));

  gtk_window_destroy (GTK_WINDOW (window));
  stellar_test_wait_for (stellar_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/preferences/preferences", test_preferences);
  g_test_add_func ("/app/preferences/shortcuts", test_shortcuts);
  g_test_add_func ("/app/preferences/shortcuts-shown", test_shortcuts_shown);

  return g_test_run ();
}
