/* test-room-view.c: chatting in a real window, against the test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-composer.h"
#include "stellar-connection-status.h"
#include "stellar-join-room-dialog.h"
#include "stellar-message-format.h"
#include "stellar-message-private.h"
#include "stellar-message-row.h"
#include "stellar-room-view.h"
#include "stellar-sender-avatar.h"
#include "stellar-sidebar.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

typedef struct {
  GSettings         *settings;
  StellarTestServer *server;
  StellarWindow     *window;
  GtkWidget         *room_view;
  GtkWidget         *messages_view;
  StellarComposer   *composer;
  GtkWidget         *text_view;
  StellarClient     *other;
} Fixture;

/* A part of a message row, which the row makes when it first shows it. */
static GtkWidget *
find_part (gpointer    widget,
           const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *part = find_part (child, css_class);

      if (part != NULL)
        return part;
    }

  return NULL;
}

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "recent-servers");
  g_settings_reset (settings, "remembered-rooms");
  g_settings_reset (settings, "muted-rooms");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  reset_settings (fixture->settings);
  fixture->server = stellar_test_server_startv (NULL);

  fixture->window = g_object_ref (stellar_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->room_view = stellar_window_get_page (fixture->window, "room");
  fixture->messages_view = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "messages_view");
  fixture->composer = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "composer");
  fixture->text_view = stellar_test_template_child (fixture->composer, STELLAR_TYPE_COMPOSER, "text_view");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->other != NULL)
    {
      stellar_client_disconnect (fixture->other);
      g_assert_finalize_object (fixture->other);
    }

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);

  stellar_test_server_stop (fixture->server);
  reset_settings (fixture->settings);
  g_clear_object (&fixture->settings);
}

static StellarSession *
session_of (Fixture *fixture)
{
  return stellar_window_get_session (fixture->window);
}

static gboolean
room_is_joined (Fixture    *fixture,
                const char *name)
{
  StellarSession *session = session_of (fixture);
  StellarRoom *room = session != NULL ? stellar_session_lookup_room (session, name) : NULL;

  return room != NULL && stellar_room_get_joined (room);
}

static StellarRoom *
room_named (Fixture    *fixture,
            const char *name)
{
  return stellar_session_lookup_room (session_of (fixture), name);
}

static void
connect_with_rooms (Fixture            *fixture,
                    const char * const *rooms)
{
  stellar_window_connect_to (fixture->window, stellar_test_server_get_url (fixture->server), rooms);
  for (guint i = 0; rooms[i] != NULL; i++)
    stellar_test_wait_for (room_is_joined (fixture, rooms[i]));
}

static StellarClient *
connect_other (Fixture    *fixture,
               const char *room)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;

  fixture->other = stellar_client_new (stellar_test_server_get_url (fixture->server));
  stellar_client_connect_async (fixture->other, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (fixture->other, result, NULL);
  g_assert_nonnull (details);
  g_clear_object (&result);

  stellar_client_room_add_async (fixture->other, room, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_client_room_add_finish (fixture->other, result, NULL));

  return fixture->other;
}

/* What the other client heard in its rooms. */
static void
on_other_say (StellarClient *client,
              JsonObject    *frame,
              GPtrArray     *heard)
{
  g_ptr_array_add (heard, g_strdup (json_object_get_string_member (frame, "message")));
}

static gboolean
heard (GPtrArray  *messages,
       const char *text)
{
  for (guint i = 0; i < messages->len; i++)
    if (g_str_equal (g_ptr_array_index (messages, i), text))
      return TRUE;

  return FALSE;
}

/* The row on screen that shows @text, if any. */
static StellarMessageRow *
find_row (GtkWidget  *list_view,
          const char *text)
{
  for (GtkWidget *item = gtk_widget_get_first_child (list_view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *child = gtk_widget_get_first_child (item);
      StellarMessage *message;

      if (!STELLAR_IS_MESSAGE_ROW (child) || !gtk_widget_get_child_visible (item))
        continue;

      message = stellar_message_row_get_message (STELLAR_MESSAGE_ROW (child));
      if (message != NULL && g_strcmp0 (stellar_message_get_text (message), text) == 0)
        return STELLAR_MESSAGE_ROW (child);
    }

  return NULL;
}

static void
assert_row_name (StellarMessageRow *row,
                 const char        *sender)
{
  StellarMessage *message = stellar_message_row_get_message (row);
  g_autofree char *time = stellar_format_message_time (stellar_message_get_time (message));
  g_autofree char *name = g_strdup_printf ("%s, %s: %s", sender, time, stellar_message_get_text (message));

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
}

static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->text_view)), text, -1);
}

static char *
composer_text (Fixture *fixture)
{
  return stellar_composer_dup_text (fixture->composer);
}

/* A key as the text view gets it: through its key controllers, ours
 * first. */
static gboolean
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->text_view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      return handled;
    }

  g_assert_not_reached ();
}

static gboolean
state_label_starts_with (Fixture    *fixture,
                         const char *prefix)
{
  GtkWidget *status = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "connection_status");
  GtkWidget *label = stellar_test_template_child (status, STELLAR_TYPE_CONNECTION_STATUS, "label");

  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), prefix);
}

static gboolean
delivery_is (StellarMessageRow      *row,
             StellarMessageDelivery  delivery)
{
  return row != NULL &&
         stellar_message_get_delivery (stellar_message_row_get_message (row)) == delivery;
}

/* `stellar URL --room defaultRoom`: the room is shown, its parts have their
 * names; a message typed and sent with Enter reaches another client, and
 * the other client's reply is shown. */
static void
test_chat (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) other_heard = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *send_button = stellar_test_template_child (fixture->composer, STELLAR_TYPE_COMPOSER, "send_button");
  g_autofree char *other_short_id = NULL;
  g_autofree char *left = NULL;
  StellarMessageRow *row;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  connect_other (fixture, "defaultRoom");
  g_signal_connect (fixture->other, "say", G_CALLBACK (on_other_say), other_heard);

  g_assert_true (stellar_room_view_get_room (STELLAR_ROOM_VIEW (fixture->room_view)) ==
                 room_named (fixture, "defaultRoom"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->messages_view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Messages");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->text_view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Message");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (send_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Send");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == fixture->text_view);

  /* nothing to send yet */
  g_assert_false (gtk_widget_is_sensitive (send_button));

  /* Shift+Enter is a new line; Enter sends */
  type (fixture, "hello from the window");
  g_assert_true (gtk_widget_is_sensitive (send_button));
  g_assert_false (press_key (fixture, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  left = composer_text (fixture);
  g_assert_cmpstr (left, ==, "");

  stellar_test_wait_for ((row = find_row (fixture->messages_view, "hello from the window")) != NULL);
  assert_row_name (row, "You");
  stellar_test_wait_for (delivery_is (find_row (fixture->messages_view, "hello from the window"),
                                      STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (heard (other_heard, "hello from the window"));

  /* Up in the empty composer brings it back */
  g_assert_true (press_key (fixture, GDK_KEY_Up, 0));
  g_free (left);
  left = composer_text (fixture);
  g_assert_cmpstr (left, ==, "hello from the window");
  type (fixture, "");

  /* the other client answers, with a link and text that looks like markup */
  {
    g_autoptr(GAsyncResult) slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    stellar_client_say_async (fixture->other, "defaultRoom", "<b>hi</b> see https://example.com/x",
                              NULL, stellar_test_store_result, &slot);
    result = stellar_test_wait_result (&slot);
    g_assert_true (stellar_client_say_finish (fixture->other, result, NULL));
  }
  stellar_test_wait_for ((row = find_row (fixture->messages_view,
                                          "<b>hi</b> see https://example.com/x")) != NULL);
  other_short_id = g_strndup (stellar_client_get_id (fixture->other), 8);
  assert_row_name (row, other_short_id);
  {
    GtkWidget *text_label = stellar_test_template_child (row, STELLAR_TYPE_MESSAGE_ROW, "text_label");

    /* shown as typed, with the address as a link */
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (text_label)), ==, "<b>hi</b> see https://example.com/x");
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (text_label)),
                              "<a href=\"https://example.com/x\">"));
  }

  /* the person was looking: nothing unread */
  g_assert_cmpuint (stellar_room_get_unread_count (room_named (fixture, "defaultRoom")), ==, 0);
}

/* The server drops the connection: the header says it is reconnecting, a
 * message written meanwhile waits and goes out once it is back, and so
 * does one written after. */
static void
test_reconnecting (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) other_heard = g_ptr_array_new_with_free_func (g_free);
  StellarMessageRow *row = NULL;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  connect_other (fixture, "defaultRoom");
  g_signal_connect (fixture->other, "say", G_CALLBACK (on_other_say), other_heard);

  /* the other client stays away while we reconnect */
  g_object_set (fixture->other, "auto-reconnect", FALSE, NULL);
  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (state_label_starts_with (fixture, "Reconnecting"));
  g_assert_null (stellar_composer_get_blocker (fixture->composer));

  type (fixture, "written while reconnecting");
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  stellar_test_wait_for ((row = find_row (fixture->messages_view, "written while reconnecting")) != NULL);
  g_assert_true (delivery_is (row, STELLAR_MESSAGE_DELIVERY_PENDING));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Sending");

  stellar_test_wait_for (state_label_starts_with (fixture, "Connected"));
  stellar_test_wait_for (delivery_is (find_row (fixture->messages_view, "written while reconnecting"),
                                      STELLAR_MESSAGE_DELIVERY_SENT));

  /* back in the room with the other client */
  stellar_client_disconnect (fixture->other);
  g_assert_finalize_object (fixture->other);
  fixture->other = NULL;
  connect_other (fixture, "defaultRoom");
  g_signal_connect (fixture->other, "say", G_CALLBACK (on_other_say), other_heard);

  type (fixture, "written after the recovery");
  g_assert_true (press_key (fixture, GDK_KEY_KP_Enter, 0));
  stellar_test_wait_for (heard (other_heard, "written after the recovery"));
  stellar_test_wait_for (delivery_is (find_row (fixture->messages_view, "written after the recovery"),
                                      STELLAR_MESSAGE_DELIVERY_SENT));
}

/* Disconnected for good: the composer says why; a message that could not
 * go out shows Retry, which sends it once the connection is back. */
static void
test_failed_and_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *retry_button;
  StellarMessageRow *row = NULL;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });

  g_object_set (stellar_window_get_client (fixture->window), "reconnect-attempts", 1, NULL);
  stellar_test_server_post (fixture->server, "/stop", NULL);
  stellar_test_wait_for (state_label_starts_with (fixture, "Reconnecting"));

  type (fixture, "into the outbox");
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  stellar_test_wait_for (state_label_starts_with (fixture, "Disconnected"));

  stellar_test_wait_for ((row = find_row (fixture->messages_view, "into the outbox")) != NULL &&
                         delivery_is (row, STELLAR_MESSAGE_DELIVERY_FAILED));
  retry_button = find_part (row, "retry-button");
  g_assert_true (gtk_widget_is_visible (retry_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (retry_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Retry");

  /* the composer says why nothing can be written */
  g_assert_nonnull (stellar_composer_get_blocker (fixture->composer));
  g_assert_true (g_str_has_prefix (stellar_composer_get_blocker (fixture->composer), "Disconnected"));
  g_assert_false (gtk_widget_is_sensitive (fixture->text_view));

  stellar_test_server_post (fixture->server, "/start", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reconnect", NULL);
  stellar_test_wait_for (room_is_joined (fixture, "defaultRoom"));
  g_assert_null (stellar_composer_get_blocker (fixture->composer));

  row = find_row (fixture->messages_view, "into the outbox");
  gtk_widget_activate (find_part (row, "retry-button"));
  stellar_test_wait_for (delivery_is (find_row (fixture->messages_view, "into the outbox"),
                                      STELLAR_MESSAGE_DELIVERY_SENT));
}

static GtkListBoxRow *
sidebar_row (Fixture *fixture,
             guint    position)
{
  GtkWidget *sidebar = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "sidebar");
  GtkWidget *rooms_list = stellar_test_template_child (sidebar, STELLAR_TYPE_SIDEBAR, "rooms_list");

  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (rooms_list), position);
}

/* A message in a room not on screen counts as unread in the sidebar; one
 * that names the person stands out. Showing the room reads it. */
static void
test_unread_badges (Fixture       *fixture,
                    gconstpointer  data)
{
  StellarRoom *another;
  g_autofree char *mention = NULL;
  g_autofree char *my_short_id = NULL;
  GtkWidget *badge;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", "anotherRoom", NULL });
  another = room_named (fixture, "anotherRoom");
  stellar_window_show_room (fixture->window, room_named (fixture, "defaultRoom"));

  stellar_test_server_post (fixture->server, "/say",
                            "{\"room\":\"anotherRoom\",\"message\":\"elsewhere\",\"from\":0}");
  stellar_test_wait_for (stellar_room_get_unread_count (another) == 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sidebar_row (fixture, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "anotherRoom, 1 unread message");
  badge = stellar_test_template_child (sidebar_row (fixture, 1), g_type_from_name ("StellarRoomRow"), "badge");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "1");
  g_assert_false (gtk_widget_has_css_class (badge, "mention"));

  my_short_id = g_strndup (stellar_client_get_id (stellar_window_get_client (fixture->window)), 8);
  mention = g_strdup_printf ("{\"room\":\"anotherRoom\",\"message\":\"%s, are you there?\",\"from\":0}",
                             my_short_id);
  stellar_test_server_post (fixture->server, "/say", "%s", mention);
  stellar_test_wait_for (stellar_room_get_mention_count (another) == 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sidebar_row (fixture, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "anotherRoom, 2 unread messages, 1 mention");
  g_assert_true (gtk_widget_has_css_class (badge, "mention"));

  /* the room on screen counts nothing */
  g_assert_cmpuint (stellar_room_get_unread_count (room_named (fixture, "defaultRoom")), ==, 0);

  /* Alt+Down goes to it, and reads it */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-room", NULL);
  g_assert_true (stellar_room_view_get_room (STELLAR_ROOM_VIEW (fixture->room_view)) == another);
  g_assert_cmpuint (stellar_room_get_unread_count (another), ==, 0);
  g_assert_false (gtk_widget_get_visible (badge));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sidebar_row (fixture, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "anotherRoom");

  /* the mention stands out in the list, under the "new messages" line */
  stellar_test_wait_for (find_row (fixture->messages_view, "elsewhere") != NULL);
  {
    StellarMessageRow *first = find_row (fixture->messages_view, "elsewhere");
    g_autofree char *text = g_strdup_printf ("%s, are you there?", my_short_id);
    StellarMessageRow *row = find_row (fixture->messages_view, text);

    g_assert_true (gtk_widget_get_visible (find_part (first, "unread-line")));
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "mention"));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         "Mentions you");
  }
}

/* Join Room: a room the server does not have is told in the dialog, which
 * stays; a room it has is joined and shown. */
static void
test_join_room (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *sidebar = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "sidebar");
  GtkWidget *join_button = stellar_test_template_child (sidebar, STELLAR_TYPE_SIDEBAR, "join_button");
  StellarJoinRoomDialog *dialog;
  GtkWidget *name_row;
  GtkWidget *error_label;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (join_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Join Room");
  gtk_widget_activate (join_button);
  stellar_test_wait_for (stellar_test_find_toplevel (STELLAR_TYPE_JOIN_ROOM_DIALOG) != NULL);
  dialog = STELLAR_JOIN_ROOM_DIALOG (stellar_test_find_toplevel (STELLAR_TYPE_JOIN_ROOM_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Join Room");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  name_row = stellar_test_template_child (dialog, STELLAR_TYPE_JOIN_ROOM_DIALOG, "name_row");
  error_label = stellar_test_template_child (dialog, STELLAR_TYPE_JOIN_ROOM_DIALOG, "error_label");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Room Name");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "noSuchRoom");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "join-room.join", NULL);
  stellar_test_wait_for (gtk_widget_get_visible (error_label));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "does not exist"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (error_label), GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_null (room_named (fixture, "noSuchRoom"));

  /* editing takes the error away; "#room" is the room */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "#anotherRoom");
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "join-room.join", NULL);
  stellar_test_wait_for (dialog == NULL);

  g_assert_true (room_is_joined (fixture, "anotherRoom"));
  g_assert_true (stellar_room_view_get_room (STELLAR_ROOM_VIEW (fixture->room_view)) ==
                 room_named (fixture, "anotherRoom"));

  /* Leave takes it off the list */
  gtk_widget_activate_action (fixture->room_view, "room.leave", NULL);
  stellar_test_wait_for (room_named (fixture, "anotherRoom") == NULL);
}

/* A room the server refused: the composer cannot be used, and says why. */
static void
test_refused_room (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *placeholder = stellar_test_template_child (fixture->composer, STELLAR_TYPE_COMPOSER, "placeholder_label");

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  stellar_session_add_rooms (session_of (fixture), (const char *[]) { "noSuchRoom", NULL });
  stellar_test_wait_for (stellar_room_get_join_error (room_named (fixture, "noSuchRoom")) != NULL);

  stellar_window_show_room (fixture->window, room_named (fixture, "noSuchRoom"));
  g_assert_nonnull (stellar_composer_get_blocker (fixture->composer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (placeholder)),
                                   "You are not in this room"));
  g_assert_false (gtk_widget_is_sensitive (fixture->text_view));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->text_view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       stellar_composer_get_blocker (fixture->composer));
  g_assert_false (stellar_composer_send (fixture->composer));

  /* each room keeps its own draft */
  stellar_window_show_room (fixture->window, room_named (fixture, "defaultRoom"));
  g_assert_null (stellar_composer_get_blocker (fixture->composer));
  type (fixture, "a draft");
  stellar_window_show_room (fixture->window, room_named (fixture, "noSuchRoom"));
  stellar_window_show_room (fixture->window, room_named (fixture, "defaultRoom"));
  {
    g_autofree char *text = composer_text (fixture);

    g_assert_cmpstr (text, ==, "a draft");
  }
}

static gboolean
stack_shows (GtkWidget  *room_view,
             const char *page)
{
  GtkStack *stack = stellar_test_template_child (room_view, STELLAR_TYPE_ROOM_VIEW, "content_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), page) == 0;
}

/* Ctrl+F searches the room; a result opens the conversation around it. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *search_bar = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "search_bar");
  GtkWidget *entry = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "search_entry");
  GtkWidget *results = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "results_view");
  StellarRoom *room;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  room = room_named (fixture, "defaultRoom");
  for (guint i = 0; i < 30; i++)
    stellar_test_server_post (fixture->server, "/say",
                              "{\"room\":\"defaultRoom\",\"message\":\"line %u of the %s\",\"from\":0}",
                              i, i == 3 ? "needle" : "haystack");
  stellar_test_wait_for (g_list_model_get_n_items (stellar_room_get_messages (room)) == 30);

  gtk_widget_activate_action (fixture->room_view, "room.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search Messages");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (results), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search Results");

  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like it");
  stellar_test_wait_for (stack_shows (fixture->room_view, "no-results"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "NEEDLE");
  stellar_test_wait_for (stack_shows (fixture->room_view, "results"));
  stellar_test_wait_for (find_row (results, "line 3 of the needle") != NULL);

  /* Enter opens the first result: the room, with the message on screen */
  g_signal_emit_by_name (entry, "activate");
  stellar_test_wait_for (stack_shows (fixture->room_view, "messages"));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  stellar_test_wait_for (find_row (fixture->messages_view, "line 3 of the needle") != NULL);
}

static GtkAdjustment *
messages_adjustment (Fixture *fixture)
{
  GtkWidget *scroller = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "messages_scroller");

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static gboolean
at_bottom (Fixture *fixture)
{
  GtkAdjustment *adjustment = messages_adjustment (fixture);

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 1;
}

/* Whether the row of @text is in the part of the list on screen. */
static gboolean
on_screen (Fixture    *fixture,
           const char *text)
{
  GtkWidget *scroller = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "messages_scroller");
  StellarMessageRow *row = find_row (fixture->messages_view, text);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), scroller, &bounds))
    return FALSE;

  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (scroller);
}

/* The person turns the wheel, and the view moves up. */
static void
scroll_up (Fixture *fixture)
{
  GtkWidget *scroller = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "messages_scroller");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "scroll", 0.0, -10.0, &handled);
    }

  gtk_adjustment_set_value (messages_adjustment (fixture), 0);
}

static void
say_many (Fixture    *fixture,
          const char *room,
          guint       count,
          const char *prefix)
{
  for (guint i = 0; i < count; i++)
    stellar_test_server_post (fixture->server, "/say",
                              "{\"room\":\"%s\",\"message\":\"%s %u\",\"from\":0}", room, prefix, i);
}

/* The list follows new messages at the bottom; scrolled up, it stays, and
 * offers to jump to the latest. */
static void
test_follow_latest (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *jump_button = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "jump_button");
  StellarRoom *room;
  double value;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  room = room_named (fixture, "defaultRoom");

  say_many (fixture, "defaultRoom", 40, "filler");
  stellar_test_wait_for (g_list_model_get_n_items (stellar_room_get_messages (room)) == 40);
  stellar_test_wait_for (at_bottom (fixture) && on_screen (fixture, "filler 39"));
  g_assert_false (gtk_widget_get_visible (jump_button));

  scroll_up (fixture);
  stellar_test_wait_for (gtk_widget_get_visible (jump_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (jump_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Jump to Latest");

  /* what arrives does not move the view */
  value = gtk_adjustment_get_value (messages_adjustment (fixture));
  say_many (fixture, "defaultRoom", 3, "while reading");
  stellar_test_wait_for (g_list_model_get_n_items (stellar_room_get_messages (room)) == 43);
  stellar_test_sleep (200);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpfloat (gtk_adjustment_get_value (messages_adjustment (fixture)), ==, value);
  g_assert_false (on_screen (fixture, "while reading 2"));

  /* Jump to Latest */
  gtk_widget_activate (jump_button);
  stellar_test_wait_for (at_bottom (fixture) && on_screen (fixture, "while reading 2"));
  g_assert_false (gtk_widget_get_visible (jump_button));

  /* and following again */
  say_many (fixture, "defaultRoom", 3, "followed");
  stellar_test_wait_for (at_bottom (fixture) && on_screen (fixture, "followed 2"));
}

/* Coming back to a room with much unread starts at the "new messages"
 * line, not at the end. */
static void
test_back_to_unread (Fixture       *fixture,
                     gconstpointer  data)
{
  StellarRoom *another;
  StellarMessageRow *first_unread;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", "anotherRoom", NULL });
  another = room_named (fixture, "anotherRoom");
  say_many (fixture, "anotherRoom", 10, "read");
  stellar_window_show_room (fixture->window, another);
  stellar_test_wait_for (g_list_model_get_n_items (stellar_room_get_messages (another)) == 10);

  stellar_window_show_room (fixture->window, room_named (fixture, "defaultRoom"));
  say_many (fixture, "anotherRoom", 40, "unread");
  stellar_test_wait_for (stellar_room_get_unread_count (another) == 40);

  stellar_window_show_room (fixture->window, another);
  stellar_test_wait_for (on_screen (fixture, "unread 0"));
  first_unread = find_row (fixture->messages_view, "unread 0");
  g_assert_true (gtk_widget_get_visible (find_part (first_unread, "unread-line")));
  g_assert_false (at_bottom (fixture));
  g_assert_false (on_screen (fixture, "unread 39"));
  g_assert_true (gtk_widget_get_visible (stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW,
                                                                      "jump_button")));
}

static gboolean
members_shown (GtkWidget *room_info)
{
  GtkStack *stack = stellar_test_template_child (room_info, g_type_from_name ("StellarRoomInfo"), "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "members") == 0;
}

/* Room Info asks the server who is in the room. */
static void
test_room_info (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *info_button = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "info_button");
  GtkWidget *room_info = stellar_test_template_child (fixture->room_view, STELLAR_TYPE_ROOM_VIEW, "room_info");
  GtkWidget *title;
  GtkWidget *members;
  GtkListBoxRow *row;

  connect_with_rooms (fixture, (const char *[]) { "defaultRoom", NULL });
  connect_other (fixture, "defaultRoom");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (info_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Room Info");
  gtk_widget_activate_action (fixture->room_view, "room.info", NULL);
  stellar_test_wait_for (members_shown (room_info));

  title = stellar_test_template_child (room_info, g_type_from_name ("StellarRoomInfo"), "title_label");
  members = stellar_test_template_child (room_info, g_type_from_name ("StellarRoomInfo"), "members_list");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "2 Members");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (members), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Members");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (members), 0);
  g_assert_true (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "(you)"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (members), 1);
  g_assert_true (g_str_has_prefix (stellar_client_get_id (fixture->other),
                                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));

  gtk_popover_popdown (GTK_POPOVER (room_info));
}

/* A message's header: the sender's initial in the avatar, a long name
 * shortened in the header but whole for a screen reader. */
static void
test_message_header (void)
{
  const char *sender = "ünïcode-3f2a1c9e-71b4-4c2e-9d0a-5e8f6a7b8c9d";
  g_autoptr(StellarMessage) message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, sender, NULL,
                                                            g_get_real_time (), "hello");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = stellar_message_row_new (FALSE);
  g_autofree char *shortened = stellar_format_sender_name (sender);
  GtkWidget *avatar;
  GtkWidget *sender_label;

  gtk_window_set_child (GTK_WINDOW (window), row);
  stellar_message_row_set_message (STELLAR_MESSAGE_ROW (row), message);
  gtk_window_present (GTK_WINDOW (window));
  stellar_test_wait_for (gtk_widget_get_mapped (row));

  avatar = stellar_test_template_child (row, STELLAR_TYPE_MESSAGE_ROW, "avatar");
  sender_label = stellar_test_template_child (row, STELLAR_TYPE_MESSAGE_ROW, "sender_label");
  g_assert_cmpstr (stellar_sender_avatar_get_initial (STELLAR_SENDER_AVATAR (avatar)), ==, "Ü");
  g_assert_true (gtk_widget_get_visible (avatar));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sender_label)), ==, shortened);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (sender_label)), ==, PANGO_ELLIPSIZE_NONE);
  assert_row_name (STELLAR_MESSAGE_ROW (row), sender);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/room-view/message-header", test_message_header);

#define ADD_TEST(path, func) \
  g_test_add ("/app/room-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("chat", test_chat);
  ADD_TEST ("reconnecting", test_reconnecting);
  ADD_TEST ("failed-and-retry", test_failed_and_retry);
  ADD_TEST ("unread-badges", test_unread_badges);
  ADD_TEST ("join-room", test_join_room);
  ADD_TEST ("refused-room", test_refused_room);
  ADD_TEST ("search", test_search);
  ADD_TEST ("follow-latest", test_follow_latest);
  ADD_TEST ("back-to-unread", test_back_to_unread);
  ADD_TEST ("room-info", test_room_info);

#undef ADD_TEST

  return g_test_run ();
}
