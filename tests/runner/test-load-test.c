/* test-load-test.c: the load test against the test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stellar-load-test.h"
#include "stellar-load-thread-private.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

static StellarTestServer *server;

typedef struct {
  StellarClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  fixture->client = stellar_client_new (stellar_test_server_get_url (server));
  if (GPOINTER_TO_INT (data))
    return;

  stellar_client_connect_async (fixture->client, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (fixture->client, result, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stellar_client_disconnect (fixture->client);
  g_assert_finalize_object (fixture->client);
}

static StellarLoadReport *
run (StellarLoadTest  *test,
     GError          **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_load_test_run_async (test, NULL, stellar_test_store_result, &slot);
  g_assert_true (stellar_load_test_get_running (test));
  result = stellar_test_wait_result (&slot);
  g_assert_false (stellar_load_test_get_running (test));

  return stellar_load_test_run_finish (test, result, error);
}

static JsonObject *
params (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return json_object_ref (json_node_get_object (node));
}

static void
assert_figures_add_up (StellarLoadReport *report)
{
  const StellarLoadBucket *buckets;
  const StellarLoadInterval *timeline;
  guint n_buckets;
  guint n_intervals;
  guint histogram_total = 0;
  guint timeline_total = 0;
  guint64 previous_upper = 0;

  g_assert_cmpuint (stellar_load_report_get_succeeded (report) +
                    stellar_load_report_get_failed (report), ==,
                    stellar_load_report_get_calls (report));

  g_assert_cmpuint (stellar_load_report_get_latency_us (report, 50), <=,
                    stellar_load_report_get_latency_us (report, 95));
  g_assert_cmpuint (stellar_load_report_get_latency_us (report, 95), <=,
                    stellar_load_report_get_latency_us (report, 99));
  g_assert_cmpuint (stellar_load_report_get_latency_us (report, 99), <=,
                    stellar_load_report_get_max_latency_us (report));
  g_assert_cmpuint (stellar_load_report_get_max_latency_us (report), <=,
                    (guint64) stellar_load_report_get_duration_us (report));

  buckets = stellar_load_report_get_histogram (report, &n_buckets);
  g_assert_cmpuint (n_buckets, >, 0);
  for (guint b = 0; b < n_buckets; b++)
    {
      g_assert_cmpuint (buckets[b].upper_us, >=, previous_upper);
      previous_upper = buckets[b].upper_us;
      histogram_total += buckets[b].count;
    }
  g_assert_cmpuint (histogram_total, ==, stellar_load_report_get_calls (report));
  g_assert_cmpuint (previous_upper, ==, stellar_load_report_get_max_latency_us (report));

  timeline = stellar_load_report_get_timeline (report, &n_intervals, NULL);
  for (guint i = 0; i < n_intervals; i++)
    timeline_total += timeline[i].succeeded + timeline[i].failed;
  g_assert_cmpuint (timeline_total, ==, stellar_load_report_get_calls (report));
}

static void
test_websocket (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) echo_params = params ("{\"message\":\"load\"}");
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", echo_params);
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *summary;
  guint echoes = 0;

  stellar_load_test_set_count (test, 300);
  stellar_load_test_set_in_flight (test, 5);
  stellar_test_server_clear_frames (server);

  report = run (test, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stellar_load_report_get_calls (report), ==, 300);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 300);
  g_assert_cmpuint (stellar_load_test_get_completed (test), ==, 300);
  g_assert_false (stellar_load_report_get_stopped (report));
  g_assert_cmpfloat (stellar_load_report_get_calls_per_second (report), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (stellar_load_report_get_errors (report)), ==, 0);
  assert_figures_add_up (report);

  /* every call reached the server */
  frames = stellar_test_server_frames (server, "in");
  for (guint i = 0; i < frames->len; i++)
    if (strstr (g_ptr_array_index (frames, i), "\"action\":\"echo\"") != NULL)
      echoes++;
  g_assert_cmpuint (echoes, ==, 300);

  json = stellar_load_report_to_json (report);
  summary = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (summary, "action"), ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (summary, "transport"), ==, "auto");
  g_assert_cmpint (json_object_get_int_member (summary, "calls"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (summary, "inFlight"), ==, 5);
  g_assert_true (json_object_has_member (json_object_get_object_member (summary, "latencyUs"), "p99"));

  csv = stellar_load_report_to_csv (report);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "call,start_ms,latency_ms,error");
  g_assert_cmpuint (g_strv_length (lines), ==, 302);  /* header, 300 calls, the empty tail */
  g_assert_true (g_str_has_prefix (lines[1], "1,"));
  g_assert_true (g_str_has_suffix (lines[300], ","));
}

/* 20 calls over HTTP, through the client or a connection of the run's own */
static void
check_http (Fixture  *fixture,
            gboolean  own_connection)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) log = NULL;
  guint requests = 0;

  json_node_unref (stellar_test_server_control (server, "POST", "/http-log/clear", "{}"));
  stellar_load_test_set_own_connection (test, own_connection);
  stellar_load_test_set_count (test, 20);
  stellar_load_test_set_transport (test, STELLAR_TRANSPORT_HTTP);

  report = run (test, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 20);

  log = stellar_test_server_http_log (server);
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *entry = json_array_get_object_element (log, i);

      if (g_str_equal (json_object_get_string_member (entry, "path"), "/api"))
        requests++;
    }
  g_assert_cmpuint (requests, ==, 20);
}

static void
test_http (Fixture       *fixture,
           gconstpointer  data)
{
  check_http (fixture, FALSE);
}

static void
test_errors_by_code (Fixture       *fixture,
                     gconstpointer  data)
{
  struct {
    const char *action;
    const char *code;
  } cases[] = {
    { "noSuchAction", "004" },
    { "input-require", "validation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, cases[i].action,
                                                               NULL);
      g_autoptr(StellarLoadReport) report = NULL;
      g_autoptr(StellarLoadError) load_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *quoted = g_strdup_printf (",\"%s\"\r\n", cases[i].code);

      stellar_load_test_set_count (test, 12);
      report = run (test, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (stellar_load_report_get_failed (report), ==, 12);
      g_assert_cmpuint (stellar_load_test_get_failed (test), ==, 12);
      g_assert_cmpuint (g_list_model_get_n_items (stellar_load_report_get_errors (report)), ==, 1);
      load_error = g_list_model_get_item (stellar_load_report_get_errors (report), 0);
      g_assert_cmpstr (stellar_load_error_get_code (load_error), ==, cases[i].code);
      g_assert_cmpuint (stellar_load_error_get_count (load_error), ==, 12);
      g_assert_nonnull (stellar_load_error_get_message (load_error));
      assert_figures_add_up (report);

      csv = stellar_load_report_to_csv (report);
      g_assert_true (g_str_has_suffix (csv, quoted));
    }
}

static void
test_not_connected (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(StellarLoadError) load_error = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_set_count (test, 3);
  stellar_load_test_set_transport (test, STELLAR_TRANSPORT_WEBSOCKET);
  report = run (test, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stellar_load_report_get_failed (report), ==, 3);
  load_error = g_list_model_get_item (stellar_load_report_get_errors (report), 0);
  g_assert_cmpstr (stellar_load_error_get_code (load_error), ==, "not-connected");
}

/* 11 calls at 50 a second: the last starts 200 ms after the first. On a
 * connection of the run's own, the schedule's timer runs in the run's
 * thread, as its calls do. */
static void
check_rate (Fixture  *fixture,
            gboolean  own_connection)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_set_own_connection (test, own_connection);
  stellar_load_test_set_count (test, 11);
  stellar_load_test_set_rate (test, 50);
  report = run (test, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 11);
  g_assert_cmpint (stellar_load_report_get_duration_us (report), >=, 200 * 1000);
  assert_figures_add_up (report);
}

static void
test_rate (Fixture       *fixture,
           gconstpointer  data)
{
  check_rate (fixture, FALSE);
}

static gboolean
some_calls_completed (gpointer user_data)
{
  return stellar_load_test_get_completed (user_data) >= 50;
}

static void
test_stop_keeps_what_was_measured (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_set_count (test, 1000000);
  stellar_load_test_run_async (test, NULL, stellar_test_store_result, &slot);
  g_assert_true (stellar_test_iterate_until (some_calls_completed, test, STELLAR_TEST_TIMEOUT_MS));

  stellar_load_test_stop (test);
  result = stellar_test_wait_result (&slot);
  report = stellar_load_test_run_finish (test, result, &error);
  g_assert_no_error (error);

  g_assert_true (stellar_load_report_get_stopped (report));
  g_assert_cmpuint (stellar_load_report_get_calls (report), >=, 50);
  g_assert_cmpuint (stellar_load_report_get_calls (report), <, 1000000);
  g_assert_cmpuint (stellar_load_report_get_failed (report), ==, 0);
  assert_figures_add_up (report);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_set_count (test, 1000000);
  stellar_load_test_run_async (test, cancellable, stellar_test_store_result, &slot);
  g_assert_true (stellar_test_iterate_until (some_calls_completed, test, STELLAR_TEST_TIMEOUT_MS));

  g_cancellable_cancel (cancellable);
  result = stellar_test_wait_result (&slot);
  report = stellar_load_test_run_finish (test, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_false (stellar_load_test_get_running (test));

  /* the client is still good for the next run */
  g_clear_error (&error);
  stellar_load_test_set_count (test, 10);
  report = run (test, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 10);
}

/* --- a run on a connection of its own -------------------------------------- */

typedef struct {
  GThread *thread;
  guint    notes;
} Notes;

static void
note_progress (StellarLoadTest *test,
               GParamSpec      *pspec,
               Notes           *notes)
{
  /* told in the context that started the run, never by the run's thread */
  g_assert_true (g_thread_self () == notes->thread);
  notes->notes++;
}

/* How many of the test server's connections have @fingerprint. */
static guint
n_connections_of (const char *fingerprint)
{
  g_autoptr(JsonArray) all = stellar_test_server_connections (server);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *connection = json_array_get_object_element (all, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "fingerprint"), fingerprint) == 0)
        n++;
    }

  return n;
}

/* The id of a connection of @fingerprint other than @not_id, or NULL. */
static char *
other_connection_of (const char *fingerprint,
                     const char *not_id)
{
  g_autoptr(JsonArray) all = stellar_test_server_connections (server);

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *connection = json_array_get_object_element (all, i);
      const char *id = json_object_get_string_member (connection, "id");

      if (g_strcmp0 (json_object_get_string_member (connection, "fingerprint"), fingerprint) == 0 &&
          g_strcmp0 (id, not_id) != 0)
        return g_strdup (id);
    }

  return NULL;
}

static StellarLoadReport *
run_on_own_connection (StellarClient *like,
                       guint          count)
{
  g_autoptr(JsonObject) echo_params = params ("{\"message\":\"again\"}");
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (like, "echo", echo_params);
  g_autoptr(GError) error = NULL;
  StellarLoadReport *report;

  stellar_load_test_set_own_connection (test, TRUE);
  stellar_load_test_set_count (test, count);
  report = run (test, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, count);

  return report;
}

static void
test_own_connection (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) echo_params = params ("{\"message\":\"own\"}");
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", echo_params);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(StellarLoadReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *second_run_id = NULL;
  const char *own_id = stellar_client_get_id (fixture->client);
  gint64 run_count;
  gint64 own_count = stellar_test_server_message_count (server, own_id);
  Notes notes = { g_thread_self (), 0 };
  guint echoes = 0;

  g_object_get (fixture->client, "session-id", &session_id, NULL);
  stellar_load_test_set_own_connection (test, TRUE);
  stellar_load_test_set_count (test, 3000);
  g_signal_connect (test, "notify::completed", G_CALLBACK (note_progress), &notes);
  stellar_test_server_clear_frames (server);

  stellar_load_test_run_async (test, NULL, stellar_test_store_result, &slot);
  g_assert_true (stellar_load_test_get_running (test));
  g_assert_true (stellar_test_iterate_until (some_calls_completed, test, STELLAR_TEST_TIMEOUT_MS));

  /* a second connection, of the same server session */
  g_assert_cmpuint (n_connections_of (session_id), ==, 2);

  result = stellar_test_wait_result (&slot);
  report = stellar_load_test_run_finish (test, result, &error);
  g_assert_no_error (error);
  g_assert_false (stellar_load_test_get_running (test));

  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 3000);
  g_assert_cmpuint (stellar_load_test_get_completed (test), ==, 3000);
  g_assert_cmpuint (notes.notes, >=, 2);
  assert_figures_add_up (report);

  frames = stellar_test_server_frames (server, "in");
  for (guint i = 0; i < frames->len; i++)
    if (strstr (g_ptr_array_index (frames, i), "\"message\":\"own\"") != NULL)
      echoes++;
  g_assert_cmpuint (echoes, ==, 3000);

  /* none came over the client's own connection */
  g_assert_cmpint (stellar_test_server_message_count (server, own_id), ==, own_count);
  g_assert_true (stellar_client_get_state (fixture->client) == STELLAR_CLIENT_STATE_CONNECTED);

  /* the run's connection stays, and the next run calls through it */
  run_id = other_connection_of (session_id, own_id);
  g_assert_nonnull (run_id);
  run_count = stellar_test_server_message_count (server, run_id);
  second = run_on_own_connection (fixture->client, 100);
  second_run_id = other_connection_of (session_id, own_id);
  g_assert_cmpstr (second_run_id, ==, run_id);
  g_assert_cmpuint (n_connections_of (session_id), ==, 2);
  g_assert_cmpint (stellar_test_server_message_count (server, run_id), ==, run_count + 100);

  /* and closes when the client disconnects */
  stellar_client_disconnect (fixture->client);
  stellar_test_wait_for (n_connections_of (session_id) == 0);
}

static void
test_own_connection_kept_while_used (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(StellarLoadReport) first = NULL;
  g_autoptr(StellarLoadReport) second = NULL;
  g_autofree char *session_id = NULL;

  g_object_get (fixture->client, "session-id", &session_id, NULL);
  _stellar_load_thread_set_keep_alive (300);

  /* an unused connection closes, the client's stays */
  first = run_on_own_connection (fixture->client, 50);
  g_assert_cmpuint (n_connections_of (session_id), ==, 2);
  stellar_test_wait_for (n_connections_of (session_id) == 1);
  g_assert_true (stellar_client_get_state (fixture->client) == STELLAR_CLIENT_STATE_CONNECTED);

  /* the next run opens another */
  second = run_on_own_connection (fixture->client, 50);
  g_assert_cmpuint (n_connections_of (session_id), ==, 2);
  stellar_test_wait_for (n_connections_of (session_id) == 1);

  _stellar_load_thread_set_keep_alive (60000);
}

static void
test_own_connection_closes_with_client (Fixture       *fixture,
                                        gconstpointer  data)
{
  StellarClient *like = stellar_client_new (stellar_test_server_get_url (server));
  g_autoptr(StellarLoadReport) report = NULL;

  /* a client that never connected itself: only the run's connection */
  g_object_set (like, "session-id", "load-test-kept-connection", NULL);
  report = run_on_own_connection (like, 50);
  g_assert_cmpuint (n_connections_of ("load-test-kept-connection"), ==, 1);

  g_assert_finalize_object (like);
  stellar_test_wait_for (n_connections_of ("load-test-kept-connection") == 0);
}

static void
test_own_connection_http (Fixture       *fixture,
                          gconstpointer  data)
{
  check_http (fixture, TRUE);
}

static void
test_own_connection_rate (Fixture       *fixture,
                          gconstpointer  data)
{
  check_rate (fixture, TRUE);
}

static void
test_own_connection_stop_and_cancel (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(StellarLoadTest) test = stellar_load_test_new (fixture->client, "echo", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  stellar_load_test_set_own_connection (test, TRUE);
  stellar_load_test_set_count (test, 1000000);

  /* stopping keeps what was measured */
  {
    g_autoptr(GAsyncResult) slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    stellar_load_test_run_async (test, NULL, stellar_test_store_result, &slot);
    g_assert_true (stellar_test_iterate_until (some_calls_completed, test, STELLAR_TEST_TIMEOUT_MS));
    stellar_load_test_stop (test);
    result = stellar_test_wait_result (&slot);
    report = stellar_load_test_run_finish (test, result, &error);
    g_assert_no_error (error);
    g_assert_true (stellar_load_report_get_stopped (report));
    g_assert_cmpuint (stellar_load_report_get_calls (report), >=, 50);
    g_assert_cmpuint (stellar_load_report_get_calls (report), <, 1000000);
    g_assert_cmpuint (stellar_load_test_get_completed (test), ==, stellar_load_report_get_calls (report));
    assert_figures_add_up (report);
    g_clear_object (&report);
  }

  /* cancelling abandons it */
  {
    g_autoptr(GAsyncResult) slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    stellar_load_test_run_async (test, cancellable, stellar_test_store_result, &slot);
    g_assert_true (stellar_test_iterate_until (some_calls_completed, test, STELLAR_TEST_TIMEOUT_MS));
    g_cancellable_cancel (cancellable);
    result = stellar_test_wait_result (&slot);
    report = stellar_load_test_run_finish (test, result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (report);
    g_assert_false (stellar_load_test_get_running (test));
  }
}

static void
test_own_connection_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *url = stellar_test_get_refused_url ();
  g_autoptr(StellarClient) nowhere = stellar_client_new (url);
  g_autoptr(StellarLoadTest) test = NULL;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (nowhere, "auto-reconnect", FALSE, NULL);
  test = stellar_load_test_new (nowhere, "echo", NULL);
  stellar_load_test_set_own_connection (test, TRUE);

  report = run (test, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Could not open the run’s connection: "));
  g_assert_cmpuint (stellar_load_test_get_completed (test), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, data, func) \
  g_test_add ("/runner/load-test/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("websocket", NULL, test_websocket);
  ADD_TEST ("http", NULL, test_http);
  ADD_TEST ("errors-by-code", NULL, test_errors_by_code);
  ADD_TEST ("not-connected", GINT_TO_POINTER (TRUE), test_not_connected);
  ADD_TEST ("rate", NULL, test_rate);
  ADD_TEST ("stop-keeps-what-was-measured", NULL, test_stop_keeps_what_was_measured);
  ADD_TEST ("cancel", NULL, test_cancel);
  ADD_TEST ("own-connection", NULL, test_own_connection);
  ADD_TEST ("own-connection-kept-while-used", NULL, test_own_connection_kept_while_used);
  ADD_TEST ("own-connection-closes-with-client", GINT_TO_POINTER (TRUE), test_own_connection_closes_with_client);
  ADD_TEST ("own-connection-http", NULL, test_own_connection_http);
  ADD_TEST ("own-connection-rate", NULL, test_own_connection_rate);
  ADD_TEST ("own-connection-stop-and-cancel", NULL, test_own_connection_stop_and_cancel);
  ADD_TEST ("own-connection-refused", NULL, test_own_connection_refused);

#undef ADD_TEST

  server = stellar_test_server_startv (NULL);
  status = g_test_run ();
  stellar_test_server_stop (server);

  return status;
}
