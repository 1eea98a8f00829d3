/* test-tls.c: https and wss, verified by default, with one certificate
 * trusted on request
 *
 * The test makes its own self-signed certificates with openssl.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "test-fixture.h"

static char *tls_dir;

static void
make_certificate (const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", tls_dir, name);
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", tls_dir, name);
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GError) error = NULL;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", key, "-out", cert, "-days", "2",
                              "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                              NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl, NULL, &error);
  g_assert_no_error (error);
}

static StellarTestServer *
start_tls_server (void)
{
  g_autofree char *key = g_build_filename (tls_dir, "server.key", NULL);
  g_autofree char *cert = g_build_filename (tls_dir, "server.pem", NULL);

  return stellar_test_server_start ("--tls-cert", cert, "--tls-key", key, NULL);
}

static GTlsCertificate *
load_certificate (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.pem", tls_dir, name);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return certificate;
}

static void
test_tls_refused_by_default (void)
{
  StellarTestServer *server = start_tls_server ();
  StellarClient *client = test_client_new (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) action_error = NULL;
  g_autoptr(JsonNode) response = NULL;

  g_assert_true (g_str_has_prefix (stellar_test_server_get_url (server), "https://"));

  /* The error names the problem. */
  error = test_client_connect_error (client);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "The certificate of 127.0.0.1 was refused: it is not signed by a trusted "
                   "authority (self-signed, or an unknown issuer)");
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

  response = test_client_action (client, "status", NULL, &action_error);
  g_assert_null (response);
  g_assert_error (action_error, STELLAR_ERROR, STELLAR_ERROR_FAILED);
  g_assert_cmpstr (action_error->message, ==, error->message);

  g_assert_finalize_object (client);
  stellar_test_server_stop (server);
}

static void
test_tls_trusted_certificate (void)
{
  StellarTestServer *server = start_tls_server ();
  StellarClient *client = test_client_new (server);
  g_autoptr(GTlsCertificate) certificate = load_certificate ("server");
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonNode) http_response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  /* The user opted into this one certificate: wss and https work. */
  g_object_set (client, "trusted-certificate", certificate, NULL);
  details = test_client_connect (client);

  response = test_client_action (client, "echo", "{\"message\":\"over wss\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "over wss");
  frames = stellar_test_server_frames (server, "in");
  g_assert_cmpuint (test_count_frames (frames, "over wss"), ==, 1);

  stellar_client_action_full_async (client, "echo", NULL, STELLAR_TRANSPORT_HTTP, NULL,
                                    stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  http_response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (http_response), "serverInformation"));

  test_client_free (client);
  stellar_test_server_stop (server);
}

static void
test_tls_other_certificate (void)
{
  StellarTestServer *server = start_tls_server ();
  StellarClient *client = test_client_new (server);
  g_autoptr(GTlsCertificate) other = load_certificate ("other");
  g_autoptr(GError) error = NULL;

  /* Trusting one certificate trusts no other. */
  g_object_set (client, "trusted-certificate", other, NULL);
  error = test_client_connect_error (client);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "The certificate of 127.0.0.1 was refused"));

  g_assert_finalize_object (client);
  stellar_test_server_stop (server);
}

static void
remove_tls_dir (void)
{
  const char *names[] = { "server.key", "server.pem", "other.key", "other.pem" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tls_dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (tls_dir);
  g_clear_pointer (&tls_dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tls_dir = g_dir_make_tmp ("stellar-tls-XXXXXX", &error);
  g_assert_no_error (error);
  make_certificate ("server");
  make_certificate ("other");

  g_test_add_func ("/tls/refused-by-default", test_tls_refused_by_default);
  g_test_add_func ("/tls/trusted-certificate", test_tls_trusted_certificate);
  g_test_add_func ("/tls/other-certificate", test_tls_other_certificate);

  status = g_test_run ();
  remove_tls_dir ();

  return status;
}
