/* stellar-room-info.c: who is in a room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stellar-message-format.h"
#include "stellar-room-info.h"
#include "stellar-room-member.h"

/* A popover that asks the session who is in the room each time it opens
 * (roomView), and lists them: you first, then in the order they came. */
struct _StellarRoomInfo
{
  GtkPopover      parent_instance;

  StellarSession *session;
  StellarRoom    *room;
  GCancellable   *cancellable;

  /* template children */
  GtkLabel       *title_label;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  GtkListBox     *members_list;
};

G_DEFINE_FINAL_TYPE (StellarRoomInfo, stellar_room_info, GTK_TYPE_POPOVER)

static GtkWidget *
create_member_row (gpointer item,
                   gpointer user_data)
{
  StellarRoomMember *member = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (stellar_room_member_get_is_you (member))
    /* Translators: the person's own connection in a room's members */
    title = g_strdup_printf (_("%s (you)"), stellar_room_member_get_name (member));
  else
    title = g_strdup (stellar_room_member_get_name (member));

  if (stellar_room_member_get_joined_at (member) > 0)
    {
      g_autofree char *time = stellar_format_message_time (stellar_room_member_get_joined_at (member));
      g_autofree char *day = stellar_format_message_day (stellar_room_member_get_joined_at (member),
                                                         g_get_real_time ());

      /* Translators: when a member joined the room: a day, then a time */
      subtitle = g_strdup_printf (_("Joined %s, %s"), day, time);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, stellar_room_member_get_id (member));

  return row;
}

static void
on_viewed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StellarRoomInfo) self = user_data;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_members;

  members = stellar_session_view_room_finish (STELLAR_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (members == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n_members = g_list_model_get_n_items (members);
  title = g_strdup_printf (ngettext ("%u Member", "%u Members", n_members),
                           n_members);
  gtk_label_set_text (self->title_label, title);
  gtk_list_box_bind_model (self->members_list, members, create_member_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "members");
}

static void
on_show (StellarRoomInfo *self)
{
  g_autofree char *title = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session == NULL || self->room == NULL)
    return;

  /* Translators: %s is a room's name */
  title = g_strdup_printf (_("#%s"), stellar_room_get_name (self->room));
  gtk_label_set_text (self->title_label, title);
  gtk_list_box_bind_model (self->members_list, NULL, NULL, NULL, NULL);

  if (!stellar_room_get_joined (self->room))
    {
      gtk_label_set_text (self->error_label, _("Who is in the room can be seen once you are in it."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  self->cancellable = g_cancellable_new ();
  stellar_session_view_room_async (self->session, self->room, self->cancellable,
                                   on_viewed, g_object_ref (self));
}

static void
stellar_room_info_dispose (GObject *object)
{
  StellarRoomInfo *self = STELLAR_ROOM_INFO (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->room);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_ROOM_INFO);

  G_OBJECT_CLASS (stellar_room_info_parent_class)->dispose (object);
}

static void
stellar_room_info_class_init (StellarRoomInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_room_info_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-room-info.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarRoomInfo, title_label);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomInfo, stack);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomInfo, spinner);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomInfo, error_label);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomInfo, members_list);
  gtk_widget_class_bind_template_callback (widget_class, on_show);
}

static void
stellar_room_info_init (StellarRoomInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stellar_room_info_set_room:
 * @self: a #StellarRoomInfo
 * @session: (nullable): the session of @room
 * @room: (nullable): the room to tell about
 */
void
stellar_room_info_set_room (StellarRoomInfo *self,
                            StellarSession  *session,
                            StellarRoom     *room)
{
  g_return_if_fail (STELLAR_IS_ROOM_INFO (self));

  g_set_object (&self->session, session);
  g_set_object (&self->room, room);
}
