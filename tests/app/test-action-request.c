/* test-action-request.c: the explorer's request: validation, form, errors, curl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stellar-action-request.h"
#include "stellar-app-test-utils.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

/* --- helpers ------------------------------------------------------------- */

typedef struct {
  GPtrArray *notified;  /* property names, in order */
} Notes;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notes      *notes)
{
  g_ptr_array_add (notes->notified, (gpointer) pspec->name);
}

static guint
count_notes (Notes      *notes,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < notes->notified->len; i++)
    if (strcmp (notes->notified->pdata[i], name) == 0)
      n++;

  return n;
}

static StellarParamField *
field_at (StellarActionRequest *request,
          guint                 position)
{
  StellarParamField *field = g_list_model_get_item (stellar_action_request_get_fields (request), position);

  g_assert_nonnull (field);
  g_object_unref (field);  /* the list keeps it */
  return field;
}

static guint
n_fields (StellarActionRequest *request)
{
  return g_list_model_get_n_items (stellar_action_request_get_fields (request));
}

static void
assert_field (StellarParamField *field,
              const char        *name,
              const char        *value,
              gboolean           raw,
              gboolean           present)
{
  g_assert_cmpstr (stellar_param_field_get_name (field), ==, name);
  g_assert_cmpstr (stellar_param_field_get_value (field), ==, value);
  g_assert_cmpint (stellar_param_field_get_raw (field), ==, raw);
  g_assert_cmpint (stellar_param_field_get_present (field), ==, present);
}

static void
assert_invalid_at (StellarActionRequest *request,
                   guint                 line,
                   guint                 column,
                   const char           *message_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = NULL;

  g_assert_false (stellar_action_request_get_valid (request));
  g_assert_cmpuint (stellar_action_request_get_error_line (request), ==, line);
  g_assert_cmpuint (stellar_action_request_get_error_column (request), ==, column);
  if (!g_str_has_prefix (stellar_action_request_get_error_message (request), message_start))
    g_error ("error message “%s” does not start with “%s”",
             stellar_action_request_get_error_message (request), message_start);

  /* invalid parameters are never handed out */
  params = stellar_action_request_get_params (request, &error);
  g_assert_null (params);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, stellar_action_request_get_error_message (request));
}

static void
assert_valid (StellarActionRequest *request,
              const char           *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) expected = NULL;

  g_assert_true (stellar_action_request_get_valid (request));
  g_assert_null (stellar_action_request_get_error_message (request));
  g_assert_cmpuint (stellar_action_request_get_error_line (request), ==, 0);
  g_assert_cmpuint (stellar_action_request_get_error_column (request), ==, 0);

  params = stellar_action_request_get_params (request, &error);
  g_assert_no_error (error);
  node = json_node_init_object (json_node_alloc (), params);
  expected = json_from_string (expected_json, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, expected));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* --- validation ---------------------------------------------------------- */

static void
test_validation (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);

  /* nothing typed: no parameters */
  assert_valid (request, "{}");
  stellar_action_request_set_params_text (request, "  \n ");
  assert_valid (request, "{}");

  stellar_action_request_set_params_text (request, "{\n  \"a\": 1,\n  \"b\": tru\n}");
  assert_invalid_at (request, 3, 10, "Line 3, column 10: ");

  /* columns count characters, not bytes */
  stellar_action_request_set_params_text (request, "{\"é\": \"ü\", x}");
  assert_invalid_at (request, 1, 12, "Line 1, column 12: ");

  stellar_action_request_set_params_text (request, "{\"a\": \"unterminated\n}");
  assert_invalid_at (request, 2, 2, "Line 2, column 2: ");

  /* JSON, but not an object: pointed at where the value starts */
  stellar_action_request_set_params_text (request, "\n   [1, 2]");
  assert_invalid_at (request, 2, 4, "Line 2, column 4: the parameters must be a JSON object, not an array");
  stellar_action_request_set_params_text (request, "\"text\"");
  assert_invalid_at (request, 1, 1, "Line 1, column 1: the parameters must be a JSON object, not a string");
  stellar_action_request_set_params_text (request, "42");
  assert_invalid_at (request, 1, 1, "Line 1, column 1: the parameters must be a JSON object, not a number");
  stellar_action_request_set_params_text (request, "null");
  assert_invalid_at (request, 1, 1, "Line 1, column 1: the parameters must be a JSON object, not null");

  stellar_action_request_set_params_text (request, "{\"a\": {\"b\": [1, \"x\"]}}");
  assert_valid (request, "{\"a\": {\"b\": [1, \"x\"]}}");

  /* text nested deeper than json-glib can be trusted with is refused
   * before it is parsed */
  {
    g_autofree char *brackets = g_strnfill (100000, '[');
    g_autofree char *deep = g_strconcat ("\n  {\"a\": ", brackets, NULL);

    stellar_action_request_set_params_text (request, deep);
    assert_invalid_at (request, 2, 3, "Line 2, column 3: arrays and objects nest more than 256 levels deep");
  }
}

static void
test_notify_on_change_only (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  Notes notes = { g_ptr_array_new () };

  g_signal_connect (request, "notify", G_CALLBACK (on_notify), &notes);

  stellar_action_request_set_params_text (request, "{\"a\": x}");
  g_assert_cmpuint (count_notes (&notes, "params-text"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "valid"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "error-message"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "error-line"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "error-column"), ==, 1);

  /* the same text again: nothing */
  g_ptr_array_set_size (notes.notified, 0);
  stellar_action_request_set_params_text (request, "{\"a\": x}");
  g_assert_cmpuint (notes.notified->len, ==, 0);

  /* another problem on the same line: only what changed */
  stellar_action_request_set_params_text (request, "{\"a\": y}");
  g_assert_cmpuint (count_notes (&notes, "params-text"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "valid"), ==, 0);
  g_assert_cmpuint (count_notes (&notes, "error-line"), ==, 0);
  g_assert_cmpuint (count_notes (&notes, "error-column"), ==, 0);
  g_assert_cmpuint (count_notes (&notes, "error-message"), ==, 1);

  g_ptr_array_set_size (notes.notified, 0);
  stellar_action_request_set_action (request, "echo");
  stellar_action_request_set_action (request, "echo");
  stellar_action_request_set_transport (request, STELLAR_TRANSPORT_HTTP);
  stellar_action_request_set_transport (request, STELLAR_TRANSPORT_HTTP);
  g_assert_cmpuint (count_notes (&notes, "action"), ==, 1);
  g_assert_cmpuint (count_notes (&notes, "transport"), ==, 1);
  g_assert_cmpint (stellar_action_request_get_transport (request), ==, STELLAR_TRANSPORT_HTTP);

  g_ptr_array_unref (notes.notified);
}

/* --- the form ------------------------------------------------------------ */

static void
test_fields_from_text (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  StellarParamField *name, *age;

  g_assert_true (g_list_model_get_item_type (stellar_action_request_get_fields (request)) == STELLAR_TYPE_PARAM_FIELD);

  stellar_action_request_set_params_text (request,
                                          "{\"name\": \"Ann\", \"age\": 42, \"tags\": [\"a\", \"b\"],"
                                          " \"ok\": true, \"nothing\": null, \"deep\": {\"x\": 1.5}}");
  g_assert_cmpuint (n_fields (request), ==, 6);
  assert_field (field_at (request, 0), "name", "Ann", FALSE, TRUE);
  assert_field (field_at (request, 1), "age", "42", TRUE, TRUE);
  assert_field (field_at (request, 2), "tags", "[\"a\",\"b\"]", TRUE, TRUE);
  assert_field (field_at (request, 3), "ok", "true", TRUE, TRUE);
  assert_field (field_at (request, 4), "nothing", "null", TRUE, TRUE);
  assert_field (field_at (request, 5), "deep", "{\"x\":1.5}", TRUE, TRUE);
  g_assert_false (stellar_param_field_get_documented (field_at (request, 0)));
  g_assert_null (stellar_param_field_get_error (field_at (request, 0)));

  /* new text: the fields follow its order and keep being the same objects */
  name = field_at (request, 0);
  age = field_at (request, 1);
  stellar_action_request_set_params_text (request, "{\"age\": \"forty\", \"name\": \"Ann\"}");
  g_assert_cmpuint (n_fields (request), ==, 2);
  g_assert_true (field_at (request, 0) == age);
  g_assert_true (field_at (request, 1) == name);
  assert_field (age, "age", "forty", FALSE, TRUE);

  /* invalid text leaves the form as it was */
  stellar_action_request_set_params_text (request, "{\"age\": ");
  g_assert_cmpuint (n_fields (request), ==, 2);
  g_assert_true (field_at (request, 0) == age);
}

static void
test_text_from_fields (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  StellarParamField *age;

  stellar_action_request_set_params_text (request, "{\"name\":\"Ann\",\"age\":42}");
  age = field_at (request, 1);

  stellar_param_field_set_value (field_at (request, 0), "Bob \"the\" builder");
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==,
                   "{\n  \"name\": \"Bob \\\"the\\\" builder\",\n  \"age\": 42\n}");
  assert_valid (request, "{\"name\": \"Bob \\\"the\\\" builder\", \"age\": 42}");

  /* a raw value is JSON; a string is a string */
  stellar_param_field_set_value (age, "43");
  assert_valid (request, "{\"name\": \"Bob \\\"the\\\" builder\", \"age\": 43}");
  stellar_param_field_set_raw (age, FALSE);
  assert_valid (request, "{\"name\": \"Bob \\\"the\\\" builder\", \"age\": \"43\"}");
  stellar_param_field_set_raw (age, TRUE);
  stellar_param_field_set_value (age, "{ \"years\" : [4, 3] }");
  assert_valid (request, "{\"name\": \"Bob \\\"the\\\" builder\", \"age\": {\"years\": [4, 3]}}");

  /* a raw value that is not JSON: the field says so, the text shows it
   * where it is, and nothing can be sent */
  stellar_param_field_set_value (age, "12a");
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==,
                   "{\n  \"name\": \"Bob \\\"the\\\" builder\",\n  \"age\": 12a\n}");
  g_assert_true (g_str_has_prefix (stellar_param_field_get_error (age), "Not valid JSON: "));
  assert_invalid_at (request, 3, 10, "Parameter “age”: Not valid JSON: ");

  stellar_param_field_set_value (age, "");
  g_assert_cmpstr (stellar_param_field_get_error (age), ==, "Enter a JSON value");
  assert_invalid_at (request, 3, 10, "Parameter “age”: Enter a JSON value");

  stellar_param_field_set_value (age, "12");
  g_assert_null (stellar_param_field_get_error (age));
  assert_valid (request, "{\"name\": \"Bob \\\"the\\\" builder\", \"age\": 12}");

  /* writing the text takes over: the form follows it again */
  stellar_action_request_set_params_text (request, "{\"age\": 1}");
  g_assert_cmpuint (n_fields (request), ==, 1);
  g_assert_true (field_at (request, 0) == age);
}

static void
test_add_and_remove_fields (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  StellarParamField *draft;
  StellarParamField *twin;

  stellar_action_request_set_params_text (request, "{\"a\": 1}");

  /* a row without a name is not a parameter yet */
  draft = stellar_action_request_add_field (request, NULL);
  g_assert_cmpuint (n_fields (request), ==, 2);
  g_assert_true (field_at (request, 1) == draft);
  assert_valid (request, "{\"a\": 1}");

  stellar_param_field_set_name (draft, "b");
  assert_valid (request, "{\"a\": 1, \"b\": \"\"}");
  stellar_param_field_set_value (draft, "two");
  assert_valid (request, "{\"a\": 1, \"b\": \"two\"}");

  /* a name used twice */
  twin = stellar_action_request_add_field (request, "a");
  g_assert_cmpstr (stellar_param_field_get_error (twin), ==, "Another parameter has this name");
  g_assert_null (stellar_param_field_get_error (field_at (request, 0)));
  assert_invalid_at (request, 4, 8, "Parameter “a”: Another parameter has this name");
  stellar_param_field_set_name (twin, "c");
  assert_valid (request, "{\"a\": 1, \"b\": \"two\", \"c\": \"\"}");

  g_assert_true (stellar_action_request_lookup_field (request, "b") == draft);
  g_object_ref (draft);  /* as a view showing the row would */
  stellar_action_request_remove_field (request, draft);
  g_assert_null (stellar_action_request_lookup_field (request, "b"));
  assert_valid (request, "{\"a\": 1, \"c\": \"\"}");

  /* a removed row is no longer the request's */
  stellar_param_field_set_value (draft, "ignored");
  assert_valid (request, "{\"a\": 1, \"c\": \"\"}");
  g_object_unref (draft);

  stellar_action_request_remove_field (request, field_at (request, 0));
  stellar_action_request_remove_field (request, field_at (request, 0));
  g_assert_cmpuint (n_fields (request), ==, 0);
  g_assert_cmpstr (stellar_action_request_get_params_text (request), ==, "{}");
}

static StellarActionCatalog *
load_test_server_catalog (StellarTestServer *server)
{
  g_autoptr(StellarClient) client = stellar_client_new (stellar_test_server_get_url (server));
  StellarActionCatalog *catalog = stellar_action_catalog_new (client);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_action_catalog_load_async (catalog, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_action_catalog_load_finish (catalog, result, &error));
  g_assert_no_error (error);

  return catalog;
}

static void
test_documented_fields (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionCatalog) catalog = load_test_server_catalog (server);
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (catalog);
  StellarParamField *a, *b;

  stellar_action_request_set_params_text (request, "{\"extra\": true}");
  stellar_action_request_set_action (request, "sum");
  g_assert_nonnull (stellar_action_request_get_action_info (request));
  g_assert_cmpstr (stellar_action_info_get_name (stellar_action_request_get_action_info (request)), ==, "sum");

  /* the parameters present, then the documented ones to fill in */
  g_assert_cmpuint (n_fields (request), ==, 3);
  assert_field (field_at (request, 0), "extra", "true", TRUE, TRUE);
  a = field_at (request, 1);
  b = field_at (request, 2);
  assert_field (a, "a", "", FALSE, FALSE);
  assert_field (b, "b", "", FALSE, FALSE);
  g_assert_true (stellar_param_field_get_documented (a));
  g_assert_true (stellar_param_field_get_required (a));
  g_assert_cmpstr (stellar_param_field_get_description (a), ==, "The first number");
  g_assert_null (stellar_param_field_get_default_value (a));

  /* filling one in puts it in the request */
  stellar_param_field_set_raw (b, TRUE);
  g_assert_false (stellar_param_field_get_present (b));
  stellar_param_field_set_value (b, "40");
  g_assert_true (stellar_param_field_get_present (b));
  assert_valid (request, "{\"extra\": true, \"b\": 40}");

  /* the text decides the order; documented ones left out come last */
  stellar_action_request_set_params_text (request, "{\"b\": 40, \"a\": 2}");
  g_assert_cmpuint (n_fields (request), ==, 2);
  g_assert_true (field_at (request, 0) == b);
  g_assert_true (field_at (request, 1) == a);

  /* removing a documented parameter keeps its row, empty */
  stellar_action_request_remove_field (request, a);
  g_assert_cmpuint (n_fields (request), ==, 2);
  assert_field (a, "a", "", FALSE, FALSE);
  assert_valid (request, "{\"b\": 40}");

  /* another action: its own inputs */
  stellar_action_request_set_action (request, "sleep");
  g_assert_cmpuint (n_fields (request), ==, 2);
  assert_field (field_at (request, 0), "b", "40", TRUE, TRUE);
  g_assert_false (stellar_param_field_get_documented (field_at (request, 0)));
  assert_field (field_at (request, 1), "sleepDuration", "", FALSE, FALSE);
  g_assert_cmpstr (stellar_param_field_get_default_value (field_at (request, 1)), ==, "1000");
  g_assert_false (stellar_param_field_get_required (field_at (request, 1)));

  /* an action the server does not document */
  stellar_action_request_set_action (request, "nope");
  g_assert_null (stellar_action_request_get_action_info (request));
  g_assert_cmpuint (n_fields (request), ==, 1);
}

static void
write_docs_page (const char *docs_dir,
                 const char *name,
                 const char *contents)
{
  g_autofree char *path = g_build_filename (docs_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An action whose documentation lists optional inputs among required
 * ones: the rows to fill in put the required ones first. */
static void
test_required_fields_first (void)
{
  g_autofree char *public_dir = g_dir_make_tmp ("stellar-docs-XXXXXX", NULL);
  g_autofree char *docs_dir = g_build_filename (public_dir, "docs", NULL);
  g_autoptr(StellarTestServer) server = NULL;
  g_autoptr(StellarActionCatalog) catalog = NULL;
  g_autoptr(StellarActionRequest) request = NULL;

  g_assert_cmpint (g_mkdir (docs_dir, 0700), ==, 0);
  write_docs_page (docs_dir, "index.html",
                   "<ul class=\"actionsList\"><li><a href=\"./action_find.html\">find</a></li></ul>");
  write_docs_page (docs_dir, "action_find.html",
                   "<h1 class=\"action-title\">find</h1><h3 class=\"action-version\">Version: 1</h3>"
                   "<div class=\"panel\"><div class=\"panel-header\">Inputs</div><div class=\"panel-block\">"
                   "<table><tbody>"
                   "<tr><td>limit</td><td>How many</td><td>10</td><td><ul class=\"validators\"></ul></td></tr>"
                   "<tr><td>query</td><td>What</td><td>N/A</td>"
                   "<td><ul class=\"validators\"><li class=\"required\">required</li></ul></td></tr>"
                   "<tr><td>offset</td><td>From where</td><td>N/A</td><td><ul class=\"validators\"></ul></td></tr>"
                   "<tr><td>user</td><td>Whose</td><td>N/A</td>"
                   "<td><ul class=\"validators\"><li class=\"required\">required</li></ul></td></tr>"
                   "</tbody></table></div></div>");

  server = stellar_test_server_start ("--no-docs", "--public-dir", public_dir, NULL);
  catalog = load_test_server_catalog (server);
  request = stellar_action_request_new (catalog);

  stellar_action_request_set_params_text (request, "{\"offset\": 5}");
  stellar_action_request_set_action (request, "find");
  g_assert_cmpuint (n_fields (request), ==, 4);
  assert_field (field_at (request, 0), "offset", "5", TRUE, TRUE);
  assert_field (field_at (request, 1), "query", "", FALSE, FALSE);
  assert_field (field_at (request, 2), "user", "", FALSE, FALSE);
  assert_field (field_at (request, 3), "limit", "", FALSE, FALSE);
  g_assert_true (stellar_param_field_get_required (field_at (request, 1)));
  g_assert_true (stellar_param_field_get_required (field_at (request, 2)));
  g_assert_false (stellar_param_field_get_required (field_at (request, 3)));
  g_assert_cmpstr (stellar_param_field_get_default_value (field_at (request, 3)), ==, "10");

  g_clear_object (&request);
  g_clear_pointer (&server, stellar_test_server_stop);
  stellar_app_test_remove_tree (public_dir);
}

/* --- the server's errors ------------------------------------------------- */

static void
apply (StellarActionRequest *request,
       const char           *response,
       guint                 expected)
{
  g_autoptr(JsonNode) node = parse_json (response);

  g_assert_cmpuint (stellar_action_request_apply_response_error (request, node), ==, expected);
}

static void
test_response_errors (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  StellarParamField *value, *b, *missing;

  stellar_action_request_set_params_text (request, "{\"value\": \"\", \"b\": \"x\"}");
  value = field_at (request, 0);
  b = field_at (request, 1);

  apply (request, "{\"error\":{\"value\":\"The value field is required.\"},\"context\":\"response\",\"messageCount\":5}", 1);
  g_assert_cmpstr (stellar_param_field_get_error (value), ==, "The value field is required.");
  g_assert_null (stellar_param_field_get_error (b));
  /* the server's errors do not stop a new try */
  g_assert_true (stellar_action_request_get_valid (request));

  /* the next answer clears stale errors */
  apply (request, "{\"error\":{\"b\":{\"code\":\"003\",\"message\":\"Param 'b' has an invalid type, expected integer\"}}}", 1);
  g_assert_null (stellar_param_field_get_error (value));
  g_assert_cmpstr (stellar_param_field_get_error (b), ==, "Param 'b' has an invalid type, expected integer");

  /* errors about the call as a whole, or no error at all, only clear */
  apply (request, "{\"error\":{\"code\":\"004\",\"message\":\"Unknown action (x) or invalid apiVersion\"}}", 0);
  g_assert_null (stellar_param_field_get_error (b));
  apply (request, "{\"value\":\"The value field is required.\"}", 0);
  apply (request, "{\"partial\":1,\"error\":\"boom\"}", 0);
  apply (request, "{\"error\":{\"error\":\"broken\",\"reason\":{\"detail\":1}}}", 0);
  g_assert_cmpuint (stellar_action_request_apply_response_error (request, NULL), ==, 0);
  g_assert_null (stellar_param_field_get_error (value));

  /* a parameter the form does not list, named by its message: a row for it */
  apply (request, "{\"error\":{\"a\":\"The a field is required.\",\"b\":\"The b field is required.\"}}", 2);
  missing = stellar_action_request_lookup_field (request, "a");
  g_assert_nonnull (missing);
  assert_field (missing, "a", "", FALSE, FALSE);
  g_assert_cmpstr (stellar_param_field_get_error (missing), ==, "The a field is required.");
  assert_valid (request, "{\"value\": \"\", \"b\": \"x\"}");

  /* an object of the action's own, with strings: only names the form has */
  apply (request, "{\"error\":{\"error\":\"broken\",\"reason\":\"stuff\"}}", 0);
  g_assert_null (stellar_action_request_lookup_field (request, "reason"));

  /* editing a field drops its server error */
  apply (request, "{\"error\":{\"value\":\"The value field is required.\",\"b\":\"bad\"}}", 2);
  stellar_param_field_set_value (value, "now given");
  g_assert_null (stellar_param_field_get_error (value));
  g_assert_cmpstr (stellar_param_field_get_error (b), ==, "bad");
}

/* The error of a real validation failure, over both transports, lands on
 * the field. */
static void
test_response_error_from_server (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionCatalog) catalog = load_test_server_catalog (server);
  g_autoptr(StellarClient) client = stellar_client_new (stellar_test_server_get_url (server));
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (catalog);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;
  StellarTransport transports[] = { STELLAR_TRANSPORT_WEBSOCKET, STELLAR_TRANSPORT_HTTP };

  stellar_client_connect_async (client, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  stellar_action_request_set_action (request, "input-require");
  g_assert_cmpuint (n_fields (request), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    {
      g_autoptr(JsonObject) params = stellar_action_request_get_params (request, &error);
      g_autoptr(JsonNode) response = NULL;
      StellarParamField *value = field_at (request, 0);

      g_assert_no_error (error);
      stellar_client_action_full_async (client, "input-require", params, transports[i], NULL,
                                        stellar_test_store_result, &slot);
      result = stellar_test_wait_result (&slot);
      response = stellar_client_action_finish (client, result, &error);
      g_assert_null (response);
      g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);

      g_assert_cmpuint (stellar_action_request_apply_response_error (request, stellar_error_get_response (error)), ==, 1);
      g_assert_cmpstr (stellar_param_field_get_name (value), ==, "value");
      g_assert_cmpstr (stellar_param_field_get_error (value), ==, "The value field is required.");

      g_clear_error (&error);
      g_clear_object (&result);
      stellar_action_request_apply_response_error (request, NULL);
    }

  stellar_client_disconnect (client);
}

/* --- copy as curl -------------------------------------------------------- */

/* How a POSIX shell splits @command: what `sh` runs instead of curl. */
static char **
split_by_shell (const char *command)
{
  g_autofree char *script = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_str_has_prefix (command, "curl "));
  script = g_strconcat ("printf '%s\\n' ", command + strlen ("curl "), NULL);
  g_spawn_sync (NULL, (char *[]) { (char *) "/bin/sh", (char *) "-c", script, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_strchomp (output);
  return g_strsplit (output, "\n", -1);
}

static void
test_curl (void)
{
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *other = NULL;
  g_auto(GStrv) argv = NULL;

  stellar_action_request_set_action (request, "echo");
  stellar_action_request_set_params_text (request, "{\"message\": \"it's $HOME `id` \\\"quoted\\\"\", \"n\": 1}");
  json_object_set_string_member (extra, "token", "t0k");
  json_object_set_string_member (extra, "n", "not this one");

  command = stellar_action_request_build_curl (request, "http://127.0.0.1:8080", "/api", extra, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command, ==,
                   "curl -X POST 'http://127.0.0.1:8080/api?action=echo' -H 'Content-Type: application/json' "
                   "-H 'Accept: application/json' "
                   "--data-raw '{\"message\":\"it'\\''s $HOME `id` \\\"quoted\\\"\",\"n\":1,\"token\":\"t0k\",\"action\":\"echo\"}'");

  argv = split_by_shell (command);
  g_assert_cmpstrv (argv, ((const char *[]) {
    "-X", "POST", "http://127.0.0.1:8080/api?action=echo", "-H", "Content-Type: application/json",
    "-H", "Accept: application/json", "--data-raw",
    "{\"message\":\"it's $HOME `id` \\\"quoted\\\"\",\"n\":1,\"token\":\"t0k\",\"action\":\"echo\"}",
    NULL }));

  /* the client's way with addresses and API paths */
  stellar_action_request_set_params_text (request, "");
  stellar_action_request_set_action (request, "a b&c");
  other = stellar_action_request_build_curl (request, "wss://example.com/base/", "v2", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (other, "curl -X POST 'https://example.com/base/v2?action=a%20b%26c' "));
  g_clear_pointer (&other, g_free);

  /* nothing to send: no command */
  stellar_action_request_set_params_text (request, "{");
  g_assert_null (stellar_action_request_build_curl (request, "http://h:1", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  stellar_action_request_set_params_text (request, "{}");
  stellar_action_request_set_action (request, "");
  g_assert_null (stellar_action_request_build_curl (request, "http://h:1", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  stellar_action_request_set_action (request, "echo");
  g_assert_null (stellar_action_request_build_curl (request, "not a url", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The command really makes the call: curl against the test server. */
static void
test_curl_reaches_server (void)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarActionRequest) request = stellar_action_request_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *command = NULL;
  g_autofree char *output = NULL;
  JsonObject *params;
  int status;

  stellar_action_request_set_action (request, "echo");
  stellar_action_request_set_params_text (request, "{\"message\": \"it's \\\"here\\\"\", \"n\": [1, 2]}");
  command = stellar_action_request_build_curl (request, stellar_test_server_get_url (server), "/api", NULL, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char *[]) { (char *) "/bin/sh", (char *) "-c", command, NULL }, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  reply = parse_json (output);
  params = json_object_get_object_member (json_node_get_object (reply), "params");
  g_assert_cmpstr (json_object_get_string_member (params, "message"), ==, "it's \"here\"");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (params, "n")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (params, "action"), ==, "echo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/action-request/validation", test_validation);
  g_test_add_func ("/app/action-request/notify-on-change-only", test_notify_on_change_only);
  g_test_add_func ("/app/action-request/fields-from-text", test_fields_from_text);
  g_test_add_func ("/app/action-request/text-from-fields", test_text_from_fields);
  g_test_add_func ("/app/action-request/add-and-remove-fields", test_add_and_remove_fields);
  g_test_add_func ("/app/action-request/documented-fields", test_documented_fields);
  g_test_add_func ("/app/action-request/required-fields-first", test_required_fields_first);
  g_test_add_func ("/app/action-request/response-errors", test_response_errors);
  g_test_add_func ("/app/action-request/response-error-from-server", test_response_error_from_server);
  g_test_add_func ("/app/action-request/curl", test_curl);
  g_test_add_func ("/app/action-request/curl-reaches-server", test_curl_reaches_server);

  return g_test_run ();
}
