/* stellar-cli-bench.c: an action called many times, and measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-cli.h"
#include "stellar-load-test.h"

/* The measuring is the load test's (src/runner), the same as the explorer's
 * Run Repeatedly: this only starts it, shows its progress on a terminal and
 * prints its report. */

typedef struct {
  StellarCli      *cli;
  StellarLoadTest *test;
  GCancellable    *cancellable;
  guint            count;
  gboolean         stopping;
} Bench;

static void
show_progress (Bench *bench)
{
  guint done = stellar_load_test_get_completed (bench->test) +
               stellar_load_test_get_failed (bench->test);

  g_printerr ("\r");
  /* Translators: calls done so far, of all the run's calls */
  g_printerr (_("%u of %u calls"), done, bench->count);
  fflush (stderr);
}

/* The first Ctrl+C stops the run and keeps what it measured; the second
 * abandons it. */
static gboolean
on_interrupted (gpointer user_data)
{
  Bench *bench = user_data;

  if (!stellar_load_test_get_running (bench->test))
    return G_SOURCE_CONTINUE;

  if (bench->stopping)
    g_cancellable_cancel (bench->cancellable);
  bench->stopping = TRUE;
  stellar_load_test_stop (bench->test);

  return G_SOURCE_CONTINUE;
}

static char *
format_ms (guint64 microseconds)
{
  /* Translators: a duration in milliseconds */
  return g_strdup_printf (_("%.2f ms"), microseconds / 1000.0);
}

static void
print_report (StellarCli        *cli,
              StellarLoadReport *report)
{
  GListModel *errors = stellar_load_report_get_errors (report);
  g_autofree char *p50 = format_ms (stellar_load_report_get_latency_us (report, 50));
  g_autofree char *p95 = format_ms (stellar_load_report_get_latency_us (report, 95));
  g_autofree char *p99 = format_ms (stellar_load_report_get_latency_us (report, 99));
  g_autofree char *max = format_ms (stellar_load_report_get_max_latency_us (report));
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the action's name, how many calls ended, in how many
   * seconds, then how many calls a second */
  g_string_append_printf (text, _("%s: %u calls in %.2f s, %.1f calls/s"),
                          stellar_load_report_get_action (report),
                          stellar_load_report_get_calls (report),
                          stellar_load_report_get_duration_us (report) / (double) G_USEC_PER_SEC,
                          stellar_load_report_get_calls_per_second (report));
  if (stellar_load_report_get_stopped (report))
    g_string_append_printf (text, " %s", _("(stopped)"));
  g_string_append_c (text, '\n');

  /* Translators: how many calls succeeded and failed */
  g_string_append_printf (text, _("  %u succeeded, %u failed\n"),
                          stellar_load_report_get_succeeded (report),
                          stellar_load_report_get_failed (report));
  /* Translators: latency percentiles */
  g_string_append_printf (text, _("  latency  p50 %s  p95 %s  p99 %s  max %s\n"),
                          p50, p95, p99, max);

  for (guint i = 0; i < g_list_model_get_n_items (errors); i++)
    {
      g_autoptr(StellarLoadError) error = g_list_model_get_item (errors, i);

      /* Translators: an error code, how many calls failed with it, the message */
      g_string_append_printf (text, _("  error %s × %u: %s\n"),
                              stellar_load_error_get_code (error),
                              stellar_load_error_get_count (error),
                              stellar_load_error_get_message (error));
    }

  fputs (text->str, cli->out.stream);
  fflush (cli->out.stream);
}

static gboolean
write_csv (StellarCli        *cli,
           StellarLoadReport *report,
           const char        *path)
{
  g_autofree char *csv = stellar_load_report_to_csv (report);
  g_autoptr(GError) error = NULL;

  if (g_file_set_contents (path, csv, -1, &error))
    return TRUE;

  stellar_cli_output_error (&cli->err, "%s", error->message);
  return FALSE;
}

int
stellar_cli_bench (StellarCli  *cli,
                   int          argc,
                   char       **argv)
{
  int count = 100;
  int in_flight = 5;
  double rate = 0;
  gboolean http = FALSE;
  gboolean websocket = FALSE;
  gboolean json = FALSE;
  g_autofree char *csv_path = NULL;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("Make N calls (100)"), N_("N") },
    { "in-flight", 'C', 0, G_OPTION_ARG_INT, &in_flight,
      N_("Keep C calls under way at once (5)"), N_("C") },
    { "rate", 'r', 0, G_OPTION_ARG_DOUBLE, &rate,
      N_("Start R calls a second instead of as fast as they end"), N_("R") },
    { "http", 0, 0, G_OPTION_ARG_NONE, &http, N_("Call over HTTP, without a WebSocket"), NULL },
    { "websocket", 0, 0, G_OPTION_ARG_NONE, &websocket, N_("Call over the WebSocket"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write every call’s start, latency and error to FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    stellar_cli_command_context (cli, stellar_cli_lookup_command ("bench"), entries);
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(StellarLoadTest) test = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;
  StellarTransport transport;
  Bench bench = { 0 };
  gboolean progress;
  int status;

  if (!stellar_cli_parse_command (cli, context, &argc, &argv, 1, -1, &status))
    return status;

  if (count < 1 || in_flight < 1 || rate < 0)
    {
      stellar_cli_output_error (&cli->err,
                                _("--count and --in-flight are at least 1, --rate is not negative"));
      return STELLAR_CLI_EXIT_USAGE;
    }

  if ((status = stellar_cli_read_params (cli, argv + 2, &params)) != STELLAR_CLI_EXIT_OK ||
      (status = stellar_cli_choose_transport (cli, http, websocket, &transport)) != STELLAR_CLI_EXIT_OK)
    return status;

  test = stellar_load_test_new (cli->client, argv[1], params);
  stellar_load_test_set_count (test, count);
  stellar_load_test_set_in_flight (test, in_flight);
  stellar_load_test_set_rate (test, rate);
  stellar_load_test_set_transport (test, transport);

  bench.cli = cli;
  bench.test = test;
  bench.cancellable = cancellable;
  bench.count = count;
  stellar_cli_catch_interrupt (cli, on_interrupted, &bench);

  /* Progress is for a person watching, never for a pipe or a file. */
  progress = stellar_cli_output_is_terminal (&cli->err);
  if (progress)
    {
      g_signal_connect_swapped (test, "notify::completed", G_CALLBACK (show_progress), &bench);
      g_signal_connect_swapped (test, "notify::failed", G_CALLBACK (show_progress), &bench);
    }

  stellar_load_test_run_async (test, cancellable, stellar_cli_store_result, &slot);
  result = stellar_cli_wait (cli, &slot);
  report = stellar_load_test_run_finish (test, result, &error);

  if (progress)
    g_printerr ("\r\033[K");

  if (report == NULL)
    return stellar_cli_fail (cli, error);

  if (json)
    {
      g_autoptr(JsonNode) node = stellar_load_report_to_json (report);

      stellar_cli_output_json (&cli->out, node);
    }
  else
    print_report (cli, report);

  if (csv_path != NULL && !write_csv (cli, report, csv_path))
    return STELLAR_CLI_EXIT_FAILED;

  return STELLAR_CLI_EXIT_OK;
}
