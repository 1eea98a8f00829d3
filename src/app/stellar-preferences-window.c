/* stellar-preferences-window.c: the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-database.h"
#include "stellar-preferences-window.h"
#include "stellar-recent-server.h"
#include "stellar-server-url.h"

/* Every field edits a key of the app's settings at once; the sessions
 * follow their settings. A page per subject: Chat (notifications, mentions,
 * history), Rooms (the rooms joined on connecting, per server); other parts
 * of the app add pages of their own with adw_preferences_window_add(). */

/* The choices of "Keep Messages", in days; -1 keeps them forever. */
static const int retention_days[] = { 0, 7, 30, 90, 365, -1 };

struct _StellarPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GListModel           *recent_servers;
  char                 *current_server;
  GPtrArray            *room_groups;
  guint                 rebuild_source;
  gboolean              loading_retention;

  /* template children */
  GtkSwitch            *notifications_switch;
  GtkSpinButton        *inspector_capacity_spin;
  AdwEntryRow          *mention_names_row;
  AdwComboRow          *retention_row;
  AdwActionRow         *location_row;
  AdwPreferencesPage   *rooms_page;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_RECENT_SERVERS,
  PROP_CURRENT_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarPreferencesWindow, stellar_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* --- chat ---------------------------------------------------------------- */

static void
load_mention_names (StellarPreferencesWindow *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "mention-names");
  g_autofree char *text = g_strjoinv (", ", names);

  gtk_editable_set_text (GTK_EDITABLE (self->mention_names_row), text);
}

static void
on_mention_names_apply (StellarPreferencesWindow *self,
                        AdwEntryRow              *row)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (names, parts[i]);

  list = g_strv_builder_end (names);
  g_settings_set_strv (self->settings, "mention-names", (const char * const *) list);
}

static void
load_retention (StellarPreferencesWindow *self)
{
  int days = g_settings_get_int (self->settings, "history-retention-days");
  guint selected = G_N_ELEMENTS (retention_days) - 1;

  /* The first choice that keeps at least as much. */
  if (days >= 0)
    for (guint i = 0; i < G_N_ELEMENTS (retention_days) - 1; i++)
      if (retention_days[i] >= days)
        {
          selected = i;
          break;
        }

  /* Showing a value that is not one of the choices does not change it. */
  self->loading_retention = TRUE;
  adw_combo_row_set_selected (self->retention_row, selected);
  self->loading_retention = FALSE;
}

static void
on_retention_selected (StellarPreferencesWindow *self,
                       GParamSpec               *pspec,
                       AdwComboRow              *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings == NULL || self->loading_retention || selected >= G_N_ELEMENTS (retention_days))
    return;

  if (g_settings_get_int (self->settings, "history-retention-days") != retention_days[selected])
    g_settings_set_int (self->settings, "history-retention-days", retention_days[selected]);
}

/* --- rooms --------------------------------------------------------------- */

static char **
rooms_of (StellarPreferencesWindow *self,
          const char               *server)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "remembered-rooms");
  char **rooms = NULL;

  if (!g_variant_lookup (all, server, "^as", &rooms))
    return g_new0 (char *, 1);

  return rooms;
}

static void
set_rooms_of (StellarPreferencesWindow *self,
              const char               *server,
              const char * const       *rooms)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "remembered-rooms");
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@as}", &key, &value))
    if (g_strcmp0 (key, server) != 0)
      g_variant_builder_add (&builder, "{s@as}", key, value);

  if (rooms[0] != NULL)
    g_variant_builder_add (&builder, "{s^as}", server, rooms);

  g_settings_set_value (self->settings, "remembered-rooms", g_variant_builder_end (&builder));
}

static void
on_remove_room_clicked (GtkButton                *button,
                        StellarPreferencesWindow *self)
{
  const char *server = g_object_get_data (G_OBJECT (button), "server");
  const char *room = g_object_get_data (G_OBJECT (button), "room");
  g_auto(GStrv) rooms = rooms_of (self, server);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; rooms[i] != NULL; i++)
    if (!g_str_equal (rooms[i], room))
      g_strv_builder_add (kept, rooms[i]);

  list = g_strv_builder_end (kept);
  set_rooms_of (self, server, (const char * const *) list);
}

static void
on_add_room_applied (AdwEntryRow              *row,
                     StellarPreferencesWindow *self)
{
  const char *server = g_object_get_data (G_OBJECT (row), "server");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_auto(GStrv) rooms = rooms_of (self, server);
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  const char *room = name[0] == '#' ? name + 1 : name;

  if (*room == '\0' || g_strv_contains ((const char * const *) rooms, room))
    return;

  g_strv_builder_addv (all, (const char **) rooms);
  g_strv_builder_add (all, room);
  list = g_strv_builder_end (all);
  set_rooms_of (self, server, (const char * const *) list);
}

static GtkWidget *
create_server_group (StellarPreferencesWindow *self,
                     const char               *server)
{
  g_autofree char *title = stellar_server_url_get_display_name (server);
  g_auto(GStrv) rooms = rooms_of (self, server);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add_row;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title != NULL ? title : server);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), server);

  for (guint i = 0; rooms[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *row_title = g_strdup_printf ("#%s", rooms[i]);
      g_autofree char *remove_label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      /* Translators: the accessible name of a button; %s is a room's name */
      remove_label = g_strdup_printf (_("Remove #%s"), rooms[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_widget_add_css_class (remove, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "server", g_strdup (server), g_free);
      g_object_set_data_full (G_OBJECT (remove), "room", g_strdup (rooms[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_room_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add Room"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add_row), TRUE);
  g_object_set_data_full (G_OBJECT (add_row), "server", g_strdup (server), g_free);
  g_signal_connect (add_row, "apply", G_CALLBACK (on_add_room_applied), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add_row);

  return group;
}

static void
add_server (GPtrArray  *servers,
            const char *server)
{
  if (server == NULL)
    return;

  for (guint i = 0; i < servers->len; i++)
    if (g_str_equal (g_ptr_array_index (servers, i), server))
      return;

  g_ptr_array_add (servers, g_strdup (server));
}

/* The servers: the one of the window first, then those with rooms, then
 * the recent ones. */
static GPtrArray *
list_servers (StellarPreferencesWindow *self)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "remembered-rooms");
  GVariantIter iter;
  const char *key;

  add_server (servers, self->current_server);

  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@as}", &key, NULL))
    add_server (servers, key);

  for (guint i = 0; self->recent_servers != NULL && i < g_list_model_get_n_items (self->recent_servers); i++)
    {
      g_autoptr(StellarRecentServer) recent = g_list_model_get_item (self->recent_servers, i);

      add_server (servers, stellar_recent_server_get_url (recent));
    }

  return servers;
}

static void
rebuild_rooms_page (StellarPreferencesWindow *self)
{
  g_autoptr(GPtrArray) servers = list_servers (self);
  GtkWidget *intro;

  for (guint i = 0; i < self->room_groups->len; i++)
    adw_preferences_page_remove (self->rooms_page, g_ptr_array_index (self->room_groups, i));
  g_ptr_array_set_size (self->room_groups, 0);

  intro = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (intro), _("Rooms to Join on Connect"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro),
                                         servers->len > 0
                                           ? _("Stellar joins these rooms when it connects to their "
                                               "server. Rooms you join or leave are added or "
                                               "removed here too.")
                                           : _("Servers you connect to are listed here, with the "
                                               "rooms to join when Stellar connects to them."));
  g_ptr_array_add (self->room_groups, intro);

  for (guint i = 0; i < servers->len; i++)
    g_ptr_array_add (self->room_groups, create_server_group (self, g_ptr_array_index (servers, i)));

  for (guint i = 0; i < self->room_groups->len; i++)
    adw_preferences_page_add (self->rooms_page, g_ptr_array_index (self->room_groups, i));
}

static gboolean
rebuild_when_idle (gpointer user_data)
{
  StellarPreferencesWindow *self = user_data;

  self->rebuild_source = 0;
  rebuild_rooms_page (self);

  return G_SOURCE_REMOVE;
}

/* The rows change while one of them emits a signal: not under its feet. */
static void
on_remembered_rooms_changed (StellarPreferencesWindow *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_when_idle, self);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_preferences_window_constructed (GObject *object)
{
  StellarPreferencesWindow *self = STELLAR_PREFERENCES_WINDOW (object);
  g_autoptr(GFile) history = stellar_database_get_default_file ();
  g_autofree char *history_name = g_file_get_parse_name (history);

  G_OBJECT_CLASS (stellar_preferences_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL);

  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "inspector-capacity", self->inspector_capacity_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  load_mention_names (self);
  g_signal_connect_object (self->settings, "changed::mention-names",
                           G_CALLBACK (load_mention_names), self, G_CONNECT_SWAPPED);

  load_retention (self);
  g_signal_connect_object (self->settings, "changed::history-retention-days",
                           G_CALLBACK (load_retention), self, G_CONNECT_SWAPPED);

  adw_action_row_set_subtitle (self->location_row, history_name);

  rebuild_rooms_page (self);
  g_signal_connect_object (self->settings, "changed::remembered-rooms",
                           G_CALLBACK (on_remembered_rooms_changed), self, G_CONNECT_SWAPPED);
}

static void
stellar_preferences_window_dispose (GObject *object)
{
  StellarPreferencesWindow *self = STELLAR_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->room_groups, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_servers);
  g_clear_pointer (&self->current_server, g_free);

  G_OBJECT_CLASS (stellar_preferences_window_parent_class)->dispose (object);
}

static void
stellar_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  StellarPreferencesWindow *self = STELLAR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_RECENT_SERVERS:
      g_value_set_object (value, self->recent_servers);
      break;

    case PROP_CURRENT_SERVER:
      g_value_set_string (value, self->current_server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  StellarPreferencesWindow *self = STELLAR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_RECENT_SERVERS:
      self->recent_servers = g_value_dup_object (value);
      break;

    case PROP_CURRENT_SERVER:
      self->current_server = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_preferences_window_class_init (StellarPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_preferences_window_constructed;
  object_class->dispose = stellar_preferences_window_dispose;
  object_class->get_property = stellar_preferences_window_get_property;
  object_class->set_property = stellar_preferences_window_set_property;

  /**
   * StellarPreferencesWindow:settings:
   *
   * The app's settings.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarPreferencesWindow:recent-servers:
   *
   * The servers connected to lately (#StellarRecentServer items).
   */
  properties[PROP_RECENT_SERVERS] =
    g_param_spec_object ("recent-servers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarPreferencesWindow:current-server:
   *
   * The server of the window the preferences were opened from, listed
   * first.
   */
  properties[PROP_CURRENT_SERVER] =
    g_param_spec_string ("current-server", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, inspector_capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, mention_names_row);
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, StellarPreferencesWindow, rooms_page);
  gtk_widget_class_bind_template_callback (widget_class, on_mention_names_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_retention_selected);
}

static void
stellar_preferences_window_init (StellarPreferencesWindow *self)
{
  self->room_groups = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stellar_preferences_window_new:
 * @settings: the app's settings
 * @recent_servers: (nullable): the servers connected to lately
 * @current_server: (nullable): the server of the window it opens from
 *
 * Returns: (transfer floating): the preferences window
 */
GtkWidget *
stellar_preferences_window_new (GSettings  *settings,
                                GListModel *recent_servers,
                                const char *current_server)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (recent_servers == NULL || G_IS_LIST_MODEL (recent_servers), NULL);

  return g_object_new (STELLAR_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "recent-servers", recent_servers,
                       "current-server", current_server,
                       NULL);
}
