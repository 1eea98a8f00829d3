/* test-load-test-dialog.c: Run Repeatedly, as a person uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "stellar-app-test-utils.h"
#include "stellar-explorer-view.h"
#include "stellar-latency-histogram.h"
#include "stellar-load-test-dialog.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-throughput-chart.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

typedef struct {
  GSettings             *settings;
  StellarTestServer     *server;
  StellarWindow         *window;
  StellarExplorerView   *view;
  StellarExplorer       *explorer;
  StellarLoadTestDialog *dialog;
  char                  *folder;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = stellar_app_test_make_folder ();
  fixture->settings = g_settings_new (APP_ID);
  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), NULL, "actions");
  fixture->view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (fixture->window, "actions"));
  g_assert_nonnull (stellar_explorer_view_get_explorer (fixture->view));
  fixture->explorer = stellar_explorer_view_get_explorer (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      g_assert_finalize_object (fixture->dialog);
    }
  stellar_test_window_close (fixture->window);
  g_clear_pointer (&fixture->server, stellar_test_server_stop);
  g_settings_reset (fixture->settings, "recent-servers");
  g_clear_object (&fixture->settings);
  stellar_app_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                   STELLAR_TYPE_LOAD_TEST_DIALOG, name);

  g_assert_nonnull (widget);

  return GTK_WIDGET (widget);
}

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                   STELLAR_TYPE_EXPLORER_VIEW, name);

  g_assert_nonnull (widget);

  return GTK_WIDGET (widget);
}

/* The button that runs @action_name, wherever it is under @widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child, action_name);

      if (button != NULL)
        return button;
    }

  return NULL;
}

static GtkWidget *
find_run_repeatedly_button (Fixture *fixture)
{
  GtkWidget *button = find_button (GTK_WIDGET (fixture->view), "explorer.run-repeatedly");

  g_assert_nonnull (button);

  return button;
}

/* Types the request on the Actions page, then opens Run Repeatedly from
 * the button beside Send. */
static void
open_dialog (Fixture    *fixture,
             const char *action,
             const char *params)
{
  GtkWidget *button = find_run_repeatedly_button (fixture);
  GtkWidget *params_view = view_child (fixture, "params_view");
  GtkWidget *action_entry = view_child (fixture, "action_entry");

  gtk_editable_set_text (GTK_EDITABLE (action_entry), action);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (params_view)), params, -1);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Run Repeatedly");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  fixture->dialog = g_object_ref (STELLAR_LOAD_TEST_DIALOG (stellar_test_find_toplevel (STELLAR_TYPE_LOAD_TEST_DIALOG)));
  g_assert_nonnull (fixture->dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (stellar_load_test_dialog_get_explorer (fixture->dialog) == fixture->explorer);
  stellar_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
}

static void
set_up_run (Fixture          *fixture,
            guint             count,
            guint             in_flight,
            StellarTransport  transport)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "count_spin")), count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "in_flight_spin")), in_flight);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "transport_row")), transport);
}

static void
click_start (Fixture *fixture)
{
  GtkWidget *start_button = child (fixture, "start_button");

  g_assert_true (gtk_widget_get_visible (start_button));
  g_assert_true (gtk_widget_is_sensitive (start_button));
  g_signal_emit_by_name (start_button, "clicked");

  g_assert_true (stellar_explorer_get_load_running (fixture->explorer));
  g_assert_false (gtk_widget_get_visible (start_button));
  g_assert_true (gtk_widget_get_visible (child (fixture, "stop_button")));
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "settings_group")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "progress_bar")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_box")));
}

static void
wait_for_end (Fixture *fixture)
{
  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));

  g_assert_true (gtk_widget_get_visible (child (fixture, "start_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "stop_button")));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "settings_group")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "results_box")));
}

static const char *
figure (Fixture    *fixture,
        const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static const char *
progress_text (Fixture *fixture)
{
  return gtk_progress_bar_get_text (GTK_PROGRESS_BAR (child (fixture, "progress_bar")));
}

/* What a screen reader is told about a chart (an empty expected value never
 * matches a description, so the check hands back the one set). */
static char *
dup_description (GtkWidget *widget)
{
  char *description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");

  g_assert_nonnull (description);
  g_test_message ("%s: %s", G_OBJECT_TYPE_NAME (widget), description);

  return description;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static void
count_change (guint *count)
{
  (*count)++;
}

static void
export (Fixture                 *fixture,
        StellarLoadReportFormat  format,
        GFile                   *file)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_dialog_export_async (fixture->dialog, format, file, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_load_test_dialog_export_finish (fixture->dialog, result, &error));
  g_assert_no_error (error);
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *progress_bar;
  GtkWidget *histogram;
  GtkWidget *chart;
  g_autofree char *histogram_description = NULL;
  g_autofree char *chart_description = NULL;
  g_autofree char *json_path = g_build_filename (fixture->folder, "run.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->folder, "run.csv", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  guint progress_updates = 0;
  const char *latencies[] = { "p50_value", "p95_value", "p99_value", "max_value" };

  open_dialog (fixture, "echo", "{\"message\": \"load\"}");
  progress_bar = child (fixture, "progress_bar");
  g_assert_false (gtk_widget_get_visible (progress_bar));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_box")));

  set_up_run (fixture, 200, 5, STELLAR_TRANSPORT_WEBSOCKET);
  g_signal_connect_swapped (progress_bar, "notify::fraction", G_CALLBACK (count_change), &progress_updates);
  click_start (fixture);
  g_assert_true (g_str_has_suffix (progress_text (fixture), " of 200 calls"));

  wait_for_end (fixture);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress_bar)), ==, 1.0);
  g_assert_cmpstr (progress_text (fixture), ==, "200 of 200 calls");
  /* the bar moves a few times a second, not per call */
  g_test_message ("progress updates: %u", progress_updates);
  g_assert_cmpuint (progress_updates, >=, 1);
  g_assert_cmpuint (progress_updates, <, 50);

  g_assert_cmpstr (figure (fixture, "calls_value"), ==, "200");
  g_assert_cmpstr (figure (fixture, "failed_value"), ==, "0");
  g_assert_cmpfloat (g_ascii_strtod (figure (fixture, "rate_value"), NULL), >, 0);
  g_test_message ("%s calls/s in %s; p50 %s, p95 %s, p99 %s, max %s",
                  figure (fixture, "rate_value"), figure (fixture, "duration_value"),
                  figure (fixture, "p50_value"), figure (fixture, "p95_value"),
                  figure (fixture, "p99_value"), figure (fixture, "max_value"));
  for (guint i = 0; i < G_N_ELEMENTS (latencies); i++)
    g_assert_true (g_str_has_suffix (figure (fixture, latencies[i]), " ms") ||
                   g_str_has_suffix (figure (fixture, latencies[i]), " s"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "errors_group")));

  /* the charts draw the report, and tell a screen reader what they show */
  histogram = child (fixture, "histogram");
  chart = child (fixture, "throughput_chart");
  g_assert_true (gtk_widget_get_mapped (histogram));
  g_assert_true (gtk_widget_get_mapped (chart));
  g_assert_nonnull (stellar_latency_histogram_get_report (STELLAR_LATENCY_HISTOGRAM (histogram)));
  g_assert_true (stellar_throughput_chart_get_report (STELLAR_THROUGHPUT_CHART (chart)) ==
                 stellar_explorer_get_load_report (fixture->explorer));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (histogram), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (histogram), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Latency Histogram");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Calls over Time");
  histogram_description = dup_description (histogram);
  g_assert_true (g_str_has_prefix (histogram_description, "200 calls took from "));
  g_assert_nonnull (strstr (histogram_description, "half within "));
  chart_description = dup_description (chart);
  g_assert_true (g_str_has_prefix (chart_description, "200 calls in "));
  g_assert_true (g_str_has_suffix (chart_description, "; none failed."));

  /* both files, through the export the file chooser leads to */
  export (fixture, STELLAR_LOAD_REPORT_FORMAT_CSV, csv_file);
  csv = read_file (csv_file);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "call,start_ms,latency_ms,error");
  /* a header, 200 calls, and the end of the last line */
  g_assert_cmpuint (g_strv_length (lines), ==, 202);
  g_assert_true (g_str_has_prefix (lines[200], "200,"));
  g_assert_true (g_str_has_suffix (lines[200], ","));

  export (fixture, STELLAR_LOAD_REPORT_FORMAT_JSON, json_file);
  json = read_file (json_file);
  parsed = json_from_string (json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (parsed);
  g_assert_cmpstr (json_object_get_string_member (root, "action"), ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (root, "transport"), ==, "websocket");
  g_assert_cmpint (json_object_get_int_member (root, "inFlight"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "calls"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (root, "failed"), ==, 0);
  g_assert_false (json_object_get_boolean_member (root, "stopped"));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  StellarLoadReport *report;
  g_autofree char *calls = NULL;

  open_dialog (fixture, "echo", "");
  set_up_run (fixture, 1000000, 5, STELLAR_TRANSPORT_AUTO);
  click_start (fixture);
  stellar_test_wait_for (stellar_load_test_get_completed (stellar_explorer_get_load_test (fixture->explorer)) > 0);

  /* Cancel stops the run and keeps what it measured */
  g_signal_emit_by_name (child (fixture, "stop_button"), "clicked");
  wait_for_end (fixture);
  report = stellar_explorer_get_load_report (fixture->explorer);
  g_assert_nonnull (report);
  g_assert_true (stellar_load_report_get_stopped (report));
  g_assert_cmpuint (stellar_load_report_get_calls (report), >, 0);
  g_assert_cmpuint (stellar_load_report_get_calls (report), <, 1000000);
  calls = g_strdup_printf ("%u", stellar_load_report_get_calls (report));
  g_assert_cmpstr (figure (fixture, "calls_value"), ==, calls);
  g_assert_cmpstr (figure (fixture, "failed_value"), ==, "0");
  g_assert_true (g_str_has_prefix (progress_text (fixture), "Cancelled after "));
  g_assert_true (g_str_has_suffix (progress_text (fixture), " of 1000000 calls"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (fixture, "progress_bar"))), <, 1.0);

  /* a run again, then closing the dialog stops it too */
  click_start (fixture);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_finalize_object (g_steal_pointer (&fixture->dialog));
  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));
  g_assert_true (stellar_load_report_get_stopped (stellar_explorer_get_load_report (fixture->explorer)));
}

static void
test_errors_by_code (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *errors_list;
  GtkWidget *row;
  GtkWidget *histogram;
  g_autofree char *description = NULL;

  open_dialog (fixture, "noSuchAction", "{}");
  set_up_run (fixture, 30, 3, STELLAR_TRANSPORT_AUTO);
  click_start (fixture);
  wait_for_end (fixture);

  g_assert_cmpstr (progress_text (fixture), ==, "30 of 30 calls");
  g_assert_cmpstr (figure (fixture, "calls_value"), ==, "30");
  g_assert_cmpstr (figure (fixture, "failed_value"), ==, "30");

  /* one code, the server's, with its message and its count */
  g_assert_true (gtk_widget_get_visible (child (fixture, "errors_group")));
  errors_list = child (fixture, "errors_list");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (errors_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Errors by Code");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (errors_list), 0));
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (errors_list), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "004");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "noSuchAction"));
  g_assert_true (has_label (row, "30 calls"));

  description = dup_description (child (fixture, "throughput_chart"));
  g_assert_true (g_str_has_suffix (description, "; 30 failed."));

  /* failed calls took time too: the histogram shows them */
  histogram = child (fixture, "histogram");
  g_free (description);
  description = dup_description (histogram);
  g_assert_true (g_str_has_prefix (description, "30 calls took from "));
}

/* The label under @widget whose text holds @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child, text);

      if (label != NULL)
        return label;
    }

  return NULL;
}

static void
test_no_connection (Fixture       *fixture,
                    gconstpointer  data)
{
  open_dialog (fixture, "echo", "{}");

  /* the server went away: the run cannot open its connection */
  g_clear_pointer (&fixture->server, stellar_test_server_stop);
  set_up_run (fixture, 10, 5, STELLAR_TRANSPORT_WEBSOCKET);
  click_start (fixture);
  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));

  /* it ends without a report, and the dialog says why */
  g_assert_true (gtk_widget_get_visible (child (fixture, "start_button")));
  g_assert_null (stellar_explorer_get_load_report (fixture->explorer));
  g_assert_false (gtk_widget_get_visible (child (fixture, "results_box")));
  stellar_test_wait_for (find_label (GTK_WIDGET (fixture->dialog), "Could not open the run’s connection") != NULL);
}

/* What cannot be sent cannot be run repeatedly either. */
static void
test_invalid_params (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *params_view = view_child (fixture, "params_view");
  GtkWidget *button = find_run_repeatedly_button (fixture);

  GtkWidget *action_entry = view_child (fixture, "action_entry");

  /* nothing to run without an action, nor with parameters that are not JSON */
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (action_entry), "echo");
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (params_view)), "{\"n\": tru}", -1);
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.run-repeatedly", NULL);
  g_assert_null (stellar_test_find_toplevel (STELLAR_TYPE_LOAD_TEST_DIALOG));
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
  g_test_add ("/app/load-test-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("echo", test_echo);
  ADD_TEST ("cancel", test_cancel);
  ADD_TEST ("errors-by-code", test_errors_by_code);
  ADD_TEST ("invalid-params", test_invalid_params);
  ADD_TEST ("no-connection", test_no_connection);

#undef ADD_TEST

  return g_test_run ();
}
