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

#define WATCHDOG_SECONDS 900
#define SETTLE_MS 1000

static gboolean
watchdog (gpointer user_data)
{
  g_printerr ("bench-load-runner: no result after %d s\n", WATCHDOG_SECONDS);
  exit (1);
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
on_settled (gpointer user_data)
{
  *(gboolean *) user_data = FALSE;

  return G_SOURCE_REMOVE;
}

static void
settle (guint milliseconds)
{
  gboolean settling = TRUE;

  g_timeout_add (milliseconds, on_settled, &settling);
  iterate_while (&settling);
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
  BenchLateness lateness = { 0 };
  StellarWindow *window;
  StellarExplorerView *view;
  StellarLoadTestDialog *dialog;
  StellarLoadReport *report;
  GtkTextView *params_view;
  guint count, warmup, in_flight = 5;

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
  view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (window, "actions"));
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

  /* A person reads the dialog before clicking Start: the window has drawn
   * its first frames, and the explorer read the server's actions. */
  settle (SETTLE_MS);

  if (warmup > 0)
    run (dialog, warmup, in_flight);

  bench_lateness_start (&lateness);
  report = run (dialog, count, in_flight);
  bench_lateness_stop (&lateness);

  if (stellar_load_report_get_failed (report) > 0)
    g_error ("%u calls failed", stellar_load_report_get_failed (report));

  g_print ("{\"kind\":\"load_runner_dialog\",\"calls\":%u,\"calls_per_s\":%.1f,\"timer_runs\":%u,"
           "\"lateness_ms_median\":%.2f,\"lateness_ms_p99\":%.2f,\"lateness_ms_max\":%.2f}\n",
           stellar_load_report_get_calls (report), stellar_load_report_get_calls_per_second (report),
           lateness.late_ms->len, bench_lateness_quantile (&lateness, 0.5),
           bench_lateness_quantile (&lateness, 0.99), bench_lateness_quantile (&lateness, 1.0));
  bench_lateness_clear (&lateness);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
