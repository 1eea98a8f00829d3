/* stellar-frame-filter.c: which frames the protocol inspector shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include "stellar-frame-filter.h"

/* Matches frames of the visible kinds (all but heartbeats at first) whose
 * label or text contains #StellarFrameFilter:text, ignoring case. */
struct _StellarFrameFilter
{
  GtkFilter  parent_instance;

  char      *text;
  /* the text as matched: ASCII lowered, or casefolded when not ASCII */
  char      *needle;
  gboolean   needle_is_ascii;
  guint      hidden_kinds;
};

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SHOW_HEARTBEATS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarFrameFilter, stellar_frame_filter, GTK_TYPE_FILTER)

#define KIND_BIT(kind) (1u << (kind))

static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  gsize length = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
contains (StellarFrameFilter *self,
          const char         *haystack)
{
  g_autofree char *folded = NULL;

  if (self->needle_is_ascii)
    return contains_ascii_nocase (haystack, self->needle);

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, self->needle) != NULL;
}

static gboolean
stellar_frame_filter_match (GtkFilter *filter,
                            gpointer   item)
{
  StellarFrameFilter *self = STELLAR_FRAME_FILTER (filter);
  StellarFrame *frame = item;

  if (self->hidden_kinds & KIND_BIT (stellar_frame_get_kind (frame)))
    return FALSE;

  if (self->needle == NULL)
    return TRUE;

  return contains (self, stellar_frame_get_label (frame)) || contains (self, stellar_frame_get_text (frame));
}

static GtkFilterMatch
stellar_frame_filter_get_strictness (GtkFilter *filter)
{
  StellarFrameFilter *self = STELLAR_FRAME_FILTER (filter);

  if (self->hidden_kinds == 0 && self->needle == NULL)
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
stellar_frame_filter_finalize (GObject *object)
{
  StellarFrameFilter *self = STELLAR_FRAME_FILTER (object);

  g_free (self->text);
  g_free (self->needle);

  G_OBJECT_CLASS (stellar_frame_filter_parent_class)->finalize (object);
}

static void
stellar_frame_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StellarFrameFilter *self = STELLAR_FRAME_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SHOW_HEARTBEATS:
      g_value_set_boolean (value, stellar_frame_filter_get_show_heartbeats (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StellarFrameFilter *self = STELLAR_FRAME_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      stellar_frame_filter_set_text (self, g_value_get_string (value));
      break;

    case PROP_SHOW_HEARTBEATS:
      stellar_frame_filter_set_show_heartbeats (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_filter_class_init (StellarFrameFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = stellar_frame_filter_finalize;
  object_class->get_property = stellar_frame_filter_get_property;
  object_class->set_property = stellar_frame_filter_set_property;

  filter_class->match = stellar_frame_filter_match;
  filter_class->get_strictness = stellar_frame_filter_get_strictness;

  /**
   * StellarFrameFilter:text:
   *
   * Text that the label or the text of a frame must contain, ignoring
   * case; %NULL or empty matches every frame.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarFrameFilter:show-heartbeats:
   *
   * Whether Primus pings and pongs are shown; they are not at first.
   */
  properties[PROP_SHOW_HEARTBEATS] =
    g_param_spec_boolean ("show-heartbeats", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_frame_filter_init (StellarFrameFilter *self)
{
  self->hidden_kinds = KIND_BIT (STELLAR_FRAME_KIND_HEARTBEAT);
}

/**
 * stellar_frame_filter_new:
 *
 * Returns: (transfer full): a filter that hides heartbeats
 */
StellarFrameFilter *
stellar_frame_filter_new (void)
{
  return g_object_new (STELLAR_TYPE_FRAME_FILTER, NULL);
}

/**
 * stellar_frame_filter_get_text:
 * @self: a #StellarFrameFilter
 *
 * Returns: (nullable): the text frames must contain
 */
const char *
stellar_frame_filter_get_text (StellarFrameFilter *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_FILTER (self), NULL);

  return self->text;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

/**
 * stellar_frame_filter_set_text:
 * @self: a #StellarFrameFilter
 * @text: (nullable): the text frames must contain
 */
void
stellar_frame_filter_set_text (StellarFrameFilter *self,
                               const char         *text)
{
  g_autofree char *old_needle = NULL;
  GtkFilterChange change;

  g_return_if_fail (STELLAR_IS_FRAME_FILTER (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;

  old_needle = g_steal_pointer (&self->needle);
  g_free (self->text);
  self->text = g_strdup (text);

  if (text != NULL)
    {
      self->needle_is_ascii = is_ascii (text);
      self->needle = self->needle_is_ascii ? g_strdup (text) : g_utf8_casefold (text, -1);
    }

  /* A longer text (or a first one) matches fewer frames; a shorter one more. */
  if (old_needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (self->needle_is_ascii && g_ascii_strncasecmp (self->needle, old_needle, strlen (old_needle)) == 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle_is_ascii && g_ascii_strncasecmp (old_needle, self->needle, strlen (self->needle)) == 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * stellar_frame_filter_get_kind_visible:
 * @self: a #StellarFrameFilter
 * @kind: a kind of frame
 *
 * Returns: whether frames of @kind are shown
 */
gboolean
stellar_frame_filter_get_kind_visible (StellarFrameFilter *self,
                                       StellarFrameKind    kind)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_FILTER (self), FALSE);
  g_return_val_if_fail (kind < STELLAR_FRAME_N_KINDS, FALSE);

  return (self->hidden_kinds & KIND_BIT (kind)) == 0;
}

/**
 * stellar_frame_filter_set_kind_visible:
 * @self: a #StellarFrameFilter
 * @kind: a kind of frame
 * @visible: whether to show frames of @kind
 */
void
stellar_frame_filter_set_kind_visible (StellarFrameFilter *self,
                                       StellarFrameKind    kind,
                                       gboolean            visible)
{
  g_return_if_fail (STELLAR_IS_FRAME_FILTER (self));
  g_return_if_fail (kind < STELLAR_FRAME_N_KINDS);

  if (stellar_frame_filter_get_kind_visible (self, kind) == !!visible)
    return;

  if (visible)
    self->hidden_kinds &= ~KIND_BIT (kind);
  else
    self->hidden_kinds |= KIND_BIT (kind);

  gtk_filter_changed (GTK_FILTER (self), visible ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
  if (kind == STELLAR_FRAME_KIND_HEARTBEAT)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HEARTBEATS]);
}

/**
 * stellar_frame_filter_get_show_heartbeats:
 * @self: a #StellarFrameFilter
 *
 * Returns: whether heartbeats are shown
 */
gboolean
stellar_frame_filter_get_show_heartbeats (StellarFrameFilter *self)
{
  return stellar_frame_filter_get_kind_visible (self, STELLAR_FRAME_KIND_HEARTBEAT);
}

/**
 * stellar_frame_filter_set_show_heartbeats:
 * @self: a #StellarFrameFilter
 * @show: whether to show heartbeats
 */
void
stellar_frame_filter_set_show_heartbeats (StellarFrameFilter *self,
                                          gboolean            show)
{
  stellar_frame_filter_set_kind_visible (self, STELLAR_FRAME_KIND_HEARTBEAT, show);
}
