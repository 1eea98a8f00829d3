/* stellar-message-body.c: a message laid out: the avatar beside its column
 *
 * The aside (the sender's avatar) sits at the start, at the top; every
 * other child is stacked, in order, in the column beside it: the header,
 * the text, the notes on its delivery. Without a visible aside, the column
 * takes the whole width. It answers the sizes a grid of the same would,
 * but for the text's width.
 *
 * A list asks each new row for its width before giving it one, and a
 * wrapping GtkLabel answers by laying its text out at its minimum and at
 * its natural width, besides the layout at the width it gets: two of the
 * three layouts a new message costs. The answer that matters, the minimum,
 * is the same for every message: a label that wraps at words and
 * characters fits any text in width-chars characters. So the body does not
 * ask: the text's minimum is those characters, counted as GtkLabel counts
 * them (the style sheet gives the text no padding or border); it asks for
 * no more and takes the width the column is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-message-body.h"

struct _StellarMessageBody
{
  GtkWidget  parent_instance;

  GtkWidget *aside;
  GtkLabel  *text;
  int        spacing;
};

G_DEFINE_FINAL_TYPE (StellarMessageBody, stellar_message_body, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ASIDE,
  PROP_TEXT,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The aside, when it is one of the body's children and shown. */
static GtkWidget *
shown_aside (StellarMessageBody *self)
{
  if (self->aside != NULL &&
      gtk_widget_get_parent (self->aside) == GTK_WIDGET (self) &&
      gtk_widget_should_layout (self->aside))
    return self->aside;

  return NULL;
}

/* Whether the text's minimum width is known without laying it out. */
static gboolean
text_width_known (StellarMessageBody *self,
                  GtkWidget          *child)
{
  return child == GTK_WIDGET (self->text) &&
         gtk_label_get_wrap (self->text) &&
         gtk_label_get_wrap_mode (self->text) == PANGO_WRAP_WORD_CHAR &&
         gtk_label_get_width_chars (self->text) > 0;
}

/* Width-chars of the wider of the font's average character and digit, as
 * GtkLabel counts them, and the text's margins. */
static int
text_min_width (StellarMessageBody *self)
{
  GtkWidget *text = GTK_WIDGET (self->text);
  PangoFontMetrics *metrics;
  int char_width;

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (text), NULL, NULL);
  char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                    pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  return PANGO_PIXELS_CEIL (char_width * gtk_label_get_width_chars (self->text)) +
         gtk_widget_get_margin_start (text) + gtk_widget_get_margin_end (text);
}

static void
measure_column_width (StellarMessageBody *self,
                      int                *minimum,
                      int                *natural)
{
  GtkWidget *aside = shown_aside (self);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (child == aside || !gtk_widget_should_layout (child))
        continue;

      if (text_width_known (self, child))
        child_min = child_nat = text_min_width (self);
      else
        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                            &child_min, &child_nat, NULL, NULL);

      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

/* The width left to the column, or -1 for any. */
static int
column_width (StellarMessageBody *self,
              int                 width,
              int                *aside_width)
{
  GtkWidget *aside = shown_aside (self);
  int aside_min, aside_nat;

  *aside_width = 0;
  if (aside == NULL)
    return width;

  gtk_widget_measure (aside, GTK_ORIENTATION_HORIZONTAL, -1, &aside_min, &aside_nat, NULL, NULL);
  if (width < 0)
    {
      *aside_width = aside_nat;
      return -1;
    }

  *aside_width = MIN (aside_nat, width);
  return MAX (width - *aside_width - self->spacing, 0);
}

static void
measure_height (StellarMessageBody *self,
                int                 width,
                int                *minimum,
                int                *natural)
{
  GtkWidget *aside = shown_aside (self);
  int aside_width, column, column_min = 0, column_nat = 0;

  column = column_width (self, width, &aside_width);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (child == aside || !gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column,
                          &child_min, &child_nat, NULL, NULL);
      column_min += child_min;
      column_nat += child_nat;
    }

  *minimum = column_min;
  *natural = column_nat;
  if (aside != NULL)
    {
      int aside_min, aside_nat;

      gtk_widget_measure (aside, GTK_ORIENTATION_VERTICAL, width < 0 ? -1 : aside_width,
                          &aside_min, &aside_nat, NULL, NULL);
      *minimum = MAX (*minimum, aside_min);
      *natural = MAX (*natural, aside_nat);
    }
}

static GtkSizeRequestMode
stellar_message_body_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
stellar_message_body_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  StellarMessageBody *self = STELLAR_MESSAGE_BODY (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      measure_height (self, for_size, minimum, natural);
      return;
    }

  /* The text wraps: no height asks for a width other than the minimum. */
  measure_column_width (self, minimum, natural);
  if (shown_aside (self) != NULL)
    {
      int aside_min, aside_nat;

      gtk_widget_measure (self->aside, GTK_ORIENTATION_HORIZONTAL, -1,
                          &aside_min, &aside_nat, NULL, NULL);
      *minimum += aside_min + self->spacing;
      *natural += aside_nat + self->spacing;
    }
}

static void
stellar_message_body_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  StellarMessageBody *self = STELLAR_MESSAGE_BODY (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *aside = shown_aside (self);
  int aside_width, column, x, y = 0;

  column = column_width (self, width, &aside_width);
  x = rtl || aside == NULL ? 0 : aside_width + self->spacing;

  if (aside != NULL)
    {
      int aside_min, aside_nat;

      gtk_widget_measure (aside, GTK_ORIENTATION_VERTICAL, aside_width,
                          &aside_min, &aside_nat, NULL, NULL);
      gtk_widget_allocate (aside, aside_width, MIN (aside_nat, MAX (height, aside_min)), -1,
                           gsk_transform_translate (NULL,
                                                    &GRAPHENE_POINT_INIT (rtl ? width - aside_width : 0, 0)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (child == aside || !gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column,
                          &child_min, &child_nat, NULL, NULL);
      gtk_widget_allocate (child, column, child_nat, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y)));
      y += child_nat;
    }
}

static void
stellar_message_body_dispose (GObject *object)
{
  StellarMessageBody *self = STELLAR_MESSAGE_BODY (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->aside);
  g_clear_object (&self->text);

  G_OBJECT_CLASS (stellar_message_body_parent_class)->dispose (object);
}

static void
stellar_message_body_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StellarMessageBody *self = STELLAR_MESSAGE_BODY (object);

  switch (prop_id)
    {
    case PROP_ASIDE:
      g_value_set_object (value, self->aside);
      break;

    case PROP_TEXT:
      g_value_set_object (value, self->text);
      break;

    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_message_body_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StellarMessageBody *self = STELLAR_MESSAGE_BODY (object);

  switch (prop_id)
    {
    case PROP_ASIDE:
      stellar_message_body_set_aside (self, g_value_get_object (value));
      break;

    case PROP_TEXT:
      stellar_message_body_set_text (self, g_value_get_object (value));
      break;

    case PROP_SPACING:
      stellar_message_body_set_spacing (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_message_body_class_init (StellarMessageBodyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_message_body_dispose;
  object_class->get_property = stellar_message_body_get_property;
  object_class->set_property = stellar_message_body_set_property;

  widget_class->get_request_mode = stellar_message_body_get_request_mode;
  widget_class->measure = stellar_message_body_measure;
  widget_class->size_allocate = stellar_message_body_size_allocate;

  /**
   * StellarMessageBody:aside:
   *
   * The child at the start, beside the others (the sender's avatar).
   */
  properties[PROP_ASIDE] =
    g_param_spec_object ("aside", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessageBody:text:
   *
   * The child showing the message's text. When it wraps at words and
   * characters, its width is taken to be its width-chars, without laying
   * it out to ask.
   */
  properties[PROP_TEXT] =
    g_param_spec_object ("text", NULL, NULL,
                         GTK_TYPE_LABEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarMessageBody:spacing:
   *
   * The space between the aside and the column, in pixels.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "messagebody");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
stellar_message_body_init (StellarMessageBody *self)
{
}

/**
 * stellar_message_body_new:
 *
 * Returns: (transfer floating): a new, empty message body
 */
GtkWidget *
stellar_message_body_new (void)
{
  return g_object_new (STELLAR_TYPE_MESSAGE_BODY, NULL);
}

/**
 * stellar_message_body_get_aside:
 * @self: a #StellarMessageBody
 *
 * Returns: (transfer none) (nullable): the child beside the others
 */
GtkWidget *
stellar_message_body_get_aside (StellarMessageBody *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE_BODY (self), NULL);

  return self->aside;
}

/**
 * stellar_message_body_set_aside:
 * @self: a #StellarMessageBody
 * @aside: (nullable): one of the body's children, to put beside the others
 */
void
stellar_message_body_set_aside (StellarMessageBody *self,
                                GtkWidget          *aside)
{
  g_return_if_fail (STELLAR_IS_MESSAGE_BODY (self));
  g_return_if_fail (aside == NULL || GTK_IS_WIDGET (aside));

  if (g_set_object (&self->aside, aside))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASIDE]);
    }
}

/**
 * stellar_message_body_get_text:
 * @self: a #StellarMessageBody
 *
 * Returns: (transfer none) (nullable): the child showing the text
 */
GtkLabel *
stellar_message_body_get_text (StellarMessageBody *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE_BODY (self), NULL);

  return self->text;
}

/**
 * stellar_message_body_set_text:
 * @self: a #StellarMessageBody
 * @text: (nullable): the child showing the message's text
 */
void
stellar_message_body_set_text (StellarMessageBody *self,
                               GtkLabel           *text)
{
  g_return_if_fail (STELLAR_IS_MESSAGE_BODY (self));
  g_return_if_fail (text == NULL || GTK_IS_LABEL (text));

  if (g_set_object (&self->text, text))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

/**
 * stellar_message_body_get_spacing:
 * @self: a #StellarMessageBody
 *
 * Returns: the space between the aside and the column, in pixels
 */
int
stellar_message_body_get_spacing (StellarMessageBody *self)
{
  g_return_val_if_fail (STELLAR_IS_MESSAGE_BODY (self), 0);

  return self->spacing;
}

/**
 * stellar_message_body_set_spacing:
 * @self: a #StellarMessageBody
 * @spacing: the space between the aside and the column, in pixels
 */
void
stellar_message_body_set_spacing (StellarMessageBody *self,
                                  int                 spacing)
{
  g_return_if_fail (STELLAR_IS_MESSAGE_BODY (self));
  g_return_if_fail (spacing >= 0);

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
