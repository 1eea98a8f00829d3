/* stellar-sender-avatar.c: the initial of a message's sender, in a disc
 *
 * A message row shows one beside every message that starts a group, and a
 * room scrolls through thousands of them. The style sheet gives the disc
 * its size, colours and font (`.sender-avatar`); the widget draws the
 * letter. A label would do the same, but a label lays its text out again
 * for every size it is asked about, while the disc's size does not depend
 * on its letter: this widget lays the letter out once, when drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-sender-avatar.h"

struct _StellarSenderAvatar
{
  GtkWidget    parent_instance;

  char         initial[8];
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (StellarSenderAvatar, stellar_sender_avatar, GTK_TYPE_WIDGET)

static void
stellar_sender_avatar_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  StellarSenderAvatar *self = STELLAR_SENDER_AVATAR (widget);
  GdkRGBA color;
  int width, height;

  if (self->initial[0] == '\0')
    return;

  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (widget, self->initial);

  /* gtk_widget_get_color() comes with GTK 4.10 */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  pango_layout_get_pixel_size (self->layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - width) / 2.0f,
                                                (gtk_widget_get_height (widget) - height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* The font may have changed with the style. */
static void
stellar_sender_avatar_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  StellarSenderAvatar *self = STELLAR_SENDER_AVATAR (widget);

  GTK_WIDGET_CLASS (stellar_sender_avatar_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
}

static void
stellar_sender_avatar_finalize (GObject *object)
{
  StellarSenderAvatar *self = STELLAR_SENDER_AVATAR (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (stellar_sender_avatar_parent_class)->finalize (object);
}

static void
stellar_sender_avatar_class_init (StellarSenderAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = stellar_sender_avatar_finalize;
  widget_class->snapshot = stellar_sender_avatar_snapshot;
  widget_class->css_changed = stellar_sender_avatar_css_changed;

  /* its size is the style sheet's min-width and min-height */
  gtk_widget_class_set_css_name (widget_class, "avatar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
stellar_sender_avatar_init (StellarSenderAvatar *self)
{
}

/**
 * stellar_sender_avatar_new:
 *
 * Returns: (transfer floating): a disc with no letter yet
 */
GtkWidget *
stellar_sender_avatar_new (void)
{
  return g_object_new (STELLAR_TYPE_SENDER_AVATAR, NULL);
}

/**
 * stellar_sender_avatar_set_name:
 * @self: a #StellarSenderAvatar
 * @name: the sender's name
 *
 * Shows the first letter of @name, in capitals.
 */
void
stellar_sender_avatar_set_name (StellarSenderAvatar *self,
                                const char          *name)
{
  char initial[8] = { 0 };

  g_return_if_fail (STELLAR_IS_SENDER_AVATAR (self));
  g_return_if_fail (name != NULL);

  if (*name != '\0')
    g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (name)), initial);

  if (strcmp (initial, self->initial) == 0)
    return;

  memcpy (self->initial, initial, sizeof initial);
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * stellar_sender_avatar_get_initial:
 * @self: a #StellarSenderAvatar
 *
 * Returns: the letter shown; empty before a name was set
 */
const char *
stellar_sender_avatar_get_initial (StellarSenderAvatar *self)
{
  g_return_val_if_fail (STELLAR_IS_SENDER_AVATAR (self), NULL);

  return self->initial;
}
