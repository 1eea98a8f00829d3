/* stellar-recent-servers.c: the servers connected to lately, from GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-recent-servers.h"

/* A list model of GtkStringObject, one per URL, most recent first. It follows
 * the `recent-servers` key, so every window's list stays the same when any
 * of them connects. */
struct _StellarRecentServers
{
  GObject     parent_instance;

  GSettings  *settings;
  char      **urls;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
stellar_recent_servers_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
stellar_recent_servers_get_n_items (GListModel *model)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (model);

  return g_strv_length (self->urls);
}

static gpointer
stellar_recent_servers_get_item (GListModel *model,
                                 guint       position)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (model);

  if (position >= g_strv_length (self->urls))
    return NULL;

  return gtk_string_object_new (self->urls[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_recent_servers_get_item_type;
  iface->get_n_items = stellar_recent_servers_get_n_items;
  iface->get_item = stellar_recent_servers_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarRecentServers, stellar_recent_servers, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
stellar_recent_servers_reload (StellarRecentServers *self)
{
  guint removed = g_strv_length (self->urls);

  g_strfreev (self->urls);
  self->urls = g_settings_get_strv (self->settings, "recent-servers");

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, g_strv_length (self->urls));
}

static void
on_recent_servers_changed (StellarRecentServers *self,
                           const char           *key,
                           GSettings            *settings)
{
  stellar_recent_servers_reload (self);
}

static void
stellar_recent_servers_constructed (GObject *object)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (object);

  G_OBJECT_CLASS (stellar_recent_servers_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings,
                           "changed::recent-servers",
                           G_CALLBACK (on_recent_servers_changed),
                           self,
                           G_CONNECT_SWAPPED);
  stellar_recent_servers_reload (self);
}

static void
stellar_recent_servers_finalize (GObject *object)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->urls, g_strfreev);

  G_OBJECT_CLASS (stellar_recent_servers_parent_class)->finalize (object);
}

static void
stellar_recent_servers_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_recent_servers_class_init (StellarRecentServersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_recent_servers_constructed;
  object_class->finalize = stellar_recent_servers_finalize;
  object_class->set_property = stellar_recent_servers_set_property;

  /**
   * StellarRecentServers:settings:
   *
   * The settings holding the `recent-servers` key; the application's own
   * when none is given.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_recent_servers_init (StellarRecentServers *self)
{
  self->urls = g_new0 (char *, 1);
}

/**
 * stellar_recent_servers_new:
 * @settings: (nullable): settings of the app's schema, or %NULL for the
 *   application's own
 *
 * Returns: (transfer full): a new list of recent servers
 */
StellarRecentServers *
stellar_recent_servers_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (STELLAR_TYPE_RECENT_SERVERS,
                       "settings", settings,
                       NULL);
}

static void
stellar_recent_servers_store (StellarRecentServers *self,
                              const char           *first,
                              const char           *without)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  guint n = 0;

  if (first != NULL)
    {
      g_strv_builder_add (builder, first);
      n++;
    }

  for (guint i = 0; self->urls[i] != NULL && n < STELLAR_RECENT_SERVERS_MAX; i++)
    {
      if (g_strcmp0 (self->urls[i], without) == 0)
        continue;

      g_strv_builder_add (builder, self->urls[i]);
      n++;
    }

  urls = g_strv_builder_end (builder);
  /* "changed" reloads the list */
  g_settings_set_strv (self->settings, "recent-servers", (const char * const *) urls);
}

/**
 * stellar_recent_servers_add:
 * @self: a #StellarRecentServers
 * @url: the URL of a server just connected to
 *
 * Puts @url first, removing it from further down, and keeps the last
 * %STELLAR_RECENT_SERVERS_MAX servers.
 */
void
stellar_recent_servers_add (StellarRecentServers *self,
                            const char           *url)
{
  g_return_if_fail (STELLAR_IS_RECENT_SERVERS (self));
  g_return_if_fail (url != NULL && *url != '\0');

  stellar_recent_servers_store (self, url, url);
}

/**
 * stellar_recent_servers_remove:
 * @self: a #StellarRecentServers
 * @url: the URL of a server to forget
 */
void
stellar_recent_servers_remove (StellarRecentServers *self,
                               const char           *url)
{
  g_return_if_fail (STELLAR_IS_RECENT_SERVERS (self));
  g_return_if_fail (url != NULL);

  stellar_recent_servers_store (self, NULL, url);
}
