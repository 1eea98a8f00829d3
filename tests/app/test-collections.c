/* test-collections.c: saved requests in collections, as files the user owns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test has its own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stellar-collections.h"
#include "stellar-test-utils.h"

/* --- helpers ------------------------------------------------------------- */

static char *
collections_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "com.example.Stellar", "collections", NULL);
}

static StellarCollections *
load_collections (void)
{
  StellarCollections *collections = stellar_collections_new (NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_collections_load_async (collections, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_collections_load_finish (collections, result, &error));
  g_assert_no_error (error);

  return collections;
}

static guint
n_items (gpointer model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gpointer
item_at (gpointer model,
         guint    position)
{
  GObject *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the list keeps it */
  return item;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, text) != NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The folder's files, sorted, joined by spaces. */
static char *
list_folder (void)
{
  g_autofree char *path = collections_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static StellarSavedRequest *
add_request (StellarCollection *collection,
             const char        *name,
             const char        *action,
             const char        *params_text,
             StellarTransport   transport)
{
  g_autoptr(StellarSavedRequest) request = stellar_saved_request_new (name, action, params_text, transport);

  stellar_collection_add_request (collection, request);
  return request;  /* the collection keeps it */
}

static void
assert_request (StellarSavedRequest *request,
                const char          *name,
                const char          *action,
                const char          *params_text,
                StellarTransport     transport)
{
  g_assert_cmpstr (stellar_saved_request_get_name (request), ==, name);
  g_assert_cmpstr (stellar_saved_request_get_action (request), ==, action);
  g_assert_cmpstr (stellar_saved_request_get_params_text (request), ==, params_text);
  g_assert_cmpint (stellar_saved_request_get_transport (request), ==, transport);
}

static gboolean
export_collection (StellarCollections  *collections,
                   StellarCollection   *collection,
                   GFile               *file,
                   GError             **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_collections_export_async (collections, collection, file, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  return stellar_collections_export_finish (collections, result, error);
}

static StellarCollection *
import_collection (StellarCollections  *collections,
                   GFile               *file,
                   GError             **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_collections_import_async (collections, file, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  return stellar_collections_import_finish (collections, result, error);
}

/* A collection with a request of each kind. */
static StellarCollection *
create_accounts (StellarCollections *collections)
{
  g_autoptr(GError) error = NULL;
  StellarCollection *accounts = stellar_collections_create (collections, "Accounts", &error);

  g_assert_no_error (error);
  add_request (accounts, "Log in", "login", "{\"user\": \"ann\", \"remember\": true}", STELLAR_TRANSPORT_AUTO);
  add_request (accounts, "Draft", "search", "{ \"query\": ", STELLAR_TRANSPORT_HTTP);
  add_request (accounts, "No parameters", "status", "", STELLAR_TRANSPORT_WEBSOCKET);

  return accounts;
}

static void
assert_accounts_requests (StellarCollection *collection)
{
  g_assert_cmpuint (n_items (collection), ==, 3);
  assert_request (item_at (collection, 0), "Log in", "login",
                  "{\n  \"user\" : \"ann\",\n  \"remember\" : true\n}", STELLAR_TRANSPORT_AUTO);
  assert_request (item_at (collection, 1), "Draft", "search", "{ \"query\": ", STELLAR_TRANSPORT_HTTP);
  assert_request (item_at (collection, 2), "No parameters", "status", "", STELLAR_TRANSPORT_WEBSOCKET);
}

/* --- tests --------------------------------------------------------------- */

static void
test_persist (void)
{
  g_autofree char *dir = collections_dir ();
  g_autofree char *path = g_build_filename (dir, "accounts.json", NULL);
  g_autoptr(StellarCollections) collections = load_collections ();
  g_autoptr(StellarCollections) again = NULL;
  g_autofree char *contents = NULL;
  StellarCollection *accounts;

  g_assert_cmpuint (n_items (collections), ==, 0);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpstr (g_file_peek_path (stellar_collections_get_directory (collections)), ==, dir);

  accounts = create_accounts (collections);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (stellar_collections_lookup (collections, "Accounts") == accounts);

  /* changes reach the file once the main loop is idle */
  stellar_test_wait_for (file_contains (path, "No parameters"));
  contents = read_file (path);
  g_assert_nonnull (strstr (contents, "\"format\" : \"stellar-collection\""));
  g_assert_nonnull (strstr (contents, "\"version\" : 1"));
  g_assert_nonnull (strstr (contents, "\"paramsText\" : \"{ \\\"query\\\": \""));

  /* another list of the same folder reads the same */
  again = load_collections ();
  g_assert_cmpuint (n_items (again), ==, 1);
  g_assert_cmpstr (stellar_collection_get_name (item_at (again, 0)), ==, "Accounts");
  assert_accounts_requests (item_at (again, 0));
  g_assert_null (stellar_collections_get_error_message (again));

  /* editing a saved request saves it */
  stellar_saved_request_set_action (item_at (accounts, 0), "signIn");
  stellar_test_wait_for (file_contains (path, "signIn"));
}

static void
test_saved_on_dispose (void)
{
  g_autofree char *dir = collections_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.json", NULL);
  StellarCollections *collections = load_collections ();
  StellarCollection *notes = stellar_collections_create (collections, "Notes", NULL);

  add_request (notes, "Last change", "echo", "{}", STELLAR_TRANSPORT_AUTO);
  g_assert_false (file_contains (path, "Last change"));

  /* no main loop turn: the change is written as the list goes */
  g_assert_finalize_object (collections);
  g_assert_true (file_contains (path, "Last change"));
}

static void
test_names (void)
{
  g_autoptr(StellarCollections) collections = load_collections ();
  g_autofree char *files = NULL;
  StellarCollection *first, *second, *zebra;
  StellarSavedRequest *one, *two;

  zebra = stellar_collections_create (collections, "Zebra", NULL);
  first = stellar_collections_create (collections, "Accounts", NULL);
  second = stellar_collections_create (collections, "Accounts", NULL);
  g_assert_cmpstr (stellar_collection_get_name (second), ==, "Accounts (2)");

  /* sorted by name, each with a file of its own */
  g_assert_true (item_at (collections, 0) == first);
  g_assert_true (item_at (collections, 1) == second);
  g_assert_true (item_at (collections, 2) == zebra);
  files = list_folder ();
  g_assert_cmpstr (files, ==, "accounts-2.json accounts.json zebra.json");

  stellar_collections_rename (collections, zebra, "Accounts");
  g_assert_cmpstr (stellar_collection_get_name (zebra), ==, "Accounts (3)");
  g_assert_true (item_at (collections, 2) == zebra);
  stellar_collections_rename (collections, zebra, "Aardvark");
  g_assert_true (item_at (collections, 0) == zebra);

  one = add_request (first, "Log in", "login", "{}", STELLAR_TRANSPORT_AUTO);
  two = add_request (first, "Log in", "login", "{\"x\": 1}", STELLAR_TRANSPORT_AUTO);
  g_assert_cmpstr (stellar_saved_request_get_name (two), ==, "Log in (2)");
  stellar_collection_rename_request (first, two, "Log in");
  g_assert_cmpstr (stellar_saved_request_get_name (two), ==, "Log in (2)");
  stellar_collection_rename_request (first, one, "Sign in");
  stellar_collection_rename_request (first, two, "Log in");
  g_assert_cmpstr (stellar_saved_request_get_name (two), ==, "Log in");
  g_assert_true (stellar_collection_lookup_request (first, "Sign in") == one);

  stellar_collection_remove_request (first, one);
  g_assert_null (stellar_collection_lookup_request (first, "Sign in"));
  g_assert_cmpuint (n_items (first), ==, 1);
}

static void
test_remove (void)
{
  g_autofree char *dir = collections_dir ();
  g_autofree char *path = g_build_filename (dir, "gone.json", NULL);
  g_autoptr(StellarCollections) collections = load_collections ();
  g_autoptr(GError) error = NULL;
  StellarCollection *gone = stellar_collections_create (collections, "Gone", NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (stellar_collections_remove (collections, gone, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_items (collections), ==, 0);
}

static void
test_export_import_round_trip (void)
{
  g_autoptr(StellarCollections) collections = load_collections ();
  g_autofree char *outside_dir = g_dir_make_tmp ("stellar-export-XXXXXX", NULL);
  g_autofree char *exported_path = g_build_filename (outside_dir, "Accounts export.json", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(GFile) exported_again = g_file_new_build_filename (outside_dir, "again.json", NULL);
  g_autoptr(StellarCollection) imported = NULL;
  g_autoptr(StellarCollection) imported_twice = NULL;
  g_autoptr(StellarCollection) twins = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_export = NULL;
  g_autofree char *second_export = NULL;
  g_autofree char *files = NULL;
  g_auto(GStrv) renamed = NULL;
  StellarCollection *accounts = create_accounts (collections);

  g_assert_true (export_collection (collections, accounts, exported, &error));
  g_assert_no_error (error);

  imported = import_collection (collections, exported, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpstr (stellar_collection_get_name (imported), ==, "Accounts (2)");
  g_assert_cmpuint (n_items (collections), ==, 2);
  g_assert_true (item_at (collections, 1) == imported);
  assert_accounts_requests (imported);
  files = list_folder ();
  g_assert_cmpstr (files, ==, "accounts-2.json accounts.json");

  /* exporting the import gives the same file, but for the name */
  g_assert_true (export_collection (collections, imported, exported_again, &error));
  first_export = read_file (exported_path);
  second_export = read_file (g_file_peek_path (exported_again));
  renamed = g_strsplit (second_export, "Accounts (2)", 0);
  g_assert_cmpuint (g_strv_length (renamed), ==, 2);
  g_free (second_export);
  second_export = g_strjoinv ("Accounts", renamed);
  g_assert_cmpstr (first_export, ==, second_export);

  /* importing twice: another number */
  imported_twice = import_collection (collections, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stellar_collection_get_name (imported_twice), ==, "Accounts (3)");

  /* names a file repeats get a number on import */
  g_assert_true (g_file_set_contents (exported_path,
                                      "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"Twins\","
                                      " \"requests\": [{\"name\": \"r\", \"action\": \"a\"},"
                                      " {\"name\": \"r\", \"action\": \"b\", \"future\": true}],"
                                      " \"comment\": \"members a reader does not know are ignored\"}", -1, NULL));
  twins = import_collection (collections, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (twins), ==, 2);
  assert_request (item_at (twins, 0), "r", "a", "", STELLAR_TRANSPORT_AUTO);
  assert_request (item_at (twins, 1), "r (2)", "b", "", STELLAR_TRANSPORT_AUTO);

  g_assert_no_errno (g_remove (exported_path));
  g_assert_no_errno (g_remove (g_file_peek_path (exported_again)));
  g_assert_no_errno (g_rmdir (outside_dir));
}

static void
test_import_bad_files (void)
{
  const struct {
    const char *content;
    int         code;
    const char *message;
  } cases[] = {
    { "", G_IO_ERROR_INVALID_DATA, "The file is not a Stellar collection: it is not a JSON object" },
    { "not json at all", G_IO_ERROR_INVALID_DATA, "The file is not a Stellar collection: it is not a JSON object" },
    { "[1, 2]", G_IO_ERROR_INVALID_DATA, "The file is not a Stellar collection: it is not a JSON object" },
    { "{\"info\": {\"name\": \"A Postman export\"}, \"item\": []}", G_IO_ERROR_INVALID_DATA,
      "The file is not a Stellar collection" },
    { "{\"format\": \"something-else\", \"version\": 1, \"name\": \"x\", \"requests\": []}",
      G_IO_ERROR_INVALID_DATA, "The file is not a Stellar collection" },
    { "{\"format\": \"stellar-collection\", \"version\": 2, \"name\": \"x\", \"requests\": []}",
      G_IO_ERROR_NOT_SUPPORTED, "The collection was saved by a newer version of Stellar (format version 2)" },
    { "{\"format\": \"stellar-collection\", \"version\": \"1\", \"name\": \"x\", \"requests\": []}",
      G_IO_ERROR_INVALID_DATA, "The collection file has no valid format version" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"requests\": []}",
      G_IO_ERROR_INVALID_DATA, "The collection has no name" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": {}}",
      G_IO_ERROR_INVALID_DATA, "The collection has no list of requests" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"ok\", \"action\": \"a\"}, 3]}",
      G_IO_ERROR_INVALID_DATA, "Request 2 is not a JSON object" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"action\": \"a\"}]}",
      G_IO_ERROR_INVALID_DATA, "Request 1 has no name" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"r\"}]}",
      G_IO_ERROR_INVALID_DATA, "The request “r” has no action" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"r\", \"action\": \"a\", \"transport\": \"pigeon\"}]}",
      G_IO_ERROR_INVALID_DATA, "The request “r” has an unknown transport" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"r\", \"action\": \"a\", \"params\": [1]}]}",
      G_IO_ERROR_INVALID_DATA, "The parameters of the request “r” are not a JSON object" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"r\", \"action\": \"a\", \"paramsText\": 5}]}",
      G_IO_ERROR_INVALID_DATA, "The parameters of the request “r” are not text" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"name\": \"r\", \"action\": \"a\"}",
      G_IO_ERROR_INVALID_DATA, "The file is not a Stellar collection: it is not a JSON object" },
  };
  g_autoptr(StellarCollections) collections = load_collections ();
  g_autofree char *dir = collections_dir ();
  g_autofree char *accounts_path = g_build_filename (dir, "accounts.json", NULL);
  g_autofree char *outside_dir = g_dir_make_tmp ("stellar-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (outside_dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_build_filename (outside_dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *big = NULL;
  gsize big_length = 17 * 1024 * 1024;

  create_accounts (collections);
  stellar_test_wait_for (file_contains (accounts_path, "Draft"));
  files_before = list_folder ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StellarCollection) imported = NULL;
      g_autofree char *files_after = NULL;

      g_file_set_contents (path, cases[i].content, -1, &error);
      g_assert_no_error (error);

      imported = import_collection (collections, file, &error);
      g_assert_null (imported);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);

      /* nothing changed */
      g_assert_cmpuint (n_items (collections), ==, 1);
      files_after = list_folder ();
      g_assert_cmpstr (files_after, ==, files_before);
    }

  /* nested deeper than json-glib can be trusted with */
  {
    g_autofree char *brackets = g_strnfill (100000, '[');
    g_autofree char *deep = g_strconcat ("{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\","
                                         " \"requests\": [{\"name\": \"r\", \"action\": \"a\", \"params\": {\"p\": ",
                                         brackets, NULL);

    g_file_set_contents (path, deep, -1, &error);
    g_assert_no_error (error);
    g_assert_null (import_collection (collections, file, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, "The file is not a Stellar collection: it nests more than 256 levels deep");
    g_clear_error (&error);
  }

  g_assert_null (import_collection (collections, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  big = g_malloc (big_length);
  memset (big, ' ', big_length);
  g_file_set_contents (path, big, big_length, &error);
  g_assert_no_error (error);
  g_assert_null (import_collection (collections, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The file is too large to be a collection");
  g_assert_cmpuint (n_items (collections), ==, 1);

  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (outside_dir));
}

/* A file of the folder that is not a collection is named, listed nowhere,
 * and left as it is. */
static void
test_corrupt_file_in_folder (void)
{
  g_autofree char *dir = collections_dir ();
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *ignored = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(StellarCollections) first = load_collections ();
  g_autoptr(StellarCollections) second = NULL;
  g_autofree char *after = NULL;

  create_accounts (first);
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"stellar-collection\", \"ver", -1, NULL));
  g_assert_true (g_file_set_contents (ignored, "not a collection, not a .json file", -1, NULL));

  second = load_collections ();
  g_assert_cmpuint (n_items (second), ==, 1);
  g_assert_cmpstr (stellar_collection_get_name (item_at (second, 0)), ==, "Accounts");
  g_assert_cmpstr (stellar_collections_get_error_message (second), ==,
                   "“broken.json” is not readable: The file is not a Stellar collection: it is not a JSON object");

  after = read_file (broken);
  g_assert_cmpstr (after, ==, "{\"format\": \"stellar-collection\", \"ver");

  /* once mended, it is listed */
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"stellar-collection\", \"version\": 1, "
                                      "\"name\": \"Mended\", \"requests\": []}", -1, NULL));
  stellar_test_wait_for (stellar_collections_lookup (second, "Mended") != NULL);
  stellar_test_wait_for (stellar_collections_get_error_message (second) == NULL);
}

static gboolean
collection_has_request (StellarCollections *collections,
                        const char         *collection_name,
                        const char         *request_name)
{
  StellarCollection *collection = stellar_collections_lookup (collections, collection_name);

  return collection != NULL && stellar_collection_lookup_request (collection, request_name) != NULL;
}

/* Two windows, or two instances of the app, on the same folder. */
static void
test_two_instances (void)
{
  g_autoptr(StellarCollections) a = load_collections ();
  g_autoptr(StellarCollections) b = load_collections ();
  g_autofree char *dir = collections_dir ();
  g_autofree char *outside = g_build_filename (dir, "by-hand.json", NULL);
  StellarCollection *shared_in_a;
  StellarCollection *shared_in_b;

  shared_in_a = stellar_collections_create (a, "Shared", NULL);
  stellar_test_wait_for (stellar_collections_lookup (b, "Shared") != NULL);
  shared_in_b = stellar_collections_lookup (b, "Shared");

  add_request (shared_in_a, "From A", "echo", "{\"from\": \"a\"}", STELLAR_TRANSPORT_HTTP);
  stellar_test_wait_for (collection_has_request (b, "Shared", "From A"));
  assert_request (stellar_collection_lookup_request (shared_in_b, "From A"), "From A", "echo",
                  "{\n  \"from\" : \"a\"\n}", STELLAR_TRANSPORT_HTTP);

  stellar_collections_rename (b, shared_in_b, "Shared by B");
  stellar_test_wait_for (g_strcmp0 (stellar_collection_get_name (shared_in_a), "Shared by B") == 0);
  g_assert_true (stellar_collections_lookup (a, "Shared by B") == shared_in_a);

  /* a file written by hand appears in both */
  g_assert_true (g_file_set_contents (outside, "{\"format\": \"stellar-collection\", \"version\": 1, "
                                      "\"name\": \"By hand\", \"requests\": [{\"name\": \"r\", \"action\": \"a\"}]}",
                                      -1, NULL));
  stellar_test_wait_for (collection_has_request (a, "By hand", "r") && collection_has_request (b, "By hand", "r"));

  g_assert_true (stellar_collections_remove (b, shared_in_b, NULL));
  stellar_test_wait_for (n_items (a) == 1);
  g_assert_null (stellar_collections_lookup (a, "Shared by B"));

  /* what A did was never undone by reading its own writes */
  g_assert_cmpuint (n_items (b), ==, 1);
}

static void
test_saved_request_and_explorer (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  g_autoptr(StellarActionRequest) other = stellar_action_request_new (NULL);
  g_autoptr(StellarSavedRequest) saved = NULL;

  stellar_action_request_set_action (request, "sum");
  stellar_action_request_set_params_text (request, "{\"a\": 1, \"b\": 2}");
  stellar_action_request_set_transport (request, STELLAR_TRANSPORT_HTTP);

  saved = stellar_saved_request_new_from_request ("Sum", request);
  assert_request (saved, "Sum", "sum", "{\"a\": 1, \"b\": 2}", STELLAR_TRANSPORT_HTTP);

  stellar_saved_request_apply (saved, other);
  g_assert_cmpstr (stellar_action_request_get_action (other), ==, "sum");
  g_assert_cmpstr (stellar_action_request_get_params_text (other), ==, "{\"a\": 1, \"b\": 2}");
  g_assert_cmpint (stellar_action_request_get_transport (other), ==, STELLAR_TRANSPORT_HTTP);
  g_assert_cmpuint (n_items (stellar_action_request_get_fields (other)), ==, 2);
}

static gboolean
is_saved_with (const char *path,
               const char *text)
{
  return file_contains (path, text);
}

/* A collection created while the folder is being read (as soon as the
 * app starts) stays, and what is added to it is written. */
static void
test_create_during_load (void)
{
  g_autofree char *dir = collections_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.json", NULL);
  g_autoptr(StellarCollections) collections = stellar_collections_new (NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StellarCollection *fresh;

  /* a folder that takes a while to read */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.json", i);
      g_autofree char *old = g_build_filename (dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("{\"format\": \"stellar-collection\", \"version\": 1, "
                                               "\"name\": \"Old %u\", \"requests\": []}", i);

      g_assert_true (g_file_set_contents (old, text, -1, NULL));
    }

  stellar_collections_load_async (collections, NULL, stellar_test_store_result, &slot);
  fresh = stellar_collections_create (collections, "Fresh", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);

  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_collections_load_finish (collections, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_items (collections), ==, 201);
  g_assert_true (stellar_collections_lookup (collections, "Fresh") == fresh);

  add_request (fresh, "Ping", "status", NULL, STELLAR_TRANSPORT_AUTO);
  stellar_test_wait_for (is_saved_with (path, "\"Ping\""));
  g_assert_true (stellar_collections_lookup (collections, "Fresh") == fresh);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/app/collections/persist", test_persist);
  g_test_add_func ("/app/collections/saved-on-dispose", test_saved_on_dispose);
  g_test_add_func ("/app/collections/names", test_names);
  g_test_add_func ("/app/collections/remove", test_remove);
  g_test_add_func ("/app/collections/export-import-round-trip", test_export_import_round_trip);
  g_test_add_func ("/app/collections/import-bad-files", test_import_bad_files);
  g_test_add_func ("/app/collections/corrupt-file-in-folder", test_corrupt_file_in_folder);
  g_test_add_func ("/app/collections/two-instances", test_two_instances);
  g_test_add_func ("/app/collections/saved-request-and-explorer", test_saved_request_and_explorer);
  g_test_add_func ("/app/collections/create-during-load", test_create_during_load);

  return g_test_run ();
}
