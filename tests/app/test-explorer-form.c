/* test-explorer-form.c: the Actions page's form of parameters and history
 * search, as a person uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-explorer-view.h"
#include "stellar-param-form.h"
#include "stellar-param-row.h"
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

static GtkWidget *
form_child (Fixture    *fixture,
            const char *name)
{
  GObject *widget = gtk_widget_get_template_child (child (fixture, "param_form"), STELLAR_TYPE_PARAM_FORM, name);

  g_assert_nonnull (widget);

  return GTK_WIDGET (widget);
}

static GtkWidget *
row_child (GtkWidget  *row,
           const char *name)
{
  GObject *widget = gtk_widget_get_template_child (row, STELLAR_TYPE_PARAM_ROW, name);

  g_assert_nonnull (widget);

  return GTK_WIDGET (widget);
}

static StellarExplorer *
get_explorer (Fixture *fixture)
{
  return stellar_explorer_view_get_explorer (fixture->view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  StellarActionCatalog *catalog;

  fixture->settings = g_settings_new (APP_ID);
  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), NULL, "actions");
  fixture->view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (fixture->window, "actions"));
  g_assert_nonnull (get_explorer (fixture));

  /* the page reads the server's documentation once shown */
  catalog = stellar_explorer_get_catalog (get_explorer (fixture));
  stellar_test_wait_for (stellar_action_catalog_get_state (catalog) == STELLAR_ACTION_CATALOG_STATE_READY);
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

/* Presses the switcher's button called @title, as a person would. */
static void
show_parameters_as (Fixture    *fixture,
                    const char *title)
{
  GtkWidget *switcher = child (fixture, "params_switcher");

  for (GtkWidget *button = gtk_widget_get_first_child (switcher);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
          return;
        }
    }

  g_error ("no button “%s” in the parameters switcher", title);
}

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list = form_child (fixture, "field_list");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;

  return n;
}

static GtkWidget *
get_row (Fixture *fixture,
         guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (form_child (fixture, "field_list")), index);

  g_assert_nonnull (row);
  g_assert_true (STELLAR_IS_PARAM_ROW (row));

  return GTK_WIDGET (row);
}

static void
type_into (GtkWidget  *row,
           const char *child_name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, child_name)), text);
}

/* Adds a row with the button and fills it in; returns the row. */
static GtkWidget *
add_parameter (Fixture    *fixture,
               const char *name,
               const char *value)
{
  guint n_before = count_rows (fixture);
  GtkWidget *row, *focus;

  g_signal_emit_by_name (form_child (fixture, "add_button"), "clicked");
  g_assert_cmpuint (count_rows (fixture), ==, n_before + 1);
  row = get_row (fixture, n_before);
  /* ready for the name to be typed */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, row_child (row, "name_entry")));

  /* the name, then Enter, then the value */
  type_into (row, "name_entry", name);
  g_signal_emit_by_name (row_child (row, "name_entry"), "activate");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, row_child (row, "value_entry")));
  type_into (row, "value_entry", value);

  return row;
}

static gboolean
call_is_done (gpointer user_data)
{
  StellarExplorer *explorer = user_data;
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
  g_assert_true (stellar_test_iterate_until (call_is_done, get_explorer (fixture), STELLAR_TEST_TIMEOUT_MS));
}

static const char *
status_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, "status_label")));
}

static char *
params_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (fixture, "params_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_label (GtkWidget  *widget,
              const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
assert_description (GtkWidget  *widget,
                    const char *description)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
}

/* The frame the server received for the action: its parameters. */
static JsonObject *
find_received_params (Fixture    *fixture,
                      const char *action)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (fixture->server, "in");

  for (guint i = frames->len; i > 0; i--)
    {
      g_autoptr(JsonNode) node = json_from_string (g_ptr_array_index (frames, i - 1), NULL);
      JsonObject *frame, *params;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      frame = json_node_get_object (node);
      params = json_object_get_object_member (frame, "params");
      if (g_strcmp0 (json_object_get_string_member_with_default (frame, "event", NULL), "action") == 0 &&
          params != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (params, "action", NULL), action) == 0)
        return json_object_ref (params);
    }

  return NULL;
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_label (child (fixture, "params_switcher"), "Edit Parameters As");
  assert_label (form_child (fixture, "field_list"), "Parameters");
  assert_label (form_child (fixture, "add_button"), "Add Parameter");
  assert_label (child (fixture, "history_search_entry"), "Search History");
}

/* Parameters written in the form reach the server, as strings or, when
 * marked so, as JSON; the JSON editor shows the same parameters. */
static void
test_form_send (Fixture       *fixture,
                gconstpointer  data)
{
  StellarActionRequest *request = stellar_explorer_get_request (get_explorer (fixture));
  GtkWidget *params_stack = child (fixture, "params_stack");
  g_autoptr(JsonObject) received = NULL;
  g_autofree char *text = NULL;
  GtkWidget *message, *count;

  show_parameters_as (fixture, "Form");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (params_stack)) == child (fixture, "param_form"));
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "action_entry")), "echo");
  g_assert_cmpuint (count_rows (fixture), ==, 0);

  message = add_parameter (fixture, "message", "hi from the form");
  assert_label (message, "message");
  assert_label (row_child (message, "name_entry"), "Parameter message");
  assert_label (row_child (message, "value_entry"), "Value of message");
  assert_label (row_child (message, "raw_button"), "JSON Value of message");
  assert_label (row_child (message, "remove_button"), "Remove message");

  count = add_parameter (fixture, "count", "3");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row_child (count, "raw_button")), TRUE);
  add_parameter (fixture, "unwanted", "x");
  g_assert_cmpuint (count_rows (fixture), ==, 3);
  g_signal_emit_by_name (row_child (get_row (fixture, 2), "remove_button"), "clicked");
  g_assert_cmpuint (count_rows (fixture), ==, 2);

  /* the same request, as JSON */
  text = params_text (fixture);
  g_assert_cmpstr (text, ==, "{\n  \"message\": \"hi from the form\",\n  \"count\": 3\n}");
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==, text);

  click_send (fixture);
  g_assert_cmpstr (status_text (fixture), ==, "OK");

  received = find_received_params (fixture, "echo");
  g_assert_nonnull (received);
  g_assert_cmpstr (json_object_get_string_member (received, "message"), ==, "hi from the form");
  g_assert_cmpint (json_object_get_int_member (received, "count"), ==, 3);
  g_assert_false (json_object_has_member (received, "unwanted"));

  /* JSON written in the editor shows in the form */
  show_parameters_as (fixture, "JSON");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (params_stack)) != child (fixture, "param_form"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (fixture, "params_view"))),
                            "{\"message\": \"edited\"}", -1);
  show_parameters_as (fixture, "Form");
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (get_row (fixture, 0), "value_entry"))), ==,
                   "edited");
}

/* A required parameter left out: the action's documented row shows the
 * server's complaint until it is filled in. */
static void
test_required_error (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) received = NULL;
  GtkWidget *row, *value_entry, *error_label;

  show_parameters_as (fixture, "Form");
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "action_entry")), "input-require");

  /* the documentation's input, to fill in */
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  row = get_row (fixture, 0);
  value_entry = row_child (row, "value_entry");
  error_label = row_child (row, "error_label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_child (row, "name_entry"))), ==, "value");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, "details_label"))), ==, "Required · Any text");
  assert_description (row, "Required · Any text");
  g_assert_false (gtk_widget_get_visible (error_label));

  click_send (fixture);
  g_assert_true (g_str_has_prefix (status_text (fixture), "Error"));

  /* the error, on the row */
  g_assert_true (get_row (fixture, 0) == row);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "The value field is required.");
  g_assert_true (gtk_widget_has_css_class (value_entry, "error"));
  assert_description (row, "The value field is required.");
  assert_description (value_entry, "The value field is required.");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (value_entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);

  /* gone once the person writes in it */
  gtk_editable_set_text (GTK_EDITABLE (value_entry), "given");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (value_entry, "error"));
  assert_description (row, "Required · Any text");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (value_entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);

  click_send (fixture);
  g_assert_cmpstr (status_text (fixture), ==, "OK");
  received = find_received_params (fixture, "input-require");
  g_assert_nonnull (received);
  g_assert_cmpstr (json_object_get_string_member (received, "value"), ==, "given");
  g_assert_false (gtk_widget_get_visible (error_label));
}

static guint
count_history (Fixture *fixture)
{
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (child (fixture, "history_list")));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static StellarCall *
history_item (Fixture *fixture,
              guint    position)
{
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (child (fixture, "history_list")));
  StellarCall *call = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (call);
  g_object_unref (call);  /* the history keeps it */
  return call;
}

static void
send_request (Fixture    *fixture,
              const char *action,
              const char *params)
{
  GtkTextView *params_view = GTK_TEXT_VIEW (child (fixture, "params_view"));

  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "action_entry")), action);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (params_view), params, -1);
  click_send (fixture);
}

/* Typing in the search field narrows the History list down to the calls
 * that match; picking one of them shows it. */
static void
test_history_search (Fixture       *fixture,
                     gconstpointer  data)
{
  StellarExplorer *explorer = get_explorer (fixture);
  GtkEditable *search_entry = GTK_EDITABLE (child (fixture, "history_search_entry"));
  StellarCall *found;

  send_request (fixture, "echo", "{\"message\": \"apples\"}");
  send_request (fixture, "echo", "{\"message\": \"pears\"}");
  send_request (fixture, "status", "{}");
  g_assert_cmpuint (count_history (fixture), ==, 3);

  gtk_editable_set_text (search_entry, "apples");
  stellar_test_wait_for (count_history (fixture) == 1);
  found = history_item (fixture, 0);
  g_assert_cmpstr (stellar_call_get_params_text (found), ==, "{\"message\": \"apples\"}");

  gtk_editable_set_text (search_entry, "echo");
  stellar_test_wait_for (count_history (fixture) == 2);

  /* picking a call found shows it */
  g_signal_emit_by_name (child (fixture, "history_list"), "activate", 1);
  g_assert_true (stellar_explorer_get_current_call (explorer) == history_item (fixture, 1));
  g_assert_cmpstr (stellar_call_get_params_text (stellar_explorer_get_current_call (explorer)), ==,
                   "{\"message\": \"apples\"}");

  gtk_editable_set_text (search_entry, "nothing-of-the-sort");
  stellar_test_wait_for (count_history (fixture) == 0);

  gtk_editable_set_text (search_entry, "");
  stellar_test_wait_for (count_history (fixture) == 3);
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
  g_test_add ("/app/explorer-form/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("accessible-names", test_accessible_names);
  ADD_TEST ("form-send", test_form_send);
  ADD_TEST ("required-error", test_required_error);
  ADD_TEST ("history-search", test_history_search);

#undef ADD_TEST

  return g_test_run ();
}
