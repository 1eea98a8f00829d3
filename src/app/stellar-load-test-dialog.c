/* stellar-load-test-dialog.c: Run Repeatedly, an action called many times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-chart-private.h"
#include "stellar-file-chooser.h"
#include "stellar-latency-histogram.h"
#include "stellar-load-test-dialog.h"
#include "stellar-throughput-chart.h"

/* Runs the explorer's request many times (stellar_explorer_start_load_test)
 * and shows what the explorer's load test tells: its progress while it
 * runs, its report once it ended. The run goes on a connection and a thread
 * of its own, and the test announces its progress ten times a second, never
 * per call, so the window does no work per call and stays responsive
 * however fast the calls go. Closing the dialog stops the run. */
struct _StellarLoadTestDialog
{
  AdwWindow             parent_instance;

  StellarExplorer      *explorer;
  GSignalGroup         *explorer_signals;
  GSignalGroup         *test_signals;
  GCancellable         *cancellable;
  GtkFileChooserNative *export_chooser;
  StellarLoadReportFormat export_format;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *start_button;
  GtkWidget            *stop_button;
  GtkWidget            *settings_group;
  GtkSpinButton        *count_spin;
  GtkSpinButton        *in_flight_spin;
  AdwExpanderRow       *rate_row;
  GtkSpinButton        *rate_spin;
  AdwComboRow          *transport_row;
  GtkProgressBar       *progress_bar;
  GtkWidget            *results_box;
  AdwPreferencesGroup  *results_group;
  GtkLabel             *calls_value;
  GtkLabel             *failed_value;
  GtkLabel             *rate_value;
  GtkLabel             *duration_value;
  GtkLabel             *p50_value;
  GtkLabel             *p95_value;
  GtkLabel             *p99_value;
  GtkLabel             *max_value;
  GtkWidget            *errors_group;
  GtkListBox           *errors_list;
  StellarLatencyHistogram *histogram;
  StellarThroughputChart  *throughput_chart;
};

enum {
  PROP_0,
  PROP_EXPLORER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarLoadTestDialog, stellar_load_test_dialog, ADW_TYPE_WINDOW)

static void
show_toast (StellarLoadTestDialog *self,
            const char            *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static gboolean
is_running (StellarLoadTestDialog *self)
{
  return self->explorer != NULL && stellar_explorer_get_load_running (self->explorer);
}

static StellarLoadReport *
get_report (StellarLoadTestDialog *self)
{
  return self->explorer != NULL ? stellar_explorer_get_load_report (self->explorer) : NULL;
}

/* --- the run ------------------------------------------------------------- */

static void
update_progress (StellarLoadTestDialog *self)
{
  StellarLoadTest *test = self->explorer != NULL ? stellar_explorer_get_load_test (self->explorer) : NULL;
  StellarLoadReport *report = get_report (self);
  g_autofree char *text = NULL;
  guint count;
  guint done;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), test != NULL);
  if (test == NULL)
    return;

  count = stellar_load_test_get_count (test);
  done = stellar_load_test_get_completed (test) + stellar_load_test_get_failed (test);

  if (report != NULL && stellar_load_report_get_stopped (report))
    /* Translators: calls done when the run was cancelled, of all its calls */
    text = g_strdup_printf (ngettext ("Cancelled after %u of %u call", "Cancelled after %u of %u calls", count),
                            done, count);
  else
    /* Translators: calls done so far, of all the run's calls */
    text = g_strdup_printf (ngettext ("%u of %u call", "%u of %u calls", count), done, count);

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / count);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
update_running (StellarLoadTestDialog *self)
{
  gboolean running = is_running (self);

  gtk_widget_set_visible (self->start_button, !running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_sensitive (self->settings_group, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "load-test.start", self->explorer != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "load-test.stop", running);
}

/* A run that could not open its connection ends without a report. */
static void
show_load_error (StellarLoadTestDialog *self)
{
  const char *message = stellar_explorer_get_load_error (self->explorer);

  if (message != NULL)
    show_toast (self, message);
}

static void
update_test (StellarLoadTestDialog *self)
{
  g_signal_group_set_target (self->test_signals,
                             self->explorer != NULL ? stellar_explorer_get_load_test (self->explorer) : NULL);
  update_progress (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  double rate = 0;

  if (self->explorer == NULL || is_running (self))
    return;

  if (adw_expander_row_get_enable_expansion (self->rate_row))
    rate = gtk_spin_button_get_value (self->rate_spin);

  if (!stellar_explorer_start_load_test (self->explorer,
                                         gtk_spin_button_get_value_as_int (self->count_spin),
                                         gtk_spin_button_get_value_as_int (self->in_flight_spin),
                                         rate,
                                         (StellarTransport) adw_combo_row_get_selected (self->transport_row),
                                         &error))
    show_toast (self, error->message);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (widget);

  if (self->explorer != NULL)
    stellar_explorer_stop_load_test (self->explorer);
}

/* --- the results --------------------------------------------------------- */

static void
set_figure (GtkLabel *label,
            char     *text)
{
  gtk_label_set_text (label, text);
  g_free (text);
}

static GtkWidget *
create_error_row (gpointer item,
                  gpointer user_data)
{
  StellarLoadError *error = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new (NULL);
  g_autofree char *count_text = NULL;

  /* Translators: how many calls failed with an error code */
  count_text = g_strdup_printf (ngettext ("%u call", "%u calls", stellar_load_error_get_count (error)),
                                stellar_load_error_get_count (error));
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_widget_add_css_class (count, "numeric");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stellar_load_error_get_code (error));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), stellar_load_error_get_message (error));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

  return row;
}

static void
update_report (StellarLoadTestDialog *self)
{
  StellarLoadReport *report = get_report (self);
  GListModel *errors = NULL;
  g_autofree char *description = NULL;

  /* the final count comes with the report */
  update_progress (self);

  gtk_widget_set_visible (self->results_box, report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "load-test.export", report != NULL);
  stellar_latency_histogram_set_report (self->histogram, report);
  stellar_throughput_chart_set_report (self->throughput_chart, report);

  if (report == NULL)
    {
      gtk_list_box_bind_model (self->errors_list, NULL, NULL, NULL, NULL);
      gtk_widget_set_visible (self->errors_group, FALSE);
      return;
    }

  set_figure (self->calls_value, g_strdup_printf ("%u", stellar_load_report_get_calls (report)));
  set_figure (self->failed_value, g_strdup_printf ("%u", stellar_load_report_get_failed (report)));
  set_figure (self->rate_value, g_strdup_printf (stellar_load_report_get_calls_per_second (report) >= 100 ? "%.0f" : "%.1f",
                                                 stellar_load_report_get_calls_per_second (report)));
  set_figure (self->duration_value,
              _stellar_chart_format_latency (stellar_load_report_get_duration_us (report)));
  set_figure (self->p50_value, _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 50)));
  set_figure (self->p95_value, _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 95)));
  set_figure (self->p99_value, _stellar_chart_format_latency (stellar_load_report_get_latency_us (report, 99)));
  set_figure (self->max_value, _stellar_chart_format_latency (stellar_load_report_get_max_latency_us (report)));

  /* Translators: the action that was called */
  description = g_strdup_printf (_("Calls of “%s”"), stellar_load_report_get_action (report));
  adw_preferences_group_set_description (self->results_group, description);

  errors = stellar_load_report_get_errors (report);
  gtk_list_box_bind_model (self->errors_list, errors, create_error_row, NULL, NULL);
  gtk_widget_set_visible (self->errors_group, g_list_model_get_n_items (errors) > 0);
}

/* --- export -------------------------------------------------------------- */

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!stellar_explorer_export_load_report_finish (STELLAR_EXPLORER (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stellar_load_test_dialog_export_async:
 * @self: a #StellarLoadTestDialog
 * @format: what to write
 * @file: where to write it; replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once written
 * @user_data: data for @callback
 *
 * Writes the results shown as CSV or JSON (docs/load-test.md), as the
 * Export menu does with the file chosen.
 */
void
stellar_load_test_dialog_export_async (StellarLoadTestDialog   *self,
                                       StellarLoadReportFormat  format,
                                       GFile                   *file,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_LOAD_TEST_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_load_test_dialog_export_async);

  if (self->explorer == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No run has ended yet"));
      return;
    }

  stellar_explorer_export_load_report_async (self->explorer, format, file, cancellable,
                                             on_export_written, g_steal_pointer (&task));
}

/**
 * stellar_load_test_dialog_export_finish:
 * @self: a #StellarLoadTestDialog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether the file is written
 */
gboolean
stellar_load_test_dialog_export_finish (StellarLoadTestDialog  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarLoadTestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!stellar_load_test_dialog_export_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why the file could not be written */
      message = g_strdup_printf (_("Could not export the results: %s"), error->message);
      show_toast (self, message);
      return;
    }

  show_toast (self, _("Results exported"));
}

static void
on_export_response (StellarLoadTestDialog *self,
                    int                    response,
                    GtkNativeDialog       *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);

  if (file != NULL)
    stellar_load_test_dialog_export_async (self, self->export_format, file, self->cancellable,
                                           on_exported, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (widget);
  StellarLoadReport *report = get_report (self);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *action = NULL;
  g_autofree char *name = NULL;

  if (report == NULL || self->export_chooser != NULL)
    return;

  self->export_format = csv ? STELLAR_LOAD_REPORT_FORMAT_CSV : STELLAR_LOAD_REPORT_FORMAT_JSON;
  self->export_chooser = stellar_file_chooser_new (widget, _("Export Results"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Export"), csv ? _("CSV Files") : _("JSON Files"),
                                                   csv ? "text/csv" : "application/json", csv ? "csv" : "json");

  action = g_strdup (stellar_load_report_get_action (report));
  g_strdelimit (action, "/\\:", '-');
  name = g_strdup_printf ("stellar-run-%s-%s.%s", action, time, csv ? "csv" : "json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);

  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* --- the window ---------------------------------------------------------- */

static void
set_explorer (StellarLoadTestDialog *self,
              StellarExplorer       *explorer)
{
  StellarActionRequest *request;

  if (!g_set_object (&self->explorer, explorer))
    return;

  request = stellar_explorer_get_request (explorer);
  adw_window_title_set_subtitle (self->window_title, stellar_action_request_get_action (request));
  adw_combo_row_set_selected (self->transport_row, stellar_action_request_get_transport (request));

  g_signal_group_set_target (self->explorer_signals, explorer);
  update_test (self);
  update_running (self);
  update_report (self);
}

/* A run nobody watches would go on in the background: closing stops it,
 * and the explorer keeps what it measured. */
static gboolean
stellar_load_test_dialog_close_request (GtkWindow *window)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (window);

  if (self->explorer != NULL)
    stellar_explorer_stop_load_test (self->explorer);

  return GTK_WINDOW_CLASS (stellar_load_test_dialog_parent_class)->close_request (window);
}

static void
stellar_load_test_dialog_dispose (GObject *object)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  if (self->explorer_signals != NULL)
    g_signal_group_set_target (self->explorer_signals, NULL);
  if (self->test_signals != NULL)
    g_signal_group_set_target (self->test_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_LOAD_TEST_DIALOG);

  g_clear_object (&self->explorer_signals);
  g_clear_object (&self->test_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->explorer);

  G_OBJECT_CLASS (stellar_load_test_dialog_parent_class)->dispose (object);
}

static void
stellar_load_test_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EXPLORER:
      g_value_set_object (value, self->explorer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_load_test_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StellarLoadTestDialog *self = STELLAR_LOAD_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EXPLORER:
      set_explorer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_load_test_dialog_class_init (StellarLoadTestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = stellar_load_test_dialog_dispose;
  object_class->get_property = stellar_load_test_dialog_get_property;
  object_class->set_property = stellar_load_test_dialog_set_property;

  window_class->close_request = stellar_load_test_dialog_close_request;

  /**
   * StellarLoadTestDialog:explorer:
   *
   * The explorer whose request is run, and whose load test is shown.
   */
  properties[PROP_EXPLORER] =
    g_param_spec_object ("explorer", NULL, NULL,
                         STELLAR_TYPE_EXPLORER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "load-test.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "load-test.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "load-test.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (STELLAR_TYPE_LATENCY_HISTOGRAM);
  g_type_ensure (STELLAR_TYPE_THROUGHPUT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-load-test-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, settings_group);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, in_flight_spin);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, rate_row);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, transport_row);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, calls_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, failed_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, rate_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, duration_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, p50_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, p95_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, p99_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, max_value);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, errors_group);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, errors_list);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, histogram);
  gtk_widget_class_bind_template_child (widget_class, StellarLoadTestDialog, throughput_chart);
}

static void
stellar_load_test_dialog_init (StellarLoadTestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->explorer_signals = g_signal_group_new (STELLAR_TYPE_EXPLORER);
  g_signal_group_connect_object (self->explorer_signals, "notify::load-test",
                                 G_CALLBACK (update_test), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::load-running",
                                 G_CALLBACK (update_running), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::load-report",
                                 G_CALLBACK (update_report), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::load-error",
                                 G_CALLBACK (show_load_error), self, G_CONNECT_SWAPPED);

  /* ten times a second at most (StellarLoadTest) */
  self->test_signals = g_signal_group_new (STELLAR_TYPE_LOAD_TEST);
  g_signal_group_connect_object (self->test_signals, "notify::completed",
                                 G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->test_signals, "notify::failed",
                                 G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);

  update_running (self);
  update_report (self);
}

/**
 * stellar_load_test_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @explorer: the explorer whose request is run
 *
 * Returns: (transfer none): a new dialog, for the request as it is now
 */
StellarLoadTestDialog *
stellar_load_test_dialog_new (GtkWindow       *parent,
                              StellarExplorer *explorer)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STELLAR_IS_EXPLORER (explorer), NULL);

  return g_object_new (STELLAR_TYPE_LOAD_TEST_DIALOG,
                       "transient-for", parent,
                       "explorer", explorer,
                       NULL);
}

/**
 * stellar_load_test_dialog_get_explorer:
 * @self: a #StellarLoadTestDialog
 *
 * Returns: (transfer none): the explorer whose request is run
 */
StellarExplorer *
stellar_load_test_dialog_get_explorer (StellarLoadTestDialog *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST_DIALOG (self), NULL);

  return self->explorer;
}
