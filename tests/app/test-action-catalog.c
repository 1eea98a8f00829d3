/* test-action-catalog.c: the documented actions, read from the test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "stellar-action-catalog.h"
#include "stellar-app-test-utils.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

/* Every action of the test server, in the order its index lists them. */
static const char * const test_server_actions[] = {
  "status", "echo", "input-require", "sleep", "errorAction", "errorPromise", "errorObject",
  "errorThrow", "privateAction", "partialError", "randomNumber", "time", "sum", "greet", NULL
};

typedef struct {
  GPtrArray *states;
  guint      items_changed;
} Watch;

static void
on_state (StellarActionCatalog *catalog,
          GParamSpec           *pspec,
          Watch                *watch)
{
  g_ptr_array_add (watch->states, GUINT_TO_POINTER (stellar_action_catalog_get_state (catalog)));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->items_changed++;
}

static StellarActionCatalog *
new_catalog (const char *url,
             Watch      *watch)
{
  g_autoptr(StellarClient) client = stellar_client_new (url);
  StellarActionCatalog *catalog = stellar_action_catalog_new (client);

  if (watch != NULL)
    {
      watch->states = g_ptr_array_new ();
      g_signal_connect (catalog, "notify::state", G_CALLBACK (on_state), watch);
      g_signal_connect (catalog, "items-changed", G_CALLBACK (on_items_changed), watch);
    }

  return catalog;
}

static gboolean
load (StellarActionCatalog  *catalog,
      GError               **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_action_catalog_load_async (catalog, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);

  return stellar_action_catalog_load_finish (catalog, result, error);
}

static StellarActionInfo *
item_at (StellarActionCatalog *catalog,
         guint                 position)
{
  StellarActionInfo *info = g_list_model_get_item (G_LIST_MODEL (catalog), position);

  g_object_unref (info);  /* the catalog keeps it */
  return info;
}

static void
assert_input (StellarActionInfo *info,
              const char        *name,
              const char        *description,
              gboolean           required,
              const char        *default_value)
{
  StellarActionInput *input = stellar_action_info_lookup_input (info, name);

  g_assert_nonnull (input);
  g_assert_cmpstr (stellar_action_input_get_description (input), ==, description);
  g_assert_cmpint (stellar_action_input_get_required (input), ==, required);
  g_assert_cmpstr (stellar_action_input_get_default_value (input), ==, default_value);
}

static void
test_test_server (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  StellarActionInfo *sum;
  StellarActionInfo *echo;
  Watch watch = { 0, };

  catalog = new_catalog (stellar_test_server_get_url (server), &watch);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_IDLE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (catalog)) == STELLAR_TYPE_ACTION_INFO);

  g_assert_true (load (catalog, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (watch.states->len, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (watch.states->pdata[0]), ==, STELLAR_ACTION_CATALOG_STATE_LOADING);
  g_assert_cmpuint (GPOINTER_TO_UINT (watch.states->pdata[1]), ==, STELLAR_ACTION_CATALOG_STATE_READY);
  g_assert_cmpuint (watch.items_changed, ==, 1);
  g_assert_null (stellar_action_catalog_get_error_message (catalog));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, g_strv_length ((char **) test_server_actions));
  for (guint i = 0; test_server_actions[i] != NULL; i++)
    {
      StellarActionInfo *info = item_at (catalog, i);

      g_assert_cmpstr (stellar_action_info_get_name (info), ==, test_server_actions[i]);
      g_assert_cmpstr (stellar_action_info_get_version (info), ==, "1");
      g_assert_nonnull (stellar_action_info_get_description (info));
    }

  sum = stellar_action_catalog_lookup (catalog, "sum");
  g_assert_nonnull (sum);
  g_assert_cmpstr (stellar_action_info_get_description (sum), ==, "Adds two integers.");
  g_assert_cmpuint (g_list_model_get_n_items (stellar_action_info_get_inputs (sum)), ==, 2);
  assert_input (sum, "a", "The first number", TRUE, NULL);
  assert_input (sum, "b", "The second number", TRUE, NULL);
  assert_input (stellar_action_catalog_lookup (catalog, "sleep"), "sleepDuration",
                "How long to wait, in milliseconds", FALSE, "1000");
  assert_input (stellar_action_catalog_lookup (catalog, "input-require"), "value", "Any text", TRUE, NULL);

  echo = stellar_action_catalog_lookup (catalog, "echo");
  g_assert_cmpuint (g_list_model_get_n_items (stellar_action_info_get_inputs (echo)), ==, 0);
  g_assert_null (stellar_action_catalog_lookup (catalog, "nope"));

  /* loading again replaces the list with the same actions */
  g_assert_true (load (catalog, &error));
  g_assert_cmpuint (watch.items_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, g_strv_length ((char **) test_server_actions));

  g_ptr_array_unref (watch.states);
}

/* Stellar 1.4.6 never answers for a missing file: the catalog gives up
 * after its timeout, empty, and says why. */
static void
test_no_docs_no_answer (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_start ("--no-docs", NULL);
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  catalog = new_catalog (stellar_test_server_get_url (server), NULL);
  stellar_action_catalog_set_timeout (catalog, 500);

  started = g_get_monotonic_time ();
  g_assert_false (load (catalog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE);
  g_assert_cmpstr (stellar_action_catalog_get_error_message (catalog), ==, "This server publishes no documentation");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
}

static void
test_no_docs_not_found (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_start ("--no-docs", NULL);
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  stellar_test_server_post (server, "/config", "{\"missingFileStatus\":404}");

  /* the 404 comes at once: no timeout needed */
  catalog = new_catalog (stellar_test_server_get_url (server), NULL);
  stellar_action_catalog_set_timeout (catalog, 0);

  g_assert_false (load (catalog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE);
  g_assert_cmpstr (stellar_action_catalog_get_error_message (catalog), ==, "This server publishes no documentation");
}

static void
test_unreachable (void)
{
  g_autofree char *url = stellar_test_get_refused_url ();
  g_autoptr(StellarActionCatalog) catalog = new_catalog (url, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (load (catalog, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_FAILED);
  g_assert_true (g_str_has_prefix (stellar_action_catalog_get_error_message (catalog),
                                   "Could not get the documentation: "));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
}

static void
write_page (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, "docs", name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A server whose docs folder is not what Stellar writes: a page of garbage,
 * a page missing (never answered), a good page; the catalog lists what it
 * could read, and the rest by name. */
static void
test_broken_pages (void)
{
  g_autofree char *public_dir = g_dir_make_tmp ("stellar-docs-XXXXXX", NULL);
  g_autofree char *docs_dir = g_build_filename (public_dir, "docs", NULL);
  g_autoptr(StellarTestServer) server = NULL;
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  StellarActionInfo *info;

  g_assert_cmpint (g_mkdir (docs_dir, 0700), ==, 0);
  write_page (public_dir, "index.html",
              "<ul class=\"actionsList\"><li><a href=\"./action_good.html\">good</a></li>"
              "<li><a href=\"./action_garbage.html\">garbage</a></li>"
              "<li><a href=\"./action_missing.html\">missing</a></li></ul>");
  write_page (public_dir, "action_good.html",
              "<h1 class=\"action-title\">good</h1><h3 class=\"action-version\">Version: 3</h3>"
              "<div class=\"panel\"><div class=\"panel-header\">Inputs</div><div class=\"panel-block\">"
              "<table><tr><td>x</td><td>N/A</td><td>7</td><td><ul class=\"validators\"></ul>");
  write_page (public_dir, "action_garbage.html", "\x01\x02<<</\xff\xfe&#;<h3 class=\"action-");

  server = stellar_test_server_start ("--no-docs", "--public-dir", public_dir, NULL);
  catalog = new_catalog (stellar_test_server_get_url (server), NULL);
  stellar_action_catalog_set_timeout (catalog, 500);

  g_assert_true (load (catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_READY);
  g_assert_cmpstr (stellar_action_catalog_get_error_message (catalog), ==,
                   "The documentation of 2 actions could not be read");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 3);

  info = item_at (catalog, 0);
  g_assert_cmpstr (stellar_action_info_get_name (info), ==, "good");
  g_assert_cmpstr (stellar_action_info_get_version (info), ==, "3");
  assert_input (info, "x", NULL, FALSE, "7");

  for (guint i = 1; i < 3; i++)
    {
      info = item_at (catalog, i);
      g_assert_cmpstr (stellar_action_info_get_name (info), ==, i == 1 ? "garbage" : "missing");
      g_assert_null (stellar_action_info_get_version (info));
      g_assert_cmpuint (g_list_model_get_n_items (stellar_action_info_get_inputs (info)), ==, 0);
    }

  stellar_app_test_remove_tree (public_dir);
}

static void
test_not_stellar_docs (void)
{
  g_autofree char *public_dir = g_dir_make_tmp ("stellar-docs-XXXXXX", NULL);
  g_autofree char *docs_dir = g_build_filename (public_dir, "docs", NULL);
  g_autoptr(StellarTestServer) server = NULL;
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (docs_dir, 0700), ==, 0);
  write_page (public_dir, "index.html", "<html><body><h1>Our API docs are elsewhere</h1></body></html>");

  server = stellar_test_server_start ("--no-docs", "--public-dir", public_dir, NULL);
  catalog = new_catalog (stellar_test_server_get_url (server), NULL);

  g_assert_false (load (catalog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE);
  g_assert_cmpstr (stellar_action_catalog_get_error_message (catalog), ==,
                   "The server’s documentation is not in Stellar’s format");

  stellar_app_test_remove_tree (public_dir);
}

static void
test_cancel (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionCatalog) catalog = new_catalog (stellar_test_server_get_url (server), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_action_catalog_load_async (catalog, cancellable, stellar_test_store_result, &slot);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_LOADING);
  g_cancellable_cancel (cancellable);

  result = stellar_test_wait_result (&slot);
  g_assert_false (stellar_action_catalog_load_finish (catalog, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
}

/* A second load while the first is under way: the first is cancelled,
 * the second fills the list. */
static void
test_reload_while_loading (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionCatalog) catalog = new_catalog (stellar_test_server_get_url (server), NULL);
  g_autoptr(GAsyncResult) first_slot = NULL;
  g_autoptr(GAsyncResult) second_slot = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  stellar_action_catalog_load_async (catalog, NULL, stellar_test_store_result, &first_slot);
  stellar_action_catalog_load_async (catalog, NULL, stellar_test_store_result, &second_slot);

  first = stellar_test_wait_result (&first_slot);
  g_assert_false (stellar_action_catalog_load_finish (catalog, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  second = stellar_test_wait_result (&second_slot);
  g_assert_true (stellar_action_catalog_load_finish (catalog, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stellar_action_catalog_get_state (catalog), ==, STELLAR_ACTION_CATALOG_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, g_strv_length ((char **) test_server_actions));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/action-catalog/test-server", test_test_server);
  g_test_add_func ("/app/action-catalog/no-docs-no-answer", test_no_docs_no_answer);
  g_test_add_func ("/app/action-catalog/no-docs-not-found", test_no_docs_not_found);
  g_test_add_func ("/app/action-catalog/unreachable", test_unreachable);
  g_test_add_func ("/app/action-catalog/broken-pages", test_broken_pages);
  g_test_add_func ("/app/action-catalog/not-stellar-docs", test_not_stellar_docs);
  g_test_add_func ("/app/action-catalog/cancel", test_cancel);
  g_test_add_func ("/app/action-catalog/reload-while-loading", test_reload_while_loading);

  return g_test_run ();
}
