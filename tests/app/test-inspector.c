/* test-inspector.c: the protocol inspector, as a developer uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-frame.h"
#include "stellar-inspector-view.h"
#include "stellar-message-row.h"
#include "stellar-session.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

typedef struct {
  StellarTestServer    *server;
  StellarWindow        *window;
  StellarInspectorView *view;
  GListModel           *frames;  /* what the list shows */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *frames_view;

  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), data, "inspector");
  fixture->view = STELLAR_INSPECTOR_VIEW (stellar_window_get_page (fixture->window, "inspector"));
  frames_view = stellar_test_template_child (fixture->view, STELLAR_TYPE_INSPECTOR_VIEW, "frames_view");
  fixture->frames = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (frames_view)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stellar_test_window_close (fixture->window);
  g_clear_pointer (&fixture->server, stellar_test_server_stop);
}

static void
on_action_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  JsonNode **response = user_data;
  g_autoptr(GError) error = NULL;

  *response = stellar_client_action_finish (STELLAR_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static void
call_echo (Fixture    *fixture,
           const char *word)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonNode) response = NULL;

  json_object_set_string_member (params, "word", word);
  stellar_client_action_async (stellar_window_get_client (fixture->window), "echo", params,
                               NULL, on_action_done, &response);
  stellar_test_wait_for (response != NULL);
}

/* The frame the list shows whose text has @needle, or NULL. */
static StellarFrame *
find_frame (Fixture    *fixture,
            gboolean    outgoing,
            const char *needle)
{
  for (guint i = 0; i < g_list_model_get_n_items (fixture->frames); i++)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (fixture->frames, i);

      if (stellar_frame_get_outgoing (frame) == outgoing &&
          strstr (stellar_frame_get_text (frame), needle) != NULL)
        return frame;
    }

  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *needle;
} FindData;

static gboolean
response_is_shown (gpointer user_data)
{
  FindData *find = user_data;

  return find_frame (find->fixture, FALSE, find->needle) != NULL;
}

static void
test_call_paired (Fixture       *fixture,
                  gconstpointer  data)
{
  FindData find = { fixture, "paired-word" };
  StellarFrame *request;
  StellarFrame *response;

  call_echo (fixture, "paired-word");
  g_assert_true (stellar_test_iterate_until (response_is_shown, &find, STELLAR_TEST_TIMEOUT_MS));

  request = find_frame (fixture, TRUE, "paired-word");
  response = find_frame (fixture, FALSE, "paired-word");
  g_assert_nonnull (request);
  g_assert_nonnull (response);
  g_assert_cmpuint (stellar_frame_get_peer_id (request), ==, stellar_frame_get_id (response));
  g_assert_cmpuint (stellar_frame_get_peer_id (response), ==, stellar_frame_get_id (request));
  g_assert_cmpint (stellar_frame_get_latency_ms (response), >=, 0);
  g_assert_nonnull (strstr (stellar_frame_get_label (request), "echo"));

  /* heartbeats are hidden by default */
  for (guint i = 0; i < g_list_model_get_n_items (fixture->frames); i++)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (fixture->frames, i);

      g_assert_false (g_str_has_prefix (stellar_frame_get_text (frame), "\"primus::ping"));
      g_assert_false (g_str_has_prefix (stellar_frame_get_text (frame), "\"primus::pong"));
    }
}

static gboolean
list_is_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_list_model_get_n_items (fixture->frames) == 0;
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  FindData find = { fixture, "second-word" };
  GtkWidget *entry = stellar_test_template_child (fixture->view, STELLAR_TYPE_INSPECTOR_VIEW, "filter_entry");

  call_echo (fixture, "first-word");
  call_echo (fixture, "second-word");
  g_assert_true (stellar_test_iterate_until (response_is_shown, &find, STELLAR_TEST_TIMEOUT_MS));
  g_assert_nonnull (find_frame (fixture, FALSE, "first-word"));

  /* the entry tells its change after a short pause: wait for the list */
  gtk_editable_set_text (GTK_EDITABLE (entry), "second-word");
  stellar_test_wait_for (find_frame (fixture, FALSE, "first-word") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->frames), ==, 2);
  g_assert_nonnull (find_frame (fixture, TRUE, "second-word"));
  g_assert_nonnull (find_frame (fixture, FALSE, "second-word"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing-says-this");
  stellar_test_wait_for (g_list_model_get_n_items (fixture->frames) == 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  stellar_test_wait_for (find_frame (fixture, FALSE, "first-word") != NULL);

  /* the kinds: hiding actions hides both frames of a call */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (stellar_test_template_child (fixture->view,
                                                                              STELLAR_TYPE_INSPECTOR_VIEW,
                                                                              "actions_check")),
                               FALSE);
  stellar_test_wait_for (find_frame (fixture, FALSE, "first-word") == NULL);
  g_assert_null (find_frame (fixture, TRUE, "second-word"));
}

static void
test_pause (Fixture       *fixture,
            gconstpointer  data)
{
  FindData find = { fixture, "after-pause" };
  StellarFrameLog *log = stellar_session_get_frame_log (stellar_window_get_session (fixture->window));
  GtkWidget *pause_button = stellar_test_template_child (fixture->view, STELLAR_TYPE_INSPECTOR_VIEW,
                                                         "pause_button");

  /* a button clicks when its press animation ends */
  gtk_widget_activate (pause_button);
  stellar_test_wait_for (stellar_frame_log_get_paused (log));

  call_echo (fixture, "after-pause");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* kept, not shown */
  g_assert_null (find_frame (fixture, FALSE, "after-pause"));
  g_assert_cmpuint (stellar_frame_log_get_held_back (log), >=, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "inspector.resume", NULL);
  g_assert_false (stellar_frame_log_get_paused (log));
  g_assert_true (stellar_test_iterate_until (response_is_shown, &find, STELLAR_TEST_TIMEOUT_MS));
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  FindData find = { fixture, "to-clear" };

  call_echo (fixture, "to-clear");
  g_assert_true (stellar_test_iterate_until (response_is_shown, &find, STELLAR_TEST_TIMEOUT_MS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "inspector.clear", NULL);
  g_assert_true (stellar_test_iterate_until (list_is_empty, fixture, STELLAR_TEST_TIMEOUT_MS));
}

static GtkWidget *
find_message_row (GtkWidget      *widget,
                  StellarMessage *message)
{
  if (STELLAR_IS_MESSAGE_ROW (widget) &&
      stellar_message_row_get_message (STELLAR_MESSAGE_ROW (widget)) == message)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_message_row (child, message);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_inspect_message (Fixture       *fixture,
                      gconstpointer  data)
{
  StellarSession *session = stellar_window_get_session (fixture->window);
  GtkWidget *content = stellar_test_template_child (fixture->window, STELLAR_TYPE_WINDOW, "content_stack");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (fixture->frames);
  StellarRoom *room;
  StellarMessage *message;
  GtkWidget *row;
  StellarFrame *frame;

  stellar_test_wait_for ((room = stellar_session_lookup_room (session, "defaultRoom")) != NULL &&
                         stellar_room_get_joined (room));
  stellar_window_show_room (fixture->window, room);

  message = stellar_session_send_message (session, room, "look at my frame");
  g_assert_cmpuint (stellar_message_get_frame_id (message), !=, 0);
  stellar_test_wait_for ((row = find_message_row (GTK_WIDGET (fixture->window), message)) != NULL);

  /* a filter that hides the frame is lifted */
  gtk_editable_set_text (GTK_EDITABLE (stellar_test_template_child (fixture->view, STELLAR_TYPE_INSPECTOR_VIEW,
                                                                    "filter_entry")),
                         "nothing-says-this");
  g_assert_true (gtk_widget_activate_action (row, "message-row.inspect-frame", NULL));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "inspector");
  frame = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (frame);
  g_assert_cmpuint (stellar_frame_get_id (frame), ==, stellar_message_get_frame_id (message));
  g_assert_true (stellar_frame_get_outgoing (frame));
  g_assert_nonnull (strstr (stellar_frame_get_text (frame), "look at my frame"));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const rooms[] = { "defaultRoom", NULL };

  if (stellar_app_test_skip_without_display ())
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, data, func) \
  g_test_add ("/app/inspector/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("call-paired", NULL, test_call_paired);
  ADD_TEST ("filter", NULL, test_filter);
  ADD_TEST ("pause", NULL, test_pause);
  ADD_TEST ("clear", NULL, test_clear);
  ADD_TEST ("inspect-message", rooms, test_inspect_message);

#undef ADD_TEST

  return g_test_run ();
}
