/* stellar-room-view.c: a room's conversation, and the composer under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stellar-composer.h"
#include "stellar-message-list.h"
#include "stellar-message-row.h"
#include "stellar-room-info.h"
#include "stellar-room-view.h"
#include "stellar-scroll-follower.h"

/* The window's "room" page: the room's messages in a GtkListView (rows are
 * made only for what is on screen, so a room of any size scrolls alike),
 * the composer, search and the room's menu. It binds to the room's list and
 * asks the session to act; it owns nothing but what the person is typing
 * in each room.
 *
 * The list follows new messages while it is scrolled to the bottom and
 * stays where it is once the person scrolls up, offering to jump to the
 * latest. Older messages are read from the history as the person nears
 * the top; the list view keeps its place while they are put in front. */

/* How close to the bottom counts as being at the bottom, in pixels. */
#define BOTTOM_SLACK 24

/* How long a message found by a search stays highlighted. */
#define HIGHLIGHT_SECONDS 4

struct _StellarRoomView
{
  GtkWidget           parent_instance;

  StellarSession     *session;
  StellarRoom        *room;
  GSignalGroup       *session_signals;
  GSignalGroup       *room_signals;
  GSignalGroup       *messages_signals;
  GtkSingleSelection *selection;
  GHashTable         *drafts;
  GCancellable       *search_cancellable;
  GListModel         *results;
  guint               highlight_source;
  StellarScrollFollower *follower;

  /* template children */
  GtkLabel           *title_label;
  GtkWidget          *muted_icon;
  GtkWidget          *search_button;
  GtkWidget          *info_button;
  StellarRoomInfo    *room_info;
  GtkSearchBar       *search_bar;
  GtkEditable        *search_entry;
  GtkRevealer        *history_revealer;
  GtkLabel           *history_label;
  GtkStack           *content_stack;
  GtkScrolledWindow  *messages_scroller;
  GtkListView        *messages_view;
  GtkWidget          *empty_page;
  GtkSpinner         *history_spinner;
  GtkWidget          *jump_button;
  GtkListView        *results_view;
  StellarComposer    *composer;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROOM,
  PROP_MUTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRoomView, stellar_room_view, GTK_TYPE_WIDGET)

static GtkAdjustment *
get_vadjustment (StellarRoomView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->messages_scroller);
}

static guint
n_messages (StellarRoomView *self)
{
  return self->room != NULL ? g_list_model_get_n_items (stellar_room_get_messages (self->room)) : 0;
}

/* --- following the latest ------------------------------------------------ */

static gboolean
is_following (StellarRoomView *self)
{
  return stellar_scroll_follower_get_following (self->follower);
}

static void
update_jump_button (StellarRoomView *self)
{
  gtk_widget_set_visible (self->jump_button, !is_following (self) && n_messages (self) > 0);
}

static void
scroll_to_bottom (StellarRoomView *self)
{
  guint n = n_messages (self);

  if (n == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->messages_view), "list.scroll-to-item", "u", n - 1);
  stellar_scroll_follower_follow_end (self->follower);
}

static void
load_older_if_near_top (StellarRoomView *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);

  if (self->room == NULL || self->session == NULL ||
      stellar_room_get_history_complete (self->room) ||
      stellar_room_get_loading_history (self->room))
    return;

  if (gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_page_size (adjustment))
    stellar_session_load_older_messages (self->session, self->room);
}

/* The bottom reached follows again, however the person got there: the
 * follower alone counts only moves up, so it would not after a search
 * result was shown. */
static void
on_edge_reached (StellarRoomView   *self,
                 GtkPositionType    position,
                 GtkScrolledWindow *scroller)
{
  if (position == GTK_POS_TOP)
    load_older_if_near_top (self);
  else if (position == GTK_POS_BOTTOM)
    stellar_scroll_follower_set_following (self->follower, TRUE);
}

static void
update_empty_page (StellarRoomView *self)
{
  gboolean empty = self->room != NULL && n_messages (self) == 0 &&
                   stellar_room_get_history_complete (self->room);

  gtk_widget_set_visible (self->empty_page, empty);
}

static void
on_messages_changed (StellarRoomView *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *messages)
{
  update_empty_page (self);
  update_jump_button (self);

  if (is_following (self) && added > 0 && position + added == g_list_model_get_n_items (messages))
    scroll_to_bottom (self);
}

static void
on_history_state_changed (StellarRoomView *self)
{
  gboolean loading = self->room != NULL && stellar_room_get_loading_history (self->room);

  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), loading && n_messages (self) > 0);
  gtk_spinner_set_spinning (self->history_spinner, loading);
  update_empty_page (self);

  if (!loading)
    load_older_if_near_top (self);
}

/* Back in a room with much unread, the person starts at the "new messages"
 * line rather than at the end. The line is near the end: look for it
 * there. */
#define MARKER_SEARCH_LIMIT 10000
#define MARKER_SCROLL_MIN 8

static void
on_room_active_changed (StellarRoomView *self)
{
  GListModel *messages;
  guint n;

  if (self->room == NULL || !stellar_room_get_active (self->room))
    return;

  messages = stellar_room_get_messages (self->room);
  n = g_list_model_get_n_items (messages);

  for (guint i = n; i > 0 && n - i < MARKER_SEARCH_LIMIT; i--)
    {
      g_autoptr(StellarMessage) message = g_list_model_get_item (messages, i - 1);

      if (!stellar_message_get_first_unread (message))
        continue;

      if (n - i >= MARKER_SCROLL_MIN)
        {
          stellar_scroll_follower_set_following (self->follower, FALSE);
          stellar_scroll_follower_note_move_by_person (self->follower);
          gtk_widget_activate_action (GTK_WIDGET (self->messages_view), "list.scroll-to-item",
                                      "u", i - 1);
        }
      break;
    }
}

/* --- the composer -------------------------------------------------------- */

static void
update_composer (StellarRoomView *self)
{
  g_autofree char *blocker = NULL;
  g_autofree char *placeholder = NULL;
  gboolean was_blocked;

  if (self->room == NULL || self->session == NULL)
    return;

  blocker = stellar_session_dup_send_blocker (self->session, self->room);
  /* Translators: what the empty composer says; %s is a room's name */
  placeholder = g_strdup_printf (_("Message #%s"), stellar_room_get_name (self->room));

  was_blocked = stellar_composer_get_blocker (self->composer) != NULL;
  stellar_composer_set_placeholder (self->composer, placeholder);
  stellar_composer_set_blocker (self->composer, blocker);
  stellar_composer_set_last_message (self->composer, stellar_room_get_last_own_text (self->room));

  /* The room opened before it was joined: the person can write now, unless
   * they are writing elsewhere. */
  if (was_blocked && blocker == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      if (focus == NULL || (!GTK_IS_EDITABLE (focus) && !GTK_IS_TEXT_VIEW (focus)))
        gtk_widget_grab_focus (GTK_WIDGET (self->composer));
    }
}

static void
on_composer_send (StellarRoomView *self,
                  const char      *text,
                  StellarComposer *composer)
{
  if (self->room == NULL || self->session == NULL)
    return;

  stellar_scroll_follower_set_following (self->follower, TRUE);
  stellar_session_send_message (self->session, self->room, text);
  stellar_composer_set_last_message (self->composer, text);
}

static void
on_row_retry (StellarRoomView   *self,
              StellarMessageRow *row)
{
  StellarMessage *message = stellar_message_row_get_message (row);

  if (message != NULL && self->room != NULL && self->session != NULL)
    stellar_session_retry_message (self->session, self->room, message);
}

/* --- rows ---------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StellarRoomView          *self)
{
  GtkWidget *row = stellar_message_row_new (FALSE);

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
setup_result_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, stellar_message_row_new (TRUE));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  stellar_message_row_set_message (STELLAR_MESSAGE_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  stellar_message_row_set_message (STELLAR_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkListItemFactory *
create_factory (GCallback setup,
                gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);

  return factory;
}

/* --- search -------------------------------------------------------------- */

static void
cancel_search (StellarRoomView *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
}

static void
show_messages (StellarRoomView *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "messages");
}

static void
set_results (StellarRoomView *self,
             GListModel      *results)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_set_object (&self->results, results);

  if (results != NULL)
    selection = gtk_no_selection_new (g_object_ref (results));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarRoomView) self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  found = stellar_session_search_messages_finish (STELLAR_SESSION (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Searching failed: %s", error->message);
      return;
    }

  set_results (self, found);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (found) > 0 ? "results" : "no-results");
}

static void
on_search_changed (StellarRoomView *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *words = g_strstrip (g_strdup (text));

  cancel_search (self);

  if (self->room == NULL || self->session == NULL || *words == '\0')
    {
      set_results (self, NULL);
      show_messages (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  stellar_session_search_messages_async (self->session, self->room, text, self->search_cancellable,
                                         on_searched, g_object_ref (self));
}

static void
on_search_mode_changed (StellarRoomView *self,
                        GParamSpec      *pspec,
                        GtkSearchBar    *search_bar)
{
  if (gtk_search_bar_get_search_mode (search_bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }

  cancel_search (self);
  set_results (self, NULL);
  gtk_editable_set_text (self->search_entry, "");
  show_messages (self);
}

static gboolean
clear_highlight (gpointer user_data)
{
  StellarRoomView *self = user_data;

  self->highlight_source = 0;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  return G_SOURCE_REMOVE;
}

static void
on_revealed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarRoomView) self = user_data;
  g_autoptr(StellarMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  message = stellar_session_reveal_message_finish (STELLAR_SESSION (object), result, &error);
  if (message == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

          if (overlay != NULL)
            adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
        }
      return;
    }

  if (self->room == NULL ||
      !stellar_message_list_find (STELLAR_MESSAGE_LIST (stellar_room_get_messages (self->room)),
                                  message, &position))
    return;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  stellar_scroll_follower_set_following (self->follower, FALSE);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->messages_view), "list.scroll-to-item", "u", position);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  self->highlight_source = g_timeout_add_seconds (HIGHLIGHT_SECONDS, clear_highlight, self);
}

static void
reveal_result (StellarRoomView *self,
               guint            position)
{
  g_autoptr(StellarMessage) message = NULL;

  if (self->results == NULL || self->room == NULL || self->session == NULL)
    return;

  message = g_list_model_get_item (self->results, position);
  if (message == NULL)
    return;

  cancel_search (self);
  self->search_cancellable = g_cancellable_new ();
  stellar_session_reveal_message_async (self->session, self->room, message, self->search_cancellable,
                                        on_revealed, g_object_ref (self));
}

static void
on_result_activated (StellarRoomView *self,
                     guint            position,
                     GtkListView     *view)
{
  reveal_result (self, position);
}

static void
on_search_activate (StellarRoomView *self,
                    GtkSearchEntry  *entry)
{
  reveal_result (self, 0);
}

/* --- the room ------------------------------------------------------------ */

static void
update_title (StellarRoomView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean muted = self->room != NULL && stellar_room_get_muted (self->room);

  if (self->room == NULL)
    return;

  /* Translators: a room's name, as a title */
  title = g_strdup_printf (_("#%s"), stellar_room_get_name (self->room));
  gtk_label_set_text (self->title_label, title);

  /* Translators: what an empty room says; %s is its name */
  description = g_strdup_printf (_("Say hello to #%s"), stellar_room_get_name (self->room));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page), description);

  gtk_widget_set_visible (self->muted_icon, muted);
}

static void
on_room_muted_changed (StellarRoomView *self)
{
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

static void
update_history_error (StellarRoomView *self)
{
  const char *error = self->session != NULL ? stellar_session_get_history_error (self->session) : NULL;

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the history cannot be kept */
      text = g_strdup_printf (_("%s New messages are kept until Stellar closes."), error);
      gtk_label_set_text (self->history_label, text);
    }

  gtk_revealer_set_reveal_child (self->history_revealer, error != NULL);
}

static void
save_draft (StellarRoomView *self)
{
  g_autofree char *text = NULL;

  if (self->room == NULL)
    return;

  text = stellar_composer_dup_text (self->composer);
  if (*text != '\0')
    g_hash_table_replace (self->drafts, g_object_ref (self->room), g_steal_pointer (&text));
  else
    g_hash_table_remove (self->drafts, self->room);
}

/* --- actions ------------------------------------------------------------- */

static void
on_left (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StellarRoomView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!stellar_session_leave_room_finish (STELLAR_SESSION (object), result, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
    }
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (widget);

  if (self->room == NULL || self->session == NULL)
    return;

  g_hash_table_remove (self->drafts, self->room);
  stellar_session_leave_room_async (self->session, self->room, NULL, on_left, g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, !gtk_search_bar_get_search_mode (self->search_bar));
}

static void
jump_to_latest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (widget);

  stellar_scroll_follower_set_following (self->follower, TRUE);
  scroll_to_bottom (self);
}

static void
room_info_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (STELLAR_ROOM_VIEW (widget)->info_button));
}

/* --- GObject ------------------------------------------------------------- */

static gboolean
stellar_room_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (STELLAR_ROOM_VIEW (widget)->composer));
}

static void
stellar_room_view_dispose (GObject *object)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (object);

  cancel_search (self);
  g_clear_handle_id (&self->highlight_source, g_source_remove);

  if (self->messages_view != NULL)
    gtk_list_view_set_model (self->messages_view, NULL);
  g_clear_object (&self->follower);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_ROOM_VIEW);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->session_signals);
  g_clear_object (&self->room_signals);
  g_clear_object (&self->messages_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->session);
  g_clear_object (&self->room);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (stellar_room_view_parent_class)->dispose (object);
}

static void
stellar_room_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ROOM:
      g_value_set_object (value, self->room);
      break;

    case PROP_MUTED:
      g_value_set_boolean (value, self->room != NULL && stellar_room_get_muted (self->room));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StellarRoomView *self = STELLAR_ROOM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      stellar_room_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROOM:
      stellar_room_view_set_room (self, g_value_get_object (value));
      break;

    case PROP_MUTED:
      if (self->room != NULL && self->session != NULL)
        stellar_session_set_room_muted (self->session, self->room, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_view_class_init (StellarRoomViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_room_view_dispose;
  object_class->get_property = stellar_room_view_get_property;
  object_class->set_property = stellar_room_view_set_property;

  widget_class->grab_focus = stellar_room_view_grab_focus;

  /**
   * StellarRoomView:session:
   *
   * The session of the room.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoomView:room:
   *
   * The room shown.
   */
  properties[PROP_ROOM] =
    g_param_spec_object ("room", NULL, NULL,
                         STELLAR_TYPE_ROOM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoomView:muted:
   *
   * Whether the room's messages do not notify; setting it mutes the room.
   */
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "room.mute", "muted");
  gtk_widget_class_install_action (widget_class, "room.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "room.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "room.jump-to-latest", NULL, jump_to_latest_action);
  gtk_widget_class_install_action (widget_class, "room.info", NULL, room_info_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "room.search", NULL);

  g_type_ensure (STELLAR_TYPE_COMPOSER);
  g_type_ensure (STELLAR_TYPE_ROOM_INFO);

  gtk_widget_class_set_css_name (widget_class, "roomview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-room-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, title_label);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, muted_icon);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, search_button);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, info_button);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, room_info);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, history_revealer);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, history_label);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, messages_scroller);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, messages_view);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, history_spinner);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, jump_button);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, results_view);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomView, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_send);
}

static void
stellar_room_view_init (StellarRoomView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) result_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->drafts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);

  factory = create_factory (G_CALLBACK (setup_row), self);
  gtk_list_view_set_factory (self->messages_view, factory);
  result_factory = create_factory (G_CALLBACK (setup_result_row), NULL);
  gtk_list_view_set_factory (self->results_view, result_factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->messages_view, GTK_SELECTION_MODEL (self->selection));

  self->follower = stellar_scroll_follower_new (self->messages_scroller, BOTTOM_SLACK);
  g_signal_connect_object (self->follower, "notify::following",
                           G_CALLBACK (update_jump_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_vadjustment (self), "value-changed",
                           G_CALLBACK (load_older_if_near_top), self, G_CONNECT_SWAPPED);

  self->session_signals = g_signal_group_new (STELLAR_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::state",
                                  G_CALLBACK (update_composer), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::history-error",
                                  G_CALLBACK (update_history_error), self);

  self->room_signals = g_signal_group_new (STELLAR_TYPE_ROOM);
  g_signal_group_connect_swapped (self->room_signals, "notify::joined",
                                  G_CALLBACK (update_composer), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::join-error",
                                  G_CALLBACK (update_composer), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::muted",
                                  G_CALLBACK (on_room_muted_changed), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::active",
                                  G_CALLBACK (on_room_active_changed), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::loading-history",
                                  G_CALLBACK (on_history_state_changed), self);
  g_signal_group_connect_swapped (self->room_signals, "notify::history-complete",
                                  G_CALLBACK (on_history_state_changed), self);

  self->messages_signals = g_signal_group_new (STELLAR_TYPE_MESSAGE_LIST);
  g_signal_group_connect_swapped (self->messages_signals, "items-changed",
                                  G_CALLBACK (on_messages_changed), self);
}

/**
 * stellar_room_view_new:
 *
 * Returns: (transfer floating): a new room view, showing no room
 */
GtkWidget *
stellar_room_view_new (void)
{
  return g_object_new (STELLAR_TYPE_ROOM_VIEW, NULL);
}

/**
 * stellar_room_view_get_session:
 * @self: a #StellarRoomView
 *
 * Returns: (transfer none) (nullable): the session of the room
 */
StellarSession *
stellar_room_view_get_session (StellarRoomView *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_VIEW (self), NULL);

  return self->session;
}

void
stellar_room_view_set_session (StellarRoomView *self,
                               StellarSession  *session)
{
  g_return_if_fail (STELLAR_IS_ROOM_VIEW (self));
  g_return_if_fail (session == NULL || STELLAR_IS_SESSION (session));

  if (self->session == session)
    return;

  stellar_room_view_set_room (self, NULL);
  g_hash_table_remove_all (self->drafts);

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  update_history_error (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * stellar_room_view_get_room:
 * @self: a #StellarRoomView
 *
 * Returns: (transfer none) (nullable): the room shown
 */
StellarRoom *
stellar_room_view_get_room (StellarRoomView *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_VIEW (self), NULL);

  return self->room;
}

void
stellar_room_view_set_room (StellarRoomView *self,
                            StellarRoom     *room)
{
  const char *draft;

  g_return_if_fail (STELLAR_IS_ROOM_VIEW (self));
  g_return_if_fail (room == NULL || STELLAR_IS_ROOM (room));

  if (self->room == room)
    return;

  save_draft (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  g_clear_handle_id (&self->highlight_source, g_source_remove);

  g_set_object (&self->room, room);
  g_signal_group_set_target (self->room_signals, room);
  g_signal_group_set_target (self->messages_signals,
                             room != NULL ? stellar_room_get_messages (room) : NULL);
  gtk_single_selection_set_model (self->selection,
                                  room != NULL ? stellar_room_get_messages (room) : NULL);
  stellar_room_info_set_room (self->room_info, self->session, room);

  draft = room != NULL ? g_hash_table_lookup (self->drafts, room) : NULL;
  stellar_composer_set_text (self->composer, draft);

  stellar_scroll_follower_set_following (self->follower, TRUE);
  update_title (self);
  update_composer (self);
  on_history_state_changed (self);
  scroll_to_bottom (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}
