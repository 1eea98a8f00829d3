/* stellar-connection-view.c: what is known about an open connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-connection-view.h"

/* Shows the welcome message and the connection details the server gave
 * (its detailsView answer). The details are read again after every
 * reconnection, since the server then hands out a new connection id. */
struct _StellarConnectionView
{
  GtkWidget      parent_instance;

  StellarClient *client;
  JsonObject    *details;
  GCancellable  *cancellable;

  /* template children */
  AdwStatusPage *status_page;
  GtkLabel      *lost_label;
  AdwActionRow  *server_row;
  AdwActionRow  *id_row;
  AdwActionRow  *fingerprint_row;
  AdwActionRow  *remote_row;
  AdwActionRow  *connected_at_row;
  AdwActionRow  *rooms_row;
};

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarConnectionView, stellar_connection_view, GTK_TYPE_WIDGET)

/* The details come from the server: trust no member to have the right type. */
static JsonNode *
get_value_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return NULL;

  return JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = get_value_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_dup_string (node);
}

static gboolean
get_number_member (JsonObject *object,
                   const char *name,
                   gint64     *number)
{
  JsonNode *node = get_value_member (object, name);
  GType type;

  if (node == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *number = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *number = (gint64) json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  const char *shown = value != NULL && *value != '\0' ? value : _("Unknown");

  adw_action_row_set_subtitle (row, shown);
}

static char *
format_remote_address (JsonObject *details)
{
  g_autofree char *ip = dup_string_member (details, "remoteIP");
  gint64 port;

  if (ip == NULL)
    return NULL;

  if (!get_number_member (details, "remotePort", &port))
    return g_steal_pointer (&ip);

  if (strchr (ip, ':') != NULL)
    return g_strdup_printf ("[%s]:%" G_GINT64_FORMAT, ip, port);

  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, ip, port);
}

static char *
format_connected_at (JsonObject *details)
{
  g_autoptr(GDateTime) date_time = NULL;
  gint64 milliseconds;

  if (!get_number_member (details, "connectedAt", &milliseconds))
    return NULL;

  date_time = g_date_time_new_from_unix_local (milliseconds / 1000);
  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, "%c");
}

static void
update_rooms (StellarConnectionView *self)
{
  const char * const *rooms = NULL;
  g_autofree char *joined = NULL;

  if (self->client != NULL)
    rooms = stellar_client_get_rooms (self->client);

  if (rooms != NULL && rooms[0] != NULL)
    joined = g_strjoinv (", ", (char **) rooms);

  adw_action_row_set_subtitle (self->rooms_row, joined != NULL ? joined : _("None"));
}

static void
update_details (StellarConnectionView *self)
{
  g_autofree char *id = dup_string_member (self->details, "id");
  g_autofree char *fingerprint = dup_string_member (self->details, "fingerprint");
  g_autofree char *remote = format_remote_address (self->details);
  g_autofree char *connected_at = format_connected_at (self->details);
  const char *url = NULL;

  if (self->client != NULL)
    {
      url = stellar_client_get_url (self->client);
      if (id == NULL)
        id = g_strdup (stellar_client_get_id (self->client));
      if (fingerprint == NULL)
        fingerprint = g_strdup (stellar_client_get_fingerprint (self->client));
    }

  set_row_value (self->server_row, url);
  set_row_value (self->id_row, id);
  set_row_value (self->fingerprint_row, fingerprint);
  set_row_value (self->remote_row, remote);
  set_row_value (self->connected_at_row, connected_at);
  update_rooms (self);
}

static void
update_welcome (StellarConnectionView *self)
{
  const char *welcome = NULL;

  if (self->client != NULL)
    welcome = stellar_client_get_welcome_message (self->client);

  adw_status_page_set_title (self->status_page,
                             welcome != NULL && *welcome != '\0' ? welcome : _("Connected"));
}

static void
update_state (StellarConnectionView *self)
{
  StellarClientState state = STELLAR_CLIENT_STATE_DISCONNECTED;

  if (self->client != NULL)
    state = stellar_client_get_state (self->client);

  /* The client reconnects by itself; this says why the details are stale. */
  if (state == STELLAR_CLIENT_STATE_RECONNECTING)
    gtk_label_set_text (self->lost_label,
                        _("The connection was lost. Stellar reconnects as soon as the server "
                          "answers again."));
  else if (state == STELLAR_CLIENT_STATE_DISCONNECTED)
    gtk_label_set_text (self->lost_label,
                        _("The connection was closed and will not be restored."));

  gtk_widget_set_visible (GTK_WIDGET (self->lost_label),
                          self->client != NULL && state != STELLAR_CLIENT_STATE_CONNECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.refresh",
                                 state == STELLAR_CLIENT_STATE_CONNECTED);
}

static void
set_details (StellarConnectionView *self,
             JsonObject            *details)
{
  if (details != NULL)
    json_object_ref (details);
  g_clear_pointer (&self->details, json_object_unref);
  self->details = details;

  update_details (self);
}

static void
on_client_connected (StellarConnectionView *self,
                     StellarClient         *client)
{
  set_details (self, stellar_client_get_details (client));
}

static void
on_details_view_ready (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(StellarConnectionView) self = user_data;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  details = stellar_client_details_view_finish (STELLAR_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      STELLAR_CLIENT (object) != self->client)
    return;

  if (details != NULL)
    {
      set_details (self, details);
      return;
    }

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

  if (self->client == NULL)
    return;

  stellar_client_details_view_async (self->client,
                                     self->cancellable,
                                     on_details_view_ready,
                                     g_object_ref (self));
}

static void
stellar_connection_view_dispose (GObject *object)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

  if (self->status_page != NULL)
    stellar_connection_view_set_client (self, NULL);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_CONNECTION_VIEW);

  G_OBJECT_CLASS (stellar_connection_view_parent_class)->dispose (object);
}

static void
stellar_connection_view_finalize (GObject *object)
{
  StellarConnectionView *self = STELLAR_CONNECTION_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->details, json_object_unref);

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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
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
    case PROP_CLIENT:
      stellar_connection_view_set_client (self, g_value_get_object (value));
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
   * StellarConnectionView:client:
   *
   * The connected client whose details are shown.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "connection.refresh", NULL, refresh_action);
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
  gtk_widget_class_bind_template_child (widget_class, StellarConnectionView, rooms_row);
}

static void
stellar_connection_view_init (StellarConnectionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  update_welcome (self);
  update_details (self);
  update_state (self);
}

StellarClient *
stellar_connection_view_get_client (StellarConnectionView *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECTION_VIEW (self), NULL);

  return self->client;
}

void
stellar_connection_view_set_client (StellarConnectionView *self,
                                    StellarClient         *client)
{
  g_return_if_fail (STELLAR_IS_CONNECTION_VIEW (self));
  g_return_if_fail (client == NULL || STELLAR_IS_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  /* A refresh still under way belongs to the previous client. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->client, client);

  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::state",
                               G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::welcome-message",
                               G_CALLBACK (update_welcome), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::joined-rooms",
                               G_CALLBACK (update_rooms), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "connected",
                               G_CALLBACK (on_client_connected), self,
                               G_CONNECT_SWAPPED);
    }

  update_welcome (self);
  set_details (self, client != NULL ? stellar_client_get_details (client) : NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}
