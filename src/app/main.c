/* main.c: the stellar executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "stellar-application.h"

/* Run straight from a build directory (build/src/app/stellar), the app
 * finds its settings schema where data/meson.build compiled it, as under
 * `meson devenv`. This must happen before anything reads a schema: GLib
 * reads GSETTINGS_SCHEMA_DIR once. */
static void
find_schemas_in_build_tree (void)
{
  g_autofree char *executable = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *top = NULL;
  g_autofree char *build_ninja = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *compiled = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;

  executable = g_file_read_link ("/proc/self/exe", NULL);
  if (executable == NULL)
    return;

  directory = g_path_get_dirname (executable);
  top = g_build_filename (directory, "..", "..", NULL);
  build_ninja = g_build_filename (top, "build.ninja", NULL);
  schema_dir = g_build_filename (top, "data", NULL);
  compiled = g_build_filename (schema_dir, "gschemas.compiled", NULL);

  if (g_file_test (build_ninja, G_FILE_TEST_IS_REGULAR) &&
      g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
}

static gboolean
schema_is_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StellarApplication) application = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* STELLAR_LOCALEDIR: the catalogues of an uninstalled build (meson devenv). */
  localedir = g_getenv ("STELLAR_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  find_schemas_in_build_tree ();
  if (!schema_is_installed ())
    {
      /* Translators: %s is the name of a settings schema */
      g_printerr (_("The settings schema %s is not installed: install Stellar, or run it with "
                    "`meson devenv -C BUILDDIR`.\n"),
                  APP_ID);
      return EXIT_FAILURE;
    }

  application = stellar_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
