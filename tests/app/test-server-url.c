/* test-server-url.c: reading server addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "stellar-server-url.h"

static void
test_normalize_valid (void)
{
  static const struct {
    const char *text;
    const char *url;
  } cases[] = {
    { "http://localhost:8080", "http://localhost:8080" },
    { "  http://localhost:8080/  ", "http://localhost:8080" },
    { "localhost:8080", "http://localhost:8080" },
    { "127.0.0.1", "http://127.0.0.1" },
    { "HTTPS://Example.COM/", "https://example.com" },
    { "wss://example.com:443/base/", "wss://example.com:443/base" },
    { "http://[::1]:8080", "http://[::1]:8080" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = stellar_server_url_normalize (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

static void
test_normalize_invalid (void)
{
  static const char * const texts[] = {
    NULL,
    "",
    "   ",
    "http://",
    "ftp://example.com",
    "http://not a host",
    "http://exa mple.com:8080",
    "http://host:99999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = stellar_server_url_normalize (texts[i], &error);

      g_assert_null (url);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, "Enter a server address such as http://localhost:8080");
    }
}

static void
test_display_name (void)
{
  static const struct {
    const char *url;
    const char *name;
  } cases[] = {
    { "http://127.0.0.1:8080", "127.0.0.1:8080" },
    { "https://example.com", "example.com" },
    { "https://example.com/base", "example.com" },
    { "http://[::1]:8080", "[::1]:8080" },
    { "not a url", "not a url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = stellar_server_url_get_display_name (cases[i].url);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/server-url/normalize-valid", test_normalize_valid);
  g_test_add_func ("/app/server-url/normalize-invalid", test_normalize_invalid);
  g_test_add_func ("/app/server-url/display-name", test_display_name);

  return g_test_run ();
}
