/* main.c: the stellar-cli executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-cli"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "stellar-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* STELLAR_LOCALEDIR: the catalogues of an uninstalled build (meson devenv). */
  localedir = g_getenv ("STELLAR_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return stellar_cli_main (argc, argv);
}
