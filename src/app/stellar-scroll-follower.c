/* stellar-scroll-follower.c: keeps a scrolled list at its end while it grows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-scroll-follower.h"

/* Follows the end of the list in a scrolled window, as a chat or a log
 * does: while #StellarScrollFollower:following, the view is kept at the
 * end as the list grows; once the person scrolls away from the end, it
 * stays where they put it, until they come back to the end.
 *
 * The view moves by itself too, as the list makes and measures rows: only
 * a move the person made (wheel, touchpad, keys, scroll bar, touch)
 * decides whether to follow. Moving down matters only once the view is
 * no longer at the end, which only a move up (or the scroll bar, or touch)
 * does. */

struct _StellarScrollFollower
{
  GObject            parent_instance;

  GtkScrolledWindow *scrolled_window;
  double             end_slack;
  gboolean           following;
  gboolean           moved_by_person;
  guint              follow_tick;
  guint              settled_frames;
};

enum {
  PROP_0,
  PROP_SCROLLED_WINDOW,
  PROP_END_SLACK,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarScrollFollower, stellar_scroll_follower, G_TYPE_OBJECT)

static GtkAdjustment *
get_vadjustment (StellarScrollFollower *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled_window);
}

static gboolean
is_at_end (StellarScrollFollower *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - self->end_slack;
}

/* The list view knows the height of the rows it made and estimates the
 * others, so the end moves as it makes them: follow it for a few frames,
 * until it stays put. */
static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  StellarScrollFollower *self = STELLAR_SCROLL_FOLLOWER (user_data);
  GtkAdjustment *adjustment = get_vadjustment (self);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->following && gtk_adjustment_get_value (adjustment) < end)
    {
      self->settled_frames = 0;
      gtk_adjustment_set_value (adjustment, end);
    }
  else if (!self->following || ++self->settled_frames >= 3)
    {
      self->follow_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
update_following (StellarScrollFollower *self,
                  gboolean               following)
{
  following = !!following;

  if (self->following != following)
    {
      self->following = following;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
    }

  stellar_scroll_follower_follow_end (self);
}

static void
on_value_changed (StellarScrollFollower *self,
                  GtkAdjustment         *adjustment)
{
  /* A hidden list was not moved by the person, and may have no rows. */
  if (!self->moved_by_person || !gtk_widget_get_mapped (GTK_WIDGET (self->scrolled_window)))
    return;

  update_following (self, is_at_end (self));
  if (self->following)
    self->moved_by_person = FALSE;
}

/* The list view changes its size while it lays out its rows, and does not
 * hear of a move made then: go to the end after. */
static void
on_size_changed (StellarScrollFollower *self)
{
  stellar_scroll_follower_follow_end (self);
}

static void
on_edge_reached (StellarScrollFollower *self,
                 GtkPositionType        position,
                 GtkScrolledWindow     *scrolled_window)
{
  if (position == GTK_POS_BOTTOM && self->moved_by_person)
    update_following (self, TRUE);
}

static gboolean
on_scroll (StellarScrollFollower    *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy < 0)
    stellar_scroll_follower_note_move_by_person (self);

  return FALSE;
}

static gboolean
on_key_pressed (StellarScrollFollower *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      stellar_scroll_follower_note_move_by_person (self);
      break;

    default:
      break;
    }

  return FALSE;
}

static void
watch_person_moves (StellarScrollFollower *self)
{
  GtkWidget *scrolled_window = GTK_WIDGET (self->scrolled_window);
  GtkAdjustment *adjustment = get_vadjustment (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (scrolled_window, controller);

  /* keys pressed in the list, on their way to it */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (scrolled_window, controller);

  /* the scroll bar, and dragging the list by touch */
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed",
                           G_CALLBACK (stellar_scroll_follower_note_move_by_person), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (self->scrolled_window),
                             GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "drag-begin",
                           G_CALLBACK (stellar_scroll_follower_note_move_by_person), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (scrolled_window, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_value_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::upper",
                           G_CALLBACK (on_size_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::page-size",
                           G_CALLBACK (on_size_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scrolled_window, "edge-reached",
                           G_CALLBACK (on_edge_reached), self, G_CONNECT_SWAPPED);
}

static void
stellar_scroll_follower_constructed (GObject *object)
{
  StellarScrollFollower *self = STELLAR_SCROLL_FOLLOWER (object);

  G_OBJECT_CLASS (stellar_scroll_follower_parent_class)->constructed (object);

  g_assert (GTK_IS_SCROLLED_WINDOW (self->scrolled_window));
  watch_person_moves (self);
}

static void
stellar_scroll_follower_dispose (GObject *object)
{
  StellarScrollFollower *self = STELLAR_SCROLL_FOLLOWER (object);

  if (self->follow_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->scrolled_window), self->follow_tick);
      self->follow_tick = 0;
    }
  g_clear_object (&self->scrolled_window);

  G_OBJECT_CLASS (stellar_scroll_follower_parent_class)->dispose (object);
}

static void
stellar_scroll_follower_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StellarScrollFollower *self = STELLAR_SCROLL_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_SCROLLED_WINDOW:
      g_value_set_object (value, self->scrolled_window);
      break;

    case PROP_END_SLACK:
      g_value_set_double (value, self->end_slack);
      break;

    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_scroll_follower_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StellarScrollFollower *self = STELLAR_SCROLL_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_SCROLLED_WINDOW:
      self->scrolled_window = g_value_dup_object (value);
      break;

    case PROP_END_SLACK:
      self->end_slack = g_value_get_double (value);
      break;

    case PROP_FOLLOWING:
      stellar_scroll_follower_set_following (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_scroll_follower_class_init (StellarScrollFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_scroll_follower_constructed;
  object_class->dispose = stellar_scroll_follower_dispose;
  object_class->get_property = stellar_scroll_follower_get_property;
  object_class->set_property = stellar_scroll_follower_set_property;

  /**
   * StellarScrollFollower:scrolled-window:
   *
   * The scrolled window of the list followed.
   */
  properties[PROP_SCROLLED_WINDOW] =
    g_param_spec_object ("scrolled-window", NULL, NULL,
                         GTK_TYPE_SCROLLED_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarScrollFollower:end-slack:
   *
   * How far from the end, in pixels, the view still counts as at the end
   * when the person moves it there.
   */
  properties[PROP_END_SLACK] =
    g_param_spec_double ("end-slack", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarScrollFollower:following:
   *
   * Whether the view is kept at the end of the list. It changes as the
   * person scrolls away from the end and back; it is %TRUE at first.
   */
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_scroll_follower_init (StellarScrollFollower *self)
{
  self->following = TRUE;
}

/**
 * stellar_scroll_follower_new:
 * @scrolled_window: the scrolled window of a list
 * @end_slack: how far from the end, in pixels, still counts as at the end
 *
 * Makes a follower of the end of the list in @scrolled_window. It watches
 * the person's moves through event controllers it adds to
 * @scrolled_window; it follows at first.
 *
 * Returns: (transfer full): a new follower
 */
StellarScrollFollower *
stellar_scroll_follower_new (GtkScrolledWindow *scrolled_window,
                             double             end_slack)
{
  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled_window), NULL);
  g_return_val_if_fail (end_slack >= 0.0, NULL);

  return g_object_new (STELLAR_TYPE_SCROLL_FOLLOWER,
                       "scrolled-window", scrolled_window,
                       "end-slack", end_slack,
                       NULL);
}

/**
 * stellar_scroll_follower_get_scrolled_window:
 * @self: a #StellarScrollFollower
 *
 * Returns: (transfer none) (nullable): the scrolled window followed, or
 *   %NULL once @self is disposed
 */
GtkScrolledWindow *
stellar_scroll_follower_get_scrolled_window (StellarScrollFollower *self)
{
  g_return_val_if_fail (STELLAR_IS_SCROLL_FOLLOWER (self), NULL);

  return self->scrolled_window;
}

/**
 * stellar_scroll_follower_get_following:
 * @self: a #StellarScrollFollower
 *
 * Returns: whether the view is kept at the end of the list
 */
gboolean
stellar_scroll_follower_get_following (StellarScrollFollower *self)
{
  g_return_val_if_fail (STELLAR_IS_SCROLL_FOLLOWER (self), FALSE);

  return self->following;
}

/**
 * stellar_scroll_follower_set_following:
 * @self: a #StellarScrollFollower
 * @following: whether to keep the view at the end of the list
 *
 * Starts or stops following the end, as when the person asks for the
 * latest, or the view shows an item of its own choosing. Following, the
 * view goes to the end, and the moves the person made before no longer
 * count.
 */
void
stellar_scroll_follower_set_following (StellarScrollFollower *self,
                                       gboolean               following)
{
  g_return_if_fail (STELLAR_IS_SCROLL_FOLLOWER (self));

  if (following)
    self->moved_by_person = FALSE;
  update_following (self, following);
}

/**
 * stellar_scroll_follower_follow_end:
 * @self: a #StellarScrollFollower
 *
 * If @self follows the end, keeps the view at the end over the next few
 * frames, until the list stops growing: call it when items were added at
 * the end, or when the list is shown again.
 */
void
stellar_scroll_follower_follow_end (StellarScrollFollower *self)
{
  g_return_if_fail (STELLAR_IS_SCROLL_FOLLOWER (self));

  if (!self->following || self->scrolled_window == NULL)
    return;

  self->settled_frames = 0;
  if (self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scrolled_window),
                                                      follow_tick_cb, self, NULL);
}

/**
 * stellar_scroll_follower_note_move_by_person:
 * @self: a #StellarScrollFollower
 *
 * Counts the next moves of the view as the person's own, as for a move
 * to a place the person asked for: where the view comes to rest decides
 * whether to follow the end. The follower notes the wheel, keys, scroll
 * bar and touch by itself.
 */
void
stellar_scroll_follower_note_move_by_person (StellarScrollFollower *self)
{
  g_return_if_fail (STELLAR_IS_SCROLL_FOLLOWER (self));

  self->moved_by_person = TRUE;
}
