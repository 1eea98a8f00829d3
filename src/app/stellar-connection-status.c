/* stellar-connection-status.c: the state of a connection, for the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-connection-status.h"

/* A spinner and a label that follow a session's `state`. The label's text is
 * also its accessible name, and it always starts with one of the words
 * "Connected", "Connecting", "Reconnecting" or "Disconnected", which screen
 * reader users and the tests rely on. */
struct _StellarConnectionStatus
{
  GtkWidget      parent_instance;

  StellarSession *session;
  GSignalGroup   *session_signals;
  guint           countdown_source;

  /* template children */
  GtkSpinner    *spinner;
  GtkLabel      *label;
};

enum {
  PROP_0,
  PROP_SESSION,
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
  gint64 reconnect_time = 0;
  gint64 remaining;

  if (self->session != NULL)
    reconnect_time = stellar_session_get_reconnect_time (self->session);
  if (reconnect_time == 0)
    return 0;

  remaining = reconnect_time - g_get_monotonic_time ();

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
  guint attempt = 0;

  if (self->session != NULL)
    {
      state = stellar_session_get_state (self->session);
      attempt = stellar_session_get_reconnect_attempt (self->session);
    }

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
      if (seconds > 0 && attempt > 1)
        /* Translators: %u is a number of seconds, then the attempt's number */
        text = g_strdup_printf (_("Reconnecting in %u s, attempt %u"), seconds, attempt);
      else if (seconds > 0)
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

/* The countdown ticks while an attempt is scheduled. */
static void
on_reconnect_time_changed (StellarConnectionStatus *self)
{
  if (seconds_until_reconnect (self) > 0)
    {
      if (self->countdown_source == 0)
        self->countdown_source = g_timeout_add_seconds (1, on_countdown_tick, self);
    }
  else
    g_clear_handle_id (&self->countdown_source, g_source_remove);

  stellar_connection_status_update (self);
}

static void
stellar_connection_status_dispose (GObject *object)
{
  StellarConnectionStatus *self = STELLAR_CONNECTION_STATUS (object);

  stellar_connection_status_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_CONNECTION_STATUS);
  g_clear_object (&self->session_signals);

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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
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
    case PROP_SESSION:
      stellar_connection_status_set_session (self, g_value_get_object (value));
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
   * StellarConnectionStatus:session:
   *
   * The session whose state is shown, or %NULL to show "Disconnected".
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
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

  self->session_signals = g_signal_group_new (STELLAR_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (stellar_connection_status_update), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::reconnect-time",
                                 G_CALLBACK (on_reconnect_time_changed), self,
                                 G_CONNECT_SWAPPED);

  stellar_connection_status_update (self);
}

StellarSession *
stellar_connection_status_get_session (StellarConnectionStatus *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECTION_STATUS (self), NULL);

  return self->session;
}

void
stellar_connection_status_set_session (StellarConnectionStatus *self,
                                       StellarSession          *session)
{
  g_return_if_fail (STELLAR_IS_CONNECTION_STATUS (self));
  g_return_if_fail (session == NULL || STELLAR_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  on_reconnect_time_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
