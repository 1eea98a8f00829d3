/* stellar-connection-status.c: the state of a connection, for the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-connection-status.h"

/* A spinner and a label that follow a client's `state`. The label's text is
 * also its accessible name, and it always starts with one of the words
 * "Connected", "Connecting", "Reconnecting" or "Disconnected", which screen
 * reader users and the tests rely on. */
struct _StellarConnectionStatus
{
  GtkWidget      parent_instance;

  StellarClient *client;
  gint64         reconnect_at;
  guint          countdown_source;

  /* template children */
  GtkSpinner    *spinner;
  GtkLabel      *label;
};

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarConnectionStatus, stellar_connection_status, GTK_TYPE_WIDGET)

static void
set_text (StellarConnectionStatus *self,
          const char              *text)
{
  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static guint
seconds_until_reconnect (StellarConnectionStatus *self)
{
  gint64 remaining = self->reconnect_at - g_get_monotonic_time ();

  if (remaining <= 0)
    return 0;

  return (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
stellar_connection_status_update (StellarConnectionStatus *self)
{
  StellarClientState state = STELLAR_CLIENT_STATE_DISCONNECTED;
  g_autofree char *text = NULL;
  guint seconds;

  if (self->client != NULL)
    state = stellar_client_get_state (self->client);

  switch (state)
    {
    case STELLAR_CLIENT_STATE_CONNECTING:
      text = g_strdup (_("Connecting…"));
      break;

    case STELLAR_CLIENT_STATE_CONNECTED:
      text = g_strdup (_("Connected"));
      break;

    case STELLAR_CLIENT_STATE_RECONNECTING:
      seconds = seconds_until_reconnect (self);
      if (seconds > 0)
        /* Translators: %u is a number of seconds */
        text = g_strdup_printf (_("Reconnecting in %u s"), seconds);
      else
        text = g_strdup (_("Reconnecting…"));
      break;

    case STELLAR_CLIENT_STATE_DISCONNECTED:
    default:
      text = g_strdup (_("Disconnected"));
      break;
    }

  set_text (self, text);

  gtk_spinner_set_spinning (self->spinner,
                            state == STELLAR_CLIENT_STATE_CONNECTING ||
                            state == STELLAR_CLIENT_STATE_RECONNECTING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner),
                          gtk_spinner_get_spinning (self->spinner));
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  StellarConnectionStatus *self = user_data;

  stellar_connection_status_update (self);

  if (seconds_until_reconnect (self) > 0)
    return G_SOURCE_CONTINUE;

  self->countdown_source = 0;
  return G_SOURCE_REMOVE;
}

static void
on_client_reconnecting (StellarConnectionStatus *self,
                        guint                    attempt,
                        guint                    delay_ms,
                        StellarClient           *client)
{
  self->reconnect_at = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  if (self->countdown_source == 0)
    self->countdown_source = g_timeout_add_seconds (1, on_countdown_tick, self);

  stellar_connection_status_update (self);
}

static void
on_client_state_changed (StellarConnectionStatus *self,
                         GParamSpec              *pspec,
                         StellarClient           *client)
{
  if (stellar_client_get_state (client) != STELLAR_CLIENT_STATE_RECONNECTING)
    {
      self->reconnect_at = 0;
      g_clear_handle_id (&self->countdown_source, g_source_remove);
    }

  stellar_connection_status_update (self);
}

static void
stellar_connection_status_dispose (GObject *object)
{
  StellarConnectionStatus *self = STELLAR_CONNECTION_STATUS (object);

  stellar_connection_status_set_client (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_CONNECTION_STATUS);

  G_OBJECT_CLASS (stellar_connection_status_parent_class)->dispose (object);
}

static void
stellar_connection_status_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StellarConnectionStatus *self = STELLAR_CONNECTION_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_connection_status_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  StellarConnectionStatus *self = STELLAR_CONNECTION_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      stellar_connection_status_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_connection_status_class_init (StellarConnectionStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_connection_status_dispose;
  object_class->get_property = stellar_connection_status_get_property;
  object_class->set_property = stellar_connection_status_set_property;

  /**
   * StellarConnectionStatus:client:
   *
   * The client whose state is shown, or %NULL to show "Disconnected".
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-connection-status.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionStatus, label);
}

static void
stellar_connection_status_init (StellarConnectionStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  stellar_connection_status_update (self);
}

StellarClient *
stellar_connection_status_get_client (StellarConnectionStatus *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECTION_STATUS (self), NULL);

  return self->client;
}

void
stellar_connection_status_set_client (StellarConnectionStatus *self,
                                      StellarClient           *client)
{
  g_return_if_fail (STELLAR_IS_CONNECTION_STATUS (self));
  g_return_if_fail (client == NULL || STELLAR_IS_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  g_set_object (&self->client, client);
  self->reconnect_at = 0;
  g_clear_handle_id (&self->countdown_source, g_source_remove);

  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::state",
                               G_CALLBACK (on_client_state_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "reconnecting",
                               G_CALLBACK (on_client_reconnecting), self,
                               G_CONNECT_SWAPPED);
    }

  stellar_connection_status_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}
