/* stellar-application.c: the application and its command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-application-private.h"
#include "stellar-preferences-window.h"
#include "stellar-window.h"

G_DEFINE_FINAL_TYPE (StellarApplication, stellar_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "new-window", 'w', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open a new window"), NULL },
  { "room", 'r', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Join the room NAME once connected (repeatable)"), N_("NAME") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, NULL,
    NULL, N_("[URL…]") },
  { NULL }
};

/* With STELLAR_REPORT_FIRST_FRAME set, the first window prints
 * `first-frame MONOTONIC_US` once it has drawn its first frame: how
 * tests/bench/run-app-benchmarks times a start. */
static void
report_first_frame (GdkFrameClock *clock,
                    gpointer       user_data)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, report_first_frame, user_data);
}

static StellarWindow *
open_window (StellarApplication *self)
{
  StellarWindow *window = stellar_window_new (GTK_APPLICATION (self));
  static gboolean reported;

  gtk_window_present (GTK_WINDOW (window));

  if (!reported && g_getenv ("STELLAR_REPORT_FIRST_FRAME") != NULL)
    {
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (report_first_frame), NULL);
      reported = TRUE;
    }

  return window;
}

static void
present_any_window (StellarApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else
    open_window (self);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  open_window (STELLAR_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StellarApplication *self = user_data;
  static const char *developers[] = { "The Stellar Developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", "Stellar",
                        "application-icon", "com.example.Stellar",
                        "developer-name", _("The Stellar Developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://stellar.example.com/",
                        "issue-url", "https://stellar.example.com/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Stellar Developers",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StellarApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  StellarSession *session = NULL;
  GtkWidget *preferences;

  if (STELLAR_IS_WINDOW (parent))
    session = stellar_window_get_session (STELLAR_WINDOW (parent));

  preferences = stellar_preferences_window_new (self->settings, G_LIST_MODEL (self->recent_servers),
                                                session != NULL ? stellar_session_get_url (session)
                                                                : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StellarApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing, rather than quitting outright, lets every window save its size
   * and end its connection; the application quits after the last one. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static int
stellar_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("stellar %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (stellar_application_parent_class)->handle_local_options (application,
                                                                                       options);
}

static int
stellar_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  StellarApplication *self = STELLAR_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **urls = NULL;
  g_autofree const char **rooms = NULL;

  g_variant_dict_lookup (options, "room", "^a&s", &rooms);

  /* `stellar URL…` opens a window per URL that connects at once and joins
   * the --room rooms; plain `stellar` brings an existing window forward
   * unless told otherwise. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &urls))
    {
      for (guint i = 0; urls[i] != NULL; i++)
        stellar_window_connect_to (open_window (self), urls[i], rooms);
    }
  else if (g_variant_dict_contains (options, "new-window"))
    {
      open_window (self);
    }
  else
    {
      present_any_window (self);
    }

  return EXIT_SUCCESS;
}

static void
stellar_application_activate (GApplication *application)
{
  present_any_window (STELLAR_APPLICATION (application));
}

static void
on_database_opened (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  /* A failure is kept in the database's error message, which every
   * session shows; the app goes on without history. */
  stellar_database_open_finish (STELLAR_DATABASE (object), result, NULL);
}

static void
on_collections_loaded (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  /* A failure is kept in the list's error message, which the Actions page
   * shows. */
  stellar_collections_load_finish (STELLAR_COLLECTIONS (object), result, NULL);
}

static void
stellar_application_startup (GApplication *application)
{
  StellarApplication *self = STELLAR_APPLICATION (application);
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (stellar_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name ("com.example.Stellar");

  self->settings = g_settings_new (APP_ID);
  self->recent_servers = stellar_recent_servers_new (NULL);

  /* One history for every window, opened before any session asks it for
   * anything: its thread runs jobs in order. */
  self->database = stellar_database_new (NULL);
  stellar_database_open_async (self->database, NULL, on_database_opened, NULL);

  /* One list of saved requests too: the folder is the user's. */
  self->collections = stellar_collections_new (NULL);
  stellar_collections_load_async (self->collections, NULL, on_collections_loaded, NULL);

  _stellar_application_notifications_init (self);

  gtk_application_set_accels_for_action (gtk_application, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_application, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_application, "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
}

/* What startup made; also when the application ends without running
 * (registered by a program of its own, such as the tests). */
static void
release_resources (StellarApplication *self)
{
  _stellar_application_notifications_shutdown (self);
  g_clear_object (&self->recent_servers);
  /* The database's thread writes what is still queued, then closes. */
  g_clear_object (&self->database);
  /* Collections not written yet are written now. */
  g_clear_object (&self->collections);
  g_clear_object (&self->settings);
}

static void
stellar_application_dispose (GObject *object)
{
  release_resources (STELLAR_APPLICATION (object));

  G_OBJECT_CLASS (stellar_application_parent_class)->dispose (object);
}

static void
stellar_application_shutdown (GApplication *application)
{
  release_resources (STELLAR_APPLICATION (application));

  G_APPLICATION_CLASS (stellar_application_parent_class)->shutdown (application);
}

static void
stellar_application_class_init (StellarApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = stellar_application_dispose;

  application_class->handle_local_options = stellar_application_handle_local_options;
  application_class->command_line = stellar_application_command_line;
  application_class->activate = stellar_application_activate;
  application_class->startup = stellar_application_startup;
  application_class->shutdown = stellar_application_shutdown;
}

static void
stellar_application_init (StellarApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Connect to servers built with Stellar."));
}

/**
 * stellar_application_new:
 *
 * Returns: (transfer full): the application
 */
StellarApplication *
stellar_application_new (void)
{
  return g_object_new (STELLAR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* the same resources for the Devel flavour's app id */
                       "resource-base-path", "/com/example/Stellar",
                       NULL);
}

/**
 * stellar_application_get_recent_servers:
 * @self: a #StellarApplication
 *
 * Returns: (transfer none): the servers connected to lately, one list for
 *   every window
 */
StellarRecentServers *
stellar_application_get_recent_servers (StellarApplication *self)
{
  g_return_val_if_fail (STELLAR_IS_APPLICATION (self), NULL);

  return self->recent_servers;
}

/**
 * stellar_application_get_database:
 * @self: a #StellarApplication
 *
 * Returns: (transfer none): where every window keeps its history
 */
StellarDatabase *
stellar_application_get_database (StellarApplication *self)
{
  g_return_val_if_fail (STELLAR_IS_APPLICATION (self), NULL);

  return self->database;
}

/**
 * stellar_application_get_collections:
 * @self: a #StellarApplication
 *
 * Returns: (transfer none): the collections of saved requests, one list
 *   for every window
 */
StellarCollections *
stellar_application_get_collections (StellarApplication *self)
{
  g_return_val_if_fail (STELLAR_IS_APPLICATION (self), NULL);

  return self->collections;
}
