/* stellar-recent-servers.c: the servers connected to lately, from GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-recent-server.h"
#include "stellar-recent-servers.h"

/* A list model of StellarRecentServer, most recent first. It follows the
 * `recent-servers` key, so every window's list stays the same when any of
 * them connects. The application keeps one; an item stays the same object
 * for as long as its server is in the list, so rows and selections bound to
 * it survive a change elsewhere in the list. */
struct _StellarRecentServers
{
  GObject     parent_instance;

  GSettings  *settings;
  GPtrArray  *servers;
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
  return STELLAR_TYPE_RECENT_SERVER;
}

static guint
stellar_recent_servers_get_n_items (GListModel *model)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (model);

  return self->servers->len;
}

static gpointer
stellar_recent_servers_get_item (GListModel *model,
                                 guint       position)
{
  StellarRecentServers *self = STELLAR_RECENT_SERVERS (model);

  if (position >= self->servers->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->servers, position));
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

static StellarRecentServer *
find_server (GPtrArray  *servers,
             const char *url)
{
  for (guint i = 0; i < servers->len; i++)
    {
      StellarRecentServer *server = g_ptr_array_index (servers, i);

      if (g_strcmp0 (stellar_recent_server_get_url (server), url) == 0)
        return server;
    }

  return NULL;
}

static void
stellar_recent_servers_reload (StellarRecentServers *self)
{
  g_auto(GStrv) urls = g_settings_get_strv (self->settings, "recent-servers");
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  guint first_change;
  guint old_tail;
  guint new_tail;

  for (guint i = 0; urls[i] != NULL; i++)
    {
      StellarRecentServer *server = find_server (self->servers, urls[i]);

      /* a key edited by hand may repeat an address */
      if (find_server (servers, urls[i]) != NULL)
        continue;

      g_ptr_array_add (servers, server != NULL ? g_object_ref (server)
                                               : stellar_recent_server_new (urls[i]));
    }

  /* Announce only the span that changed, from the first differing item to
   * the last one. */
  for (first_change = 0;
       first_change < servers->len && first_change < self->servers->len &&
       g_ptr_array_index (servers, first_change) == g_ptr_array_index (self->servers, first_change);
       first_change++)
    ;
  for (old_tail = self->servers->len, new_tail = servers->len;
       old_tail > first_change && new_tail > first_change &&
       g_ptr_array_index (servers, new_tail - 1) == g_ptr_array_index (self->servers, old_tail - 1);
       old_tail--, new_tail--)
    ;

  g_ptr_array_unref (self->servers);
  self->servers = g_steal_pointer (&servers);

  if (old_tail > first_change || new_tail > first_change)
    g_list_model_items_changed (G_LIST_MODEL (self),
                                first_change, old_tail - first_change, new_tail - first_change);
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
  g_clear_pointer (&self->servers, g_ptr_array_unref);

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
  self->servers = g_ptr_array_new_with_free_func (g_object_unref);
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

  for (guint i = 0; i < self->servers->len && n < STELLAR_RECENT_SERVERS_MAX; i++)
    {
      const char *url = stellar_recent_server_get_url (g_ptr_array_index (self->servers, i));

      if (g_strcmp0 (url, without) == 0)
        continue;

      g_strv_builder_add (builder, url);
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
