/* bench-load-runner.c: Run Repeatedly in the app's window, measured
 *
 *   bench-load-runner URL COUNT WARMUP [IN_FLIGHT]
 *     Opens the app's window (StellarWindow) on URL, types `echo` and its
 *     parameters on the Actions page, opens Run Repeatedly from the page's
 *     button and runs WARMUP calls, then COUNT calls, IN_FLIGHT (5) at a
 *     time, with the dialog's Start: the code path a person's click takes.
 *     A 10 ms timer measures how late the main loop runs it during the
 *     measured run.
 *
 * Prints one JSON line of figures (run-app-benchmarks reads it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bench-common.h"
#include "stellar-explorer-view.h"
#include "stellar-load-test-dialog.h"
#include "stellar-window.h"

#define TIMER_INTERVAL_MS 10
#define WATCHDOG_SECONDS 900

typedef struct {
  gint64  last_us;
  GArray *lateness_ms;
} Timer;

static gboolean
watchdog (gpointer user_data)
{
  g_printerr ("bench-load-runner: no result after %d s\n", WATCHDOG_SECONDS);
  exit (1);
}

static gboolean
on_timer (gpointer user_data)
{
  Timer *timer = user_data;
  gint64 now = g_get_monotonic_time ();
  double late = MAX (0, (now - timer->last_us) / 1000.0 - TIMER_INTERVAL_MS);

  g_array_append_val (timer->lateness_ms, late);
  timer->last_us = now;
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
quantile (GArray *values,
          double  q)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (q * values->len)));
}

static void
iterate_while (gboolean *condition)
{
  while (*condition)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_running_changed (StellarExplorer *explorer,
                    GParamSpec      *pspec,
                    gboolean        *running)
{
  *running = stellar_explorer_get_load_running (explorer);
}

static StellarLoadTestDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (STELLAR_IS_LOAD_TEST_DIALOG (window))
        return STELLAR_LOAD_TEST_DIALOG (window);
    }

  return NULL;
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("no %s in %s", name, g_type_name (type));
  return GTK_WIDGET (child);
}

/* Sets the dialog up as a person would, clicks Start, and waits for the
 * end of the run. */
static StellarLoadReport *
run (StellarLoadTestDialog *dialog,
     guint                  count,
     guint                  in_flight)
{
  StellarExplorer *explorer = stellar_load_test_dialog_get_explorer (dialog);
  gboolean running = TRUE;
  gulong handler;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (template_child (dialog, STELLAR_TYPE_LOAD_TEST_DIALOG,
                                                              "count_spin")), count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (template_child (dialog, STELLAR_TYPE_LOAD_TEST_DIALOG,
                                                              "in_flight_spin")), in_flight);

  handler = g_signal_connect (explorer, "notify::load-running", G_CALLBACK (on_running_changed), &running);
  g_signal_emit_by_name (template_child (dialog, STELLAR_TYPE_LOAD_TEST_DIALOG, "start_button"), "clicked");
  if (!stellar_explorer_get_load_running (explorer))
    g_error ("the run did not start");
  iterate_while (&running);
  g_signal_handler_disconnect (explorer, handler);

  return stellar_explorer_get_load_report (explorer);
}

static gboolean
is_connected (StellarWindow *window)
{
  StellarSession *session = stellar_window_get_session (window);

  return session != NULL && stellar_session_get_state (session) == STELLAR_CLIENT_STATE_CONNECTED;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) lateness = g_array_new (FALSE, FALSE, sizeof (double));
  Timer timer = { .lateness_ms = lateness };
  StellarWindow *window;
  StellarExplorerView *view;
  StellarLoadTestDialog *dialog;
  StellarLoadReport *report;
  GtkTextView *params_view;
  guint count, warmup, in_flight = 5;
  guint timer_id;

  gtk_init ();
  adw_init ();
  g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog, NULL);

  if (argc < 4 || argc > 5 ||
      (count = g_ascii_strtoull (argv[2], NULL, 10)) == 0 ||
      ((warmup = g_ascii_strtoull (argv[3], NULL, 10)) == 0 && !g_str_equal (argv[3], "0")) ||
      (argc == 5 && (in_flight = g_ascii_strtoull (argv[4], NULL, 10)) == 0))
    {
      g_printerr ("Usage: bench-load-runner URL COUNT WARMUP [IN_FLIGHT]\n");
      return 2;
    }

  window = stellar_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  stellar_window_connect_to (window, argv[1], NULL);
  while (!is_connected (window))
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-tool", "s", "actions");
  view = STELLAR_EXPLORER_VIEW (template_child (window, STELLAR_TYPE_WINDOW, "explorer_view"));
  while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (template_child (view, STELLAR_TYPE_EXPLORER_VIEW, "action_entry")), "echo");
  params_view = GTK_TEXT_VIEW (template_child (view, STELLAR_TYPE_EXPLORER_VIEW, "params_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (params_view),
                            "{\"message\": \"" BENCH_MESSAGE "\"}", -1);
  gtk_widget_activate_action (GTK_WIDGET (view), "explorer.run-repeatedly", NULL);
  dialog = find_dialog ();
  if (dialog == NULL)
    g_error ("Run Repeatedly did not open");
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);

  if (warmup > 0)
    run (dialog, warmup, in_flight);

  timer.last_us = g_get_monotonic_time ();
  timer_id = g_timeout_add (TIMER_INTERVAL_MS, on_timer, &timer);
  report = run (dialog, count, in_flight);
  g_source_remove (timer_id);

  if (stellar_load_report_get_failed (report) > 0)
    g_error ("%u calls failed", stellar_load_report_get_failed (report));

  g_print ("{\"kind\":\"load_runner_dialog\",\"calls\":%u,\"calls_per_s\":%.1f,\"timer_runs\":%u,"
           "\"lateness_ms_median\":%.2f,\"lateness_ms_p99\":%.2f,\"lateness_ms_max\":%.2f}\n",
           stellar_load_report_get_calls (report), stellar_load_report_get_calls_per_second (report),
           lateness->len, quantile (lateness, 0.5), quantile (lateness, 0.99), quantile (lateness, 1.0));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
