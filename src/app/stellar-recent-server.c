/* stellar-recent-server.c: one server connected to lately
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-recent-server.h"
#include "stellar-server-url.h"

struct _StellarRecentServer
{
  GObject  parent_instance;

  char    *url;
  char    *title;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRecentServer, stellar_recent_server, G_TYPE_OBJECT)

static void
stellar_recent_server_constructed (GObject *object)
{
  StellarRecentServer *self = STELLAR_RECENT_SERVER (object);

  G_OBJECT_CLASS (stellar_recent_server_parent_class)->constructed (object);

  self->title = stellar_server_url_get_display_name (self->url);
}

static void
stellar_recent_server_finalize (GObject *object)
{
  StellarRecentServer *self = STELLAR_RECENT_SERVER (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (stellar_recent_server_parent_class)->finalize (object);
}

static void
stellar_recent_server_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StellarRecentServer *self = STELLAR_RECENT_SERVER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_recent_server_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StellarRecentServer *self = STELLAR_RECENT_SERVER (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_recent_server_class_init (StellarRecentServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_recent_server_constructed;
  object_class->finalize = stellar_recent_server_finalize;
  object_class->get_property = stellar_recent_server_get_property;
  object_class->set_property = stellar_recent_server_set_property;

  /**
   * StellarRecentServer:url:
   *
   * The server's base URL, as connected to.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRecentServer:title:
   *
   * The server's name for people: its host, and its port when not the
   * scheme's default.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_recent_server_init (StellarRecentServer *self)
{
}

StellarRecentServer *
stellar_recent_server_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (STELLAR_TYPE_RECENT_SERVER, "url", url, NULL);
}

const char *
stellar_recent_server_get_url (StellarRecentServer *self)
{
  g_return_val_if_fail (STELLAR_IS_RECENT_SERVER (self), NULL);

  return self->url;
}

const char *
stellar_recent_server_get_title (StellarRecentServer *self)
{
  g_return_val_if_fail (STELLAR_IS_RECENT_SERVER (self), NULL);

  return self->title;
}
