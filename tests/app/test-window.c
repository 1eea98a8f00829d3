/* test-window.c: the window and its connect page, as a person uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-application.h"
#include "stellar-connect-page.h"
#include "stellar-connection-status.h"
#include "stellar-connection-view.h"
#include "stellar-file-request.h"
#include "stellar-sidebar.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

#define HINT "Enter a server address such as http://localhost:8080"

typedef struct {
  GSettings          *settings;
  StellarWindow      *window;
  StellarConnectPage *page;
  GtkWidget          *url_entry;
  GtkWidget          *connect_button;
  GtkWidget          *error_label;
} Fixture;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *recent = data;

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "recent-servers");
  g_settings_reset (fixture->settings, "remembered-rooms");
  if (recent != NULL)
    g_settings_set_strv (fixture->settings, "recent-servers", recent);

  fixture->window = g_object_ref (stellar_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->page = STELLAR_CONNECT_PAGE (stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW,
                                                                     "connect_page"));
  fixture->url_entry = stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE, "url_entry");
  fixture->connect_button = stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE,
                                                         "connect_button");
  fixture->error_label = stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE, "error_label");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);

  g_settings_reset (fixture->settings, "recent-servers");
  g_settings_reset (fixture->settings, "remembered-rooms");
  g_clear_object (&fixture->settings);
}

static gboolean
page_is_idle (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !stellar_connect_page_get_busy (fixture->page);
}

static gboolean
error_is_visible (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gtk_widget_get_visible (fixture->error_label);
}

static GtkWidget *
get_state_label (Fixture *fixture)
{
  GtkWidget *status = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "connection_status");

  return stellar_test_template_child (status, STELLAR_TYPE_CONNECTION_STATUS, "label");
}

/* ui.md: the state label's accessible name starts with its state */
static void
assert_state_label (Fixture    *fixture,
                    const char *prefix)
{
  GtkWidget *label = get_state_label (fixture);
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (!g_str_has_prefix (text, prefix))
    g_error ("the state label says “%s”, not “%s…”", text, prefix);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text);
}

static gboolean
state_label_says_connected (gpointer user_data)
{
  return g_str_equal (gtk_label_get_text (GTK_LABEL (get_state_label (user_data))), "Connected");
}

static gboolean
state_label_says_reconnecting (gpointer user_data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (get_state_label (user_data))),
                           "Reconnecting");
}

static void
assert_error_shown (Fixture    *fixture,
                    const char *message)
{
  g_assert_true (gtk_widget_get_visible (fixture->error_label));
  if (message != NULL)
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (fixture->error_label)), ==, message);
  else
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (fixture->error_label)), !=, "");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->error_label),
                                   GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->error_label),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       gtk_label_get_text (GTK_LABEL (fixture->error_label)));
  g_assert_true (gtk_widget_has_css_class (fixture->error_label, "error"));

  g_assert_true (gtk_widget_has_css_class (fixture->url_entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (fixture->url_entry),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
}

static GtkWidget *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "stack");

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* What the content area shows once connected, beside the sidebar. */
static GtkWidget *
visible_content (Fixture *fixture)
{
  GtkWidget *flap = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "flap");
  GtkWidget *content = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "content_stack");

  if (visible_page (fixture) != flap)
    return NULL;

  return gtk_stack_get_visible_child (GTK_STACK (content));
}

static gboolean
connection_view_is_shown (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *content = visible_content (fixture);

  return content != NULL && STELLAR_IS_CONNECTION_VIEW (content);
}

static void
assert_on_connect_page (Fixture *fixture)
{
  g_assert_true (visible_page (fixture) == GTK_WIDGET (fixture->page));
  g_assert_false (stellar_connect_page_get_busy (fixture->page));
  g_assert_null (stellar_window_get_client (fixture->window));
  g_assert_false (gtk_widget_get_visible (stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW,
                                                                       "connection_status")));
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *menu_button = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->url_entry),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Server URL");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->connect_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Connect");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (fixture->url_entry),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, fixture->error_label,
                                       NULL);

  /* The state label is hidden until there is a connection, and says so. */
  assert_state_label (fixture, "Disconnected");

  /* Connect is the default widget: Enter in the entry connects. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture->window)) ==
                 fixture->connect_button);
  g_assert_true (gtk_entry_get_activates_default (GTK_ENTRY (fixture->url_entry)));
  g_assert_true (gtk_widget_has_css_class (fixture->connect_button, "suggested-action"));

  g_assert_false (gtk_widget_get_visible (fixture->error_label));
  assert_on_connect_page (fixture);
}

static void
test_empty_url (Fixture       *fixture,
                gconstpointer  data)
{
  /* a button activated from the keyboard shows itself pressed for a moment
   * before it emits ::clicked */
  gtk_widget_activate (fixture->connect_button);
  g_assert_true (stellar_test_iterate_until (error_is_visible, fixture, STELLAR_TEST_TIMEOUT_MS));

  assert_error_shown (fixture, HINT);
  assert_on_connect_page (fixture);
}

static void
test_invalid_url_keeps_text (Fixture       *fixture,
                             gconstpointer  data)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->url_entry), "http://not a server");

  /* Enter in the entry: the key binding of its text widget */
  g_signal_emit_by_name (find_descendant (fixture->url_entry, GTK_TYPE_TEXT), "activate");
  g_assert_true (stellar_test_iterate_until (error_is_visible, fixture, STELLAR_TEST_TIMEOUT_MS));

  assert_error_shown (fixture, HINT);
  assert_on_connect_page (fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->url_entry)), ==,
                   "http://not a server");

  /* Editing the address takes the error away. */
  gtk_editable_set_text (GTK_EDITABLE (fixture->url_entry), "http://localhost:8080");
  g_assert_false (gtk_widget_get_visible (fixture->error_label));
  g_assert_false (gtk_widget_has_css_class (fixture->url_entry, "error"));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *url = stellar_test_get_refused_url ();

  stellar_window_connect_to (fixture->window, url, NULL);
  g_assert_true (stellar_test_iterate_until (page_is_idle, fixture, STELLAR_TEST_TIMEOUT_MS));

  /* the library's own message, whatever it says */
  assert_error_shown (fixture, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (fixture->error_label)), !=, HINT);
  g_test_message ("Refused: %s", gtk_label_get_text (GTK_LABEL (fixture->error_label)));

  assert_on_connect_page (fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->url_entry)), ==, url);

  /* only servers that answered are remembered */
  g_assert_false (gtk_widget_get_visible (stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE,
                                                                       "recent_group")));
}

/* A TCP server that accepts connections and never answers. */
typedef struct {
  GSocketService *service;
  GPtrArray      *connections;
  guint16         port;
} SilentServer;

static gboolean
on_silent_incoming (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source_object,
                    SilentServer      *server)
{
  g_ptr_array_add (server->connections, g_object_ref (connection));

  return TRUE;
}

static void
silent_server_start (SilentServer *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  g_signal_connect (server->service, "incoming", G_CALLBACK (on_silent_incoming), server);
}

static void
silent_server_stop (SilentServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
}

static gboolean
silent_server_has_connection (gpointer user_data)
{
  SilentServer *server = user_data;

  return server->connections->len > 0;
}

static gboolean
pointer_is_null (gpointer user_data)
{
  gpointer *pointer = user_data;

  return *pointer == NULL;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  SilentServer server = { 0 };
  g_autofree char *url = NULL;
  StellarClient *client = NULL;

  silent_server_start (&server);
  url = g_strdup_printf ("http://127.0.0.1:%u", server.port);

  stellar_window_connect_to (fixture->window, url, NULL);

  g_assert_true (stellar_connect_page_get_busy (fixture->page));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->connect_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Cancel");
  g_assert_false (gtk_widget_has_css_class (fixture->connect_button, "suggested-action"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (fixture->url_entry)));
  assert_state_label (fixture, "Connecting");

  client = stellar_window_get_client (fixture->window);
  g_assert_nonnull (client);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &client);

  /* the attempt reaches the server, which never answers */
  g_assert_true (stellar_test_iterate_until (silent_server_has_connection, &server,
                                             STELLAR_TEST_TIMEOUT_MS));

  /* the button is now Cancel */
  gtk_widget_activate (fixture->connect_button);
  g_assert_true (stellar_test_iterate_until (page_is_idle, fixture, STELLAR_TEST_TIMEOUT_MS));

  assert_on_connect_page (fixture);
  g_assert_false (gtk_widget_get_visible (fixture->error_label));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->url_entry)), ==, url);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->connect_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Connect");
  g_assert_true (gtk_widget_has_css_class (fixture->connect_button, "suggested-action"));

  /* the cancelled attempt ends, and nothing is left holding the client */
  g_assert_true (stellar_test_iterate_until (pointer_is_null, &client, STELLAR_TEST_TIMEOUT_MS));

  /* and the page does not change its mind afterwards */
  stellar_test_sleep (100);
  assert_on_connect_page (fixture);
  g_assert_false (gtk_widget_get_visible (fixture->error_label));

  silent_server_stop (&server);
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;

  return n;
}

static void
test_recent_servers (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *group = stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE, "recent_group");
  GtkWidget *list = stellar_test_template_child (fixture->page, STELLAR_TYPE_CONNECT_PAGE, "recent_list");
  GtkListBoxRow *first_row;
  g_autofree char *refused_url = NULL;
  g_auto(GStrv) stored = NULL;

  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpuint (count_rows (list), ==, 2);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Recent Servers");
  first_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==,
                   "http://a.example:1");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connect-page.forget-recent",
                              "s", "http://a.example:1");
  stored = g_settings_get_strv (fixture->settings, "recent-servers");
  g_assert_cmpstrv (stored, ((const char *[]) { "http://b.example:2", NULL }));
  g_assert_cmpuint (count_rows (list), ==, 1);

  /* picking a server fills in the address and connects */
  refused_url = stellar_test_get_refused_url ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connect-page.connect-recent",
                              "s", refused_url);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->url_entry)), ==, refused_url);
  g_assert_true (stellar_test_iterate_until (page_is_idle, fixture, STELLAR_TEST_TIMEOUT_MS));
  assert_error_shown (fixture, NULL);

  /* a failed connection does not change the list */
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (fixture->settings, "recent-servers");
  g_assert_cmpstrv (stored, ((const char *[]) { "http://b.example:2", NULL }));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connect-page.forget-recent",
                              "s", "http://b.example:2");
  g_assert_false (gtk_widget_get_visible (group));
}

static void
assert_row_value (Fixture    *fixture,
                  const char *row_name,
                  const char *value)
{
  GtkWidget *view = visible_content (fixture);
  GtkWidget *row = stellar_test_template_child (view, STELLAR_TYPE_CONNECTION_VIEW, row_name);

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, value);
}

static void
test_connected (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  const char *url = stellar_test_server_get_url (server);
  g_autofree char *server_name = g_strdup_printf ("127.0.0.1:%u",
                                                  stellar_test_server_get_port (server));
  GtkWidget *title_label = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "title_label");
  GtkWidget *view;
  GtkWidget *status_page;
  StellarClient *client;
  g_auto(GStrv) stored = NULL;

  stellar_window_connect_to (fixture->window, url, NULL);
  g_assert_true (stellar_test_iterate_until (connection_view_is_shown, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));

  client = stellar_window_get_client (fixture->window);
  g_assert_nonnull (client);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);

  /* the header names the server and says it is connected */
  assert_state_label (fixture, "Connected");
  g_assert_true (gtk_widget_get_visible (stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW,
                                                                      "connection_status")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title_label)), ==, server_name);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, server_name);

  /* the view shows what the server said */
  view = visible_content (fixture);
  g_assert_true (stellar_connection_view_get_session (STELLAR_CONNECTION_VIEW (view)) ==
                 stellar_window_get_session (fixture->window));
  status_page = stellar_test_template_child (view, STELLAR_TYPE_CONNECTION_VIEW, "status_page");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   stellar_client_get_welcome_message (client));
  assert_row_value (fixture, "server_row", url);
  assert_row_value (fixture, "id_row", stellar_client_get_id (client));
  /* and how it runs Primus: the real primus package's spec */
  assert_row_value (fixture, "transformer_row", "websockets");
  assert_row_value (fixture, "parser_row", "json");
  assert_row_value (fixture, "primus_version_row",
                    json_object_get_string_member (stellar_client_get_primus_spec (client), "version"));
  g_assert_false (gtk_widget_get_visible (stellar_test_template_child (view, STELLAR_TYPE_CONNECTION_VIEW,
                                                                       "lost_label")));

  /* and the server is remembered */
  stored = g_settings_get_strv (fixture->settings, "recent-servers");
  g_assert_cmpstr (stored[0], ==, url);

  /* Disconnect goes back to the connect page, address kept */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.disconnect", NULL);
  assert_on_connect_page (fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->url_entry)), ==, url);
  g_assert_false (gtk_widget_get_visible (fixture->error_label));
}

static gboolean
row_says (GtkWidget  *request,
          const char *row_name,
          const char *prefix)
{
  GtkWidget *row = stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST, row_name);

  return gtk_widget_get_visible (row) &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), prefix);
}

/* Request File: a path in; its MIME type, size and content out. */
static void
test_request_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *size = NULL;
  GtkWidget *request;
  GtkWidget *error_label;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GdkPaintable *image;
  gsize length;

  stellar_window_connect_to (fixture->window, stellar_test_server_get_url (server), NULL);
  g_assert_true (stellar_test_iterate_until (connection_view_is_shown, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  request = stellar_test_template_child (visible_content (fixture), STELLAR_TYPE_CONNECTION_VIEW, "file_request");
  error_label = stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST, "error_label");

  /* text: shown as it is */
  path = g_build_filename (g_getenv ("STELLAR_TEST_SERVER_DIR"), "public", "hello.txt", NULL);
  g_assert_true (g_file_get_contents (path, &expected, &length, NULL));
  stellar_file_request_request (STELLAR_FILE_REQUEST (request), "/hello.txt");
  stellar_test_wait_for (row_says (request, "mime_row", "text/plain"));
  size = g_format_size_full (length, G_FORMAT_SIZE_LONG_FORMAT);
  g_assert_true (row_says (request, "size_row", size));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST,
                                                                                 "text_view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* an image: previewed, its text hidden */
  stellar_file_request_request (STELLAR_FILE_REQUEST (request), "/stellar.png");
  stellar_test_wait_for (row_says (request, "mime_row", "image/png"));
  image = gtk_picture_get_paintable (GTK_PICTURE (stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST,
                                                                               "picture")));
  g_assert_nonnull (image);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (image), ==, 16);
  g_assert_false (gtk_widget_get_visible (stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST,
                                                                       "text_scroller")));

  /* a missing file: said, nothing else shown (a real server does not
   * answer then: the request times out) */
  g_object_set (stellar_window_get_client (fixture->window), "request-timeout", 2000, NULL);
  stellar_file_request_request (STELLAR_FILE_REQUEST (request), "/no-such-file.txt");
  stellar_test_wait_for (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_visible (stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST, "mime_row")));
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (stellar_test_template_child (request, STELLAR_TYPE_FILE_REQUEST,
                                                                                      "picture"))));
}

static void
test_connection_lost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  GtkWidget *view;
  GtkWidget *lost_label;

  stellar_window_connect_to (fixture->window, stellar_test_server_get_url (server), NULL);
  g_assert_true (stellar_test_iterate_until (connection_view_is_shown, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  view = visible_content (fixture);
  lost_label = stellar_test_template_child (view, STELLAR_TYPE_CONNECTION_VIEW, "lost_label");

  /* the server drops every connection: the header follows the client's
   * state while it reconnects by itself, and the view says why */
  stellar_test_server_post (server, "/drop", NULL);
  g_assert_true (stellar_test_iterate_until (state_label_says_reconnecting, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  assert_state_label (fixture, "Reconnecting");
  g_assert_true (gtk_widget_get_visible (lost_label));
  g_assert_true (visible_content (fixture) == view);

  g_assert_true (stellar_test_iterate_until (state_label_says_connected, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  assert_state_label (fixture, "Connected");
  g_assert_false (gtk_widget_get_visible (lost_label));
  assert_row_value (fixture, "id_row",
                    stellar_client_get_id (stellar_window_get_client (fixture->window)));
}

static gboolean
rooms_are_joined (gpointer user_data)
{
  Fixture *fixture = user_data;
  StellarSession *session = stellar_window_get_session (fixture->window);
  GListModel *rooms = session != NULL ? stellar_session_get_rooms (session) : NULL;

  if (rooms == NULL || g_list_model_get_n_items (rooms) == 0)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (rooms, i);

      if (!stellar_room_get_joined (room))
        return FALSE;
    }

  return TRUE;
}

/* `stellar URL --room defaultRoom --room anotherRoom` */
static void
test_rooms_from_command_line (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  GtkWidget *sidebar = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "sidebar");
  GtkWidget *rooms_list = stellar_test_template_child (sidebar, STELLAR_TYPE_SIDEBAR, "rooms_list");
  GtkWidget *join_button = stellar_test_template_child (sidebar, STELLAR_TYPE_SIDEBAR, "join_button");
  GtkListBoxRow *row;

  stellar_window_connect_to (fixture->window, stellar_test_server_get_url (server),
                             (const char *[]) { "defaultRoom", "anotherRoom", NULL });
  g_assert_true (stellar_test_iterate_until (rooms_are_joined, fixture, STELLAR_TEST_TIMEOUT_MS));

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (rooms_list),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Rooms");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (join_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Join Room");
  g_assert_cmpuint (count_rows (rooms_list), ==, 2);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (rooms_list), 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "defaultRoom");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (rooms_list), 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "anotherRoom");

  /* the server's own view agrees */
  {
    g_autoptr(JsonNode) rooms = stellar_test_server_control (server, "GET", "/rooms", NULL);
    JsonArray *array = json_node_get_array (rooms);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *room = json_array_get_object_element (array, i);

        g_assert_cmpint (json_object_get_int_member (room, "membersCount"), ==, 1);
      }
  }
}

static gboolean
reconnect_button_is_visible (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gtk_widget_get_visible (stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW,
                                                              "reconnect_button"));
}

/* When the client gives up, the header says Disconnected and offers to
 * reconnect; Reconnect restores the session in place. */
static void
test_reconnect_button (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  GtkWidget *button = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "reconnect_button");

  stellar_window_connect_to (fixture->window, stellar_test_server_get_url (server), NULL);
  g_assert_true (stellar_test_iterate_until (connection_view_is_shown, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (button));

  g_object_set (stellar_window_get_client (fixture->window), "reconnect-attempts", 0, NULL);
  stellar_test_server_post (server, "/drop", NULL);
  g_assert_true (stellar_test_iterate_until (reconnect_button_is_visible, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  assert_state_label (fixture, "Disconnected");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Reconnect");
  g_assert_true (connection_view_is_shown (fixture));

  gtk_widget_activate (button);
  g_assert_true (stellar_test_iterate_until (state_label_says_connected, fixture,
                                             STELLAR_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (button));
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  StellarWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = g_object_ref (stellar_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 480);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static gboolean
both_connected (StellarWindow *windows[2])
{
  for (guint i = 0; i < 2; i++)
    {
      StellarClient *client = stellar_window_get_client (windows[i]);

      if (client == NULL || stellar_client_get_state (client) != STELLAR_CLIENT_STATE_CONNECTED)
        return FALSE;
    }

  return TRUE;
}

static gboolean
server_knows_id (JsonArray  *connections,
                 const char *id)
{
  for (guint i = 0; i < json_array_get_length (connections); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (connections, i), "id"),
                   id) == 0)
      return TRUE;

  return FALSE;
}

/* New Window (Ctrl+N) is another identity: a connection of its own, to
 * the same server if one likes. */
static void
test_new_window (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarApplication) application = stellar_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) connections = NULL;
  StellarWindow *windows[2];
  GList *list;

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  list = gtk_application_get_windows (GTK_APPLICATION (application));
  g_assert_cmpuint (g_list_length (list), ==, 2);
  windows[0] = g_object_ref (list->data);
  windows[1] = g_object_ref (list->next->data);

  for (guint i = 0; i < 2; i++)
    stellar_window_connect_to (windows[i], stellar_test_server_get_url (server), NULL);
  stellar_test_wait_for (both_connected (windows));

  g_assert_true (stellar_window_get_session (windows[0]) != stellar_window_get_session (windows[1]));
  g_assert_cmpstr (stellar_client_get_id (stellar_window_get_client (windows[0])), !=,
                   stellar_client_get_id (stellar_window_get_client (windows[1])));

  connections = stellar_test_server_control (server, "GET", "/connections", NULL);
  for (guint i = 0; i < 2; i++)
    g_assert_true (server_knows_id (json_node_get_array (connections),
                                    stellar_client_get_id (stellar_window_get_client (windows[i]))));

  for (guint i = 0; i < 2; i++)
    {
      gtk_window_destroy (GTK_WINDOW (windows[i]));
      g_assert_finalize_object (windows[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const recent[] = { "http://a.example:1", "http://b.example:2", NULL };

  if (stellar_app_test_skip_without_display ())
    return 77;

  stellar_app_test_use_temporary_data_home ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, data, func) \
  g_test_add ("/app/window/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("accessible-names", NULL, test_accessible_names);
  ADD_TEST ("empty-url", NULL, test_empty_url);
  ADD_TEST ("invalid-url-keeps-text", NULL, test_invalid_url_keeps_text);
  ADD_TEST ("refused", NULL, test_refused);
  ADD_TEST ("cancel", NULL, test_cancel);
  ADD_TEST ("recent-servers", recent, test_recent_servers);
  ADD_TEST ("connected", NULL, test_connected);
  ADD_TEST ("request-file", NULL, test_request_file);
  ADD_TEST ("connection-lost", NULL, test_connection_lost);
  ADD_TEST ("rooms-from-command-line", NULL, test_rooms_from_command_line);
  ADD_TEST ("reconnect-button", NULL, test_reconnect_button);
  g_test_add_func ("/app/window/size", test_window_size);
  g_test_add_func ("/app/window/new-window", test_new_window);

#undef ADD_TEST

  return g_test_run ();
}
