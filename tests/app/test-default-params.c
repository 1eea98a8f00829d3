/* test-default-params.c: default parameters per server, secrets in a real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring is GNOME Keyring's Secret Service, run by the test on a D-Bus
 * session bus of its own with a keyring in a temporary folder; the settings
 * are a key file of the test's own XDG folders (G_TEST_OPTION_ISOLATE_DIRS),
 * so that what reaches the disk can be read back.
 */

#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "stellar-app-test-utils.h"
#include "stellar-default-params.h"
#include "stellar-param-keyring.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

#define SERVER_URL "http://api.example.com:8080"
#define SECRET "s3cr3t-t0ken-9f2c"

static StellarTestKeyring *keyring;

typedef struct {
  char      *settings_path;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = NULL;

  fixture->settings_path = g_build_filename (g_get_user_config_dir (), "stellar-settings.ini", NULL);
  backend = g_keyfile_settings_backend_new (fixture->settings_path, "/", NULL);
  fixture->settings = g_settings_new_with_backend (APP_ID, backend);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* every item of the schema, whatever the server and key */
  secret_password_clear_sync (stellar_param_keyring_get_schema (), NULL, &error, NULL);
  g_assert_no_error (error);

  g_settings_reset (fixture->settings, "default-params");
  g_clear_object (&fixture->settings);
  g_free (fixture->settings_path);
}

static StellarDefaultParams *
load_params (Fixture    *fixture,
             const char *url)
{
  StellarDefaultParams *params = stellar_default_params_new (url, fixture->settings);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_default_params_load_async (params, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_default_params_load_finish (params, result, &error));
  g_assert_no_error (error);
  g_assert_false (stellar_default_params_get_busy (params));

  return params;
}

/* Waits until the changes are written: settings at once, keyring when the
 * Secret Service answered. */
static void
wait_saved (StellarDefaultParams *params)
{
  /* one idle turn writes; the keyring then answers */
  stellar_test_sleep (50);
  stellar_test_wait_for (!stellar_default_params_get_busy (params));
  g_assert_cmpstr (stellar_default_params_get_error_message (params), ==, NULL);
}

static char *
keyring_lookup (const char *url,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (stellar_param_keyring_get_schema (), NULL, &error,
                                              "server", url, "key", key, NULL);
  char *value = g_strdup (secret);

  g_assert_no_error (error);
  secret_password_free (secret);
  return value;
}

static char *
settings_rows (Fixture    *fixture,
               const char *url)
{
  g_autoptr(GVariant) all = g_settings_get_value (fixture->settings, "default-params");
  g_autoptr(GVariant) rows = g_variant_lookup_value (all, url, G_VARIANT_TYPE ("a(ssb)"));

  return rows != NULL ? g_variant_print (rows, FALSE) : g_strdup ("none");
}

static void
assert_param (StellarDefaultParam *param,
              const char          *key,
              const char          *value,
              gboolean             secret)
{
  g_assert_nonnull (param);
  g_assert_cmpstr (stellar_default_param_get_key (param), ==, key);
  g_assert_cmpstr (stellar_default_param_get_value (param), ==, value);
  g_assert_cmpint (stellar_default_param_get_secret (param), ==, secret);
}

/* --- where values live --------------------------------------------------- */

static void
test_secret_in_keyring_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(StellarDefaultParams) params = load_params (fixture, SERVER_URL);
  g_autoptr(StellarDefaultParams) again = NULL;
  g_autofree char *keyring_file = g_build_filename (stellar_app_test_keyring_get_dir (keyring),
                                                    "data", "keyrings", "login.keyring", NULL);
  g_autoptr(StellarDefaultParams) other_server = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *stored = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (params)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (params)) == STELLAR_TYPE_DEFAULT_PARAM);

  stellar_default_params_add (params, "tenant", "acme", FALSE);
  stellar_default_params_add (params, "token", SECRET, TRUE);
  wait_saved (params);

  /* the settings have the rows, the secret's without its value */
  rows = settings_rows (fixture, SERVER_URL);
  g_assert_cmpstr (rows, ==, "[('tenant', 'acme', false), ('token', '', true)]");

  /* the keyring has the value */
  stored = keyring_lookup (SERVER_URL, "token");
  g_assert_cmpstr (stored, ==, SECRET);

  /* and no file has it in the clear: not the settings, not the test's XDG
   * folders, not the keyring's own (encrypted) files */
  g_assert_true (stellar_app_test_tree_contains (fixture->settings_path, "acme"));
  g_assert_false (stellar_app_test_tree_contains (fixture->settings_path, SECRET));
  g_assert_false (stellar_app_test_tree_contains (g_get_user_data_dir (), SECRET));
  g_assert_false (stellar_app_test_tree_contains (g_get_user_config_dir (), SECRET));
  g_assert_false (stellar_app_test_tree_contains (g_get_user_cache_dir (), SECRET));
  g_assert_false (stellar_app_test_tree_contains (stellar_app_test_keyring_get_dir (keyring), SECRET));
  g_assert_true (g_file_test (keyring_file, G_FILE_TEST_IS_REGULAR));

  /* read back: the value comes from the keyring */
  again = load_params (fixture, SERVER_URL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  assert_param (stellar_default_params_lookup (again, "tenant"), "tenant", "acme", FALSE);
  assert_param (stellar_default_params_lookup (again, "token"), "token", SECRET, TRUE);

  /* another server has its own */
  other_server = load_params (fixture, "http://other.example.com");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other_server)), ==, 0);
}

static void
test_secret_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StellarDefaultParams) params = load_params (fixture, SERVER_URL);
  g_autofree char *rows = NULL;
  g_autofree char *stored = NULL;
  StellarDefaultParam *token = stellar_default_params_add (params, "token", SECRET, TRUE);

  wait_saved (params);

  /* no longer secret: the value moves to the settings, out of the keyring */
  stellar_default_param_set_secret (token, FALSE);
  wait_saved (params);
  rows = settings_rows (fixture, SERVER_URL);
  g_assert_cmpstr (rows, ==, "[('token', '" SECRET "', false)]");
  stored = keyring_lookup (SERVER_URL, "token");
  g_assert_null (stored);
  g_clear_pointer (&rows, g_free);

  /* secret again, under another name */
  stellar_default_param_set_secret (token, TRUE);
  stellar_default_param_set_key (token, "apiKey");
  wait_saved (params);
  rows = settings_rows (fixture, SERVER_URL);
  g_assert_cmpstr (rows, ==, "[('apiKey', '', true)]");
  stored = keyring_lookup (SERVER_URL, "apiKey");
  g_assert_cmpstr (stored, ==, SECRET);
  g_clear_pointer (&stored, g_free);
  stored = keyring_lookup (SERVER_URL, "token");
  g_assert_null (stored);
  g_clear_pointer (&rows, g_free);

  /* a new value replaces the old in the keyring */
  stellar_default_param_set_value (token, "rotated");
  wait_saved (params);
  stored = keyring_lookup (SERVER_URL, "apiKey");
  g_assert_cmpstr (stored, ==, "rotated");
  g_clear_pointer (&stored, g_free);

  /* removed: gone from both */
  stellar_default_params_remove (params, token);
  wait_saved (params);
  rows = settings_rows (fixture, SERVER_URL);
  g_assert_cmpstr (rows, ==, "none");
  stored = keyring_lookup (SERVER_URL, "apiKey");
  g_assert_null (stored);
}

/* A row added while the secrets are read is saved once they are. */
static void
test_change_during_load (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StellarDefaultParams) saved = load_params (fixture, SERVER_URL);
  g_autoptr(StellarDefaultParams) params = NULL;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  stellar_default_params_add (saved, "token", SECRET, TRUE);
  wait_saved (saved);

  params = stellar_default_params_new (SERVER_URL, fixture->settings);
  stellar_default_params_load_async (params, NULL, stellar_test_store_result, &slot);
  g_assert_true (stellar_default_params_get_busy (params));
  stellar_default_params_add (params, "tenant", "acme", FALSE);

  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_default_params_load_finish (params, result, &error));
  g_assert_no_error (error);
  wait_saved (params);

  rows = settings_rows (fixture, SERVER_URL);
  g_assert_cmpstr (rows, ==, "[('token', '', true), ('tenant', 'acme', false)]");
  assert_param (stellar_default_params_lookup (params, "token"), "token", SECRET, TRUE);
}

/* Two windows on the same server. */
static void
test_follows_other_window (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StellarDefaultParams) first = load_params (fixture, SERVER_URL);
  g_autoptr(StellarDefaultParams) second = load_params (fixture, SERVER_URL);

  stellar_default_params_add (first, "tenant", "acme", FALSE);
  stellar_default_params_add (first, "token", SECRET, TRUE);
  wait_saved (first);

  stellar_test_wait_for (g_list_model_get_n_items (G_LIST_MODEL (second)) == 2 &&
                         !stellar_default_params_get_busy (second));
  assert_param (stellar_default_params_lookup (second, "tenant"), "tenant", "acme", FALSE);
  assert_param (stellar_default_params_lookup (second, "token"), "token", SECRET, TRUE);
}

/* --- the interceptor ----------------------------------------------------- */

typedef struct {
  StellarActionCall *call;
  char             **added;
  guint              n_applied;
} Seen;

static void
on_applied (StellarDefaultParams *params,
            StellarActionCall    *call,
            const char * const   *added,
            Seen                 *seen)
{
  seen->n_applied++;
  g_assert_true (call == seen->call);
  g_strfreev (seen->added);
  seen->added = g_strdupv ((char **) added);
}

static gboolean
on_intercept (StellarClient     *client,
              StellarActionCall *call,
              Seen              *seen)
{
  g_set_object (&seen->call, call);
  return FALSE;
}

static JsonObject *
call_echo (StellarClient    *client,
           const char       *params_json,
           StellarTransport  transport)
{
  g_autoptr(JsonNode) params = json_from_string (params_json, NULL);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;

  stellar_client_action_full_async (client, "echo", json_node_get_object (params), transport, NULL,
                                    stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  response = stellar_client_action_finish (client, result, &error);
  g_assert_no_error (error);

  return json_object_ref (json_object_get_object_member (json_node_get_object (response), "params"));
}

static StellarClient *
connect_client (StellarTestServer *server)
{
  StellarClient *client = stellar_client_new (stellar_test_server_get_url (server));
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;

  stellar_client_connect_async (client, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (client, result, &error);
  g_assert_no_error (error);

  return client;
}

/* The params of the last echo the server received, as it logged it. */
static JsonObject *
last_logged_params (StellarTestServer *server,
                    StellarTransport   transport)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;

  if (transport == STELLAR_TRANSPORT_WEBSOCKET)
    {
      g_autoptr(GPtrArray) frames = stellar_test_server_frames (server, "in");

      for (guint i = frames->len; i > 0 && node == NULL; i--)
        if (strstr (frames->pdata[i - 1], "\"action\"") != NULL)
          node = json_from_string (frames->pdata[i - 1], &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      /* {"event":"action","params":{…}} */
      params = json_object_get_object_member (json_node_get_object (node), "params");
    }
  else
    {
      g_autoptr(JsonArray) log = stellar_test_server_http_log (server);

      for (guint i = json_array_get_length (log); i > 0 && node == NULL; i--)
        {
          JsonObject *entry = json_array_get_object_element (log, i - 1);

          if (g_strcmp0 (json_object_get_string_member (entry, "path"), "/api") == 0)
            node = json_from_string (json_object_get_string_member (entry, "body"), &error);
        }
      g_assert_no_error (error);
      g_assert_nonnull (node);
      params = json_node_get_object (node);
    }

  return json_object_ref (params);
}

static void
test_reaches_server (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarClient) client = connect_client (server);
  g_autoptr(StellarDefaultParams) params = load_params (fixture, stellar_test_server_get_url (server));
  StellarTransport transports[] = { STELLAR_TRANSPORT_WEBSOCKET, STELLAR_TRANSPORT_HTTP };
  Seen seen = { 0, };

  /* the test's interceptor first: it sees each call before the defaults */
  g_signal_connect (client, "intercept", G_CALLBACK (on_intercept), &seen);
  stellar_default_params_attach (params, client);
  g_signal_connect (params, "applied", G_CALLBACK (on_applied), &seen);

  /* none yet: calls go as they are, and what was added is known to be nothing */
  {
    g_autoptr(JsonObject) echoed = call_echo (client, "{\"message\": \"hi\"}", STELLAR_TRANSPORT_WEBSOCKET);

    g_assert_cmpstr (json_object_get_string_member (echoed, "message"), ==, "hi");
    g_assert_nonnull (stellar_default_params_get_added (seen.call));
    g_assert_cmpstrv (stellar_default_params_get_added (seen.call), ((const char *[]) { NULL }));
    g_assert_cmpuint (seen.n_applied, ==, 0);
  }

  stellar_default_params_add (params, "tenant", "acme", FALSE);
  stellar_default_params_add (params, "token", SECRET, TRUE);
  stellar_default_params_add (params, "", "a row being written adds nothing", FALSE);
  wait_saved (params);

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    {
      g_autoptr(JsonObject) echoed = NULL;
      g_autoptr(JsonObject) logged = NULL;
      g_autoptr(JsonObject) explicit_echoed = NULL;
      g_autoptr(JsonObject) explicit_logged = NULL;

      seen.n_applied = 0;

      /* the server receives the defaults, over either transport */
      echoed = call_echo (client, "{\"message\": \"hi\"}", transports[i]);
      logged = last_logged_params (server, transports[i]);
      for (JsonObject **p = (JsonObject *[]) { echoed, logged, NULL }; *p != NULL; p++)
        {
          g_assert_cmpstr (json_object_get_string_member (*p, "message"), ==, "hi");
          g_assert_cmpstr (json_object_get_string_member (*p, "tenant"), ==, "acme");
          g_assert_cmpstr (json_object_get_string_member (*p, "token"), ==, SECRET);
          g_assert_false (json_object_has_member (*p, ""));
        }

      /* and what was added is known, for the inspector and the history */
      g_assert_cmpuint (seen.n_applied, ==, 1);
      g_assert_cmpstrv (seen.added, ((const char *[]) { "tenant", "token", NULL }));
      g_assert_cmpstrv (stellar_default_params_get_added (seen.call), ((const char *[]) { "tenant", "token", NULL }));

      /* what the caller sets wins */
      explicit_echoed = call_echo (client, "{\"tenant\": \"mine\"}", transports[i]);
      explicit_logged = last_logged_params (server, transports[i]);
      g_assert_cmpstr (json_object_get_string_member (explicit_echoed, "tenant"), ==, "mine");
      g_assert_cmpstr (json_object_get_string_member (explicit_logged, "tenant"), ==, "mine");
      g_assert_cmpstr (json_object_get_string_member (explicit_logged, "token"), ==, SECRET);
      g_assert_cmpstrv (stellar_default_params_get_added (seen.call), ((const char *[]) { "token", NULL }));
    }

  /* detached: nothing added any more */
  stellar_default_params_detach (params, client);
  {
    g_autoptr(JsonObject) echoed = call_echo (client, "{}", STELLAR_TRANSPORT_WEBSOCKET);

    g_assert_false (json_object_has_member (echoed, "token"));
    g_assert_null (stellar_default_params_get_added (seen.call));
  }

  g_clear_object (&seen.call);
  g_strfreev (seen.added);
  stellar_client_disconnect (client);
}

/* A call made while the secrets are still being read waits for them. */
static void
test_calls_wait_for_secrets (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarClient) client = connect_client (server);
  g_autoptr(StellarDefaultParams) saved = load_params (fixture, stellar_test_server_get_url (server));
  g_autoptr(StellarDefaultParams) params = NULL;
  g_autoptr(GAsyncResult) load_slot = NULL;
  g_autoptr(GAsyncResult) call_slot = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) called = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonObject) logged = NULL;
  Seen seen = { 0, };

  stellar_default_params_add (saved, "token", SECRET, TRUE);
  wait_saved (saved);

  params = stellar_default_params_new (stellar_test_server_get_url (server), fixture->settings);
  stellar_default_params_attach (params, client);
  g_signal_connect (client, "intercept", G_CALLBACK (on_intercept), &seen);
  stellar_default_params_load_async (params, NULL, stellar_test_store_result, &load_slot);
  g_assert_true (stellar_default_params_get_busy (params));

  /* a call made before the keyring answered is held, nothing added yet */
  stellar_client_action_full_async (client, "echo", NULL, STELLAR_TRANSPORT_WEBSOCKET, NULL,
                                    stellar_test_store_result, &call_slot);
  g_assert_nonnull (seen.call);
  g_assert_null (stellar_default_params_get_added (seen.call));

  loaded = stellar_test_wait_result (&load_slot);
  g_assert_true (stellar_default_params_load_finish (params, loaded, &error));
  g_assert_no_error (error);

  /* then sent, with the secret */
  called = stellar_test_wait_result (&call_slot);
  response = stellar_client_action_finish (client, called, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (stellar_default_params_get_added (seen.call), ((const char *[]) { "token", NULL }));
  logged = last_logged_params (server, STELLAR_TRANSPORT_WEBSOCKET);
  g_assert_cmpstr (json_object_get_string_member (logged, "token"), ==, SECRET);

  g_clear_object (&seen.call);
  stellar_client_disconnect (client);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  keyring = stellar_app_test_keyring_start ("test keyring password");

#define ADD_TEST(path, func) \
  g_test_add ("/app/default-params/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("secret-in-keyring-only", test_secret_in_keyring_only);
  ADD_TEST ("secret-changes", test_secret_changes);
  ADD_TEST ("change-during-load", test_change_during_load);
  ADD_TEST ("follows-other-window", test_follows_other_window);
  ADD_TEST ("reaches-server", test_reaches_server);
  ADD_TEST ("calls-wait-for-secrets", test_calls_wait_for_secrets);

#undef ADD_TEST

  status = g_test_run ();

  secret_service_disconnect ();
  stellar_app_test_keyring_stop (keyring);

  return status;
}
