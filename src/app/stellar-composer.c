/* stellar-composer.c: where the person writes a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-composer.h"
#include "stellar-utils.h"

/* A text view that grows with its text up to a few lines, and a Send
 * button. Enter sends, Shift+Enter starts a new line, Up in an empty
 * composer brings back the last message. While a blocker is set (the
 * person is not in the room), nothing can be written and the placeholder
 * says why. The composer only emits ::send; the room view sends. */
struct _StellarComposer
{
  GtkWidget      parent_instance;

  char          *placeholder;
  char          *blocker;
  char          *last_message;

  /* template children */
  GtkWidget     *scroller;
  GtkTextView   *text_view;
  GtkLabel      *placeholder_label;
  GtkWidget     *send_button;
};

enum {
  PROP_0,
  PROP_PLACEHOLDER,
  PROP_BLOCKER,
  PROP_LAST_MESSAGE,
  N_PROPS
};

enum {
  SEND,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarComposer, stellar_composer, GTK_TYPE_WIDGET)

static GtkTextBuffer *
get_buffer (StellarComposer *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

/* The text to send: without the blank lines and spaces around it. */
static char *
dup_message (StellarComposer *self)
{
  g_autofree char *text = stellar_composer_dup_text (self);

  return g_strdup (g_strstrip (text));
}

static void
update_state (StellarComposer *self)
{
  g_autofree char *message = dup_message (self);
  gboolean blocked = self->blocker != NULL;
  gboolean empty = gtk_text_buffer_get_char_count (get_buffer (self)) == 0;

  gtk_label_set_text (self->placeholder_label, blocked ? self->blocker : self->placeholder);
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), empty || blocked);

  /* Insensitive, the text view has no cursor. (Turning its cursor off
   * while it blinks trips an assertion of GTK 4.8.) */
  gtk_widget_set_sensitive (self->scroller, !blocked);
  gtk_text_view_set_editable (self->text_view, !blocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", !blocked && *message != '\0');

  if (blocked)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->blocker,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text_view),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
recall_last_message (StellarComposer *self)
{
  GtkTextIter end;

  stellar_composer_set_text (self, self->last_message);
  gtk_text_buffer_get_end_iter (get_buffer (self), &end);
  gtk_text_buffer_place_cursor (get_buffer (self), &end);
}

static gboolean
on_key_pressed (StellarComposer       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* Shift+Enter (and Ctrl+Enter) is a new line */
      if (modifiers != 0)
        return FALSE;
      stellar_composer_send (self);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (modifiers != 0 || self->last_message == NULL ||
          gtk_text_buffer_get_char_count (get_buffer (self)) != 0)
        return FALSE;
      recall_last_message (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  stellar_composer_send (STELLAR_COMPOSER (widget));
}

static gboolean
stellar_composer_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (STELLAR_COMPOSER (widget)->text_view));
}

static void
stellar_composer_dispose (GObject *object)
{
  StellarComposer *self = STELLAR_COMPOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_COMPOSER);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (stellar_composer_parent_class)->dispose (object);
}

static void
stellar_composer_finalize (GObject *object)
{
  StellarComposer *self = STELLAR_COMPOSER (object);

  g_free (self->placeholder);
  g_free (self->blocker);
  g_free (self->last_message);

  G_OBJECT_CLASS (stellar_composer_parent_class)->finalize (object);
}

static void
stellar_composer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StellarComposer *self = STELLAR_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;

    case PROP_BLOCKER:
      g_value_set_string (value, self->blocker);
      break;

    case PROP_LAST_MESSAGE:
      g_value_set_string (value, self->last_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_composer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StellarComposer *self = STELLAR_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_PLACEHOLDER:
      stellar_composer_set_placeholder (self, g_value_get_string (value));
      break;

    case PROP_BLOCKER:
      stellar_composer_set_blocker (self, g_value_get_string (value));
      break;

    case PROP_LAST_MESSAGE:
      stellar_composer_set_last_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_composer_class_init (StellarComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_composer_dispose;
  object_class->finalize = stellar_composer_finalize;
  object_class->get_property = stellar_composer_get_property;
  object_class->set_property = stellar_composer_set_property;

  widget_class->grab_focus = stellar_composer_grab_focus;

  /**
   * StellarComposer:placeholder:
   *
   * What the empty composer says ("Message #general").
   */
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarComposer:blocker:
   *
   * Why nothing can be written now, for people; %NULL when something can.
   */
  properties[PROP_BLOCKER] =
    g_param_spec_string ("blocker", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarComposer:last-message:
   *
   * What Up brings back into an empty composer.
   */
  properties[PROP_LAST_MESSAGE] =
    g_param_spec_string ("last-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarComposer::send:
   * @self: a #StellarComposer
   * @text: what to send, without blank space around it
   *
   * Emitted when the person sends what they wrote; the composer is empty
   * again afterwards.
   */
  signals[SEND] =
    g_signal_new ("send",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);

  gtk_widget_class_set_css_name (widget_class, "composer");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarComposer, scroller);
  gtk_widget_class_bind_template_child (widget_class, StellarComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, StellarComposer, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, StellarComposer, send_button);
}

static void
stellar_composer_init (StellarComposer *self)
{
  static gsize icons_added;
  GtkEventController *keys;

  /* The Send icon is ours; GtkApplication finds it by itself, but a
   * composer may live without one (in the tests). */
  if (g_once_init_enter (&icons_added))
    {
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL && g_application_get_default () == NULL)
        gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                          "/com/example/Stellar/icons");
      g_once_init_leave (&icons_added, 1);
    }

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the text view: it would take Enter for a new line. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  g_signal_connect_swapped (get_buffer (self), "changed", G_CALLBACK (update_state), self);

  update_state (self);
}

/**
 * stellar_composer_dup_text:
 * @self: a #StellarComposer
 *
 * Returns: (transfer full): what is written, as it is
 */
char *
stellar_composer_dup_text (StellarComposer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (STELLAR_IS_COMPOSER (self), NULL);

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);

  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

void
stellar_composer_set_text (StellarComposer *self,
                           const char      *text)
{
  g_return_if_fail (STELLAR_IS_COMPOSER (self));

  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
}

const char *
stellar_composer_get_placeholder (StellarComposer *self)
{
  g_return_val_if_fail (STELLAR_IS_COMPOSER (self), NULL);

  return self->placeholder;
}

void
stellar_composer_set_placeholder (StellarComposer *self,
                                  const char      *placeholder)
{
  g_return_if_fail (STELLAR_IS_COMPOSER (self));

  if (!stellar_set_string (&self->placeholder, placeholder))
    return;

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

const char *
stellar_composer_get_blocker (StellarComposer *self)
{
  g_return_val_if_fail (STELLAR_IS_COMPOSER (self), NULL);

  return self->blocker;
}

void
stellar_composer_set_blocker (StellarComposer *self,
                              const char      *blocker)
{
  g_return_if_fail (STELLAR_IS_COMPOSER (self));

  if (!stellar_set_string (&self->blocker, blocker))
    return;

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKER]);
}

const char *
stellar_composer_get_last_message (StellarComposer *self)
{
  g_return_val_if_fail (STELLAR_IS_COMPOSER (self), NULL);

  return self->last_message;
}

void
stellar_composer_set_last_message (StellarComposer *self,
                                   const char      *last_message)
{
  g_return_if_fail (STELLAR_IS_COMPOSER (self));

  if (stellar_set_string (&self->last_message, last_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MESSAGE]);
}

/**
 * stellar_composer_send:
 * @self: a #StellarComposer
 *
 * Sends what is written, as Enter does, unless it is blank or the composer
 * is blocked.
 *
 * Returns: whether something was sent
 */
gboolean
stellar_composer_send (StellarComposer *self)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (STELLAR_IS_COMPOSER (self), FALSE);

  message = dup_message (self);
  if (self->blocker != NULL || *message == '\0')
    return FALSE;

  g_signal_emit (self, signals[SEND], 0, message);
  stellar_composer_set_text (self, NULL);

  return TRUE;
}
