/* stellar-window.c: one window, one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-application.h"
#include "stellar-connect-page.h"
#include "stellar-connection-status.h"
#include "stellar-connection-view.h"
#include "stellar-explorer-view.h"
#include "stellar-inspector-view.h"
#include "stellar-join-room-dialog.h"
#include "stellar-recent-servers.h"
#include "stellar-room-view.h"
#include "stellar-session.h"
#include "stellar-sidebar.h"
#include "stellar-window.h"

/* The window owns one session at a time: the connect page asks for a
 * connection, the window makes the session and connects it, then shows the
 * sidebar (rooms and tools) and hands the session to every view. Views bind
 * to the session; the window only decides which of them is shown, and tells
 * the session which room the person is looking at (shown, in the focused
 * window), so that the others count what arrives as unread and notify. */
struct _StellarWindow
{
  AdwApplicationWindow     parent_instance;

  GSettings               *settings;
  StellarRecentServers    *recent_servers;
  StellarDatabase         *database;
  StellarCollections      *collections;
  StellarSession          *session;
  GCancellable            *connect_cancellable;
  GSignalGroup            *session_signals;
  GSignalGroup            *rooms_signals;
  char                   **rooms_to_join;
  StellarRoom             *visible_room;
  char                    *visible_tool;

  /* template children */
  AdwToastOverlay         *toast_overlay;
  GtkToggleButton         *sidebar_button;
  GtkLabel                *title_label;
  StellarConnectionStatus *connection_status;
  GtkButton               *reconnect_button;
  GtkStack                *stack;
  StellarConnectPage      *connect_page;
  AdwFlap                 *flap;
  StellarSidebar          *sidebar;
  GtkStack                *content_stack;

  /* the content's pages, made when first shown (ensure_page) */
  StellarRoomView         *room_view;
  StellarExplorerView     *explorer_view;
  StellarInspectorView    *inspector_view;
  StellarConnectionView   *connection_view;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarWindow, stellar_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_connection_actions (StellarWindow *self)
{
  gboolean can_reconnect = FALSE;

  if (self->session != NULL)
    can_reconnect = stellar_session_get_has_connected (self->session) &&
                    stellar_session_get_state (self->session) == STELLAR_CLIENT_STATE_DISCONNECTED;

  gtk_widget_set_visible (GTK_WIDGET (self->reconnect_button), can_reconnect);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect", can_reconnect);
}

/* The room the person is looking at: shown, in the window that has the
 * focus. */
static void
update_active_room (StellarWindow *self)
{
  StellarRoom *room = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->session == NULL)
    return;

  if (self->visible_room != NULL &&
      gtk_window_is_active (GTK_WINDOW (self)) &&
      gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->flap))
    room = self->visible_room;

  stellar_session_set_active_room (self->session, room);

  if (room != NULL && STELLAR_IS_APPLICATION (application))
    stellar_application_withdraw_notification (STELLAR_APPLICATION (application), self->session, room);
}

static void
on_session_new_message (StellarWindow  *self,
                        StellarRoom    *room,
                        StellarMessage *message,
                        StellarSession *session)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (STELLAR_IS_APPLICATION (application))
    stellar_application_notify_message (STELLAR_APPLICATION (application), session, room, message);
}

/* The application's collections; a window without one (in a test) keeps
 * a list of its own, which reads nothing from the folder: only what it
 * saves goes there. */
static StellarCollections *
get_collections (StellarWindow *self)
{
  if (self->collections == NULL)
    self->collections = stellar_collections_new (NULL);

  return self->collections;
}

/* Gives the session to the content's pages made so far. */
static void
update_pages_session (StellarWindow *self)
{
  StellarSession *session = self->session;

  if (self->room_view != NULL)
    stellar_room_view_set_session (self->room_view, session);

  if (self->explorer_view != NULL)
    {
      stellar_explorer_view_set_explorer (self->explorer_view,
                                          session != NULL ? stellar_session_get_explorer (session) : NULL);
      if (session != NULL)
        stellar_explorer_view_set_collections (self->explorer_view, get_collections (self));
    }
  if (self->inspector_view != NULL)
    stellar_inspector_view_set_session (self->inspector_view, session);
  if (self->connection_view != NULL)
    stellar_connection_view_set_session (self->connection_view, session);
}

/* A page of the content, made now if it was not yet: none is seen before
 * the window connects, the Actions page alone (its editor, form, history
 * and collections) is a good part of the window's start, and many windows
 * never show it. */
static GtkWidget *
ensure_page (StellarWindow *self,
             const char    *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  if (page != NULL)
    return page;

  if (g_str_equal (name, "room"))
    page = GTK_WIDGET (self->room_view = g_object_new (STELLAR_TYPE_ROOM_VIEW, NULL));
  else if (g_str_equal (name, "actions"))
    page = GTK_WIDGET (self->explorer_view = g_object_new (STELLAR_TYPE_EXPLORER_VIEW, NULL));
  else if (g_str_equal (name, "inspector"))
    page = GTK_WIDGET (self->inspector_view = g_object_new (STELLAR_TYPE_INSPECTOR_VIEW, NULL));
  else if (g_str_equal (name, "connection"))
    page = GTK_WIDGET (self->connection_view = g_object_new (STELLAR_TYPE_CONNECTION_VIEW, NULL));
  else
    return NULL;

  gtk_stack_add_named (self->content_stack, page, name);
  update_pages_session (self);
  return page;
}

static void
stellar_window_set_session (StellarWindow  *self,
                            StellarSession *session)
{
  const char *title = "Stellar";

  if (self->session != NULL && self->session != session)
    {
      stellar_session_set_active_room (self->session, NULL);
      stellar_session_disconnect (self->session);
    }

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->rooms_signals,
                             session != NULL ? stellar_session_get_rooms (session) : NULL);

  if (session != NULL)
    title = stellar_session_get_title (session);

  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  stellar_connection_status_set_session (self->connection_status, session);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_status), session != NULL);
  stellar_sidebar_set_session (self->sidebar, session);
  update_pages_session (self);

  update_connection_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
set_session_actions_enabled (StellarWindow *self,
                             gboolean       enabled)
{
  static const char * const actions[] = {
    "win.disconnect", "win.join-room", "win.previous-room", "win.next-room", "win.toggle-sidebar",
    "win.show-tool", "win.inspect-frame",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void
show_connect_page (StellarWindow *self)
{
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->connect_page));
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), FALSE);
  set_session_actions_enabled (self, FALSE);
}

static void
show_session_page (StellarWindow *self)
{
  GListModel *rooms = stellar_session_get_rooms (self->session);
  g_autoptr(StellarRoom) first_room = g_list_model_get_item (rooms, 0);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->flap));
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), TRUE);
  set_session_actions_enabled (self, TRUE);

  if (first_room != NULL)
    stellar_window_show_room (self, first_room);
  else
    stellar_window_show_tool (self, "connection");
}

/* --- connecting ---------------------------------------------------------- */

static void
on_connect_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StellarWindow) self = user_data;
  StellarSession *session = STELLAR_SESSION (object);
  g_autoptr(GError) error = NULL;

  stellar_session_connect_finish (session, result, &error);

  /* Cancelled, superseded by another attempt, or the window is gone: the
   * window has already moved on. */
  if (session != self->session || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connect_cancellable);
  stellar_connect_page_set_busy (self->connect_page, FALSE);

  if (error != NULL)
    {
      g_debug ("Could not connect to %s: %s", stellar_session_get_url (session), error->message);
      stellar_window_set_session (self, NULL);
      stellar_connect_page_show_error (self->connect_page, error->message);
      return;
    }

  stellar_recent_servers_add (self->recent_servers, stellar_session_get_url (session));
  show_session_page (self);
}

static void
cancel_connect (StellarWindow *self)
{
  if (self->connect_cancellable == NULL)
    return;

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);

  stellar_window_set_session (self, NULL);
  stellar_connect_page_set_busy (self->connect_page, FALSE);
}

static void
on_connect_requested (StellarWindow      *self,
                      const char         *url,
                      StellarConnectPage *page)
{
  g_autoptr(StellarSession) session = NULL;
  g_auto(GStrv) rooms = g_steal_pointer (&self->rooms_to_join);

  cancel_connect (self);

  session = stellar_session_new (url, self->settings, self->database);
  if (rooms != NULL)
    stellar_session_add_rooms (session, (const char * const *) rooms);
  stellar_window_set_session (self, session);

  self->connect_cancellable = g_cancellable_new ();
  stellar_connect_page_set_busy (page, TRUE);

  stellar_session_connect_async (session,
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
  show_connect_page (self);
  stellar_window_set_session (self, NULL);
}

/* --- following the session ----------------------------------------------- */

static void
on_session_notice (StellarWindow  *self,
                   const char     *message,
                   StellarSession *session)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_session_rooms_changed (StellarWindow *self,
                          guint          position,
                          guint          removed,
                          guint          added,
                          GListModel    *rooms)
{
  /* The room shown may be the one just left. */
  if (self->visible_room != NULL &&
      !g_list_store_find (G_LIST_STORE (rooms), self->visible_room, NULL))
    stellar_window_show_tool (self, "connection");
}

static void
on_flap_folded_changed (StellarWindow *self,
                        GParamSpec    *pspec,
                        AdwFlap       *flap)
{
  /* Folded, the sidebar covers the content: start with the content. */
  adw_flap_set_reveal_flap (flap, !adw_flap_get_folded (flap));
}

/* --- actions ------------------------------------------------------------- */

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  stellar_window_disconnect (STELLAR_WINDOW (widget));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StellarWindow *self = STELLAR_WINDOW (widget);

  if (self->session != NULL)
    stellar_session_reconnect (self->session);
}

static void
show_room_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StellarWindow *self = STELLAR_WINDOW (widget);
  StellarRoom *room;

  if (self->session == NULL)
    return;

  room = stellar_session_lookup_room (self->session, g_variant_get_string (parameter, NULL));
  if (room != NULL)
    stellar_window_show_room (self, room);
}

static void
show_tool_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  stellar_window_show_tool (STELLAR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The shortcuts window is made when asked for: GtkApplication would make
 * it from gtk/help-overlay.ui with every window, a good part of its start. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/Stellar/stellar-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_set_destroy_with_parent (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

/* "Inspect Frame" of a message: the inspector, with that frame selected. */
static void
inspect_frame_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StellarWindow *self = STELLAR_WINDOW (widget);

  if (self->session == NULL)
    return;

  stellar_window_show_tool (self, "inspector");
  if (self->inspector_view == NULL ||
      !stellar_inspector_view_show_frame (self->inspector_view, g_variant_get_uint64 (parameter)))
    on_session_notice (self, _("This message’s frame is no longer in the inspector, which keeps only the last frames"),
                       self->session);
}

static void
on_room_joined (StellarWindow         *self,
                StellarRoom           *room,
                StellarJoinRoomDialog *dialog)
{
  stellar_window_show_room (self, room);
}

static void
join_room_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StellarWindow *self = STELLAR_WINDOW (widget);
  StellarJoinRoomDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = stellar_join_room_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "joined", G_CALLBACK (on_room_joined), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+Up and Alt+Down go through the rooms, from the tools to the first
 * or last room. */
static void
step_room (StellarWindow *self,
           int            step)
{
  GListModel *rooms;
  guint n_rooms;
  guint position = 0;
  g_autoptr(StellarRoom) room = NULL;

  if (self->session == NULL)
    return;

  rooms = stellar_session_get_rooms (self->session);
  n_rooms = g_list_model_get_n_items (rooms);
  if (n_rooms == 0)
    return;

  if (self->visible_room != NULL &&
      g_list_store_find (G_LIST_STORE (rooms), self->visible_room, &position))
    position = (position + n_rooms + step) % n_rooms;
  else
    position = step > 0 ? 0 : n_rooms - 1;

  room = g_list_model_get_item (rooms, position);
  stellar_window_show_room (self, room);
}

static void
previous_room_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_room (STELLAR_WINDOW (widget), -1);
}

static void
next_room_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step_room (STELLAR_WINDOW (widget), 1);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarWindow *self = STELLAR_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* --- window state -------------------------------------------------------- */

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

/* --- GObject ------------------------------------------------------------- */

/* One list of recent servers and one history for the whole application;
 * a window without one (in a test) keeps its own list, and no history.
 * GObject sets the window's application after constructed(). */
static void
on_application_changed (StellarWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* A window leaving its application (it is closing) keeps what it has. */
  if (!STELLAR_IS_APPLICATION (application))
    return;

  g_set_object (&self->recent_servers,
                stellar_application_get_recent_servers (STELLAR_APPLICATION (application)));
  g_set_object (&self->database, stellar_application_get_database (STELLAR_APPLICATION (application)));
  g_set_object (&self->collections, stellar_application_get_collections (STELLAR_APPLICATION (application)));
  stellar_connect_page_set_recent_servers (self->connect_page, self->recent_servers);
}

static void
stellar_window_constructed (GObject *object)
{
  StellarWindow *self = STELLAR_WINDOW (object);

  G_OBJECT_CLASS (stellar_window_parent_class)->constructed (object);

  self->recent_servers = stellar_recent_servers_new (self->settings);
  stellar_connect_page_set_recent_servers (self->connect_page, self->recent_servers);

  on_application_changed (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
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
  if (self->session != NULL)
    stellar_window_set_session (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_WINDOW);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->rooms_signals);
  g_clear_object (&self->visible_room);
  g_clear_object (&self->recent_servers);
  g_clear_object (&self->database);
  g_clear_object (&self->collections);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rooms_to_join, g_strfreev);
  g_clear_pointer (&self->visible_tool, g_free);

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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
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

  object_class->constructed = stellar_window_constructed;
  object_class->dispose = stellar_window_dispose;
  object_class->get_property = stellar_window_get_property;

  window_class->close_request = stellar_window_close_request;

  /**
   * StellarWindow:session:
   *
   * The session of the connection being made or open, if any.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.show-room", "s", show_room_action);
  gtk_widget_class_install_action (widget_class, "win.show-tool", "s", show_tool_action);
  gtk_widget_class_install_action (widget_class, "win.inspect-frame", "t", inspect_frame_action);
  gtk_widget_class_install_action (widget_class, "win.join-room", NULL, join_room_action);
  gtk_widget_class_install_action (widget_class, "win.previous-room", NULL, previous_room_action);
  gtk_widget_class_install_action (widget_class, "win.next-room", NULL, next_room_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.join-room", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-room", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-room", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-room", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-room", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-tool", "s", "inspector");

  g_type_ensure (STELLAR_TYPE_CONNECT_PAGE);
  g_type_ensure (STELLAR_TYPE_CONNECTION_STATUS);
  g_type_ensure (STELLAR_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, connection_status);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StellarWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_changed);
}

static void
stellar_window_init (StellarWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (APP_ID);

  self->session_signals = g_signal_group_new (STELLAR_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notice",
                                 G_CALLBACK (on_session_notice), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (update_connection_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::has-connected",
                                 G_CALLBACK (update_connection_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "new-message",
                                 G_CALLBACK (on_session_new_message), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (update_active_room), NULL);

  self->rooms_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_object (self->rooms_signals, "items-changed",
                                 G_CALLBACK (on_session_rooms_changed), self, G_CONNECT_SWAPPED);

  restore_window_state (self);
  show_connect_page (self);
  update_connection_actions (self);
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
 * stellar_window_get_session:
 * @self: a #StellarWindow
 *
 * Returns: (transfer none) (nullable): the session of the connection being
 *   made or open
 */
StellarSession *
stellar_window_get_session (StellarWindow *self)
{
  g_return_val_if_fail (STELLAR_IS_WINDOW (self), NULL);

  return self->session;
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

  return self->session != NULL ? stellar_session_get_client (self->session) : NULL;
}

/**
 * stellar_window_connect_to:
 * @self: a #StellarWindow
 * @url: a server address, as a person would type it
 * @rooms: (nullable) (array zero-terminated=1): rooms to join once connected
 *
 * Fills in the connect page and connects, as if Connect had been pressed:
 * a malformed @url or a failed connection is shown on the page.
 */
void
stellar_window_connect_to (StellarWindow      *self,
                           const char         *url,
                           const char * const *rooms)
{
  g_return_if_fail (STELLAR_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  if (self->connect_cancellable != NULL)
    cancel_connect (self);
  else if (self->session != NULL)
    stellar_window_disconnect (self);

  g_clear_pointer (&self->rooms_to_join, g_strfreev);
  self->rooms_to_join = g_strdupv ((char **) rooms);

  stellar_connect_page_set_url (self->connect_page, url);
  stellar_connect_page_connect (self->connect_page);
}

/**
 * stellar_window_show_room:
 * @self: a #StellarWindow
 * @room: one of the session's rooms
 *
 * Shows @room in the content area and selects it in the sidebar.
 */
void
stellar_window_show_room (StellarWindow *self,
                          StellarRoom   *room)
{
  GtkWidget *page;

  g_return_if_fail (STELLAR_IS_WINDOW (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));

  page = ensure_page (self, "room");

  g_clear_pointer (&self->visible_tool, g_free);
  g_set_object (&self->visible_room, room);
  g_object_set (page, "room", room, NULL);
  gtk_stack_set_visible_child (self->content_stack, page);
  stellar_sidebar_select_room (self->sidebar, room);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  update_active_room (self);
  gtk_widget_grab_focus (page);
}

/**
 * stellar_window_show_tool:
 * @self: a #StellarWindow
 * @tool: the name of a tool page: "actions", "inspector" or "connection"
 *
 * Shows a tool in the content area and selects it in the sidebar.
 */
void
stellar_window_show_tool (StellarWindow *self,
                          const char    *tool)
{
  GtkWidget *page;

  g_return_if_fail (STELLAR_IS_WINDOW (self));
  g_return_if_fail (tool != NULL);

  page = ensure_page (self, tool);
  g_return_if_fail (page != NULL);

  g_clear_object (&self->visible_room);
  g_free (self->visible_tool);
  self->visible_tool = g_strdup (tool);
  gtk_stack_set_visible_child (self->content_stack, page);
  stellar_sidebar_select_tool (self->sidebar, tool);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  update_active_room (self);
}

/**
 * stellar_window_get_page:
 * @self: a #StellarWindow
 * @name: "room", or the name of a tool: "actions", "inspector" or "connection"
 *
 * Returns: (transfer none): the page of the content, made now if it was
 *   not yet
 */
GtkWidget *
stellar_window_get_page (StellarWindow *self,
                         const char    *name)
{
  g_return_val_if_fail (STELLAR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ensure_page (self, name);
}
