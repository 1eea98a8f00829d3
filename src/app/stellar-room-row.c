/* stellar-room-row.c: a room in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-room-row.h"

struct _StellarRoomRow
{
  GtkListBoxRow  parent_instance;

  StellarRoom   *room;

  /* template children */
  GtkLabel      *name_label;
  GtkWidget     *muted_icon;
  GtkLabel      *badge;
};

enum {
  PROP_0,
  PROP_ROOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRoomRow, stellar_room_row, GTK_TYPE_LIST_BOX_ROW)

/* A room not joined (the connection is being restored, or the server
 * refused it) is dimmed. Unread messages show as a count, in the accent
 * colour when one of them mentions the person, dimmed when the room is
 * muted. The accessible name says all of it. */
static void
update_state (StellarRoomRow *self)
{
  const char *name = stellar_room_get_name (self->room);
  guint unread = stellar_room_get_unread_count (self->room);
  guint mentions = stellar_room_get_mention_count (self->room);
  gboolean muted = stellar_room_get_muted (self->room);
  g_autoptr(GString) label = g_string_new (name);

  if (stellar_room_get_joined (self->room))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      /* Translators: added to a room's accessible name when the connection is not in it (yet) */
      g_string_append (label, _(", not joined"));
    }

  if (unread > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", unread);

      gtk_label_set_text (self->badge, unread > 999 ? "999+" : count);
      /* Translators: added to a room's accessible name */
      g_string_append_printf (label, ngettext (", %u unread message", ", %u unread messages", unread),
                              unread);
    }
  if (mentions > 0)
    /* Translators: added to a room's accessible name */
    g_string_append_printf (label, ngettext (", %u mention", ", %u mentions", mentions), mentions);
  if (muted)
    /* Translators: added to a room's accessible name */
    g_string_append (label, _(", muted"));

  gtk_widget_set_visible (GTK_WIDGET (self->badge), unread > 0);
  gtk_widget_set_visible (self->muted_icon, muted);

  if (mentions > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge), "mention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "mention");

  if (muted)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge), "muted");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "muted");

  if (unread > 0 && !muted)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "heading");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
}

static void
stellar_room_row_constructed (GObject *object)
{
  StellarRoomRow *self = STELLAR_ROOM_ROW (object);

  G_OBJECT_CLASS (stellar_room_row_parent_class)->constructed (object);

  gtk_label_set_text (self->name_label, stellar_room_get_name (self->room));
  g_signal_connect_object (self->room, "notify::joined",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->room, "notify::unread-count",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->room, "notify::mention-count",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->room, "notify::muted",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
stellar_room_row_dispose (GObject *object)
{
  StellarRoomRow *self = STELLAR_ROOM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_ROOM_ROW);
  g_clear_object (&self->room);

  G_OBJECT_CLASS (stellar_room_row_parent_class)->dispose (object);
}

static void
stellar_room_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StellarRoomRow *self = STELLAR_ROOM_ROW (object);

  switch (prop_id)
    {
    case PROP_ROOM:
      g_value_set_object (value, self->room);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StellarRoomRow *self = STELLAR_ROOM_ROW (object);

  switch (prop_id)
    {
    case PROP_ROOM:
      self->room = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_row_class_init (StellarRoomRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_room_row_constructed;
  object_class->dispose = stellar_room_row_dispose;
  object_class->get_property = stellar_room_row_get_property;
  object_class->set_property = stellar_room_row_set_property;

  /**
   * StellarRoomRow:room:
   *
   * The room shown.
   */
  properties[PROP_ROOM] =
    g_param_spec_object ("room", NULL, NULL,
                         STELLAR_TYPE_ROOM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-room-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarRoomRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomRow, muted_icon);
  gtk_widget_class_bind_template_child (widget_class, StellarRoomRow, badge);
}

static void
stellar_room_row_init (StellarRoomRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
stellar_room_row_new (StellarRoom *room)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (room), NULL);

  return g_object_new (STELLAR_TYPE_ROOM_ROW, "room", room, NULL);
}

StellarRoom *
stellar_room_row_get_room (StellarRoomRow *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_ROW (self), NULL);

  return self->room;
}
