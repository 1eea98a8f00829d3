/* stellar-window.c: one window, one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-connect-page.h"
#include "stellar-connection-status.h"
#include "stellar-connection-view.h"
#include "stellar-recent-servers.h"
#include "stellar-server-url.h"
#include "stellar-window.h"

/* The window owns the client: the connect page asks for a connection, the
 * window makes it and shows its state in the header bar, then hands the
 * client to the connection view. */
struct _StellarWindow
{
  AdwApplicationWindow     parent_instance;

  GSettings               *settings;
  StellarRecentServers    *recent_servers;
  StellarClient           *client;
  GCancellable            *connect_cancellable;

  /* template children */
  GtkLabel                *title_label;
  StellarConnectionStatus *connection_status;
  GtkStack                *stack;
  StellarConnectPage      *connect_page;
  StellarConnectionView   *connection_view;
};

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarWindow, stellar_window, ADW_TYPE_APPLICATION_WINDOW)

static void
stellar_window_set_client (StellarWindow *self,
                           StellarClient *client)
{
  g_autofree char *server_name = NULL;

  if (!g_set_object (&self->client, client))
    return;

  if (client != NULL)
    server_name = stellar_server_url_get_display_name (stellar_client_get_url (client));

  gtk_label_set_text (self->title_label, server_name != NULL ? server_name : "Stellar");
  gtk_window_set_title (GTK_WINDOW (self), server_name != NULL ? server_name : "Stellar");

  stellar_connection_status_set_client (self->connection_status, client);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_status), client != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
show_connect_page (StellarWindow *self)
{
  stellar_connection_view_set_client (self->connection_view, NULL);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->connect_page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect", FALSE);
}

static void
show_connection_view (StellarWindow *self)
{
  stellar_connection_view_set_client (self->connection_view, self->client);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->connection_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect", TRUE);
}

static void
on_connect_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StellarWindow) self = user_data;
  StellarClient *client = STELLAR_CLIENT (object);
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  details = stellar_client_connect_finish (client, result, &error);

  /* Cancelled, superseded by another attempt, or the window is gone: the
   * window has already moved on. */
  if (client != self->client || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connect_cancellable);
  stellar_connect_page_set_busy (self->connect_page, FALSE);

  if (error != NULL)
    {
      g_debug ("Could not connect to %s: %s", stellar_client_get_url (client), error->message);
      stellar_window_set_client (self, NULL);
      stellar_connect_page_show_error (self->connect_page, error->message);
      return;
    }

  stellar_recent_servers_add (self->recent_servers, stellar_client_get_url (client));
  show_connection_view (self);
}

static void
cancel_connect (StellarWindow *self)
{
  if (self->connect_cancellable == NULL)
    return;

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);

  stellar_window_set_client (self, NULL);
  stellar_connect_page_set_busy (self->connect_page, FALSE);
}

static void
on_connect_requested (StellarWindow      *self,
                      const char         *url,
                      StellarConnectPage *page)
{
  g_autoptr(StellarClient) client = NULL;

  cancel_connect (self);

  client = stellar_client_new (url);
  stellar_window_set_client (self, client);

  self->connect_cancellable = g_cancellable_new ();
  stellar_connect_page_set_busy (page, TRUE);

  stellar_client_connect_async (client,
                                self->connect_cancellable,
                                on_connect_ready,
                                g_object_ref (self));
}

static void
on_cancel_requested (StellarWindow      *self,
                     StellarConnectPage *page)
{
  cancel_connect (self);
}

static void
stellar_window_disconnect (StellarWindow *self)
{
  if (self->client != NULL)
    stellar_client_disconnect (self->client);

  show_connect_page (self);
  stellar_window_set_client (self, NULL);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  stellar_window_disconnect (STELLAR_WINDOW (widget));
}

static void
restore_window_state (StellarWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (StellarWindow *self)
{
  int width;
  int height;

  /* The default size is the size the window has when not maximized. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
stellar_window_close_request (GtkWindow *window)
{
  save_window_state (STELLAR_WINDOW (window));

  return GTK_WINDOW_CLASS (stellar_window_parent_class)->close_request (window);
}

static void
stellar_window_dispose (GObject *object)
{
  StellarWindow *self = STELLAR_WINDOW (object);

  if (self->connect_cancellable != NULL)
    {
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
    }

  /* Closing the window ends its connection on purpose: no reconnection. */
  if (self->client != NULL)
    {
      stellar_client_disconnect (self->client);
      stellar_connection_view_set_client (self->connection_view, NULL);
      stellar_window_set_client (self, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_WINDOW);
  g_clear_object (&self->recent_servers);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (stellar_window_parent_class)->dispose (object);
}

static void
stellar_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StellarWindow *self = STELLAR_WINDOW (object);

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
stellar_window_class_init (StellarWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = stellar_window_dispose;
  object_class->get_property = stellar_window_get_property;

  window_class->close_request = stellar_window_close_request;

  /**
   * StellarWindow:client:
   *
   * The client of the connection being made or open, if any.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.disconnect", NULL, disconnect_action);

  g_type_ensure (STELLAR_TYPE_CONNECT_PAGE);
  g_type_ensure (STELLAR_TYPE_CONNECTION_STATUS);
  g_type_ensure (STELLAR_TYPE_CONNECTION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, connection_status);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, connection_view);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_requested);
}

static void
stellar_window_init (StellarWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (APP_ID);
  self->recent_servers = stellar_recent_servers_new (self->settings);

  restore_window_state (self);
  show_connect_page (self);
}

/**
 * stellar_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer none): a new window showing the connect page
 */
StellarWindow *
stellar_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (STELLAR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * stellar_window_get_client:
 * @self: a #StellarWindow
 *
 * Returns: (transfer none) (nullable): the client of the connection being
 *   made or open
 */
StellarClient *
stellar_window_get_client (StellarWindow *self)
{
  g_return_val_if_fail (STELLAR_IS_WINDOW (self), NULL);

  return self->client;
}

/**
 * stellar_window_connect_to:
 * @self: a #StellarWindow
 * @url: a server address, as a person would type it
 *
 * Fills in the connect page and connects, as if Connect had been pressed:
 * a malformed @url or a failed connection is shown on the page.
 */
void
stellar_window_connect_to (StellarWindow *self,
                           const char    *url)
{
  g_return_if_fail (STELLAR_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  if (self->connect_cancellable != NULL)
    cancel_connect (self);
  else if (self->client != NULL)
    stellar_window_disconnect (self);

  stellar_connect_page_set_url (self->connect_page, url);
  stellar_connect_page_connect (self->connect_page);
}
