/* test-call-history.c: the explorer's calls, kept, paged, searched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stellar-app-test-utils.h"
#include "stellar-call-history.h"
#include "stellar-call-search.h"
#include "stellar-test-utils.h"

#define SERVER "ws://127.0.0.1:8080"
#define T0 G_GINT64_CONSTANT (1795847630000000)

typedef struct {
  StellarDatabase    *database;
  StellarCallHistory *history;
} Fixture;

static StellarDatabase *
open_database (GFile *file)
{
  g_autoptr(StellarDatabase) database = stellar_database_new (file);
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_open_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  stellar_database_open_finish (database, result, NULL);

  return g_steal_pointer (&database);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fixture->database = open_database (file);
  g_assert_true (stellar_database_get_available (fixture->database));
  fixture->history = stellar_call_history_new (fixture->database, SERVER);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->database);
}

static void
flush (StellarDatabase *database)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_flush_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_true (stellar_database_flush_finish (database, result, NULL));
}

static gboolean
load_more (StellarCallHistory  *history,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_call_history_load_more_async (history, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  return stellar_call_history_load_more_finish (history, result, error);
}

static GListModel *
search (StellarCallHistory *history,
        const char         *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *found;

  stellar_call_history_search_async (history, text, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  found = stellar_call_history_search_finish (history, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

/* A completed call of @action, made at T0 + @second seconds. */
static StellarCall *
make_call (const char *action,
           const char *params,
           const char *response,
           guint       second)
{
  StellarCall *call = stellar_call_new (action, params, STELLAR_TRANSPORT_WEBSOCKET, NULL,
                                        T0 + (gint64) second * G_USEC_PER_SEC);

  stellar_call_complete (call, response, 5);
  return call;
}

static StellarCall *
get_call (GListModel *model,
          guint       position)
{
  StellarCall *call = g_list_model_get_item (model, position);

  g_assert_nonnull (call);
  g_object_unref (call); /* the model keeps it */
  return call;
}

static void
assert_same_call (StellarCall *a,
                  StellarCall *b)
{
  g_assert_cmpstr (stellar_call_get_uid (a), ==, stellar_call_get_uid (b));
  g_assert_cmpstr (stellar_call_get_action (a), ==, stellar_call_get_action (b));
  g_assert_cmpstr (stellar_call_get_params_text (a), ==, stellar_call_get_params_text (b));
  g_assert_cmpint (stellar_call_get_transport (a), ==, stellar_call_get_transport (b));
  g_assert_cmpstrv (stellar_call_get_default_params (a), stellar_call_get_default_params (b));
  g_assert_cmpint (stellar_call_get_started (a), ==, stellar_call_get_started (b));
  g_assert_cmpint (stellar_call_get_status (a), ==, stellar_call_get_status (b));
  g_assert_cmpstr (stellar_call_get_response_text (a), ==, stellar_call_get_response_text (b));
  g_assert_cmpuint (stellar_call_get_response_size (a), ==, stellar_call_get_response_size (b));
  g_assert_cmpstr (stellar_call_get_error_code (a), ==, stellar_call_get_error_code (b));
  g_assert_cmpstr (stellar_call_get_error_message (a), ==, stellar_call_get_error_message (b));
  g_assert_cmpint (stellar_call_get_duration_ms (a), ==, stellar_call_get_duration_ms (b));
}

static void
test_call (void)
{
  const char *added[] = { "apiToken", "tenant", NULL };
  g_autoptr(StellarCall) call = stellar_call_new ("echo", "{\"message\":\"hi\"}", STELLAR_TRANSPORT_HTTP, added, T0);
  g_autoptr(StellarCall) other = stellar_call_new ("echo", "{}", STELLAR_TRANSPORT_WEBSOCKET, NULL, T0);
  guint notified = 0;

  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_PENDING);
  g_assert_cmpint (stellar_call_get_duration_ms (call), ==, -1);
  g_assert_cmpstrv (stellar_call_get_default_params (call), added);
  g_assert_cmpstr (stellar_call_get_default_params (other)[0], ==, NULL);
  g_assert_cmpstr (stellar_call_get_uid (call), !=, stellar_call_get_uid (other));

  g_signal_connect_swapped (call, "notify::status", G_CALLBACK (g_atomic_int_inc), &notified);
  stellar_call_fail (call, "004", "Unknown action", "{\"error\":{\"code\":\"004\"}}", 12);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_ERROR);
  g_assert_cmpstr (stellar_call_get_error_code (call), ==, "004");
  g_assert_cmpstr (stellar_call_get_error_message (call), ==, "Unknown action");
  g_assert_cmpuint (stellar_call_get_response_size (call), ==, strlen ("{\"error\":{\"code\":\"004\"}}"));
  g_assert_cmpint (stellar_call_get_duration_ms (call), ==, 12);
}

static void
test_save_and_load (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *added[] = { "apiToken", NULL };
  g_autoptr(StellarCall) ok = make_call ("status", "{}", "{\"id\":\"server\"}", 1);
  g_autoptr(StellarCall) failed = stellar_call_new ("nope", "{\"a\":1}", STELLAR_TRANSPORT_HTTP, added, T0 + 2 * G_USEC_PER_SEC);
  g_autoptr(StellarCall) pending = stellar_call_new ("sleep", "{\"sleepDuration\":100}", STELLAR_TRANSPORT_WEBSOCKET, NULL,
                                                     T0 + 3 * G_USEC_PER_SEC);
  g_autoptr(StellarCall) never = stellar_call_new ("never", "{}", STELLAR_TRANSPORT_WEBSOCKET, NULL, T0 + 4 * G_USEC_PER_SEC);
  g_autoptr(StellarCallHistory) reloaded = NULL;
  g_autoptr(StellarCallHistory) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  stellar_call_fail (failed, "004", "Unknown action (nope)", "{\"error\":{\"code\":\"004\"}}", 3);
  stellar_call_history_add (fixture->history, ok);
  stellar_call_history_add (fixture->history, failed);
  stellar_call_history_add (fixture->history, pending);
  stellar_call_history_add (fixture->history, never);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 4);
  g_assert_true (get_call (G_LIST_MODEL (fixture->history), 0) == never);

  /* saved once it completes */
  stellar_call_complete (pending, "{\"sleepDelta\":100}", 101);
  flush (fixture->database);

  reloaded = stellar_call_history_new (fixture->database, SERVER);
  g_assert_true (stellar_call_history_get_has_more (reloaded));
  g_assert_true (load_more (reloaded, &error));
  g_assert_no_error (error);
  g_assert_false (stellar_call_history_get_has_more (reloaded));

  /* the call still pending is not kept */
  model = G_LIST_MODEL (reloaded);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  assert_same_call (get_call (model, 0), pending);
  assert_same_call (get_call (model, 1), failed);
  assert_same_call (get_call (model, 2), ok);

  elsewhere = stellar_call_history_new (fixture->database, "ws://elsewhere.example");
  g_assert_true (load_more (elsewhere, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (elsewhere)), ==, 0);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StellarCallHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint changes = 0;

  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *params = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(StellarCall) call = make_call ("count", params, "{}", i);

      stellar_call_history_add (fixture->history, call);
    }
  flush (fixture->database);

  history = stellar_call_history_new (fixture->database, SERVER);
  model = G_LIST_MODEL (history);
  g_signal_connect_swapped (history, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);

  g_assert_true (load_more (history, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 500);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (stellar_call_history_get_has_more (history));
  g_assert_cmpstr (stellar_call_get_params_text (get_call (model, 0)), ==, "{\"n\":1199}");

  /* a call made now goes first, and the next page follows on */
  {
    g_autoptr(StellarCall) call = make_call ("count", "{\"n\":\"live\"}", "{}", 5000);

    stellar_call_history_add (history, call);
  }
  g_assert_true (load_more (history, &error));
  g_assert_true (load_more (history, &error));
  g_assert_no_error (error);
  g_assert_false (stellar_call_history_get_has_more (history));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1201);

  for (guint i = 1; i < 1201; i++)
    {
      g_autofree char *expected = g_strdup_printf ("{\"n\":%u}", 1200 - i);

      g_assert_cmpstr (stellar_call_get_params_text (get_call (model, i)), ==, expected);
    }

  /* nothing more: a no-op */
  g_assert_true (load_more (history, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1201);
}

/* Calls made before the first load are not shown twice. */
static void
test_load_after_add (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StellarCall) early = make_call ("status", "{}", "{}", 10);
  g_autoptr(StellarCall) earlier = make_call ("status", "{}", "{}", 1);
  g_autoptr(StellarCallHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  stellar_call_history_add (fixture->history, earlier);
  flush (fixture->database);

  history = stellar_call_history_new (fixture->database, SERVER);
  stellar_call_history_add (history, early);
  g_assert_true (load_more (history, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_true (get_call (G_LIST_MODEL (history), 0) == early);
  assert_same_call (get_call (G_LIST_MODEL (history), 1), earlier);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StellarCall) echo = make_call ("echo", "{\"message\":\"hello world\"}", "{\"echo\":\"hello world\"}", 1);
  g_autoptr(StellarCall) status = make_call ("status", "{}", "{\"id\":\"unicorn-server\"}", 2);
  g_autoptr(StellarCall) second_echo = make_call ("echo", "{\"message\":\"bye\"}", "{\"echo\":\"bye\"}", 3);
  g_autoptr(StellarCall) pending = stellar_call_new ("sleep", "{}", STELLAR_TRANSPORT_WEBSOCKET, NULL, T0);
  g_autoptr(StellarCallHistory) reloaded = NULL;
  g_autoptr(GListModel) found = NULL;

  stellar_call_history_add (fixture->history, echo);
  stellar_call_history_add (fixture->history, status);
  stellar_call_history_add (fixture->history, second_echo);
  stellar_call_history_add (fixture->history, pending);
  flush (fixture->database);

  found = search (fixture->history, "hello");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  /* the very object the history shows */
  g_assert_true (get_call (found, 0) == echo);
  g_clear_object (&found);

  found = search (fixture->history, "echo");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_assert_true (get_call (found, 0) == second_echo);
  g_clear_object (&found);

  /* the start of a word, in the response, ignoring case */
  found = search (fixture->history, "UNIC");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_true (get_call (found, 0) == status);
  g_clear_object (&found);

  /* every word must match */
  found = search (fixture->history, "echo bye");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  /* nothing typed is taken as query syntax */
  found = search (fixture->history, "he\"llo OR NEAR( *");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  found = search (fixture->history, "  ");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);

  /* from another history of the same server: new objects */
  reloaded = stellar_call_history_new (fixture->database, SERVER);
  found = search (reloaded, "world");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  assert_same_call (get_call (found, 0), echo);
}

/* What the History list shows: the history, or the calls matching the
 * search, kept in step with the history. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_items)
{
  g_assert_cmpuint (position + removed, <=, *n_items);
  *n_items = *n_items - removed + added;
}

static void
set_search_text (StellarCallSearch *search,
                 const char        *text)
{
  stellar_call_search_set_text (search, text);
  stellar_test_wait_for (!stellar_call_search_get_searching (search));
}

static void
test_search_model (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StellarCall) echo = make_call ("echo", "{\"message\":\"hello world\"}", "{\"echo\":\"hello world\"}", 1);
  g_autoptr(StellarCall) status = make_call ("status", "{}", "{\"id\":\"unicorn-server\"}", 2);
  g_autoptr(StellarCall) second_echo = make_call ("echo", "{\"message\":\"bye\"}", "{\"echo\":\"bye\"}", 3);
  g_autoptr(StellarCall) third_echo = make_call ("echo", "{\"message\":\"again\"}", "{\"echo\":\"again\"}", 4);
  g_autoptr(StellarCallSearch) search = stellar_call_search_new (fixture->history);
  GListModel *model = G_LIST_MODEL (search);
  guint n_items = 0;

  g_assert_true (g_list_model_get_item_type (model) == STELLAR_TYPE_CALL);
  g_signal_connect (search, "items-changed", G_CALLBACK (on_items_changed), &n_items);

  /* nothing searched: the history as it grows */
  stellar_call_history_add (fixture->history, echo);
  stellar_call_history_add (fixture->history, status);
  stellar_call_history_add (fixture->history, second_echo);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (n_items, ==, 3);
  g_assert_true (get_call (model, 0) == second_echo);
  g_assert_false (stellar_call_search_get_searching (search));

  /* the first search keeps the history shown until it ends */
  stellar_call_search_set_text (search, "echo");
  g_assert_true (stellar_call_search_get_searching (search));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  stellar_test_wait_for (!stellar_call_search_get_searching (search));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_true (get_call (model, 0) == second_echo);
  g_assert_true (get_call (model, 1) == echo);

  /* a search typed over another one: only the last counts */
  stellar_call_search_set_text (search, "hello");
  set_search_text (search, "unicorn");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (get_call (model, 0) == status);

  set_search_text (search, "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* a call made while searching is found when it matches */
  set_search_text (search, "echo");
  stellar_call_history_add (fixture->history, third_echo);
  g_assert_true (stellar_call_search_get_searching (search));
  stellar_test_wait_for (!stellar_call_search_get_searching (search));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (get_call (model, 0) == third_echo);
  g_assert_cmpuint (n_items, ==, 3);

  /* blank: the whole history again, at once */
  stellar_call_search_set_text (search, "  ");
  g_assert_false (stellar_call_search_get_searching (search));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (n_items, ==, 4);
  g_assert_cmpstr (stellar_call_search_get_text (search), ==, "  ");

  /* a search still under way when the model goes away: it ends without
   * touching it, and lets go of the history */
  stellar_call_search_set_text (search, "echo");
  g_assert_true (stellar_call_search_get_searching (search));
  g_assert_finalize_object (g_steal_pointer (&search));
  stellar_test_wait_for (G_OBJECT (fixture->history)->ref_count == 1);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(StellarCall) call = make_call ("echo", "{}", "{}", 1);
  g_autoptr(StellarCall) pending = stellar_call_new ("sleep", "{}", STELLAR_TRANSPORT_WEBSOCKET, NULL, T0);
  g_autoptr(StellarCallHistory) elsewhere = stellar_call_history_new (fixture->database, "ws://elsewhere.example");
  g_autoptr(StellarCallHistory) reloaded = NULL;
  g_autoptr(StellarCall) kept = make_call ("echo", "{}", "{}", 1);
  g_autoptr(GError) error = NULL;

  stellar_call_history_add (fixture->history, call);
  stellar_call_history_add (fixture->history, pending);
  stellar_call_history_add (elsewhere, kept);

  stellar_call_history_clear (fixture->history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->history)), ==, 0);
  g_assert_false (stellar_call_history_get_has_more (fixture->history));

  /* a call cleared while pending is not saved when it completes */
  stellar_call_complete (pending, "{}", 1);
  flush (fixture->database);

  reloaded = stellar_call_history_new (fixture->database, SERVER);
  g_assert_true (load_more (reloaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 0);

  g_clear_object (&reloaded);
  reloaded = stellar_call_history_new (fixture->database, "ws://elsewhere.example");
  g_assert_true (load_more (reloaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
}

/* A very long response is kept cut, with its whole size. */
static void
test_long_response (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) response = g_string_new ("\"");
  g_autoptr(StellarCall) call = NULL;
  g_autoptr(StellarCallHistory) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  StellarCall *loaded;

  while (response->len < 2 * 1024 * 1024)
    g_string_append (response, "é");
  g_string_append_c (response, '"');
  call = make_call ("big", "{}", response->str, 1);

  stellar_call_history_add (fixture->history, call);
  flush (fixture->database);

  reloaded = stellar_call_history_new (fixture->database, SERVER);
  g_assert_true (load_more (reloaded, &error));
  loaded = get_call (G_LIST_MODEL (reloaded), 0);
  g_assert_cmpuint (stellar_call_get_response_size (loaded), ==, response->len);
  g_assert_cmpuint (strlen (stellar_call_get_response_text (loaded)), <=, 1024 * 1024);
  g_assert_cmpuint (strlen (stellar_call_get_response_text (loaded)), >, 1024 * 1024 - 4);
  g_assert_true (g_utf8_validate (stellar_call_get_response_text (loaded), -1, NULL));
}

/* A corrupt file: the history still works in memory, and says so. */
static void
test_corrupt_database (void)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(StellarCallHistory) history = NULL;
  g_autoptr(StellarCall) echo = make_call ("echo", "{\"message\":\"Hello\"}", "{}", 1);
  g_autoptr(StellarCall) status = make_call ("status", "{}", "{\"id\":\"Unicorn\"}", 2);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_strnfill (4096, 'z');

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  database = open_database (file);
  g_assert_false (stellar_database_get_available (database));

  history = stellar_call_history_new (database, SERVER);
  g_assert_true (g_str_has_prefix (stellar_call_history_get_error_message (history), "History is unavailable: "));

  g_assert_false (load_more (history, &error));
  g_assert_error (error, STELLAR_DATABASE_ERROR, STELLAR_DATABASE_ERROR_UNAVAILABLE);
  g_assert_false (stellar_call_history_get_has_more (history));

  stellar_call_history_add (history, echo);
  stellar_call_history_add (history, status);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);

  found = search (history, "unicorn");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_true (get_call (found, 0) == status);
  g_clear_object (&found);
  found = search (history, "ELLO");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_true (get_call (found, 0) == echo);

  /* and the file is as it was */
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, garbage);
  }
}

int
main (int   argc,
      char *argv[])
{
  stellar_app_test_use_temporary_data_home ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call-history/call", test_call);
  g_test_add ("/call-history/save-and-load", Fixture, NULL, fixture_set_up, test_save_and_load, fixture_tear_down);
  g_test_add ("/call-history/paging", Fixture, NULL, fixture_set_up, test_paging, fixture_tear_down);
  g_test_add ("/call-history/load-after-add", Fixture, NULL, fixture_set_up, test_load_after_add, fixture_tear_down);
  g_test_add ("/call-history/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/call-history/search-model", Fixture, NULL, fixture_set_up, test_search_model, fixture_tear_down);
  g_test_add ("/call-history/clear", Fixture, NULL, fixture_set_up, test_clear, fixture_tear_down);
  g_test_add ("/call-history/long-response", Fixture, NULL, fixture_set_up, test_long_response, fixture_tear_down);
  g_test_add_func ("/call-history/corrupt-database", test_corrupt_database);

  return g_test_run ();
}
