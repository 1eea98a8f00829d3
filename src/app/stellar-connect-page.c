/* stellar-connect-page.c: where a window asks which server to connect to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-connect-page.h"
#include "stellar-recent-server.h"
#include "stellar-recent-servers.h"
#include "stellar-server-url.h"

/* The page only asks: it checks the address, then emits
 * StellarConnectPage::connect-requested and lets its window make the
 * connection, which tells it back through set_busy() and show_error(). */
struct _StellarConnectPage
{
  GtkWidget             parent_instance;

  StellarRecentServers *recent_servers;
  gboolean              busy;

  /* template children */
  AdwStatusPage        *status_page;
  GtkEntry             *url_entry;
  GtkLabel             *error_label;
  GtkButton            *connect_button;
  GtkSpinner           *connect_spinner;
  GtkLabel             *connect_label;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_BUSY,
  PROP_RECENT_SERVERS,
  N_PROPS
};

enum {
  CONNECT_REQUESTED,
  CANCEL_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarConnectPage, stellar_connect_page, GTK_TYPE_WIDGET)

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *url = stellar_recent_server_get_url (STELLAR_RECENT_SERVER (item));
  g_autofree char *forget_name = NULL;
  GtkWidget *row;
  GtkWidget *forget;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), url);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "connect-page.connect-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", url);

  forget = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (forget, _("Forget Server"));
  gtk_widget_add_css_class (forget, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (forget), "connect-page.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (forget), "s", url);
  /* Translators: the accessible name of a button that removes %s, a server
   * address, from the list of recent servers */
  forget_name = g_strdup_printf (_("Forget %s"), url);
  gtk_accessible_update_property (GTK_ACCESSIBLE (forget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, forget_name,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));

  return row;
}

static void
update_recent_group (StellarConnectPage *self)
{
  guint n_items = 0;

  if (self->recent_servers != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent_servers));

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n_items > 0);

  /* a smaller icon keeps the list in view */
  if (n_items > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), "compact");
}

static void
update_actions (StellarConnectPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "connect-page.connect", !self->busy);
  gtk_widget_action_set_enabled (widget, "connect-page.connect-recent", !self->busy);
  gtk_widget_action_set_enabled (widget, "connect-page.forget-recent", !self->busy);
  gtk_widget_action_set_enabled (widget, "connect-page.cancel", self->busy);
}

static void
on_url_entry_changed (StellarConnectPage *self,
                      GtkEntry           *entry)
{
  /* Editing answers the error: it goes away until the next attempt. */
  stellar_connect_page_clear_error (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  stellar_connect_page_connect (STELLAR_CONNECT_PAGE (widget));
}

static void
connect_recent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (widget);

  stellar_connect_page_set_url (self, g_variant_get_string (parameter, NULL));
  stellar_connect_page_connect (self);
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (widget);

  if (self->recent_servers != NULL)
    stellar_recent_servers_remove (self->recent_servers, g_variant_get_string (parameter, NULL));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCEL_REQUESTED], 0);
}

static void
stellar_connect_page_map (GtkWidget *widget)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (stellar_connect_page_parent_class)->map (widget);

  /* Enter in the entry connects. The default widget belongs to the window,
   * so the page claims it only while it is shown. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->connect_button));

  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

static void
stellar_connect_page_unmap (GtkWidget *widget)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root) &&
      gtk_window_get_default_widget (GTK_WINDOW (root)) == GTK_WIDGET (self->connect_button))
    gtk_window_set_default_widget (GTK_WINDOW (root), NULL);

  GTK_WIDGET_CLASS (stellar_connect_page_parent_class)->unmap (widget);
}

static void
stellar_connect_page_dispose (GObject *object)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_CONNECT_PAGE);
  g_clear_object (&self->recent_servers);

  G_OBJECT_CLASS (stellar_connect_page_parent_class)->dispose (object);
}

static void
stellar_connect_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, stellar_connect_page_get_url (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_RECENT_SERVERS:
      g_value_set_object (value, self->recent_servers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_connect_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StellarConnectPage *self = STELLAR_CONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      stellar_connect_page_set_url (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      stellar_connect_page_set_busy (self, g_value_get_boolean (value));
      break;

    case PROP_RECENT_SERVERS:
      stellar_connect_page_set_recent_servers (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_connect_page_class_init (StellarConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_connect_page_dispose;
  object_class->get_property = stellar_connect_page_get_property;
  object_class->set_property = stellar_connect_page_set_property;

  widget_class->map = stellar_connect_page_map;
  widget_class->unmap = stellar_connect_page_unmap;

  /**
   * StellarConnectPage:url:
   *
   * The text of the address entry, as typed.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarConnectPage:busy:
   *
   * Whether a connection is being made: the Connect button becomes a
   * Cancel button with a spinner, and the address cannot be changed.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarConnectPage:recent-servers:
   *
   * The servers offered below the address entry.
   */
  properties[PROP_RECENT_SERVERS] =
    g_param_spec_object ("recent-servers", NULL, NULL,
                         STELLAR_TYPE_RECENT_SERVERS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarConnectPage::connect-requested:
   * @self: a #StellarConnectPage
   * @url: the server's URL, checked and normalized
   *
   * Emitted when the person asks to connect to a well-formed address.
   */
  signals[CONNECT_REQUESTED] =
    g_signal_new ("connect-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StellarConnectPage::cancel-requested:
   * @self: a #StellarConnectPage
   *
   * Emitted when the person cancels the connection under way.
   */
  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "connect-page.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect-page.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "connect-page.connect-recent", "s",
                                   connect_recent_action);
  gtk_widget_class_install_action (widget_class, "connect-page.forget-recent", "s",
                                   forget_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "connect-page.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, url_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, connect_label);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, StellarConnectPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_url_entry_changed);
}

static void
stellar_connect_page_init (StellarConnectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_recent_group (self);
  update_actions (self);
}

/**
 * stellar_connect_page_set_recent_servers:
 * @self: a #StellarConnectPage
 * @recent_servers: (nullable): the application's recent servers
 *
 * Sets the list of servers offered below the address entry.
 */
void
stellar_connect_page_set_recent_servers (StellarConnectPage   *self,
                                         StellarRecentServers *recent_servers)
{
  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));
  g_return_if_fail (recent_servers == NULL || STELLAR_IS_RECENT_SERVERS (recent_servers));

  if (self->recent_servers == recent_servers)
    return;

  if (self->recent_servers != NULL)
    g_signal_handlers_disconnect_by_func (self->recent_servers, update_recent_group, self);

  g_set_object (&self->recent_servers, recent_servers);

  gtk_list_box_bind_model (self->recent_list,
                           G_LIST_MODEL (recent_servers),
                           recent_servers != NULL ? create_recent_row : NULL, self, NULL);
  if (recent_servers != NULL)
    g_signal_connect_object (recent_servers, "items-changed",
                             G_CALLBACK (update_recent_group), self,
                             G_CONNECT_SWAPPED);
  update_recent_group (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECENT_SERVERS]);
}

/**
 * stellar_connect_page_get_url:
 * @self: a #StellarConnectPage
 *
 * Returns: (transfer none): the address as typed, which may not be valid
 */
const char *
stellar_connect_page_get_url (StellarConnectPage *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECT_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->url_entry));
}

void
stellar_connect_page_set_url (StellarConnectPage *self,
                              const char         *url)
{
  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));

  if (g_strcmp0 (url, stellar_connect_page_get_url (self)) == 0)
    return;

  /* notifies through on_url_entry_changed() */
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), url != NULL ? url : "");
  gtk_editable_set_position (GTK_EDITABLE (self->url_entry), -1);
}

gboolean
stellar_connect_page_get_busy (StellarConnectPage *self)
{
  g_return_val_if_fail (STELLAR_IS_CONNECT_PAGE (self), FALSE);

  return self->busy;
}

void
stellar_connect_page_set_busy (StellarConnectPage *self,
                               gboolean            busy)
{
  const char *button_text;

  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* Cancel is not the suggested action, and Enter must not cancel. */
  button_text = busy ? _("Cancel") : _("Connect");
  gtk_label_set_text (self->connect_label, button_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->connect_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_text,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->connect_button),
                                  busy ? "connect-page.cancel" : "connect-page.connect");
  if (busy)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connect_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->connect_button), "suggested-action");

  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), busy);
  gtk_spinner_set_spinning (self->connect_spinner, busy);

  gtk_editable_set_editable (GTK_EDITABLE (self->url_entry), !busy);
  gtk_entry_set_activates_default (self->url_entry, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_list), !busy);

  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * stellar_connect_page_show_error:
 * @self: a #StellarConnectPage
 * @message: what went wrong, for people
 *
 * Shows @message below the address entry and marks the entry invalid. The
 * address stays as typed, so that it can be corrected.
 */
void
stellar_connect_page_show_error (StellarConnectPage *self,
                                 const char         *message)
{
  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->error_label, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

void
stellar_connect_page_clear_error (StellarConnectPage *self)
{
  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->url_entry), GTK_ACCESSIBLE_STATE_INVALID);
}

/**
 * stellar_connect_page_connect:
 * @self: a #StellarConnectPage
 *
 * What the Connect button does: checks the address and either shows what
 * is wrong with it or emits StellarConnectPage::connect-requested.
 */
void
stellar_connect_page_connect (StellarConnectPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (STELLAR_IS_CONNECT_PAGE (self));

  if (self->busy)
    return;

  url = stellar_server_url_normalize (stellar_connect_page_get_url (self), &error);
  if (url == NULL)
    {
      stellar_connect_page_show_error (self, error->message);
      return;
    }

  stellar_connect_page_clear_error (self);
  g_signal_emit (self, signals[CONNECT_REQUESTED], 0, url);
}
