/* stellar-connection-view.c: what is known about an open connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-connection-view.h"
#include "stellar-file-request.h"

/* Shows the welcome message and the connection's details as the session
 * read them from the server (its detailsView answer); they change with
 * every reconnection, since the server then hands out a new connection id.
 * Every row is bound to a session property. */
struct _StellarConnectionView
{
  GtkWidget       parent_instance;

  StellarSession *session;
  GBindingGroup  *session_bindings;
  GSignalGroup   *session_signals;
  GSignalGroup   *rooms_signals;
  GCancellable   *cancellable;

  /* template children */
  AdwStatusPage  *status_page;
  GtkLabel       *lost_label;
  AdwActionRow   *server_row;
  AdwActionRow   *id_row;
  AdwActionRow   *fingerprint_row;
  AdwActionRow   *remote_row;
  AdwActionRow   *connected_at_row;
  AdwActionRow   *reconnections_row;
  AdwActionRow   *primus_version_row;
  AdwActionRow   *transformer_row;
  AdwActionRow   *parser_row;
  AdwActionRow   *heartbeat_row;
  AdwActionRow   *rooms_row;
  StellarFileRequest *file_request;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarConnectionView, stellar_connection_view, GTK_TYPE_WIDGET)

static gboolean
string_or_unknown (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  const char *value = g_value_get_string (from_value);

  g_value_set_string (to_value, value != NULL && *value != '\0' ? value : _("Unknown"));
  return TRUE;
}

static gboolean
welcome_or_connected (GBinding     *binding,
                      const GValue *from_value,
                      GValue       *to_value,
                      gpointer      user_data)
{
  const char *value = g_value_get_string (from_value);

  g_value_set_string (to_value, value != NULL && *value != '\0' ? value : _("Connected"));
  return TRUE;
}

static gboolean
format_date_time (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  GDateTime *date_time = g_value_get_boxed (from_value);

  if (date_time == NULL)
    g_value_set_string (to_value, _("Unknown"));
  else
    g_value_take_string (to_value, g_date_time_format (date_time, "%c"));
  return TRUE;
}

static gboolean
format_heartbeat (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  guint interval_ms = g_value_get_uint (from_value);

  if (interval_ms == 0)
    g_value_set_string (to_value, _("Unknown"));
  else if (interval_ms % 1000 == 0)
    /* Translators: how often the connection's heartbeat beats */
    g_value_take_string (to_value, g_strdup_printf (ngettext ("Every %u second", "Every %u seconds",
                                                                       interval_ms / 1000),
                                                    interval_ms / 1000));
  else
    /* Translators: how often the connection's heartbeat beats, in milliseconds */
    g_value_take_string (to_value, g_strdup_printf (_("Every %u ms"), interval_ms));
  return TRUE;
}

static gboolean
format_count (GBinding     *binding,
              const GValue *from_value,
              GValue       *to_value,
              gpointer      user_data)
{
  g_value_take_string (to_value, g_strdup_printf ("%u", g_value_get_uint (from_value)));
  return TRUE;
}

static void
update_rooms (StellarConnectionView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;
  GListModel *rooms = NULL;
  guint n_items = 0;

  if (self->session != NULL)
    {
      rooms = stellar_session_get_rooms (self->session);
      n_items = g_list_model_get_n_items (rooms);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (rooms, i);

      g_strv_builder_add (builder, stellar_room_get_name (room));
    }

  names = g_strv_builder_end (builder);
  joined = g_strjoinv (", ", names);
  adw_action_row_set_subtitle (self->rooms_row, *joined != '\0' ? joined : _("None"));
}

static void
update_state (StellarConnectionView *self)
{
  StellarClientState state = STELLAR_CLIENT_STATE_DISCONNECTED;

  if (self->session != NULL)
    state = stellar_session_get_state (self->session);

  /* The client reconnects by itself; this says why the details are stale. */
  if (state == STELLAR_CLIENT_STATE_RECONNECTING)
    gtk_label_set_text (self->lost_label,
                        _("The connection was lost. Stellar reconnects as soon as the server "
                          "answers again."));
  else if (state == STELLAR_CLIENT_STATE_DISCONNECTED)
    gtk_label_set_text (self->lost_label,
                        _("The connection was closed and will not be restored."));

  gtk_widget_set_visible (GTK_WIDGET (self->lost_label),
                          self->session != NULL && state != STELLAR_CLIENT_STATE_CONNECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.refresh",
                                 state == STELLAR_CLIENT_STATE_CONNECTED);
}

static void
on_details_refreshed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(StellarConnectionView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (stellar_session_refresh_details_finish (STELLAR_SESSION (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      STELLAR_SESSION (object) != self->session)
    return;

  g_debug ("Could not refresh the connection details: %s", error->message);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (widget);

  if (self->session == NULL)
    return;

  stellar_session_refresh_details_async (self->session,
                                         self->cancellable,
                                         on_details_refreshed,
                                         g_object_ref (self));
}

static void
stellar_connection_view_dispose (GObject *object)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

  if (self->status_page != NULL)
    stellar_connection_view_set_session (self, NULL);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_CONNECTION_VIEW);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->rooms_signals);

  G_OBJECT_CLASS (stellar_connection_view_parent_class)->dispose (object);
}

static void
stellar_connection_view_finalize (GObject *object)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (stellar_connection_view_parent_class)->finalize (object);
}

static void
stellar_connection_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

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
stellar_connection_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      stellar_connection_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_connection_view_class_init (StellarConnectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_connection_view_dispose;
  object_class->finalize = stellar_connection_view_finalize;
  object_class->get_property = stellar_connection_view_get_property;
  object_class->set_property = stellar_connection_view_set_property;

  /**
   * StellarConnectionView:session:
   *
   * The session whose connection is shown.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "connection.refresh", NULL, refresh_action);

  g_type_ensure (STELLAR_TYPE_FILE_REQUEST);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "connection.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "connection.refresh", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-connection-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, status_page);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, lost_label);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, server_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, id_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, remote_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, connected_at_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, reconnections_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, primus_version_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, transformer_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, parser_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, heartbeat_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, rooms_row);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, file_request);
}

static void
bind_row (StellarConnectionView *self,
          const char            *property,
          AdwActionRow          *row,
          GBindingTransformFunc  transform)
{
  g_binding_group_bind_full (self->session_bindings, property, row, "subtitle",
                             G_BINDING_SYNC_CREATE, transform, NULL, NULL, NULL);
}

static void
stellar_connection_view_init (StellarConnectionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->session_bindings, "welcome-message", self->status_page, "title",
                             G_BINDING_SYNC_CREATE, welcome_or_connected, NULL, NULL, NULL);
  bind_row (self, "url", self->server_row, string_or_unknown);
  bind_row (self, "connection-id", self->id_row, string_or_unknown);
  bind_row (self, "fingerprint", self->fingerprint_row, string_or_unknown);
  bind_row (self, "remote-address", self->remote_row, string_or_unknown);
  bind_row (self, "connected-at", self->connected_at_row, format_date_time);
  bind_row (self, "reconnections", self->reconnections_row, format_count);
  bind_row (self, "primus-version", self->primus_version_row, string_or_unknown);
  bind_row (self, "primus-transformer", self->transformer_row, string_or_unknown);
  bind_row (self, "primus-parser", self->parser_row, string_or_unknown);
  bind_row (self, "heartbeat-interval", self->heartbeat_row, format_heartbeat);

  self->session_signals = g_signal_group_new (STELLAR_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  self->rooms_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_object (self->rooms_signals, "items-changed",
                                 G_CALLBACK (update_rooms), self, G_CONNECT_SWAPPED);

  update_state (self);
}

StellarSession *
stellar_connection_view_get_session (StellarConnectionView *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECTION_VIEW (self), NULL);

  return self->session;
}

void
stellar_connection_view_set_session (StellarConnectionView *self,
                                     StellarSession        *session)
{
  g_return_if_fail (STELLAR_IS_CONNECTION_VIEW (self));
  g_return_if_fail (session == NULL || STELLAR_IS_SESSION (session));

  if (self->session == session)
    return;

  /* A refresh still under way belongs to the previous session. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->session, session);
  g_binding_group_set_source (self->session_bindings, session);
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->rooms_signals,
                             session != NULL ? stellar_session_get_rooms (session) : NULL);

  stellar_file_request_set_client (self->file_request,
                                   session != NULL ? stellar_session_get_client (session) : NULL);
  update_state (self);
  update_rooms (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
