/* stellar-join-room-dialog.c: asks for a room to join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-join-room-dialog.h"

/* Asks for a room's name and joins it through the session. The dialog stays
 * open until the server agrees: a room it refuses ("does not exist") is
 * told under the name, which stays as typed. */
struct _StellarJoinRoomDialog
{
  AdwWindow       parent_instance;

  StellarSession *session;
  GCancellable   *cancellable;

  /* template children */
  GtkWidget      *join_button;
  GtkSpinner     *spinner;
  AdwEntryRow    *name_row;
  GtkLabel       *error_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  JOINED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarJoinRoomDialog, stellar_join_room_dialog, ADW_TYPE_WINDOW)

static char *
dup_name (StellarJoinRoomDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *name = g_strdup (text);

  /* "#general" is how rooms are written: the name is what follows. */
  g_strstrip (name);
  if (name[0] == '#')
    return g_strdup (g_strstrip (name + 1));

  return g_steal_pointer (&name);
}

static void
show_error (StellarJoinRoomDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
set_busy (StellarJoinRoomDialog *self,
          gboolean               busy)
{
  g_autofree char *name = dup_name (self);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join-room.join", !busy && *name != '\0');
}

static void
on_joined (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StellarJoinRoomDialog) self = user_data;
  g_autoptr(StellarRoom) room = NULL;
  g_autoptr(GError) error = NULL;

  room = stellar_session_join_room_finish (STELLAR_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (room == NULL)
    {
      g_autofree char *name = dup_name (self);
      g_autofree char *message = NULL;

      /* Translators: a room's name, then why the server refused it */
      message = g_strdup_printf (_("Could not join “%s”: %s"), name, error->message);
      show_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  g_signal_emit (self, signals[JOINED], 0, room);
  gtk_window_close (GTK_WINDOW (self));
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StellarJoinRoomDialog *self = STELLAR_JOIN_ROOM_DIALOG (widget);
  g_autofree char *name = dup_name (self);

  if (*name == '\0' || self->cancellable != NULL)
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);

  self->cancellable = g_cancellable_new ();
  stellar_session_join_room_async (self->session, name, self->cancellable,
                                   on_joined, g_object_ref (self));
}

static void
on_name_changed (StellarJoinRoomDialog *self)
{
  show_error (self, NULL);
  set_busy (self, self->cancellable != NULL);
}

static void
on_name_activated (StellarJoinRoomDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "join-room.join", NULL);
}

static void
stellar_join_room_dialog_dispose (GObject *object)
{
  StellarJoinRoomDialog *self = STELLAR_JOIN_ROOM_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_JOIN_ROOM_DIALOG);

  G_OBJECT_CLASS (stellar_join_room_dialog_parent_class)->dispose (object);
}

static void
stellar_join_room_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StellarJoinRoomDialog *self = STELLAR_JOIN_ROOM_DIALOG (object);

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
stellar_join_room_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StellarJoinRoomDialog *self = STELLAR_JOIN_ROOM_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_join_room_dialog_class_init (StellarJoinRoomDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_join_room_dialog_dispose;
  object_class->get_property = stellar_join_room_dialog_get_property;
  object_class->set_property = stellar_join_room_dialog_set_property;

  /**
   * StellarJoinRoomDialog:session:
   *
   * The session that joins the room.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarJoinRoomDialog::joined:
   * @self: a #StellarJoinRoomDialog
   * @room: the room joined
   *
   * Emitted when the server let the connection in, just before the dialog
   * closes.
   */
  signals[JOINED] =
    g_signal_new ("joined",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, STELLAR_TYPE_ROOM);

  gtk_widget_class_install_action (widget_class, "join-room.join", NULL, join_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-join-room-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarJoinRoomDialog, join_button);
  gtk_widget_class_bind_template_child (widget_class, StellarJoinRoomDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StellarJoinRoomDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StellarJoinRoomDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);
}

static void
stellar_join_room_dialog_init (StellarJoinRoomDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
  set_busy (self, FALSE);
}

/**
 * stellar_join_room_dialog_new:
 * @parent: the window it belongs to
 * @session: the session that joins the room
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
StellarJoinRoomDialog *
stellar_join_room_dialog_new (GtkWindow      *parent,
                              StellarSession *session)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STELLAR_IS_SESSION (session), NULL);

  return g_object_new (STELLAR_TYPE_JOIN_ROOM_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}
