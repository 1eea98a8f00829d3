/* stellar-message-row.c: one message in a room's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-message-body.h"
#include "stellar-message-format.h"
#include "stellar-message-row-private.h"
#include "stellar-message-row.h"
#include "stellar-sender-avatar.h"

/* A row follows its message's flags (grouped, first of its day, first
 * unread, delivery): the list decides them, the row only shows them. A
 * grouped message hides its sender and avatar, and is indented as if it
 * had one, so that the texts of a group line up. A standalone row (a search result) always
 * names its sender and its day.
 *
 * The text is escaped and its links made into markup of our own
 * (stellar_format_linked_text()): what someone typed is never read as
 * markup. The row's accessible name reads "SENDER, TIME: TEXT". */
struct _StellarMessageRow
{
  GtkWidget       parent_instance;

  StellarMessage *message;
  gulong          message_notify_handler;
  char           *color_class;
  char           *time;  /* the message's time, as rows show it */
  gboolean        standalone;
  GtkWidget      *menu;  /* made on first use */

  /* made when first shown (stellar-message-row-parts.c), else NULL */
  GtkWidget      *day_separator;
  GtkLabel       *day_label;
  GtkWidget      *unread_line;
  GtkWidget      *pending_box;
  GtkWidget      *failed_box;
  GtkLabel       *failed_label;
  GtkWidget      *event_box;
  GtkLabel       *event_label;
  GtkLabel       *event_time_label;
  GtkWidget      *alert_box;
  GtkLabel       *alert_label;
  GtkLabel       *alert_time_label;

  /* template children */
  GtkWidget           *message_box;
  StellarSenderAvatar *avatar;
  GtkWidget           *header_box;
  GtkLabel            *sender_label;
  GtkLabel            *time_label;
  GtkLabel            *text_label;
};

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_STANDALONE,
  N_PROPS
};

enum {
  RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarMessageRow, stellar_message_row, GTK_TYPE_WIDGET)

static const char *
sender_label (StellarMessage *message)
{
  if (stellar_message_get_own (message))
    return _("You");

  if (stellar_message_get_sender_name (message) != NULL)
    return stellar_message_get_sender_name (message);

  return _("Stellar");
}

static char *
time_text (StellarMessageRow *self)
{
  gint64 time_us = stellar_message_get_time (self->message);
  g_autofree char *time = stellar_format_message_time (time_us);

  if (self->standalone)
    {
      g_autofree char *day = stellar_format_message_day (time_us, g_get_real_time ());

      /* Translators: a day, then a time of day */
      return g_strdup_printf (_("%s, %s"), day, time);
    }

  return g_steal_pointer (&time);
}

static void
update_accessible (StellarMessageRow *self)
{
  const char *time = self->time;
  g_autofree char *label = NULL;
  const char *description = NULL;
  g_autofree char *failure = NULL;

  switch (stellar_message_get_kind (self->message))
    {
    case STELLAR_MESSAGE_KIND_EVENT:
      /* Translators: a room event's sender, time, name and data */
      label = g_strdup_printf (_("%s, %s: event %s %s"),
                               sender_label (self->message), time,
                               stellar_message_get_event_name (self->message),
                               stellar_message_get_text (self->message));
      break;

    case STELLAR_MESSAGE_KIND_ALERT:
      /* Translators: the time of a notice from the server, then the notice */
      label = g_strdup_printf (_("Notice, %s: %s"), time, stellar_message_get_text (self->message));
      break;

    case STELLAR_MESSAGE_KIND_MESSAGE:
    default:
      /* Translators: how a screen reader reads a message: sender, time: text */
      label = g_strdup_printf (_("%s, %s: %s"),
                               sender_label (self->message), time,
                               stellar_message_get_text (self->message));
      break;
    }

  switch (stellar_message_get_delivery (self->message))
    {
    case STELLAR_MESSAGE_DELIVERY_PENDING:
      description = _("Sending");
      break;

    case STELLAR_MESSAGE_DELIVERY_FAILED:
      /* Translators: %s says why a message could not be sent */
      failure = g_strdup_printf (_("Not sent: %s"), stellar_message_get_error (self->message));
      description = failure;
      break;

    case STELLAR_MESSAGE_DELIVERY_NONE:
    case STELLAR_MESSAGE_DELIVERY_SENT:
    default:
      if (stellar_message_get_mentions_you (self->message))
        description = _("Mentions you");
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* --- the parts seldom shown ---------------------------------------------- */

/* The row's children go: day, "new messages", message, event, notice. */
static void
show_day_separator (StellarMessageRow *self,
                    gboolean           shown)
{
  if (shown && self->day_separator == NULL)
    {
      self->day_separator = _stellar_message_part_divider_new ("day-separator",
                                                               (const char *[]) { "caption-heading", "dim-label", NULL },
                                                               &self->day_label);
      gtk_widget_insert_after (self->day_separator, GTK_WIDGET (self), NULL);
    }

  if (self->day_separator != NULL)
    gtk_widget_set_visible (self->day_separator, shown);
}

static void
show_unread_line (StellarMessageRow *self,
                  gboolean           shown)
{
  if (shown && self->unread_line == NULL)
    {
      GtkLabel *label;

      self->unread_line = _stellar_message_part_divider_new ("unread-line",
                                                             (const char *[]) { "caption-heading", NULL },
                                                             &label);
      gtk_label_set_text (label, _("New Messages"));
      gtk_widget_insert_before (self->unread_line, GTK_WIDGET (self), self->message_box);
    }

  if (self->unread_line != NULL)
    gtk_widget_set_visible (self->unread_line, shown);
}

static void
show_pending (StellarMessageRow *self,
              gboolean           shown)
{
  if (shown && self->pending_box == NULL)
    {
      self->pending_box = _stellar_message_part_pending_new ();
      /* Under the text, before the note that it failed. */
      gtk_widget_insert_after (self->pending_box, self->message_box, GTK_WIDGET (self->text_label));
    }

  if (self->pending_box != NULL)
    gtk_widget_set_visible (self->pending_box, shown);
}

static void
show_failed (StellarMessageRow *self,
             gboolean           shown)
{
  if (shown && self->failed_box == NULL)
    {
      self->failed_box = _stellar_message_part_failed_new (&self->failed_label);
      gtk_widget_insert_before (self->failed_box, self->message_box, NULL);
    }

  if (self->failed_box != NULL)
    gtk_widget_set_visible (self->failed_box, shown);
}

static void
show_event (StellarMessageRow *self,
            gboolean           shown)
{
  if (shown && self->event_box == NULL)
    {
      self->event_box = _stellar_message_part_event_new (&self->event_label, &self->event_time_label);
      gtk_widget_insert_after (self->event_box, GTK_WIDGET (self), self->message_box);
    }

  if (self->event_box != NULL)
    gtk_widget_set_visible (self->event_box, shown);
}

static void
show_alert (StellarMessageRow *self,
            gboolean           shown)
{
  if (shown && self->alert_box == NULL)
    {
      self->alert_box = _stellar_message_part_alert_new (&self->alert_label, &self->alert_time_label);
      gtk_widget_insert_before (self->alert_box, GTK_WIDGET (self), NULL);
    }

  if (self->alert_box != NULL)
    gtk_widget_set_visible (self->alert_box, shown);
}

/* --- showing the message ------------------------------------------------- */

static void
update_layout (StellarMessageRow *self)
{
  gboolean first_of_day = stellar_message_get_first_of_day (self->message);
  gboolean first_unread = stellar_message_get_first_unread (self->message);
  gboolean grouped = !self->standalone && !first_of_day && !first_unread &&
                     stellar_message_get_grouped (self->message);

  show_day_separator (self, !self->standalone && first_of_day);
  if (!self->standalone && first_of_day)
    {
      g_autofree char *day = stellar_format_message_day (stellar_message_get_time (self->message),
                                                         g_get_real_time ());

      gtk_label_set_text (self->day_label, day);
    }

  show_unread_line (self, !self->standalone && first_unread);

  gtk_widget_set_visible (self->header_box, !grouped);
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), !grouped);
  if (grouped)
    gtk_widget_add_css_class (GTK_WIDGET (self), "grouped");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "grouped");

  if (stellar_message_get_mentions_you (self->message))
    gtk_widget_add_css_class (GTK_WIDGET (self), "mention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "mention");
}

static void
update_delivery (StellarMessageRow *self)
{
  StellarMessageDelivery delivery = stellar_message_get_delivery (self->message);

  show_pending (self, delivery == STELLAR_MESSAGE_DELIVERY_PENDING);
  show_failed (self, delivery == STELLAR_MESSAGE_DELIVERY_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-row.retry",
                                 delivery == STELLAR_MESSAGE_DELIVERY_FAILED);

  if (delivery == STELLAR_MESSAGE_DELIVERY_PENDING)
    gtk_widget_add_css_class (self->message_box, "pending");
  else
    gtk_widget_remove_css_class (self->message_box, "pending");

  if (delivery == STELLAR_MESSAGE_DELIVERY_FAILED)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why a message could not be sent */
      text = g_strdup_printf (_("Not sent: %s"), stellar_message_get_error (self->message));
      gtk_label_set_text (self->failed_label, text);
    }
}

static void
set_color_class (StellarMessageRow *self,
                 char              *color_class)
{
  /* A class taken off and put back restyles the row: skip the rebinds
   * that keep the sender's colour. */
  if (g_strcmp0 (self->color_class, color_class) == 0)
    {
      g_free (color_class);
      return;
    }

  if (self->color_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->avatar), self->color_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->sender_label), self->color_class);
    }

  g_free (self->color_class);
  self->color_class = color_class;

  if (color_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->avatar), color_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->sender_label), color_class);
    }
}

static void
update_content (StellarMessageRow *self)
{
  StellarMessageKind kind = stellar_message_get_kind (self->message);
  const char *sender = sender_label (self->message);
  const char *time = self->time;
  g_autofree char *markup = NULL;

  gtk_widget_set_visible (self->message_box, kind == STELLAR_MESSAGE_KIND_MESSAGE);
  show_event (self, kind == STELLAR_MESSAGE_KIND_EVENT);
  show_alert (self, kind == STELLAR_MESSAGE_KIND_ALERT);

  switch (kind)
    {
    case STELLAR_MESSAGE_KIND_EVENT:
      {
        g_autofree char *line = NULL;

        /* Translators: a room event: its sender, its name, its data */
        line = g_strdup_printf (_("%s sent %s %s"), sender,
                                stellar_message_get_event_name (self->message),
                                stellar_message_get_text (self->message));
        gtk_label_set_text (self->event_label, line);
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->event_label), line);
        gtk_label_set_text (self->event_time_label, time);
      }
      break;

    case STELLAR_MESSAGE_KIND_ALERT:
      markup = stellar_format_linked_text (stellar_message_get_text (self->message), NULL);
      gtk_label_set_markup (self->alert_label, markup);
      gtk_label_set_text (self->alert_time_label, time);
      break;

    case STELLAR_MESSAGE_KIND_MESSAGE:
    default:
      {
        g_autofree char *shortened = stellar_format_sender_name (sender);

        stellar_sender_avatar_set_name (self->avatar, sender);
        gtk_label_set_text (self->sender_label, shortened != NULL ? shortened : sender);
        gtk_label_set_text (self->time_label, time);

        {
          const char *text = stellar_message_get_text (self->message);
          gboolean has_links;

          /* most messages have no link: plain text spares Pango the markup */
          markup = stellar_format_linked_text (text, &has_links);
          if (has_links)
            gtk_label_set_markup (self->text_label, markup);
          else
            gtk_label_set_text (self->text_label, text);
        }

        if (stellar_message_get_own (self->message))
          set_color_class (self, g_strdup ("sender-own"));
        else
          set_color_class (self, g_strdup_printf ("sender-color-%u",
                                                  stellar_message_get_sender_color (self->message)));
      }
      break;
    }
}

static void
on_message_flags_changed (StellarMessageRow *self)
{
  update_layout (self);
  update_accessible (self);
}

static void
on_message_delivery_changed (StellarMessageRow *self)
{
  update_delivery (self);
  update_accessible (self);
}

/* "Inspect Frame" leads to the frame that brought or sent the message. */
static void
update_inspect_frame (StellarMessageRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-row.inspect-frame",
                                 self->message != NULL &&
                                 stellar_message_get_frame_id (self->message) != 0);
}

/* One handler for all the message's notifications, moved from message to
 * message at every bind: a signal group of seven handlers, one per
 * property, cost more to move than the rest of a bind but its labels. */
static void
on_message_notify (StellarMessageRow *self,
                   GParamSpec        *pspec)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "grouped") || g_str_equal (name, "first-of-day") ||
      g_str_equal (name, "first-unread") || g_str_equal (name, "mentions-you"))
    on_message_flags_changed (self);
  else if (g_str_equal (name, "delivery") || g_str_equal (name, "error"))
    on_message_delivery_changed (self);
  else if (g_str_equal (name, "frame-id"))
    update_inspect_frame (self);
}

static void
inspect_frame_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StellarMessageRow *self = STELLAR_MESSAGE_ROW (widget);

  gtk_widget_activate_action (widget, "win.inspect-frame", "t",
                              stellar_message_get_frame_id (self->message));
}

static void
show_menu_at (StellarMessageRow *self,
              double             x,
              double             y)
{
  if (!gtk_widget_is_sensitive (GTK_WIDGET (self)) || self->message == NULL ||
      stellar_message_get_frame_id (self->message) == 0)
    return;

  if (self->menu == NULL)
    {
      g_autoptr(GMenu) model = g_menu_new ();

      g_menu_append (model, _("Inspect Frame"), "message-row.inspect-frame");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* The whole name of a sender whose name the header shortened. */
static gboolean
on_sender_query_tooltip (StellarMessageRow *self,
                         int                x,
                         int                y,
                         gboolean           keyboard_mode,
                         GtkTooltip        *tooltip)
{
  const char *sender;

  if (self->message == NULL)
    return FALSE;

  sender = sender_label (self->message);
  if (g_str_equal (gtk_label_get_text (self->sender_label), sender))
    return FALSE;

  gtk_tooltip_set_text (tooltip, sender);
  return TRUE;
}

static void
on_secondary_click (StellarMessageRow *self,
                    int                n_press,
                    double             x,
                    double             y,
                    GtkGestureClick   *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_menu_at (self, x, y);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_menu_at (STELLAR_MESSAGE_ROW (widget), 0, gtk_widget_get_height (widget) / 2.);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[RETRY], 0);
}

static void
stellar_message_row_dispose (GObject *object)
{
  StellarMessageRow *self = STELLAR_MESSAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_MESSAGE_ROW);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  self->day_separator = self->unread_line = self->pending_box = NULL;
  self->failed_box = self->event_box = self->alert_box = NULL;
  g_clear_signal_handler (&self->message_notify_handler, self->message);
  g_clear_object (&self->message);
  g_clear_pointer (&self->color_class, g_free);
  g_clear_pointer (&self->time, g_free);

  G_OBJECT_CLASS (stellar_message_row_parent_class)->dispose (object);
}

static void
stellar_message_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarMessageRow *self = STELLAR_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    case PROP_STANDALONE:
      g_value_set_boolean (value, self->standalone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_message_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarMessageRow *self = STELLAR_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      stellar_message_row_set_message (self, g_value_get_object (value));
      break;

    case PROP_STANDALONE:
      self->standalone = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_message_row_class_init (StellarMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_message_row_dispose;
  object_class->get_property = stellar_message_row_get_property;
  object_class->set_property = stellar_message_row_set_property;

  /**
   * StellarMessageRow:message:
   *
   * The message shown.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         STELLAR_TYPE_MESSAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessageRow:standalone:
   *
   * Whether the row stands alone (a search result): it always names its
   * sender and day, never its neighbours'.
   */
  properties[PROP_STANDALONE] =
    g_param_spec_boolean ("standalone", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarMessageRow::retry:
   * @self: a #StellarMessageRow
   *
   * Emitted when the person asks to send a failed message again.
   */
  signals[RETRY] =
    g_signal_new ("retry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "message-row.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "message-row.inspect-frame", NULL,
                                   inspect_frame_action);
  gtk_widget_class_install_action (widget_class, "message-row.show-menu", NULL, show_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "message-row.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "message-row.show-menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  g_type_ensure (STELLAR_TYPE_MESSAGE_BODY);
  g_type_ensure (STELLAR_TYPE_SENDER_AVATAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, message_box);
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, header_box);
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, sender_label);
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, StellarMessageRow, text_label);
}

static void
stellar_message_row_init (StellarMessageRow *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->sender_label, "query-tooltip",
                            G_CALLBACK (on_sender_query_tooltip), self);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-row.retry", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-row.inspect-frame", FALSE);
}

/**
 * stellar_message_row_new:
 * @standalone: whether the row stands alone, as a search result
 *
 * Returns: (transfer floating): a new row, showing nothing yet
 */
GtkWidget *
stellar_message_row_new (gboolean standalone)
{
  return g_object_new (STELLAR_TYPE_MESSAGE_ROW, "standalone", standalone, NULL);
}

/**
 * stellar_message_row_get_message:
 * @self: a #StellarMessageRow
 *
 * Returns: (transfer none) (nullable): the message shown
 */
StellarMessage *
stellar_message_row_get_message (StellarMessageRow *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}

/**
 * stellar_message_row_set_message:
 * @self: a #StellarMessageRow
 * @message: (nullable): the message to show
 */
void
stellar_message_row_set_message (StellarMessageRow *self,
                                 StellarMessage    *message)
{
  g_return_if_fail (STELLAR_IS_MESSAGE_ROW (self));
  g_return_if_fail (message == NULL || STELLAR_IS_MESSAGE (message));

  if (self->message == message)
    return;

  g_clear_signal_handler (&self->message_notify_handler, self->message);
  g_set_object (&self->message, message);

  if (message != NULL)
    {
      self->message_notify_handler = g_signal_connect_swapped (message, "notify",
                                                               G_CALLBACK (on_message_notify), self);
      g_free (self->time);
      self->time = time_text (self);
      update_content (self);
      update_layout (self);
      update_delivery (self);
      update_accessible (self);
    }
  update_inspect_frame (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}
