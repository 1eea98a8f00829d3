/* screenshots.c: the app's main states, saved as pictures for the README
 * and the AppStream data
 *
 * Run by build-aux/take-screenshots, which gives it a display, a session
 * bus, an empty profile and the folder to write to. It starts the demo
 * server, opens real windows of the app, brings them into each state and
 * renders them with GTK's own renderer (shadows included, nothing else on
 * screen).
 *
 * Each picture is one entry of `shots` below: a name and a function that
 * prepares the state and returns the window (or dialog) to render. Other
 * parts of the app add their pages by adding entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stellar-application.h"
#include "stellar-composer.h"
#include "stellar-connection-view.h"
#include "stellar-file-request.h"
#include "stellar-explorer-view.h"
#include "stellar-inspector-view.h"
#include "stellar-join-room-dialog.h"
#include "stellar-message-private.h"
#include "stellar-message-store-private.h"
#include "stellar-preferences-window.h"
#include "stellar-room-info.h"
#include "stellar-room-view.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

#define WIDE_WIDTH 980
#define WIDE_HEIGHT 680
#define NARROW_WIDTH 400
#define NARROW_HEIGHT 720

/* People of the demo, as the server names their connections. */
#define ADA "3f2a1c9e-71b4-4c2e-9d0a-5e8f6a7b8c9d"
#define LINUS "b7d4e2a1-0c3f-4a5b-8e6d-1f2a3b4c5d6e"

typedef struct {
  StellarApplication *application;
  StellarTestServer  *server;
  StellarWindow      *window;
  const char         *folder;
} Shots;

typedef GtkWidget *(*PrepareShot) (Shots *shots);

/* --- driving the app ----------------------------------------------------- */

static void
settle (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static StellarWindow *
open_window (Shots *shots,
             int    width,
             int    height)
{
  StellarWindow *window = stellar_window_new (GTK_APPLICATION (shots->application));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  settle (300);

  return window;
}

static gboolean
rooms_joined (StellarWindow *window)
{
  StellarSession *session = stellar_window_get_session (window);
  GListModel *rooms = session != NULL ? stellar_session_get_rooms (session) : NULL;

  if (rooms == NULL || g_list_model_get_n_items (rooms) == 0 ||
      stellar_session_get_state (session) != STELLAR_CLIENT_STATE_CONNECTED)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (rooms, i);

      if (!stellar_room_get_joined (room))
        return FALSE;
    }

  return TRUE;
}

static void
connect_window (Shots         *shots,
                StellarWindow *window)
{
  stellar_window_connect_to (window, stellar_test_server_get_url (shots->server),
                             (const char *[]) { "general", "random", NULL });
  stellar_test_wait_for (rooms_joined (window));
  settle (500);
}

static StellarRoom *
room_named (StellarWindow *window,
            const char    *name)
{
  return stellar_session_lookup_room (stellar_window_get_session (window), name);
}

static void
say_as (Shots      *shots,
        const char *from,
        const char *room,
        const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "room");
  json_builder_add_string_value (builder, room);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  json = json_to_string (body, FALSE);

  json_node_unref (stellar_test_server_control (shots->server, "POST", "/say", json));
  settle (150);
}

static void
type_and_send (StellarWindow *window,
               const char    *text)
{
  GtkWidget *room_view = stellar_window_get_page (window, "room");
  StellarComposer *composer = stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "composer");

  stellar_composer_set_text (composer, text);
  settle (100);
  stellar_composer_send (composer);
  settle (300);
}

static void
type_only (StellarWindow *window,
           const char    *text)
{
  GtkWidget *room_view = stellar_window_get_page (window, "room");
  StellarComposer *composer = stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "composer");

  stellar_composer_set_text (composer, text);
  settle (100);
}

/* Yesterday's conversation in #general, as the history keeps it. */
static void
seed_history (Shots *shots)
{
  StellarDatabase *database = stellar_application_get_database (shots->application);
  GPtrArray *stored = g_ptr_array_new_with_free_func ((GDestroyNotify) _stellar_stored_message_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) evening = g_date_time_new_local (g_date_time_get_year (yesterday),
                                                        g_date_time_get_month (yesterday),
                                                        g_date_time_get_day_of_month (yesterday),
                                                        18, 4, 0);
  gint64 start = g_date_time_to_unix (evening) * G_USEC_PER_SEC;
  static const struct {
    const char *from;
    const char *name;
    int         minutes;
    const char *text;
  } lines[] = {
    { LINUS, "b7d4e2a1", 0, "Is the deploy of the new chat service done?" },
    { ADA, "3f2a1c9e", 2, "Yes, since five. The release notes are at https://stellar.example.com/releases" },
    { ADA, "3f2a1c9e", 3, "Tomorrow we try it with the whole team." },
    { LINUS, "b7d4e2a1", 9, "Great, see you tomorrow!" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(StellarMessage) message = NULL;

      message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, lines[i].from, lines[i].name,
                                      start + (gint64) lines[i].minutes * 60 * G_USEC_PER_SEC,
                                      lines[i].text);
      g_ptr_array_add (stored, _stellar_stored_message_new ("general", message));
    }

  _stellar_message_store_save (database, stellar_test_server_get_url (shots->server), stored);
}

static void
send_event (Shots      *shots,
            const char *from,
            const char *room,
            const char *event,
            const char *data)
{
  g_autofree char *frame = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text_json = NULL;
  g_autoptr(JsonNode) text = json_node_new (JSON_NODE_VALUE);

  frame = g_strdup_printf ("{\"message\":{\"event\":\"%s\",\"data\":%s},\"room\":\"%s\","
                           "\"from\":\"%s\",\"context\":\"user\",\"sentAt\":%" G_GINT64_FORMAT "}",
                           event, data, room, from, g_get_real_time () / 1000);
  json_node_set_string (text, frame);
  text_json = json_to_string (text, FALSE);
  body = g_strdup_printf ("{\"text\":%s}", text_json);
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/send", body));
  settle (150);
}

/* The conversation of today, around our own messages. */
static void
chat (Shots         *shots,
      StellarWindow *window)
{
  StellarSession *session = stellar_window_get_session (window);
  g_autofree char *me = g_strndup (stellar_session_get_connection_id (session), 8);
  g_autofree char *welcome = g_strdup_printf ("Welcome aboard, %s! Did you read the release notes?", me);
  g_autofree char *lunch = g_strdup_printf ("%s, lunch at noon?", me);

  stellar_window_show_room (window, room_named (window, "general"));
  settle (300);

  say_as (shots, ADA, "general", "Good morning! Who is trying the new rooms today?");
  type_and_send (window, "Me! Everything looks fine from here.");
  say_as (shots, ADA, "general", welcome);
  say_as (shots, LINUS, "random", lunch);
  send_event (shots, LINUS, "general", "typing", "{\"active\":true}");
  say_as (shots, LINUS, "general", "Same here. Try the bot, @3f2a1c9e");
  type_and_send (window, "ping");
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/alert",
                                                "{\"message\":\"The server restarts tonight at 22:00.\"}"));
  /* until the alert's toast is gone */
  settle (5800);
}

/* --- the shots ----------------------------------------------------------- */

static GtkWidget *
shot_connect (Shots *shots)
{
  StellarWindow *window = open_window (shots, 720, 560);

  return GTK_WIDGET (window);
}

static GtkWidget *
shot_room (Shots *shots)
{
  return GTK_WIDGET (shots->window);
}

static GtkWidget *
shot_search (Shots *shots)
{
  GtkWidget *room_view = stellar_window_get_page (shots->window, "room");
  GtkEditable *entry = stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "search_entry");

  gtk_widget_activate_action (room_view, "room.search", NULL);
  gtk_editable_set_text (entry, "tomorrow");
  settle (800);

  return GTK_WIDGET (shots->window);
}

static GtkWidget *
close_search (Shots *shots)
{
  GtkWidget *room_view = stellar_window_get_page (shots->window, "room");

  gtk_widget_activate_action (room_view, "room.search", NULL);
  settle (300);

  return NULL;
}

static GtkWidget *
shot_reconnecting (Shots *shots)
{
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/stop", "{}"));
  stellar_test_wait_for (stellar_session_get_state (stellar_window_get_session (shots->window)) ==
                         STELLAR_CLIENT_STATE_RECONNECTING);
  type_and_send (shots->window, "This waits until the server is back");
  settle (600);

  return GTK_WIDGET (shots->window);
}

static GtkWidget *
reconnect (Shots *shots)
{
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/start", "{}"));
  stellar_test_wait_for (rooms_joined (shots->window));
  settle (800);

  return NULL;
}

/* The server goes away for good while a message waits: it is not sent, and
 * can be sent again. */
static GtkWidget *
shot_not_sent (Shots *shots)
{
  StellarClient *client = stellar_window_get_client (shots->window);

  g_object_set (client, "reconnect-attempts", 1, NULL);
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/stop", "{}"));
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_RECONNECTING);
  type_and_send (shots->window, "Sent just as the server went away");
  stellar_test_wait_for (stellar_client_get_state (client) == STELLAR_CLIENT_STATE_DISCONNECTED);
  /* until the toast that says so is gone */
  settle (5800);

  return GTK_WIDGET (shots->window);
}

static GtkWidget *
reconnect_for_good (Shots *shots)
{
  g_object_set (stellar_window_get_client (shots->window), "reconnect-attempts", 10, NULL);
  json_node_unref (stellar_test_server_control (shots->server, "POST", "/start", "{}"));
  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.reconnect", NULL);
  stellar_test_wait_for (rooms_joined (shots->window));
  settle (800);

  return NULL;
}

static gboolean
popover_shows_members (GtkWidget *popover)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (popover, STELLAR_TYPE_ROOM_INFO, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "members") == 0;
}

static GtkWidget *
shot_room_info (Shots *shots)
{
  GtkWidget *room_view = stellar_window_get_page (shots->window, "room");
  GtkWidget *room_info = stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "room_info");

  gtk_widget_activate_action (room_view, "room.info", NULL);
  stellar_test_wait_for (popover_shows_members (room_info));
  settle (400);

  return room_info;
}

static GtkWidget *
close_room_info (Shots *shots)
{
  GtkWidget *room_view = stellar_window_get_page (shots->window, "room");

  gtk_popover_popdown (GTK_POPOVER (stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "room_info")));
  settle (300);

  return NULL;
}

static GtkWidget *
shot_join_dialog (Shots *shots)
{
  GtkWindow *dialog;
  GtkWidget *name_row;

  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.join-room", NULL);
  settle (300);

  dialog = stellar_test_find_toplevel (STELLAR_TYPE_JOIN_ROOM_DIALOG);
  g_assert (dialog != NULL);

  name_row = stellar_test_template_child (dialog, STELLAR_TYPE_JOIN_ROOM_DIALOG, "name_row");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "announcements");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "join-room.join", NULL);
  settle (800);

  return GTK_WIDGET (dialog);
}

static GtkWidget *
close_dialogs (Shots *shots)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (GTK_WINDOW (toplevel)) != NULL)
        g_ptr_array_add (dialogs, toplevel);
    }

  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));
  settle (300);

  return NULL;
}

static GtkWidget *
open_preferences (Shots      *shots,
                  const char *page)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *preferences;

  preferences = stellar_preferences_window_new (settings,
                                                G_LIST_MODEL (stellar_application_get_recent_servers (shots->application)),
                                                stellar_test_server_get_url (shots->server));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (shots->window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_present (GTK_WINDOW (preferences));
  settle (600);

  return preferences;
}

static GtkWidget *
shot_preferences (Shots *shots)
{
  return open_preferences (shots, "chat");
}

static GtkWidget *
shot_preferences_rooms (Shots *shots)
{
  return open_preferences (shots, "rooms");
}

static GtkWidget *
shot_narrow (Shots *shots)
{
  StellarWindow *window = open_window (shots, NARROW_WIDTH, NARROW_HEIGHT);

  connect_window (shots, window);
  stellar_window_show_room (window, room_named (window, "general"));
  type_only (window, "Looks good on a phone too");
  settle (800);

  return GTK_WIDGET (window);
}

static void
on_echoed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  json_node_unref (stellar_client_action_finish (STELLAR_CLIENT (object), result, NULL));
  *done = TRUE;
}

/* A call in the inspector, its response selected. */
static GtkWidget *
shot_inspector (Shots *shots)
{
  StellarSession *session = stellar_window_get_session (shots->window);
  GListModel *frames = G_LIST_MODEL (stellar_session_get_frame_log (session));
  GtkWidget *view = stellar_window_get_page (shots->window, "inspector");
  g_autoptr(JsonObject) params = json_object_new ();
  gboolean done = FALSE;

  json_object_set_string_member (params, "name", "Ada");
  stellar_client_action_async (stellar_window_get_client (shots->window), "greet", params,
                               NULL, on_echoed, &done);
  stellar_test_wait_for (done);
  stellar_window_show_tool (shots->window, "inspector");
  settle (300);

  for (guint i = g_list_model_get_n_items (frames); i > 0; i--)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (frames, i - 1);

      if (!stellar_frame_get_outgoing (frame) && stellar_frame_get_peer_id (frame) != 0)
        {
          stellar_inspector_view_show_frame (STELLAR_INSPECTOR_VIEW (view), stellar_frame_get_id (frame));
          break;
        }
    }
  settle (500);

  return GTK_WIDGET (shots->window);
}

static GtkWidget *
shot_connection (Shots *shots)
{
  GtkWidget *view = stellar_window_get_page (shots->window, "connection");
  GtkWidget *request = stellar_test_template_child (view, STELLAR_TYPE_CONNECTION_VIEW, "file_request");

  stellar_window_show_tool (shots->window, "connection");
  stellar_file_request_request (STELLAR_FILE_REQUEST (request), "/hello.txt");
  settle (800);

  return GTK_WIDGET (shots->window);
}

/* An action called from the Actions page, its answer unfolded. */
static GtkWidget *
shot_actions (Shots *shots)
{
  StellarSession *session = stellar_window_get_session (shots->window);
  StellarExplorer *explorer = stellar_session_get_explorer (session);
  StellarActionRequest *request = stellar_explorer_get_request (explorer);

  stellar_window_show_tool (shots->window, "actions");
  stellar_action_request_set_action (request, "greet");
  stellar_action_request_set_params_text (request, "{\n  \"name\": \"Ada\"\n}");
  g_assert_true (stellar_explorer_send (explorer, NULL));
  stellar_test_wait_for (!stellar_explorer_get_sending (explorer));
  stellar_action_request_set_params_text (request, "{\n  \"name\": \"Ada\",\n  \"times\": 2\n}");
  g_assert_true (stellar_explorer_send (explorer, NULL));
  stellar_test_wait_for (!stellar_explorer_get_sending (explorer));
  settle (500);

  return GTK_WIDGET (shots->window);
}

/* Requests kept in collections, in the Actions page's popover. */
static GtkWidget *
shot_collections (Shots *shots)
{
  StellarCollections *collections = stellar_application_get_collections (shots->application);
  GtkWidget *view = stellar_window_get_page (shots->window, "actions");
  GtkWidget *button = stellar_test_template_child (view, STELLAR_TYPE_EXPLORER_VIEW, "collections_button");
  StellarCollection *accounts = stellar_collections_create (collections, "Accounts", NULL);
  StellarCollection *demo = stellar_collections_create (collections, "Demo", NULL);
  g_autoptr(StellarSavedRequest) greet = stellar_saved_request_new ("Greet Ada", "greet", "{ \"name\": \"Ada\" }",
                                                                    STELLAR_TRANSPORT_AUTO);
  g_autoptr(StellarSavedRequest) status = stellar_saved_request_new ("Server status", "status", NULL,
                                                                     STELLAR_TRANSPORT_HTTP);
  g_autoptr(StellarSavedRequest) login = stellar_saved_request_new ("Log in", "login", "{ \"user\": \"ada\" }",
                                                                    STELLAR_TRANSPORT_WEBSOCKET);

  stellar_collection_add_request (demo, greet);
  stellar_collection_add_request (demo, status);
  stellar_collection_add_request (accounts, login);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  settle (600);

  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static GtkWidget *
close_collections (Shots *shots)
{
  GtkWidget *view = stellar_window_get_page (shots->window, "actions");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (stellar_test_template_child (view, STELLAR_TYPE_EXPLORER_VIEW, "collections_button")));
  settle (300);

  return NULL;
}

/* The server's default parameters, a secret token among them. */
static GtkWidget *
shot_default_params (Shots *shots)
{
  StellarSession *session = stellar_window_get_session (shots->window);
  StellarDefaultParams *params = stellar_explorer_get_default_params (stellar_session_get_explorer (session));
  GtkWidget *view = stellar_window_get_page (shots->window, "actions");
  GListModel *toplevels = gtk_window_get_toplevels ();

  stellar_default_params_add (params, "tenant", "acme", FALSE);
  stellar_default_params_add (params, "apiToken", "s3cret-token", TRUE);
  gtk_widget_activate_action (view, "explorer.default-params", NULL);
  settle (600);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) != NULL)
        return GTK_WIDGET (toplevel);
    }

  g_assert_not_reached ();
}

static GtkWidget *
back_to_room (Shots *shots)
{
  stellar_window_show_room (shots->window, room_named (shots->window, "general"));
  settle (300);

  return NULL;
}

static GtkWidget *
dark_style (Shots *shots)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_present (GTK_WINDOW (shots->window));
  settle (500);

  return NULL;
}

/* In order: a NULL name prepares the next shots without a picture. */
static const struct {
  const char  *name;
  PrepareShot  prepare;
} shots_table[] = {
  { "connect", shot_connect },
  { "room", shot_room },
  { "search", shot_search },
  { NULL, close_search },
  { "join-room", shot_join_dialog },
  { NULL, close_dialogs },
  { "preferences", shot_preferences },
  { NULL, close_dialogs },
  { "preferences-rooms", shot_preferences_rooms },
  { NULL, close_dialogs },
  { "reconnecting", shot_reconnecting },
  { NULL, reconnect },
  { "room-info", shot_room_info },
  { NULL, close_room_info },
  { "not-sent", shot_not_sent },
  { NULL, reconnect_for_good },
  { "inspector", shot_inspector },
  { "connection", shot_connection },
  { "actions", shot_actions },
  { "collections", shot_collections },
  { NULL, close_collections },
  { "default-params", shot_default_params },
  { NULL, close_dialogs },
  { NULL, back_to_room },
  { "narrow", shot_narrow },
  { NULL, dark_style },
  { "room-dark", shot_room },
  { "search-dark", shot_search },
  { NULL, close_search },
  { "preferences-dark", shot_preferences },
  { NULL, close_dialogs },
};

/* The demo's own port reads best in the pictures, when it is free. */
static const char *
demo_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 8080);

  if (socket != NULL && g_socket_bind (socket, address, TRUE, NULL))
    return "8080";

  return "0";
}

/* --- rendering ----------------------------------------------------------- */

static void
save (GtkWidget  *widget,
      const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;

  /* A page just switched to may draw nothing for a frame or two. */
  for (guint frame = 0; node == NULL && frame < 60; frame++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gtk_test_widget_wait_for_draw (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("Nothing was drawn for %s", path);

  /* The window's shadow is drawn around it. */
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, &bounds);

  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);

  g_print ("%s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  Shots shots = { 0 };
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s FOLDER\n", argv[0]);
      return 2;
    }

  shots.folder = argv[1];
  g_mkdir_with_parents (shots.folder, 0755);

  gtk_init ();
  adw_init ();

  /* No notification server here to tell. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "notifications", FALSE);
  }

  shots.application = stellar_application_new ();
  g_application_set_flags (G_APPLICATION (shots.application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (shots.application), NULL, &error))
    g_error ("%s", error->message);

  shots.server = stellar_test_server_start ("--demo", "--port", demo_port (), NULL);
  seed_history (&shots);

  /* The main window, connected, with a conversation. */
  shots.window = open_window (&shots, WIDE_WIDTH, WIDE_HEIGHT);
  connect_window (&shots, shots.window);
  chat (&shots, shots.window);

  for (guint i = 0; i < G_N_ELEMENTS (shots_table); i++)
    {
      GtkWidget *target = shots_table[i].prepare (&shots);

      if (shots_table[i].name != NULL)
        {
          g_autofree char *file = g_strconcat (shots_table[i].name, ".png", NULL);
          g_autofree char *path = g_build_filename (shots.folder, file, NULL);

          save (target, path);
        }
    }

  g_application_quit (G_APPLICATION (shots.application));
  stellar_test_server_stop (shots.server);

  return 0;
}
