/* stellar-app-test-utils.c: what the app's tests need beyond tests/common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "stellar-app-test-utils.h"
#include "stellar-test-utils.h"

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

static char *data_home;

static void
remove_data_home (void)
{
  stellar_app_test_remove_tree (data_home);
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
}

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

  /* gone meanwhile is as good as deleted */
  if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_assert_no_error (error);
}

/**
 * stellar_app_test_tree_contains:
 * @path: a file or folder
 * @text: what to look for
 *
 * Returns: whether any file at or below @path holds @text, byte for byte
 */
gboolean
stellar_app_test_tree_contains (const char *path,
                                const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autofree char *contents = NULL;
  gsize text_length = strlen (text);
  gsize length;
  const char *name;

  if (dir == NULL)
    {
      if (!g_file_get_contents (path, &contents, &length, NULL))
        return FALSE;

      /* binary files too: NUL bytes do not end the search */
      for (gsize i = 0; i + text_length <= length; i++)
        if (memcmp (contents + i, text, text_length) == 0)
          return TRUE;

      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && stellar_app_test_tree_contains (child, text))
        return TRUE;
    }

  return FALSE;
}

/* --- a keyring of the test's own ------------------------------------------- */

struct _StellarTestKeyring
{
  GSubprocess *bus;
  GSubprocess *daemon;
  char        *dir;
};

/* A session bus that activates nothing: no service of the user's can be
 * started on it by mistake. */
static const char bus_config[] =
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:tmpdir=/tmp</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static char *
make_private_dir (const char *parent,
                  const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  g_assert_no_errno (g_mkdir (path, 0700));
  return path;
}

/* Starts a dbus-daemon with @config; returns its address. */
static GSubprocess *
start_bus (const char  *config,
           char       **address)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *config_option = g_strconcat ("--config-file=", config, NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *bus;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", config_option, "--nofork",
                                     "--print-address", NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  *address = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*address);

  return bus;
}

/**
 * stellar_app_test_keyring_start:
 * @password: the keyring's password
 *
 * Starts a D-Bus session bus of the test's own, which becomes this
 * process's session bus, and GNOME Keyring's Secret Service on it, with a
 * login keyring in a new temporary folder unlocked with @password. Call it
 * before anything uses the session bus. The user's own keyring is never
 * touched.
 *
 * Returns: (transfer full): the running keyring
 */
StellarTestKeyring *
stellar_app_test_keyring_start (const char *password)
{
  StellarTestKeyring *keyring = g_new0 (StellarTestKeyring, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *runtime_dir = NULL;
  gboolean appeared = FALSE;
  guint watch;

  keyring->dir = g_dir_make_tmp ("stellar-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = make_private_dir (keyring->dir, "data");
  runtime_dir = make_private_dir (keyring->dir, "runtime");

  config = g_build_filename (keyring->dir, "session.conf", NULL);
  g_file_set_contents (config, bus_config, -1, &error);
  g_assert_no_error (error);
  keyring->bus = start_bus (config, &address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  /* the test's own G_DEBUG would make its warnings fatal */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  keyring->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                                 "--components=secrets", "--unlock", NULL);
  g_assert_no_error (error);

  /* --unlock reads the password on stdin, and makes the login keyring */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring->daemon), password, strlen (password),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring->daemon), NULL, &error);
  g_assert_no_error (error);

  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.secrets", G_BUS_NAME_WATCHER_FLAGS_NONE,
                            on_name_appeared, NULL, &appeared, NULL);
  stellar_test_wait_for (appeared);
  g_bus_unwatch_name (watch);

  return keyring;
}

/* The folder of the keyring's files. */
const char *
stellar_app_test_keyring_get_dir (StellarTestKeyring *keyring)
{
  return keyring->dir;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
stop_process (GSubprocess *process)
{
  gboolean exited = FALSE;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  stellar_test_wait_for (exited);
}

void
stellar_app_test_keyring_stop (StellarTestKeyring *keyring)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  /* the bus going away must not end the test */
  if (connection != NULL)
    g_dbus_connection_set_exit_on_close (connection, FALSE);

  stop_process (keyring->daemon);
  g_clear_object (&keyring->daemon);
  stop_process (keyring->bus);
  g_clear_object (&keyring->bus);

  stellar_app_test_remove_tree (keyring->dir);
  g_free (keyring->dir);
  g_free (keyring);
}
