/* test-interceptors.c: the intercept signal chain and StellarActionCall
 *
 * The seed's four interceptor examples (add or change params, answer
 * without a request, fail without a request, change the response), the
 * order of the chain, asynchronous interceptors with hold() and release(),
 * and both transports.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-fixture.h"

/* --- the seed's examples ------------------------------------------------- */

static gboolean
add_token (StellarClient     *client,
           StellarActionCall *call,
           gpointer           user_data)
{
  JsonObject *params = stellar_action_call_get_params (call);

  json_object_set_string_member (params, "token", "secret");
  json_object_set_string_member (params, "message", "changed by the interceptor");
  return FALSE;
}

static void
test_intercept_params (void)
{
  StellarClient *clients[2] = { test_client_new_connected (test_server), test_client_new (test_server) };

  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    {
      g_autoptr(JsonObject) params = test_params ("{\"message\":\"original\"}");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) response = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *echoed;

      g_signal_connect (clients[c], "intercept", G_CALLBACK (add_token), NULL);
      stellar_test_server_clear_frames (test_server);

      stellar_client_action_async (clients[c], "echo", params, NULL, stellar_test_store_result, &result);
      stellar_test_wait_for (result != NULL);
      response = stellar_client_action_finish (clients[c], result, &error);
      g_clear_object (&result);
      g_assert_no_error (error);

      /* The server got the interceptor's params, over either transport... */
      echoed = json_object_get_object_member (json_node_get_object (response), "params");
      g_assert_cmpstr (json_object_get_string_member (echoed, "token"), ==, "secret");
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==,
                       "changed by the interceptor");
      /* ...and the caller's own params are as they were. */
      g_assert_cmpstr (json_object_get_string_member (params, "message"), ==, "original");
      g_assert_false (json_object_has_member (params, "token"));
    }

  test_client_free (clients[0]);
  g_assert_finalize_object (clients[1]);
}

static gboolean
rename_action (StellarClient     *client,
               StellarActionCall *call,
               gpointer           user_data)
{
  if (g_str_equal (stellar_action_call_get_action (call), "legacyStatus"))
    stellar_action_call_set_action (call, "status");
  return FALSE;
}

static void
test_intercept_rename (TestFixture   *fixture,
                       gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;

  g_signal_connect (client, "intercept", G_CALLBACK (rename_action), NULL);
  response = test_client_action (client, "legacyStatus", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "id"), ==, "wire-test-server");
}

static gboolean
answer_from_cache (StellarClient     *client,
                   StellarActionCall *call,
                   gpointer           user_data)
{
  g_autoptr(JsonNode) cached = json_from_string ("{\"cached\":true,\"value\":7}", NULL);

  stellar_action_call_respond (call, cached);
  return TRUE;
}

static gboolean
never_reached (StellarClient     *client,
               StellarActionCall *call,
               gpointer           user_data)
{
  g_assert_not_reached ();
  return FALSE;
}

static void
test_intercept_respond (void)
{
  StellarClient *clients[2] = { test_client_new_connected (test_server), test_client_new (test_server) };

  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) response = NULL;
      g_autoptr(GPtrArray) frames = NULL;
      g_autoptr(JsonArray) http = NULL;

      g_signal_connect (clients[c], "intercept", G_CALLBACK (answer_from_cache), NULL);
      /* TRUE stops the chain: the next interceptor never runs. */
      g_signal_connect (clients[c], "intercept", G_CALLBACK (never_reached), NULL);
      stellar_test_server_clear_frames (test_server);
      stellar_test_server_post (test_server, "/http-log/clear", NULL);

      response = test_client_action (clients[c], "status", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "cached"));

      /* Nothing was sent. */
      frames = stellar_test_server_frames (test_server, "in");
      g_assert_cmpuint (frames->len, ==, 0);
      http = stellar_test_server_http_log (test_server);
      g_assert_cmpuint (json_array_get_length (http), ==, 0);
    }

  test_client_free (clients[0]);
  g_assert_finalize_object (clients[1]);
}

static gboolean
refuse (StellarClient     *client,
        StellarActionCall *call,
        gpointer           user_data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                 "Log in first");

  stellar_action_call_fail (call, error);
  return TRUE;
}

static void
test_intercept_fail (TestFixture   *fixture,
                     gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  g_signal_connect (client, "intercept", G_CALLBACK (refuse), NULL);
  stellar_test_server_clear_frames (test_server);

  response = test_client_action (client, "status", NULL, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "Log in first");

  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 0);
}

static void
on_response_edit (StellarActionCall *call,
                  JsonNode          *response,
                  const GError      *error,
                  gpointer           user_data)
{
  if (response != NULL)
    json_object_set_boolean_member (json_node_get_object (response), "seen", TRUE);
}

static gboolean
watch_response (StellarClient     *client,
                StellarActionCall *call,
                gpointer           user_data)
{
  g_signal_connect (call, "response", G_CALLBACK (on_response_edit), NULL);
  return FALSE;
}

static void
test_intercept_change_response (void)
{
  StellarClient *clients[2] = { test_client_new_connected (test_server), test_client_new (test_server) };

  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) response = NULL;

      g_signal_connect (clients[c], "intercept", G_CALLBACK (watch_response), NULL);
      response = test_client_action (clients[c], "status", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "seen"));
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "id"), ==, "wire-test-server");
    }

  test_client_free (clients[0]);
  g_assert_finalize_object (clients[1]);
}

/* --- the order of the chain ---------------------------------------------- */

typedef struct
{
  GString *trace;
  char name;
} Link;

static void
on_link_response (StellarActionCall *call,
                  JsonNode          *response,
                  const GError      *error,
                  Link              *link)
{
  g_string_append_printf (link->trace, "r%c%s", link->name, error ? "!" : "");
}

static gboolean
trace_link (StellarClient     *client,
            StellarActionCall *call,
            Link              *link)
{
  g_string_append_printf (link->trace, "i%c", link->name);
  g_signal_connect (call, "response", G_CALLBACK (on_link_response), link);
  return FALSE;
}

static void
test_intercept_order (TestFixture   *fixture,
                      gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GString) trace = g_string_new (NULL);
  Link links[] = { { trace, 'A' }, { trace, 'B' }, { trace, 'C' } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    g_signal_connect (client, "intercept", G_CALLBACK (trace_link), &links[i]);

  /* In the order connected, on the way out and on the way back. */
  response = test_client_action (client, "status", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trace->str, ==, "iAiBiCrArBrC");

  /* A server error reaches the response handlers too. */
  g_string_truncate (trace, 0);
  g_clear_pointer (&response, json_node_unref);
  response = test_client_action (client, "errorAction", NULL, &error);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (trace->str, ==, "iAiBiCrA!rB!rC!");
}

/* --- holding a call for asynchronous work ------------------------------- */

typedef struct
{
  StellarActionCall *held;
  gboolean answer_instead;
} Holder;

static gboolean
hold_call (StellarClient     *client,
           StellarActionCall *call,
           Holder            *holder)
{
  stellar_action_call_hold (call);
  holder->held = g_object_ref (call);
  return FALSE;
}

static gboolean
release_later (gpointer user_data)
{
  Holder *holder = user_data;
  g_autoptr(StellarActionCall) call = g_steal_pointer (&holder->held);

  /* The "refreshed token" goes in before the call goes on. */
  json_object_set_string_member (stellar_action_call_get_params (call), "message", "refreshed");
  if (holder->answer_instead)
    {
      g_autoptr(JsonNode) answer = json_from_string ("{\"fromHold\":true}", NULL);
      stellar_action_call_respond (call, answer);
    }
  stellar_action_call_release (call);

  return G_SOURCE_REMOVE;
}

static void
test_intercept_hold (TestFixture   *fixture,
                     gconstpointer  options)
{
  StellarClient *client = fixture->client;
  Holder holder = { NULL, FALSE };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  g_signal_connect (client, "intercept", G_CALLBACK (hold_call), &holder);
  stellar_test_server_clear_frames (test_server);

  stellar_client_action_async (client, "echo", NULL, NULL, stellar_test_store_result, &result);
  g_assert_nonnull (holder.held);

  /* Held: nothing completes, nothing goes out. */
  stellar_test_assert_during (result == NULL, 150);
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 0);

  g_timeout_add (10, release_later, &holder);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "refreshed");

  /* A hold may also end in an answer of the interceptor's own. */
  holder.answer_instead = TRUE;
  g_clear_pointer (&response, json_node_unref);
  stellar_test_server_clear_frames (test_server);
  stellar_client_action_async (client, "echo", NULL, NULL, stellar_test_store_result, &result);
  g_timeout_add (10, release_later, &holder);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "fromHold"));
  g_clear_pointer (&frames, g_ptr_array_unref);
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 0);
}

static gboolean
hold_twice (StellarClient     *client,
            StellarActionCall *call,
            Holder            *holder)
{
  stellar_action_call_hold (call);
  stellar_action_call_hold (call);
  holder->held = g_object_ref (call);
  return FALSE;
}

static void
test_intercept_hold_count (TestFixture   *fixture,
                           gconstpointer  options)
{
  StellarClient *client = fixture->client;
  Holder holder = { NULL, FALSE };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (client, "intercept", G_CALLBACK (hold_twice), &holder);
  stellar_client_action_async (client, "status", NULL, NULL, stellar_test_store_result, &result);

  /* Every hold must be released. */
  stellar_action_call_release (holder.held);
  stellar_test_assert_during (result == NULL, 100);

  stellar_action_call_release (holder.held);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_clear_object (&holder.held);
}

static void
test_intercept_cancel_held (TestFixture   *fixture,
                            gconstpointer  options)
{
  StellarClient *client = fixture->client;
  Holder holder = { NULL, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  g_signal_connect (client, "intercept", G_CALLBACK (hold_call), &holder);
  stellar_test_server_clear_frames (test_server);

  stellar_client_action_async (client, "status", NULL, cancellable, stellar_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Releasing afterwards sends nothing and completes nothing twice: the
   * next call is the first the server receives. */
  stellar_action_call_release (holder.held);
  g_clear_object (&holder.held);
  g_signal_handlers_disconnect_by_func (client, hold_call, &holder);
  test_client_round_trip (client);
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 1);
}

/* A second outcome, and a release without a hold: each a critical that
 * names the mistake, and the first outcome stands. */
static gboolean
answer_twice (StellarClient     *client,
              StellarActionCall *call,
              gpointer           user_data)
{
  g_autoptr(JsonNode) first = json_from_string ("{\"first\":true}", NULL);
  g_autoptr(JsonNode) second = json_from_string ("{\"second\":true}", NULL);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "too late");

  stellar_action_call_respond (call, first);

  g_test_expect_message ("stellar-client", G_LOG_LEVEL_CRITICAL,
                         "stellar_action_call_respond() on the call of “status”, which already has its outcome");
  stellar_action_call_respond (call, second);
  g_test_expect_message ("stellar-client", G_LOG_LEVEL_CRITICAL,
                         "stellar_action_call_fail() on the call of “status”, which already has its outcome");
  stellar_action_call_fail (call, error);
  g_test_expect_message ("stellar-client", G_LOG_LEVEL_CRITICAL, "*holds > 0*");
  stellar_action_call_release (call);
  g_test_assert_expected_messages ();

  return TRUE;
}

static void
test_intercept_misuse (TestFixture   *fixture,
                       gconstpointer  options)
{
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->client, "intercept", G_CALLBACK (answer_twice), NULL);
  response = test_client_action (fixture->client, "status", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "first"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/intercept/params", test_intercept_params);
  test_add_connected ("/intercept/rename", NULL, test_intercept_rename);
  g_test_add_func ("/intercept/respond", test_intercept_respond);
  test_add_connected ("/intercept/fail", NULL, test_intercept_fail);
  g_test_add_func ("/intercept/change-response", test_intercept_change_response);
  test_add_connected ("/intercept/order", NULL, test_intercept_order);
  test_add_connected ("/intercept/hold", NULL, test_intercept_hold);
  test_add_connected ("/intercept/hold-count", NULL, test_intercept_hold_count);
  test_add_connected ("/intercept/cancel-held", NULL, test_intercept_cancel_held);
  test_add_connected ("/intercept/misuse", NULL, test_intercept_misuse);

  return test_main_run ();
}
