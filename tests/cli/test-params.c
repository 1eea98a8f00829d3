/* test-params.c: action parameters written on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stellar-cli-params.h"

static JsonObject *
parse (const char * const  *args,
       const char          *input,
       GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (input != NULL)
    stream = g_memory_input_stream_new_from_data (g_strdup (input), -1, g_free);

  return stellar_cli_params_parse (args, stream, error);
}

static char *
parse_to_text (const char * const *args,
               const char         *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = parse (args, input, &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  node = json_node_init_object (json_node_alloc (), params);
  return json_to_string (node, FALSE);
}

static void
assert_params (const char * const *args,
               const char         *input,
               const char         *expected)
{
  g_autofree char *text = parse_to_text (args, input);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_usage_error (const char * const *args,
                    const char         *input,
                    const char         *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = parse (args, input, &error);

  g_assert_null (params);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, in_message);
}

static void
test_items (void)
{
  assert_params ((const char *[]) { NULL }, NULL, "{}");
  assert_params ((const char *[]) { "a=1", "b:=1", "c:=\"1\"", "d=", NULL }, NULL,
                 "{\"a\":\"1\",\"b\":1,\"c\":\"1\",\"d\":\"\"}");
  /* the first separator splits; the rest is the value's */
  assert_params ((const char *[]) { "url=http://x/?a=b", "expr:=1", "eq==", NULL }, NULL,
                 "{\"url\":\"http://x/?a=b\",\"expr\":1,\"eq\":\"=\"}");
  assert_params ((const char *[]) { "list:=[1, {\"x\": null}]", "yes:=true", NULL }, NULL,
                 "{\"list\":[1,{\"x\":null}],\"yes\":true}");
  /* the last one wins */
  assert_params ((const char *[]) { "a=1", "a=2", NULL }, NULL, "{\"a\":\"2\"}");
}

static void
test_escapes (void)
{
  assert_params ((const char *[]) { "a\\=b=c", NULL }, NULL, "{\"a=b\":\"c\"}");
  /* an escaped colon makes ":=" a plain "=" */
  assert_params ((const char *[]) { "time\\:=1", NULL }, NULL, "{\"time:\":\"1\"}");
  assert_params ((const char *[]) { "back\\\\slash=x", NULL }, NULL, "{\"back\\\\slash\":\"x\"}");
}

static void
test_object_and_stdin (void)
{
  assert_params ((const char *[]) { "{\"a\":1,\"b\":2}", "b:=3", NULL }, NULL, "{\"a\":1,\"b\":3}");
  assert_params ((const char *[]) { "  {\"a\":1}", NULL }, NULL, "{\"a\":1}");
  assert_params ((const char *[]) { "-", "c=x", NULL }, "{\"from\":\"stdin\"}\n",
                 "{\"from\":\"stdin\",\"c\":\"x\"}");
}

static void
test_errors (void)
{
  assert_usage_error ((const char *[]) { "word", NULL }, NULL, "“word” is not a parameter");
  assert_usage_error ((const char *[]) { "=value", NULL }, NULL, "“=value” is not a parameter");
  assert_usage_error ((const char *[]) { "a:=nope", NULL }, NULL, "“a”");
  assert_usage_error ((const char *[]) { "a:={\"x\":", NULL }, NULL, "line 1, column");
  assert_usage_error ((const char *[]) { "a:=", NULL }, NULL, "is empty");
  assert_usage_error ((const char *[]) { "[1]", NULL }, NULL, "“[1]” is not a parameter");
  assert_usage_error ((const char *[]) { "{\"a\":1}", "{\"b\":2}", NULL }, NULL, "at most one");
  assert_usage_error ((const char *[]) { "-", NULL }, "[1]", "not a JSON object");
  assert_usage_error ((const char *[]) { "-", NULL }, "", "is empty");
  assert_usage_error ((const char *[]) { "-", NULL }, NULL, "standard input");
}

static void
test_too_deep (void)
{
  GString *deep = g_string_new ("a:=");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');

  assert_usage_error ((const char *[]) { deep->str, NULL }, NULL, "nests deeper");

  g_string_free (deep, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/params/items", test_items);
  g_test_add_func ("/cli/params/escapes", test_escapes);
  g_test_add_func ("/cli/params/object-and-stdin", test_object_and_stdin);
  g_test_add_func ("/cli/params/errors", test_errors);
  g_test_add_func ("/cli/params/too-deep", test_too_deep);

  return g_test_run ();
}
