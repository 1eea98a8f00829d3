/* stellar-app-test-utils.c: what the app's tests need beyond tests/common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "stellar-app-test-utils.h"

/**
 * stellar_app_test_skip_without_display:
 *
 * Widget tests need a display (CI gives them Xvfb); elsewhere they are
 * skipped rather than failed.
 *
 * Returns: %TRUE when there is no display, after saying so
 */
gboolean
stellar_app_test_skip_without_display (void)
{
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return FALSE;

  g_printerr ("No display: skipped (run under xvfb-run)\n");
  return TRUE;
}

/**
 * stellar_app_test_get_closed_port:
 *
 * Returns: a TCP port on 127.0.0.1 where nothing listens
 */
guint16
stellar_app_test_get_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) any_port = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  any_port = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);

  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* The port the kernel picked is free again once the socket closes, and
   * it hands out ports in turn: nothing takes it during a test. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *data_home;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

static void
remove_data_home (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (data_home);

  remove_tree (file);
  g_clear_pointer (&data_home, g_free);
}

/**
 * stellar_app_test_use_temporary_data_home:
 *
 * Points `XDG_DATA_HOME` at a new temporary folder, removed at exit. Call
 * it before anything reads the user's directories (GLib keeps them).
 */
void
stellar_app_test_use_temporary_data_home (void)
{
  g_autoptr(GError) error = NULL;

  g_assert (data_home == NULL);

  data_home = g_dir_make_tmp ("stellar-test-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (remove_data_home);
}

/**
 * stellar_app_test_make_folder:
 *
 * Returns: (transfer full): the path of a new empty folder under the
 *   temporary data home, for one test
 */
char *
stellar_app_test_make_folder (void)
{
  char *path;

  g_assert (data_home != NULL);

  path = g_build_filename (data_home, "test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (path));
  return path;
/**
 * stellar_app_test_remove_tree:
 * @path: a file or folder a test made
 *
 * Deletes @path and everything below it, failing the test if anything
 * stays.
 */
void
stellar_app_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFile *child = NULL;

      g_file_enumerator_iterate (children, NULL, &child, NULL, &error);
      g_assert_no_error (error);
      if (child == NULL)
        break;

      {
        g_autofree char *child_path = g_file_get_path (child);

        stellar_app_test_remove_tree (child_path);
      }
    }

  g_file_delete (file, NULL, &error);
  g_assert_no_error (error);
}
