/* stellar-frame-details.c: one frame of the protocol inspector, in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-frame-details.h"
#include "stellar-frame-format.h"

/* What the list of frames cannot show: the frame's figures, who answered
 * whom, what an interceptor added, and the frame itself, as a tree of its
 * values (expanded only where the person opens it) or as indented text.
 * The frame stays shown after it left the log: the person may still be
 * reading it. */

/* The most text the text view shows: a frame can be megabytes long, and
 * a text view lays all of it out at once. Copy gives all of it. */
#define MAX_SHOWN_TEXT (256 * 1024)

struct _StellarFrameDetails
{
  GtkWidget     parent_instance;

  StellarFrame *frame;
  GSignalGroup *frame_signals;
  GtkSingleSelection *tree_selection;

  /* template children */
  GtkLabel     *title_label;
  GtkLabel     *facts_label;
  GtkLabel     *added_label;
  GtkButton    *peer_button;
  GtkWidget    *view_switcher;
  GtkStack     *view_stack;
  GtkListView  *tree_view;
  GtkTextView  *text_view;
};

enum {
  PROP_0,
  PROP_FRAME,
  N_PROPS
};

enum {
  GO_TO_FRAME,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarFrameDetails, stellar_frame_details, GTK_TYPE_WIDGET)

/* --- the frame's figures ------------------------------------------------- */

static void
update_facts (StellarFrameDetails *self)
{
  StellarFrame *frame = self->frame;
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *direction = stellar_frame_format_direction (frame);
  g_autofree char *time = stellar_frame_format_time (stellar_frame_get_time (frame));
  g_autofree char *size = stellar_frame_format_size (stellar_frame_get_size (frame));
  gint64 latency_ms = stellar_frame_get_latency_ms (frame);
  guint64 peer_id = stellar_frame_get_peer_id (frame);

  /* Translators: "Sent at 10:42:07.031 · 62 bytes": a frame's direction, time and size */
  g_string_append_printf (facts, _("%s at %s · %s"), direction, time, size);

  if (stellar_frame_get_message_count (frame) > 0)
    /* Translators: the Stellar messageCount of a frame, and the number of its connection */
    g_string_append_printf (facts, _(" · messageCount %lld on connection %u"),
                            (long long) stellar_frame_get_message_count (frame),
                            stellar_frame_get_connection (frame));

  if (peer_id != 0 && latency_ms >= 0)
    {
      g_autofree char *latency = stellar_frame_format_latency (latency_ms);

      g_string_append (facts, " · ");
      if (stellar_frame_get_outgoing (frame))
        /* Translators: %s is a latency, "12 ms" */
        g_string_append_printf (facts, _("answered in %s"), latency);
      else
        /* Translators: %s is a latency, "12 ms" */
        g_string_append_printf (facts, _("answers a request of %s before"), latency);
    }

  gtk_label_set_text (self->facts_label, facts->str);

  gtk_widget_set_visible (GTK_WIDGET (self->peer_button), peer_id != 0);
  gtk_button_set_label (self->peer_button,
                        stellar_frame_get_outgoing (frame) ? _("Go to Response") : _("Go to Request"));
}

static void
update_added (StellarFrameDetails *self)
{
  const char * const *added = stellar_frame_get_added_params (self->frame);

  gtk_widget_set_visible (GTK_WIDGET (self->added_label), added != NULL);
  if (added != NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", (char **) added);
      g_autofree char *text = NULL;

      /* Translators: the parameters the server's default parameters added
       * to an action call, "added: token, tenant" */
      text = g_strdup_printf (_("added: %s"), keys);
      gtk_label_set_text (self->added_label, text);
    }
}

/* --- the frame itself ---------------------------------------------------- */

static void
setup_tree_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key = gtk_label_new (NULL);
  GtkWidget *preview = gtk_label_new (NULL);

  gtk_widget_add_css_class (key, "json-key");
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_ellipsize (GTK_LABEL (preview), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (preview, TRUE);
  gtk_widget_add_css_class (preview, "json-value");
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), preview);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_tree_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  StellarJsonItem *json_item = gtk_tree_list_row_get_item (row);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *key = gtk_widget_get_first_child (box);
  GtkWidget *preview = gtk_widget_get_last_child (box);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  if (stellar_json_item_get_key (json_item) != NULL)
    name = g_strdup (stellar_json_item_get_key (json_item));
  else if (stellar_json_item_get_index (json_item) >= 0)
    name = g_strdup_printf ("[%d]", stellar_json_item_get_index (json_item));

  gtk_label_set_text (GTK_LABEL (key), name != NULL ? name : "");
  gtk_widget_set_visible (key, name != NULL);
  gtk_label_set_text (GTK_LABEL (preview), stellar_json_item_get_preview (json_item));

  /* Translators: how a screen reader reads a value of a frame: its name, then the value */
  label = name != NULL ? g_strdup_printf (_("%s: %s"), name, stellar_json_item_get_preview (json_item))
                       : g_strdup (stellar_json_item_get_preview (json_item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  g_object_unref (json_item);
}

static void
unbind_tree_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

static void
show_contents (StellarFrameDetails *self)
{
  g_autoptr(StellarJsonTree) tree = stellar_frame_create_json_tree (self->frame);
  g_autofree char *pretty = NULL;
  const char *text;
  gsize length;

  if (tree != NULL)
    {
      GtkTreeListModel *rows = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (tree)), FALSE, FALSE,
                                                        stellar_json_tree_create_child_model, NULL, NULL);

      gtk_single_selection_set_model (self->tree_selection, G_LIST_MODEL (rows));
      g_object_unref (rows);
      pretty = stellar_json_tree_dup_text (tree);
    }
  else
    {
      gtk_single_selection_set_model (self->tree_selection, NULL);
      gtk_stack_set_visible_child_name (self->view_stack, "text");
    }

  /* Only JSON has a tree. */
  gtk_widget_set_visible (self->view_switcher, tree != NULL);

  text = pretty != NULL ? pretty : stellar_frame_get_text (self->frame);
  length = strlen (text);
  if (length > MAX_SHOWN_TEXT)
    {
      g_autofree char *more = NULL;
      g_autofree char *rest = NULL;
      const char *end = g_utf8_find_prev_char (text, text + MAX_SHOWN_TEXT);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter iter;

      gtk_text_buffer_set_text (buffer, text, end - text);
      gtk_text_buffer_get_end_iter (buffer, &iter);
      rest = g_format_size (length - (end - text));
      /* Translators: %s is a size, "4.2 MB" */
      more = g_strdup_printf (_("\n… and %s more: copy or export the frame for all of it"), rest);
      gtk_text_buffer_insert (buffer, &iter, more, -1);
    }
  else
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, length);
    }
}

/* --- actions ------------------------------------------------------------- */

static void
go_to_peer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StellarFrameDetails *self = STELLAR_FRAME_DETAILS (widget);

  if (self->frame != NULL && stellar_frame_get_peer_id (self->frame) != 0)
    g_signal_emit (self, signals[GO_TO_FRAME], 0, stellar_frame_get_peer_id (self->frame));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StellarFrameDetails *self = STELLAR_FRAME_DETAILS (widget);

  if (self->frame != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), stellar_frame_get_text (self->frame));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_frame_details_dispose (GObject *object)
{
  StellarFrameDetails *self = STELLAR_FRAME_DETAILS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_FRAME_DETAILS);
  /* the header and the pages are not bound children */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->frame_signals);
  g_clear_object (&self->frame);
  g_clear_object (&self->tree_selection);

  G_OBJECT_CLASS (stellar_frame_details_parent_class)->dispose (object);
}

static void
stellar_frame_details_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StellarFrameDetails *self = STELLAR_FRAME_DETAILS (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      g_value_set_object (value, self->frame);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_details_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StellarFrameDetails *self = STELLAR_FRAME_DETAILS (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      stellar_frame_details_set_frame (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_details_class_init (StellarFrameDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_frame_details_dispose;
  object_class->get_property = stellar_frame_details_get_property;
  object_class->set_property = stellar_frame_details_set_property;

  /**
   * StellarFrameDetails:frame:
   *
   * The frame shown.
   */
  properties[PROP_FRAME] =
    g_param_spec_object ("frame", NULL, NULL,
                         STELLAR_TYPE_FRAME,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarFrameDetails::go-to-frame:
   * @self: a #StellarFrameDetails
   * @id: the id of a frame in the log
   *
   * Emitted when the person asks for the frame paired with the one shown.
   */
  signals[GO_TO_FRAME] =
    g_signal_new ("go-to-frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT64);

  /**
   * StellarFrameDetails::closed:
   * @self: a #StellarFrameDetails
   *
   * Emitted when the person closes the details.
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "frame-details.go-to-peer", NULL, go_to_peer_action);
  gtk_widget_class_install_action (widget_class, "frame-details.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "frame-details.close", NULL, close_action);

  gtk_widget_class_set_css_name (widget_class, "framedetails");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-frame-details.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, facts_label);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, added_label);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, peer_button);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, tree_view);
  gtk_widget_class_bind_template_child (widget_class, StellarFrameDetails, text_view);
}

static void
stellar_frame_details_init (StellarFrameDetails *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_tree_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tree_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tree_row), NULL);
  gtk_list_view_set_factory (self->tree_view, factory);

  self->tree_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->tree_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->tree_selection, TRUE);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->tree_selection));

  /* The pairing comes later than the frame, and so may what was added. */
  self->frame_signals = g_signal_group_new (STELLAR_TYPE_FRAME);
  g_signal_group_connect_swapped (self->frame_signals, "notify::peer-id", G_CALLBACK (update_facts), self);
  g_signal_group_connect_swapped (self->frame_signals, "notify::latency-ms", G_CALLBACK (update_facts), self);
  g_signal_group_connect_swapped (self->frame_signals, "notify::message-count", G_CALLBACK (update_facts), self);
  g_signal_group_connect_swapped (self->frame_signals, "notify::added-params", G_CALLBACK (update_added), self);
}

/**
 * stellar_frame_details_get_frame:
 * @self: a #StellarFrameDetails
 *
 * Returns: (transfer none) (nullable): the frame shown
 */
StellarFrame *
stellar_frame_details_get_frame (StellarFrameDetails *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_DETAILS (self), NULL);

  return self->frame;
}

/**
 * stellar_frame_details_set_frame:
 * @self: a #StellarFrameDetails
 * @frame: (nullable): the frame to show
 */
void
stellar_frame_details_set_frame (StellarFrameDetails *self,
                                 StellarFrame        *frame)
{
  g_return_if_fail (STELLAR_IS_FRAME_DETAILS (self));
  g_return_if_fail (frame == NULL || STELLAR_IS_FRAME (frame));

  if (!g_set_object (&self->frame, frame))
    return;

  g_signal_group_set_target (self->frame_signals, frame);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "frame-details.copy", frame != NULL);
  if (frame != NULL)
    {
      gtk_label_set_text (self->title_label, stellar_frame_get_label (frame));
      update_facts (self);
      update_added (self);
      show_contents (self);
    }
  else
    {
      gtk_single_selection_set_model (self->tree_selection, NULL);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}
