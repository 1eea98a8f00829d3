/* test-notifications.c: messages as desktop notifications, seen from the
 * notification server's side
 *
 * The test owns org.freedesktop.Notifications on its session bus and
 * records what GLib's notification backend asks of it, as a desktop's
 * notification server would; it also clicks notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-application.h"
#include "stellar-room-view.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u'/>"
  "      <arg type='s'/>"
  "    </signal>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u'/>"
  "      <arg type='u'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct {
  char *summary;
  char *body;
  guint id;
} Shown;

/* The notification server: what is on the desktop now, and every Notify. */
typedef struct {
  GDBusConnection *connection;
  guint            registration;
  guint            owner;
  gboolean         named;
  guint            next_id;
  guint            notify_calls;
  GHashTable      *shown;  /* id → Shown */
  Shown           *last;
} NotificationServer;

static void
shown_free (Shown *shown)
{
  g_free (shown->summary);
  g_free (shown->body);
  g_free (shown);
}

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  NotificationServer *server = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary;
      const char *body;
      guint replaces;
      Shown *shown;

      g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)", NULL, &replaces, NULL, &summary, &body,
                     NULL, NULL, NULL);
      shown = g_new0 (Shown, 1);
      shown->summary = g_strdup (summary);
      shown->body = g_strdup (body);
      shown->id = replaces != 0 ? replaces : ++server->next_id;
      g_hash_table_replace (server->shown, GUINT_TO_POINTER (shown->id), shown);
      server->last = shown;
      server->notify_calls++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", shown->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint id;

      g_variant_get (parameters, "(u)", &id);
      if (server->last != NULL && server->last->id == id)
        server->last = NULL;
      g_hash_table_remove (server->shown, GUINT_TO_POINTER (id));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *capabilities[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "Stellar", "1", "1.2"));
    }
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((NotificationServer *) user_data)->named = TRUE;
}

static void
notification_server_start (NotificationServer *server)
{
  static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_autoptr(GError) error = NULL;

  server->shown = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) shown_free);
  server->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  server->registration = g_dbus_connection_register_object (server->connection,
                                                            "/org/freedesktop/Notifications",
                                                            info->interfaces[0], &vtable,
                                                            server, NULL, &error);
  g_assert_no_error (error);

  server->owner = g_bus_own_name_on_connection (server->connection, "org.freedesktop.Notifications",
                                                G_BUS_NAME_OWNER_FLAGS_NONE,
                                                on_name_acquired, NULL, server, NULL);
  stellar_test_wait_for (server->named);
}

static void
notification_server_stop (NotificationServer *server)
{
  g_bus_unown_name (server->owner);
  g_dbus_connection_unregister_object (server->connection, server->registration);
  g_clear_object (&server->connection);
  g_clear_pointer (&server->shown, g_hash_table_unref);
}

static void
click (NotificationServer *server,
       Shown              *shown)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (server->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", shown->id, "default"), &error);
  g_assert_no_error (error);
}

/* --- the app ------------------------------------------------------------- */

static gboolean
rooms_joined (StellarWindow *window)
{
  StellarSession *session = stellar_window_get_session (window);
  GListModel *rooms = session != NULL ? stellar_session_get_rooms (session) : NULL;

  if (rooms == NULL || g_list_model_get_n_items (rooms) < 2)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (rooms, i);

      if (!stellar_room_get_joined (room))
        return FALSE;
    }

  return TRUE;
}

static StellarRoom *
shown_room (StellarWindow *window)
{
  GtkWidget *view = stellar_window_get_page (window, "room");

  return stellar_room_view_get_room (STELLAR_ROOM_VIEW (view));
}

static void
test_notifications (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StellarApplication) application = NULL;
  g_autoptr(GError) error = NULL;
  NotificationServer desktop = { 0 };
  StellarWindow *window;
  StellarSession *session;
  StellarRoom *another;
  g_autofree char *title = NULL;
  guint calls;

  g_settings_reset (settings, "remembered-rooms");
  notification_server_start (&desktop);

  application = stellar_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  window = stellar_window_new (GTK_APPLICATION (application));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  stellar_window_connect_to (window, stellar_test_server_get_url (server),
                             (const char *[]) { "defaultRoom", "anotherRoom", NULL });
  stellar_test_wait_for (rooms_joined (window));
  session = stellar_window_get_session (window);
  another = stellar_session_lookup_room (session, "anotherRoom");
  stellar_window_show_room (window, stellar_session_lookup_room (session, "defaultRoom"));
  stellar_test_wait_for (gtk_window_is_active (GTK_WINDOW (window)));

  /* a message in a room not on screen */
  stellar_test_server_post (server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"over here\",\"from\":0}");
  stellar_test_wait_for (desktop.last != NULL);
  title = g_strdup_printf ("#anotherRoom on %s", stellar_session_get_title (session));
  g_assert_cmpstr (desktop.last->summary, ==, title);
  g_assert_cmpstr (desktop.last->body, ==, "Server: over here");
  g_assert_cmpuint (g_hash_table_size (desktop.shown), ==, 1);

  /* more of them: the same notification, told again */
  stellar_test_server_post (server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"and here\",\"from\":0}");
  stellar_test_wait_for (desktop.last != NULL && strstr (desktop.last->body, "and here") != NULL);
  g_assert_cmpstr (desktop.last->body, ==, "2 new messages, the last from Server: and here");
  g_assert_cmpuint (g_hash_table_size (desktop.shown), ==, 1);

  /* the room on screen notifies nothing */
  calls = desktop.notify_calls;
  stellar_test_server_post (server, "/say", "{\"room\":\"defaultRoom\",\"message\":\"seen\",\"from\":0}");
  stellar_test_wait_for (g_list_model_get_n_items (stellar_room_get_messages (stellar_session_lookup_room (session, "defaultRoom"))) == 1);

  /* clicking it shows the room, and reading takes it away */
  click (&desktop, desktop.last);
  stellar_test_wait_for (shown_room (window) == another);
  stellar_test_wait_for (g_hash_table_size (desktop.shown) == 0);
  g_assert_cmpuint (desktop.notify_calls, ==, calls);
  g_assert_cmpuint (stellar_room_get_unread_count (another), ==, 0);

  /* a muted room, or notifications turned off: nothing */
  stellar_window_show_room (window, stellar_session_lookup_room (session, "defaultRoom"));
  stellar_session_set_room_muted (session, another, TRUE);
  stellar_test_server_post (server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"muted\",\"from\":0}");
  stellar_test_wait_for (stellar_room_get_unread_count (another) == 1);
  stellar_session_set_room_muted (session, another, FALSE);
  g_settings_set_boolean (settings, "notifications", FALSE);
  stellar_test_server_post (server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"turned off\",\"from\":0}");
  stellar_test_wait_for (stellar_room_get_unread_count (another) == 2);
  g_settings_set_boolean (settings, "notifications", TRUE);
  stellar_test_server_post (server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"back on\",\"from\":0}");
  stellar_test_wait_for (desktop.notify_calls == calls + 1);
  g_assert_cmpstr (desktop.last->body, ==, "3 new messages, the last from Server: back on");

  gtk_window_destroy (GTK_WINDOW (window));
  stellar_test_wait_for (window == NULL);
  g_settings_reset (settings, "remembered-rooms");
  g_settings_reset (settings, "muted-rooms");
  g_settings_reset (settings, "notifications");
  g_application_quit (G_APPLICATION (application));
  notification_server_stop (&desktop);
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  stellar_app_test_use_temporary_data_home ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/notifications/room-not-on-screen", test_notifications);

  return g_test_run ();
}
