/* test-explorer.c: the API explorer's model against the test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Actions page does, without a window: calls and their answers,
 * the server's validation errors on the form's fields, invalid parameters
 * held back, default parameters reaching the server, the history searched
 * and a call made again, suggestions, "Copy as curl", and Run Repeatedly.
 */

#include "config.h"

#include <string.h>

#include "stellar-action-suggestion.h"
#include "stellar-app-test-utils.h"
#include "stellar-explorer.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

static StellarTestServer *server;

typedef struct {
  char            *folder;
  StellarDatabase *database;
  GSettings       *settings;
  StellarClient   *client;
  StellarExplorer *explorer;
} Fixture;

static StellarDatabase *
open_database (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StellarDatabase) database = stellar_database_new (file);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_open_async (database, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_database_open_finish (database, result, NULL));

  return g_steal_pointer (&database);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = stellar_app_test_make_folder ();
  fixture->database = open_database (fixture->folder);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "default-params");

  fixture->client = stellar_client_new (stellar_test_server_get_url (server));
  stellar_client_connect_async (fixture->client, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  fixture->explorer = stellar_explorer_new (fixture->client, fixture->settings, fixture->database);
  stellar_test_server_clear_frames (server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_false (stellar_explorer_get_sending (fixture->explorer));
  g_assert_false (stellar_explorer_get_load_running (fixture->explorer));
  g_assert_finalize_object (fixture->explorer);

  stellar_client_disconnect (fixture->client);
  g_assert_finalize_object (fixture->client);

  /* what is queued is written before the database goes */
  stellar_database_flush_async (fixture->database, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_database_flush_finish (fixture->database, result, NULL));
  g_clear_object (&result);
  g_assert_finalize_object (fixture->database);

  g_settings_reset (fixture->settings, "default-params");
  g_clear_object (&fixture->settings);
  stellar_app_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* --- helpers ------------------------------------------------------------- */

static void
write_request (Fixture    *fixture,
               const char *action,
               const char *params_text)
{
  StellarActionRequest *request = stellar_explorer_get_request (fixture->explorer);

  stellar_action_request_set_action (request, action);
  stellar_action_request_set_params_text (request, params_text);
}

static StellarCall *
send_and_wait (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  StellarCall *call;

  g_assert_true (stellar_explorer_get_can_send (fixture->explorer));
  g_assert_true (stellar_explorer_send (fixture->explorer, &error));
  g_assert_no_error (error);

  call = stellar_explorer_get_current_call (fixture->explorer);
  g_assert_nonnull (call);
  g_assert_true (stellar_explorer_get_sending (fixture->explorer));
  g_assert_false (stellar_explorer_get_can_send (fixture->explorer));

  stellar_test_wait_for (!stellar_explorer_get_sending (fixture->explorer));
  g_assert_cmpint (stellar_call_get_status (call), !=, STELLAR_CALL_STATUS_PENDING);

  return call;
}

static void
load_catalog (Fixture *fixture)
{
  StellarActionCatalog *catalog = stellar_explorer_get_catalog (fixture->explorer);

  stellar_explorer_load_catalog (fixture->explorer);
  stellar_test_wait_for (stellar_action_catalog_get_state (catalog) != STELLAR_ACTION_CATALOG_STATE_LOADING);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_READY);
}

/* The parameters of the last action frame the server received. */
static JsonObject *
last_action_params (void)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (server, "in");

  for (guint i = frames->len; i > 0; i--)
    if (strstr (frames->pdata[i - 1], "\"action\"") != NULL)
      {
        g_autoptr(JsonNode) node = json_from_string (frames->pdata[i - 1], NULL);

        g_assert_nonnull (node);
        return json_object_ref (json_object_get_object_member (json_node_get_object (node), "params"));
      }

  return NULL;
}

static guint
count_action_frames (void)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (server, "in");
  guint n = 0;

  for (guint i = 0; i < frames->len; i++)
    if (strstr (frames->pdata[i], "\"action\"") != NULL)
      n++;

  return n;
}

static StellarJsonItem *
tree_member (StellarJsonTree *tree,
             const char      *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
    {
      g_autoptr(StellarJsonItem) item = g_list_model_get_item (G_LIST_MODEL (tree), i);

      if (g_strcmp0 (stellar_json_item_get_key (item), key) == 0)
        return g_steal_pointer (&item);
    }

  return NULL;
}

/* --- tests --------------------------------------------------------------- */

static void
test_call_and_response (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *history = G_LIST_MODEL (stellar_explorer_get_history (fixture->explorer));
  g_autoptr(StellarJsonItem) message = NULL;
  g_autoptr(StellarCall) first = NULL;
  StellarJsonTree *tree;
  StellarCall *call;

  /* nothing to send before an action is named */
  g_assert_false (stellar_explorer_get_can_send (fixture->explorer));

  write_request (fixture, "echo", "{\"message\": \"hi\", \"n\": 3}");
  stellar_action_request_set_transport (stellar_explorer_get_request (fixture->explorer),
                                        STELLAR_TRANSPORT_WEBSOCKET);
  call = send_and_wait (fixture);

  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_OK);
  g_assert_cmpstr (stellar_call_get_action (call), ==, "echo");
  g_assert_cmpstr (stellar_call_get_params_text (call), ==, "{\"message\": \"hi\", \"n\": 3}");
  g_assert_cmpint (stellar_call_get_transport (call), ==, STELLAR_TRANSPORT_WEBSOCKET);
  g_assert_cmpint (stellar_call_get_duration_ms (call), >=, 0);
  g_assert_cmpuint (stellar_call_get_response_size (call), ==, strlen (stellar_call_get_response_text (call)));
  g_assert_nonnull (strstr (stellar_call_get_response_text (call), "\"echo\":\"hi\""));
  g_assert_true (stellar_explorer_get_can_send (fixture->explorer));

  /* the response as a tree */
  tree = stellar_explorer_get_response_tree (fixture->explorer);
  g_assert_nonnull (tree);
  message = tree_member (tree, "echo");
  g_assert_nonnull (message);
  g_assert_cmpint (stellar_json_item_get_kind (message), ==, STELLAR_JSON_KIND_STRING);

  /* in the history, newest first */
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  first = g_list_model_get_item (history, 0);
  g_assert_true (first == call);
  g_assert_cmpuint (count_action_frames (), ==, 1);

  /* an error of the server's own: its code and message */
  write_request (fixture, "noSuchAction", "");
  call = send_and_wait (fixture);
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_ERROR);
  g_assert_cmpstr (stellar_call_get_error_code (call), ==, "004");
  g_assert_nonnull (strstr (stellar_call_get_error_message (call), "noSuchAction"));
  g_assert_nonnull (stellar_call_get_response_text (call));
  g_assert_nonnull (stellar_explorer_get_response_tree (fixture->explorer));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
}

static void
test_validation_error_on_field (Fixture       *fixture,
                                gconstpointer  data)
{
  StellarActionRequest *request = stellar_explorer_get_request (fixture->explorer);
  StellarParamField *field;
  StellarCall *call;

  load_catalog (fixture);
  write_request (fixture, "input-require", "{}");

  /* the documented input is a field of the form, not sent yet */
  field = stellar_action_request_lookup_field (request, "value");
  g_assert_nonnull (field);
  g_assert_true (stellar_param_field_get_required (field));
  g_assert_false (stellar_param_field_get_present (field));

  call = send_and_wait (fixture);
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_ERROR);
  g_assert_null (stellar_call_get_error_code (call));
  g_assert_cmpstr (stellar_param_field_get_error (field), ==, "The value field is required.");

  /* filling it in clears it, and the next answer agrees */
  stellar_param_field_set_value (field, "given");
  g_assert_null (stellar_param_field_get_error (field));
  call = send_and_wait (fixture);
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_OK);
  g_assert_null (stellar_param_field_get_error (field));
}

static void
test_invalid_json_held_back (Fixture       *fixture,
                             gconstpointer  data)
{
  StellarActionRequest *request = stellar_explorer_get_request (fixture->explorer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;

  write_request (fixture, "echo", "{\n  \"message\": \"hi\",\n  \"n\": tru\n}");
  g_assert_false (stellar_action_request_get_valid (request));
  g_assert_cmpuint (stellar_action_request_get_error_line (request), ==, 3);
  g_assert_cmpuint (stellar_action_request_get_error_column (request), >, 0);
  g_assert_false (stellar_explorer_get_can_send (fixture->explorer));

  g_assert_false (stellar_explorer_send (fixture->explorer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_false (stellar_explorer_get_sending (fixture->explorer));
  g_assert_null (stellar_explorer_get_current_call (fixture->explorer));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stellar_explorer_get_history (fixture->explorer))), ==, 0);

  /* nor does Run Repeatedly send it */
  g_assert_false (stellar_explorer_start_load_test (fixture->explorer, 10, 2, 0, STELLAR_TRANSPORT_AUTO,
                                                    &load_error));
  g_assert_error (load_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  /* nothing went out; fixed, it does */
  g_assert_cmpuint (count_action_frames (), ==, 0);
  stellar_action_request_set_params_text (request, "{\n  \"message\": \"hi\",\n  \"n\": true\n}");
  g_assert_true (stellar_explorer_get_can_send (fixture->explorer));
  send_and_wait (fixture);
  g_assert_cmpuint (count_action_frames (), ==, 1);
}

static void
test_default_params_reach_server (Fixture       *fixture,
                                  gconstpointer  data)
{
  StellarDefaultParams *defaults = stellar_explorer_get_default_params (fixture->explorer);
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *curl = NULL;
  StellarCall *call;

  stellar_test_wait_for (!stellar_default_params_get_busy (defaults));
  stellar_default_params_add (defaults, "tenant", "acme", FALSE);
  stellar_default_params_add (defaults, "message", "default", FALSE);

  write_request (fixture, "echo", "{\"message\": \"mine\"}");
  call = send_and_wait (fixture);
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_OK);

  /* the server got the default; the call's own value won */
  sent = last_action_params ();
  g_assert_cmpstr (json_object_get_string_member (sent, "tenant"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (sent, "message"), ==, "mine");

  /* the call says what was added, by name; its own text stays its own */
  g_assert_cmpstrv (stellar_call_get_default_params (call), ((const char *[]) { "tenant", NULL }));
  g_assert_cmpstr (stellar_call_get_params_text (call), ==, "{\"message\": \"mine\"}");

  /* "Copy as curl" carries them too */
  curl = stellar_explorer_build_curl (fixture->explorer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (curl, "tenant"));
  g_assert_nonnull (strstr (curl, "acme"));
  g_assert_nonnull (strstr (curl, "mine"));
  g_assert_null (strstr (curl, "default"));
}

static GListModel *
search_history (Fixture    *fixture,
                const char *text)
{
  StellarCallHistory *history = stellar_explorer_get_history (fixture->explorer);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *found;

  stellar_call_history_search_async (history, text, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  found = stellar_call_history_search_finish (history, result, &error);
  g_assert_no_error (error);

  return found;
}

static void
test_history_search_and_rerun (Fixture       *fixture,
                               gconstpointer  data)
{
  StellarActionRequest *request = stellar_explorer_get_request (fixture->explorer);
  GListModel *history = G_LIST_MODEL (stellar_explorer_get_history (fixture->explorer));
  g_autoptr(GListModel) found = NULL;
  g_autoptr(StellarCall) old = NULL;
  g_autoptr(StellarExplorer) reopened = NULL;
  StellarCall *again;

  write_request (fixture, "echo", "{\"message\": \"first words\"}");
  stellar_action_request_set_transport (request, STELLAR_TRANSPORT_HTTP);
  send_and_wait (fixture);
  write_request (fixture, "status", "");
  stellar_action_request_set_transport (request, STELLAR_TRANSPORT_AUTO);
  send_and_wait (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);

  found = search_history (fixture, "words");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  old = g_list_model_get_item (found, 0);
  g_assert_cmpstr (stellar_call_get_action (old), ==, "echo");

  /* showing it loads its request and its response */
  stellar_explorer_show_call (fixture->explorer, old);
  g_assert_cmpstr (stellar_action_request_get_action (request), ==, "echo");
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==, "{\"message\": \"first words\"}");
  g_assert_cmpint (stellar_action_request_get_transport (request), ==, STELLAR_TRANSPORT_HTTP);
  g_assert_true (stellar_explorer_get_current_call (fixture->explorer) == old);
  g_assert_nonnull (stellar_explorer_get_response_tree (fixture->explorer));

  /* and sends it again */
  again = send_and_wait (fixture);
  g_assert_false (again == old);
  g_assert_cmpint (stellar_call_get_status (again), ==, STELLAR_CALL_STATUS_OK);
  g_assert_cmpint (stellar_call_get_transport (again), ==, STELLAR_TRANSPORT_HTTP);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);

  /* the calls are kept for the next time */
  reopened = stellar_explorer_new (fixture->client, fixture->settings, fixture->database);
  history = G_LIST_MODEL (stellar_explorer_get_history (reopened));
  stellar_test_wait_for (g_list_model_get_n_items (history) == 3);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StellarCall *call;

  write_request (fixture, "sleep", "{\"sleepDuration\": 5000}");
  g_assert_true (stellar_explorer_send (fixture->explorer, &error));
  g_assert_no_error (error);
  call = stellar_explorer_get_current_call (fixture->explorer);

  /* one call at a time */
  g_assert_false (stellar_explorer_send (fixture->explorer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);

  stellar_explorer_cancel (fixture->explorer);
  stellar_test_wait_for (!stellar_explorer_get_sending (fixture->explorer));
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_ERROR);
  g_assert_cmpstr (stellar_call_get_error_message (call), ==, "Cancelled");
  g_assert_true (stellar_explorer_get_can_send (fixture->explorer));
}

static gboolean
suggests (StellarExplorer *explorer,
          guint            position,
          const char      *name,
          gboolean         documented)
{
  GListModel *suggestions = stellar_explorer_get_suggestions (explorer);
  g_autoptr(StellarActionSuggestion) suggestion = g_list_model_get_item (suggestions, position);

  return suggestion != NULL &&
         g_strcmp0 (stellar_action_suggestion_get_name (suggestion), name) == 0 &&
         stellar_action_suggestion_get_documented (suggestion) == documented;
}

static void
test_suggestions (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *suggestions = stellar_explorer_get_suggestions (fixture->explorer);
  StellarActionCatalog *catalog = stellar_explorer_get_catalog (fixture->explorer);
  guint n_documented;

  /* the history's names, before any documentation */
  write_request (fixture, "notDocumented", "");
  send_and_wait (fixture);
  stellar_test_wait_for (g_list_model_get_n_items (suggestions) == 1);
  g_assert_true (suggests (fixture->explorer, 0, "notDocumented", FALSE));

  /* then the documented ones first, each once */
  write_request (fixture, "echo", "");
  send_and_wait (fixture);
  load_catalog (fixture);
  n_documented = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  g_assert_cmpuint (n_documented, >, 3);
  stellar_test_wait_for (g_list_model_get_n_items (suggestions) == n_documented + 1);
  g_assert_true (suggests (fixture->explorer, n_documented, "notDocumented", FALSE));
  for (guint i = 0; i < n_documented; i++)
    {
      g_autoptr(StellarActionSuggestion) suggestion = g_list_model_get_item (suggestions, i);

      g_assert_true (stellar_action_suggestion_get_documented (suggestion));
      if (g_str_equal (stellar_action_suggestion_get_name (suggestion), "echo"))
        g_assert_nonnull (stellar_action_suggestion_get_description (suggestion));
    }
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
export_report (Fixture                 *fixture,
               StellarLoadReportFormat  format,
               GFile                   *file)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_explorer_export_load_report_async (fixture->explorer, format, file, NULL,
                                             stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_explorer_export_load_report_finish (fixture->explorer, result, &error));
  g_assert_no_error (error);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_run_repeatedly (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *history = G_LIST_MODEL (stellar_explorer_get_history (fixture->explorer));
  g_autofree char *json_path = g_build_filename (fixture->folder, "run.json", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->folder, "run.csv", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  StellarLoadReport *report;
  StellarLoadTest *test;
  guint progress_notes = 0;

  write_request (fixture, "echo", "{\"message\": \"load\"}");
  g_assert_true (stellar_explorer_start_load_test (fixture->explorer, 300, 5, 0, STELLAR_TRANSPORT_WEBSOCKET,
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (stellar_explorer_get_load_running (fixture->explorer));
  g_assert_null (stellar_explorer_get_load_report (fixture->explorer));
  test = stellar_explorer_get_load_test (fixture->explorer);
  g_signal_connect_swapped (test, "notify::completed", G_CALLBACK (count_notify), &progress_notes);

  /* one run at a time */
  g_assert_false (stellar_explorer_start_load_test (fixture->explorer, 1, 1, 0, STELLAR_TRANSPORT_AUTO, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));
  report = stellar_explorer_get_load_report (fixture->explorer);
  g_assert_nonnull (report);
  g_assert_cmpuint (stellar_load_report_get_calls (report), ==, 300);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 300);
  g_assert_cmpuint (stellar_load_test_get_completed (test), ==, 300);
  g_assert_false (stellar_load_report_get_stopped (report));
  g_assert_cmpfloat (stellar_load_report_get_calls_per_second (report), >, 0);
  g_assert_cmpuint (stellar_load_report_get_latency_us (report, 50), <=,
                    stellar_load_report_get_max_latency_us (report));
  /* progress is told a few times, not per call */
  g_assert_cmpuint (progress_notes, >=, 1);
  g_assert_cmpuint (progress_notes, <, 300);

  /* the run's calls stay out of the history */
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  export_report (fixture, STELLAR_LOAD_REPORT_FORMAT_JSON, json_file);
  json = read_file (json_file);
  parsed = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (parsed), "calls"), ==, 300);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (parsed), "action"), ==, "echo");

  export_report (fixture, STELLAR_LOAD_REPORT_FORMAT_CSV, csv_file);
  csv = read_file (csv_file);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "call,start_ms,latency_ms,error");
  /* a header, 300 calls, and the end of the last line */
  g_assert_cmpuint (g_strv_length (lines), ==, 302);
}

static void
test_stop_run (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StellarLoadReport *report;
  StellarLoadTest *test;

  write_request (fixture, "echo", "");
  g_assert_true (stellar_explorer_start_load_test (fixture->explorer, 1000000, 5, 0, STELLAR_TRANSPORT_AUTO,
                                                   &error));
  g_assert_no_error (error);
  test = stellar_explorer_get_load_test (fixture->explorer);
  stellar_test_wait_for (stellar_load_test_get_completed (test) > 0);

  /* stopping keeps what was measured */
  stellar_explorer_stop_load_test (fixture->explorer);
  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));
  report = stellar_explorer_get_load_report (fixture->explorer);
  g_assert_nonnull (report);
  g_assert_true (stellar_load_report_get_stopped (report));
  g_assert_cmpuint (stellar_load_report_get_calls (report), >, 0);
  g_assert_cmpuint (stellar_load_report_get_calls (report), <, 1000000);
}

static void
test_run_on_own_connection (Fixture       *fixture,
                            gconstpointer  data)
{
  StellarDefaultParams *defaults = stellar_explorer_get_default_params (fixture->explorer);
  const char *session_connection = stellar_client_get_id (fixture->client);
  gint64 session_count = stellar_test_server_message_count (server, session_connection);
  g_autoptr(GError) error = NULL;
  StellarLoadReport *report;

  /* input-require fails without its "value": the default gives it */
  stellar_test_wait_for (!stellar_default_params_get_busy (defaults));
  stellar_default_params_add (defaults, "value", "given by default", FALSE);
  write_request (fixture, "input-require", "{}");

  g_assert_true (stellar_explorer_start_load_test (fixture->explorer, 200, 5, 0, STELLAR_TRANSPORT_WEBSOCKET,
                                                   &error));
  g_assert_no_error (error);

  /* the session's own calls go on meanwhile, on its own connection */
  write_request (fixture, "echo", "{\"message\": \"meanwhile\"}");
  g_assert_cmpint (stellar_call_get_status (send_and_wait (fixture)), ==, STELLAR_CALL_STATUS_OK);

  stellar_test_wait_for (!stellar_explorer_get_load_running (fixture->explorer));
  report = stellar_explorer_get_load_report (fixture->explorer);
  g_assert_cmpuint (stellar_load_report_get_calls (report), ==, 200);
  g_assert_cmpuint (stellar_load_report_get_succeeded (report), ==, 200);

  /* the run had a connection of its own: the session's carried one call */
  g_assert_cmpint (stellar_test_server_message_count (server, session_connection), ==, session_count + 1);
}

static void
test_run_without_connection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *url = stellar_test_get_refused_url ();
  g_autoptr(StellarClient) nowhere = stellar_client_new (url);
  g_autoptr(StellarExplorer) explorer = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (nowhere, "auto-reconnect", FALSE, NULL);
  explorer = stellar_explorer_new (nowhere, fixture->settings, fixture->database);
  stellar_test_wait_for (!stellar_default_params_get_busy (stellar_explorer_get_default_params (explorer)));

  stellar_action_request_set_action (stellar_explorer_get_request (explorer), "echo");
  g_assert_true (stellar_explorer_start_load_test (explorer, 10, 5, 0, STELLAR_TRANSPORT_AUTO, &error));
  g_assert_no_error (error);
  g_assert_null (stellar_explorer_get_load_error (explorer));

  /* the run ends without a report, and says why */
  stellar_test_wait_for (!stellar_explorer_get_load_running (explorer));
  g_assert_null (stellar_explorer_get_load_report (explorer));
  g_assert_nonnull (strstr (stellar_explorer_get_load_error (explorer), "Could not open the run’s connection"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  stellar_app_test_use_temporary_data_home ();
  g_test_init (&argc, &argv, NULL);

  server = stellar_test_server_startv (NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/explorer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("call-and-response", test_call_and_response);
  ADD_TEST ("validation-error-on-field", test_validation_error_on_field);
  ADD_TEST ("invalid-json-held-back", test_invalid_json_held_back);
  ADD_TEST ("default-params-reach-server", test_default_params_reach_server);
  ADD_TEST ("history-search-and-rerun", test_history_search_and_rerun);
  ADD_TEST ("cancel", test_cancel);
  ADD_TEST ("suggestions", test_suggestions);
  ADD_TEST ("run-repeatedly", test_run_repeatedly);
  ADD_TEST ("stop-run", test_stop_run);
  ADD_TEST ("run-on-own-connection", test_run_on_own_connection);
  ADD_TEST ("run-without-connection", test_run_without_connection);

#undef ADD_TEST

  status = g_test_run ();

  stellar_test_server_stop (server);

  return status;
}
