/* test-explorer-view.c: the Actions page, as a person uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "stellar-app-test-utils.h"
#include "stellar-explorer-view.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

typedef struct {
  GSettings           *settings;
  StellarTestServer   *server;
  StellarWindow       *window;
  StellarExplorerView *view;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return stellar_test_template_child (fixture->view, STELLAR_TYPE_EXPLORER_VIEW, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), NULL, "actions");
  fixture->view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (fixture->window, "actions"));
  g_assert_nonnull (stellar_explorer_view_get_explorer (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stellar_test_window_close (fixture->window);
  g_clear_pointer (&fixture->server, stellar_test_server_stop);
  g_settings_reset (fixture->settings, "recent-servers");
  g_clear_object (&fixture->settings);
}

/* Types the action and its parameters as a person would. */
static void
write_request (Fixture    *fixture,
               const char *action,
               const char *params)
{
  GtkTextView *params_view = GTK_TEXT_VIEW (child (fixture, "params_view"));

  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "action_entry")), action);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (params_view), params, -1);
}

static gboolean
call_is_done (gpointer user_data)
{
  StellarExplorer *explorer = stellar_explorer_view_get_explorer (user_data);
  StellarCall *call = stellar_explorer_get_current_call (explorer);

  return call != NULL && stellar_call_get_status (call) != STELLAR_CALL_STATUS_PENDING &&
         !stellar_explorer_get_sending (explorer);
}

static void
click_send (Fixture *fixture)
{
  GtkWidget *send_button = child (fixture, "send_button");

  g_assert_true (gtk_widget_is_sensitive (send_button));
  g_signal_emit_by_name (send_button, "clicked");
  g_assert_true (stellar_explorer_get_sending (stellar_explorer_view_get_explorer (fixture->view)));
  g_assert_true (gtk_widget_get_visible (child (fixture, "cancel_button")));
  g_assert_true (stellar_test_iterate_until (call_is_done, fixture->view, STELLAR_TEST_TIMEOUT_MS));
}

static const char *
status_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, "status_label")));
}

static guint
count_items (GtkWidget *list_view)
{
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static void
assert_accessible_name (Fixture    *fixture,
                        const char *child_name,
                        const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (fixture, child_name)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

/* The names ui.md gives the page's widgets. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_accessible_name (fixture, "action_entry", "Action");
  assert_accessible_name (fixture, "params_view", "Parameters");
  assert_accessible_name (fixture, "transport_dropdown", "Transport");
  assert_accessible_name (fixture, "send_button", "Send Action");
  assert_accessible_name (fixture, "response_box", "Response");
  assert_accessible_name (fixture, "history_list", "History");
  assert_accessible_name (fixture, "curl_button", "Copy as curl");
}

static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  StellarExplorer *explorer = stellar_explorer_view_get_explorer (fixture->view);
  StellarActionRequest *request = stellar_explorer_get_request (explorer);
  GtkWidget *response_list = child (fixture, "response_list");
  GtkWidget *history_list = child (fixture, "history_list");
  StellarCall *first;

  g_assert_cmpstr (status_text (fixture), ==, "No response yet");
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "send_button")));

  /* what is typed is the request */
  write_request (fixture, "echo", "{\"message\": \"hi\", \"n\": 3}");
  g_assert_cmpstr (stellar_action_request_get_action (request), ==, "echo");
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==, "{\"message\": \"hi\", \"n\": 3}");

  /* the transport chosen is the request's */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "transport_dropdown")), 2);
  g_assert_cmpint (stellar_action_request_get_transport (request), ==, STELLAR_TRANSPORT_HTTP);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "transport_dropdown")), 1);
  g_assert_cmpint (stellar_action_request_get_transport (request), ==, STELLAR_TRANSPORT_WEBSOCKET);

  click_send (fixture);
  g_assert_cmpstr (status_text (fixture), ==, "OK");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (fixture, "meta_label"))), "ms"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "cancel_button")));

  /* the tree shows the answer's members, the echoed one among them */
  g_assert_cmpuint (count_items (response_list), >, 0);
  g_assert_nonnull (strstr (stellar_call_get_response_text (stellar_explorer_get_current_call (explorer)),
                            "\"echo\":\"hi\""));
  g_assert_cmpuint (count_items (history_list), ==, 1);
  first = stellar_explorer_get_current_call (explorer);

  /* another call, then the first one again from the history */
  write_request (fixture, "noSuchAction", "{}");
  click_send (fixture);
  g_assert_true (g_str_has_prefix (status_text (fixture), "Error 004: "));
  g_assert_cmpuint (count_items (history_list), ==, 2);

  g_signal_emit_by_name (history_list, "activate", 1);
  g_assert_true (stellar_explorer_get_current_call (explorer) == first);
  g_assert_cmpstr (status_text (fixture), ==, "OK");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fixture, "action_entry"))), ==, "echo");
}

static void
test_invalid_json (Fixture       *fixture,
                   gconstpointer  data)
{
  StellarExplorer *explorer = stellar_explorer_view_get_explorer (fixture->view);
  GtkWidget *send_button = child (fixture, "send_button");
  GtkWidget *validation_label = child (fixture, "validation_label");
  const char *message;

  write_request (fixture, "echo", "{\n  \"message\": \"hi\",\n  \"n\": tru\n}");
  g_assert_false (gtk_widget_is_sensitive (send_button));
  g_assert_true (gtk_widget_get_visible (validation_label));
  message = gtk_label_get_text (GTK_LABEL (validation_label));
  g_test_message ("Invalid JSON: %s", message);
  g_assert_true (g_str_has_prefix (message, "Line 3, column "));

  /* Ctrl+Enter sends nothing either */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.send", NULL);
  g_assert_null (stellar_explorer_get_current_call (explorer));
  g_assert_cmpuint (count_items (child (fixture, "history_list")), ==, 0);

  /* fixed, it can be sent */
  write_request (fixture, "echo", "{\n  \"message\": \"hi\",\n  \"n\": true\n}");
  g_assert_false (gtk_widget_get_visible (validation_label));
  click_send (fixture);
  g_assert_cmpstr (status_text (fixture), ==, "OK");
}

static void
test_missing_param (Fixture       *fixture,
                    gconstpointer  data)
{
  write_request (fixture, "input-require", "{}");
  click_send (fixture);
  g_test_message ("Missing parameter: %s", status_text (fixture));
  g_assert_true (g_str_has_prefix (status_text (fixture), "Error"));
  g_assert_nonnull (strstr (status_text (fixture), "The value field is required."));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "status_label"), "error"));
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

#define ADD_TEST(path, func) \
  g_test_add ("/app/explorer-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("accessible-names", test_accessible_names);
  ADD_TEST ("echo", test_echo);
  ADD_TEST ("invalid-json", test_invalid_json);
  ADD_TEST ("missing-param", test_missing_param);

#undef ADD_TEST

  return g_test_run ();
}
