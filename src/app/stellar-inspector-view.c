/* stellar-inspector-view.c: the protocol inspector, every frame in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-file-chooser.h"
#include "stellar-frame-details.h"
#include "stellar-frame-filter.h"
#include "stellar-frame-format.h"
#include "stellar-inspector-view.h"
#include "stellar-scroll-follower.h"

/* The session's frame log, through a filter (text and kinds; heartbeats
 * hidden at first), in a column view: direction, time, label, count, size,
 * latency. The log gives its changes in batches, so what this view does
 * per change is bounded by what it shows, never by the log's size: a
 * flood scrolls by without blocking the window.
 *
 * The list follows new frames while it is scrolled to the end, and stays
 * where it is once the person scrolls up. The selected frame is shown in
 * full below the list, and stays shown after it left the log. */

/* How far from the end the list still counts as at the end, in pixels. */
#define END_SLACK 4.0

struct _StellarInspectorView
{
  GtkWidget           parent_instance;

  StellarSession     *session;
  StellarFrameFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GBindingGroup      *log_bindings;
  GSignalGroup       *log_signals;
  GtkFileChooserNative *export_chooser;
  GCancellable       *cancellable;
  StellarScrollFollower *follower;

  /* template children */
  GtkSearchEntry     *filter_entry;
  GtkToggleButton    *follow_button;
  GtkToggleButton    *pause_button;
  GtkCheckButton     *actions_check;
  GtkCheckButton     *verbs_check;
  GtkCheckButton     *chat_check;
  GtkCheckButton     *events_check;
  GtkCheckButton     *notices_check;
  GtkCheckButton     *heartbeats_check;
  GtkCheckButton     *other_check;
  GtkRevealer        *paused_revealer;
  GtkLabel           *paused_label;
  GtkPaned           *paned;
  GtkScrolledWindow  *frames_scroller;
  GtkColumnView      *frames_view;
  AdwStatusPage      *empty_page;
  StellarFrameDetails *details;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarInspectorView, stellar_inspector_view, GTK_TYPE_WIDGET)

static StellarFrameLog *
get_log (StellarInspectorView *self)
{
  return self->session != NULL ? stellar_session_get_frame_log (self->session) : NULL;
}

static void
add_toast (StellarInspectorView *self,
           const char           *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* --- the columns --------------------------------------------------------- */

/* A cell whose text follows a property of its frame: the pairing and the
 * count may come after the frame is shown. */
typedef gboolean (*CellTransform) (GBinding *, const GValue *, GValue *, gpointer);

static void
setup_label_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0 : 0.0;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (xalign > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
unbind_label_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GBinding *binding = g_object_get_data (G_OBJECT (label), "stellar-binding");

  if (binding != NULL)
    {
      g_binding_unbind (binding);
      g_object_set_data (G_OBJECT (label), "stellar-binding", NULL);
    }
}

static void
bind_followed (GtkListItem   *item,
               const char    *property,
               CellTransform  transform)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GBinding *binding;

  binding = g_object_bind_property_full (gtk_list_item_get_item (item), property, label, "label",
                                         G_BINDING_SYNC_CREATE, transform, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (label), "stellar-binding", binding);
}

/* The tooltip is asked for when it is shown: setting one asks the X server
 * where the pointer is, two round trips that a flood of frames would pay on
 * every row it binds. */
static gboolean
on_direction_query_tooltip (GtkWidget  *image,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip,
                            gpointer    user_data)
{
  const char *direction = g_object_get_data (G_OBJECT (image), "stellar-direction");

  gtk_tooltip_set_text (tooltip, direction);
  return direction != NULL;
}

static void
setup_direction_cell (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_has_tooltip (image, TRUE);
  g_signal_connect (image, "query-tooltip", G_CALLBACK (on_direction_query_tooltip), NULL);
  gtk_list_item_set_child (item, image);
}

static void
bind_direction_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  StellarFrame *frame = gtk_list_item_get_item (item);
  GtkWidget *image = gtk_list_item_get_child (item);
  g_autofree char *direction = stellar_frame_format_direction (frame);
  gboolean outgoing = stellar_frame_get_outgoing (frame);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), outgoing ? "go-up-symbolic" : "go-down-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, direction, -1);
  g_object_set_data_full (G_OBJECT (image), "stellar-direction", g_steal_pointer (&direction), g_free);
  if (outgoing)
    {
      gtk_widget_add_css_class (image, "frame-sent");
      gtk_widget_remove_css_class (image, "frame-received");
    }
  else
    {
      gtk_widget_add_css_class (image, "frame-received");
      gtk_widget_remove_css_class (image, "frame-sent");
    }
}

static void
bind_time_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  StellarFrame *frame = gtk_list_item_get_item (item);
  g_autofree char *time = stellar_frame_format_time (stellar_frame_get_time (frame));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), time);
}

static void
bind_label_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  StellarFrame *frame = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  StellarFrameKind kind = stellar_frame_get_kind (frame);

  gtk_label_set_text (GTK_LABEL (label), stellar_frame_get_label (frame));

  if (kind == STELLAR_FRAME_KIND_HEARTBEAT)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");

  if (kind == STELLAR_FRAME_KIND_MALFORMED)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static gboolean
format_count (GBinding     *binding,
              const GValue *from_value,
              GValue       *to_value,
              gpointer      user_data)
{
  gint64 count = g_value_get_int64 (from_value);

  g_value_take_string (to_value, count > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup (""));
  return TRUE;
}

static void
bind_count_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_followed (item, "message-count", format_count);
}

static void
bind_size_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  StellarFrame *frame = gtk_list_item_get_item (item);
  g_autofree char *size = stellar_frame_format_size (stellar_frame_get_size (frame));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), size);
}

static gboolean
format_latency (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  g_value_take_string (to_value, stellar_frame_format_latency (g_value_get_int64 (from_value)));
  return TRUE;
}

static void
bind_latency_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  bind_followed (item, "latency-ms", format_latency);
}

static void
add_column (StellarInspectorView *self,
            const char           *title,
            GCallback             setup,
            gpointer              setup_data,
            GCallback             bind,
            gboolean              followed,
            int                   fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, NULL);
  if (followed)
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cell), NULL);

  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->frames_view, column);
}

static void
add_columns (StellarInspectorView *self)
{
  add_column (self, NULL, G_CALLBACK (setup_direction_cell), NULL,
              G_CALLBACK (bind_direction_cell), FALSE, 36);
  add_column (self, _("Time"), G_CALLBACK (setup_label_cell), GINT_TO_POINTER (FALSE),
              G_CALLBACK (bind_time_cell), FALSE, 110);
  add_column (self, _("Frame"), G_CALLBACK (setup_label_cell), GINT_TO_POINTER (FALSE),
              G_CALLBACK (bind_label_cell), FALSE, -1);
  /* Translators: the column of the frames' messageCount */
  add_column (self, C_("frames column", "Count"), G_CALLBACK (setup_label_cell), GINT_TO_POINTER (TRUE),
              G_CALLBACK (bind_count_cell), TRUE, 70);
  add_column (self, _("Size"), G_CALLBACK (setup_label_cell), GINT_TO_POINTER (TRUE),
              G_CALLBACK (bind_size_cell), FALSE, 90);
  add_column (self, _("Latency"), G_CALLBACK (setup_label_cell), GINT_TO_POINTER (TRUE),
              G_CALLBACK (bind_latency_cell), TRUE, 80);
}

/* --- following the end --------------------------------------------------- */

static gboolean
is_following (StellarInspectorView *self)
{
  return stellar_scroll_follower_get_following (self->follower);
}

static void
on_following_changed (StellarInspectorView *self)
{
  gtk_toggle_button_set_active (self->follow_button, is_following (self));
}

static void
on_follow_toggled (StellarInspectorView *self,
                   GtkToggleButton      *button)
{
  if (gtk_toggle_button_get_active (button) != is_following (self))
    stellar_scroll_follower_set_following (self->follower, gtk_toggle_button_get_active (button));
}

/* Brings row @position into view. The column view keeps its rows in a
 * list view, whose "list.scroll-to-item" holds on to the row through the
 * layout changes that follow (the details pane opening). */
static void
scroll_to_position (StellarInspectorView *self,
                    guint                 position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->frames_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

/* --- what the list shows ------------------------------------------------- */

static void
update_empty_page (StellarInspectorView *self)
{
  StellarFrameLog *log = get_log (self);
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), empty);
  if (!empty)
    return;

  if (log == NULL || g_list_model_get_n_items (G_LIST_MODEL (log)) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Frames"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every frame sent to the server or received from it shows here"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Frames"));
      adw_status_page_set_description (self->empty_page,
                                       _("Change the filter, or the kinds of frames shown"));
    }
}

static void
on_frames_changed (StellarInspectorView *self,
                   guint                 position,
                   guint                 removed,
                   guint                 added,
                   GListModel           *model)
{
  update_empty_page (self);

  if (added > 0)
    stellar_scroll_follower_follow_end (self->follower);
}

static void
on_filter_changed (StellarInspectorView *self,
                   GtkSearchEntry       *entry)
{
  stellar_frame_filter_set_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static const struct {
  const char       *check;
  StellarFrameKind  kinds[2];
} kind_checks[] = {
  { "actions_check", { STELLAR_FRAME_KIND_ACTION_REQUEST, STELLAR_FRAME_KIND_ACTION_RESPONSE } },
  { "verbs_check", { STELLAR_FRAME_KIND_VERB_REQUEST, STELLAR_FRAME_KIND_VERB_REPLY } },
  { "chat_check", { STELLAR_FRAME_KIND_CHAT_MESSAGE, STELLAR_FRAME_KIND_CHAT_MESSAGE } },
  { "events_check", { STELLAR_FRAME_KIND_ROOM_EVENT, STELLAR_FRAME_KIND_ROOM_EVENT } },
  { "notices_check", { STELLAR_FRAME_KIND_WELCOME, STELLAR_FRAME_KIND_ALERT } },
  { "heartbeats_check", { STELLAR_FRAME_KIND_HEARTBEAT, STELLAR_FRAME_KIND_HEARTBEAT } },
  { "other_check", { STELLAR_FRAME_KIND_OTHER, STELLAR_FRAME_KIND_MALFORMED } },
};

static GtkCheckButton *
get_kind_check (StellarInspectorView *self,
                guint                 index)
{
  return GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), STELLAR_TYPE_INSPECTOR_VIEW,
                                                          kind_checks[index].check));
}

static void
on_kind_toggled (StellarInspectorView *self,
                 GtkCheckButton       *check)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_checks); i++)
    {
      if (get_kind_check (self, i) != check)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (kind_checks[i].kinds); k++)
        stellar_frame_filter_set_kind_visible (self->filter, kind_checks[i].kinds[k],
                                               gtk_check_button_get_active (check));
    }
}

/* The filter shows @frame from now on: its kind, and no text. */
static void
reveal_in_filter (StellarInspectorView *self,
                  StellarFrame         *frame)
{
  if (gtk_filter_match (GTK_FILTER (self->filter), frame))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  stellar_frame_filter_set_text (self->filter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kind_checks); i++)
    for (guint k = 0; k < G_N_ELEMENTS (kind_checks[i].kinds); k++)
      if (kind_checks[i].kinds[k] == stellar_frame_get_kind (frame))
        gtk_check_button_set_active (get_kind_check (self, i), TRUE);
}

/* Where the filtered list shows frame @id: ids rise along the list. */
static gboolean
find_shown (StellarInspectorView *self,
            guint64               id,
            guint                *position)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint low = 0;
  guint high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(StellarFrame) frame = g_list_model_get_item (model, middle);
      guint64 middle_id = stellar_frame_get_id (frame);

      if (middle_id == id)
        {
          *position = middle;
          return TRUE;
        }
      if (middle_id < id)
        low = middle + 1;
      else
        high = middle;
    }

  return FALSE;
}

/* --- details ------------------------------------------------------------- */

static void
on_selection_changed (StellarInspectorView *self)
{
  StellarFrame *frame = gtk_single_selection_get_selected_item (self->selection);

  /* A frame that left the log stays shown until another is chosen. */
  if (frame == NULL)
    return;

  stellar_frame_details_set_frame (self->details, frame);
  gtk_widget_set_visible (GTK_WIDGET (self->details), TRUE);
}

static void
on_go_to_frame (StellarInspectorView *self,
                guint64               id,
                StellarFrameDetails  *details)
{
  if (!stellar_inspector_view_show_frame (self, id))
    add_toast (self, _("That frame is no longer in the inspector"));
}

static void
on_details_closed (StellarInspectorView *self,
                   StellarFrameDetails  *details)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  stellar_frame_details_set_frame (details, NULL);
  gtk_widget_set_visible (GTK_WIDGET (details), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->frames_view));
}

/* --- pausing ------------------------------------------------------------- */

static void
update_paused (StellarInspectorView *self)
{
  StellarFrameLog *log = get_log (self);
  gboolean paused = log != NULL && stellar_frame_log_get_paused (log);
  const char *tooltip = paused ? _("Resume") : _("Pause");

  gtk_revealer_set_reveal_child (self->paused_revealer, paused);
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
update_held_back (StellarInspectorView *self)
{
  StellarFrameLog *log = get_log (self);
  guint held_back = log != NULL ? stellar_frame_log_get_held_back (log) : 0;
  g_autofree char *text = NULL;

  if (held_back == 0)
    text = g_strdup (_("Paused: new frames are kept, and shown when you resume"));
  else
    text = g_strdup_printf (ngettext ("Paused: %u new frame since, shown when you resume",
                                      "Paused: %u new frames since, shown when you resume",
                                      held_back),
                            held_back);
  gtk_label_set_text (self->paused_label, text);
}

/* --- actions ------------------------------------------------------------- */

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarFrameLog *log = get_log (STELLAR_INSPECTOR_VIEW (widget));

  if (log != NULL)
    stellar_frame_log_set_paused (log, FALSE);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StellarFrameLog *log = get_log (STELLAR_INSPECTOR_VIEW (widget));

  if (log != NULL)
    stellar_frame_log_clear (log);
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarInspectorView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!stellar_frame_log_export_finish (STELLAR_FRAME_LOG (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why the file could not be written */
      message = g_strdup_printf (_("Could not export the frames: %s"), error->message);
    }
  else
    {
      message = g_strdup (_("Frames exported"));
    }

  add_toast (self, message);
}

static void
on_export_response (StellarInspectorView *self,
                    int                   response,
                    GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);

  if (file != NULL)
    stellar_inspector_view_export_to_file (self, file);
}

static char *
suggest_export_name (StellarInspectorView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *server = g_strdup (stellar_session_get_title (self->session));

  g_strdelimit (server, ":/\\[]", '-');
  return g_strdup_printf ("stellar-frames-%s-%s.json", server, time);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (widget);
  g_autofree char *name = NULL;

  if (self->session == NULL || self->export_chooser != NULL)
    return;

  self->export_chooser = stellar_file_chooser_new (widget, _("Export Frames"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Export"), _("JSON Files"), "application/json", "json");
  name = suggest_export_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);

  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
update_actions (StellarInspectorView *self)
{
  gboolean has_session = self->session != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.clear", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.export", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.resume", has_session);
}

/* --- GtkWidget ----------------------------------------------------------- */

/* A hidden frame list lets go of its model: a flood of frames, or a run of
 * calls from the Actions page, would otherwise make, bind and measure rows
 * that nobody sees for every batch of frames the log publishes. Shown
 * again, it takes the model back, at its end if it follows it, else at the
 * frame selected. */
static void
stellar_inspector_view_map (GtkWidget *widget)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);

  gtk_column_view_set_model (self->frames_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (stellar_inspector_view_parent_class)->map (widget);

  if (is_following (self))
    stellar_scroll_follower_follow_end (self->follower);
  else if (selected != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, selected);
}

static void
stellar_inspector_view_unmap (GtkWidget *widget)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (widget);

  GTK_WIDGET_CLASS (stellar_inspector_view_parent_class)->unmap (widget);

  gtk_column_view_set_model (self->frames_view, NULL);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_inspector_view_dispose (GObject *object)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (object);
  GtkWidget *child;

  if (self->filter != NULL)
    stellar_inspector_view_set_session (self, NULL);

  g_cancellable_cancel (self->cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  g_clear_object (&self->follower);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_INSPECTOR_VIEW);
  /* the toolbar and the paned are not bound children */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->log_bindings);
  g_clear_object (&self->log_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (stellar_inspector_view_parent_class)->dispose (object);
}

static void
stellar_inspector_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (object);

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
stellar_inspector_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StellarInspectorView *self = STELLAR_INSPECTOR_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      stellar_inspector_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_inspector_view_class_init (StellarInspectorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_inspector_view_dispose;
  object_class->get_property = stellar_inspector_view_get_property;
  object_class->set_property = stellar_inspector_view_set_property;

  widget_class->map = stellar_inspector_view_map;
  widget_class->unmap = stellar_inspector_view_unmap;

  /**
   * StellarInspectorView:session:
   *
   * The session whose frames are shown.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "inspector.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "inspector.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "inspector.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "inspector.focus-filter", NULL, focus_filter_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "inspector.focus-filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "inspector.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "inspector.export", NULL);

  g_type_ensure (STELLAR_TYPE_FRAME_DETAILS);

  gtk_widget_class_set_css_name (widget_class, "inspectorview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-inspector-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, follow_button);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, actions_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, verbs_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, chat_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, events_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, notices_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, heartbeats_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, other_check);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, paused_revealer);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, paused_label);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, paned);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, frames_scroller);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, frames_view);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StellarInspectorView, details);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_go_to_frame);
  gtk_widget_class_bind_template_callback (widget_class, on_details_closed);
}

static void
stellar_inspector_view_init (StellarInspectorView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->filter = stellar_frame_filter_new ();
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_frames_changed), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  add_columns (self);

  self->follower = stellar_scroll_follower_new (self->frames_scroller, END_SLACK);
  g_signal_connect_object (self->follower, "notify::following",
                           G_CALLBACK (on_following_changed), self, G_CONNECT_SWAPPED);

  self->log_bindings = g_binding_group_new ();
  g_binding_group_bind (self->log_bindings, "paused", self->pause_button, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->log_signals = g_signal_group_new (STELLAR_TYPE_FRAME_LOG);
  g_signal_group_connect_swapped (self->log_signals, "notify::paused", G_CALLBACK (update_paused), self);
  g_signal_group_connect_swapped (self->log_signals, "notify::held-back", G_CALLBACK (update_held_back), self);

  update_empty_page (self);
  update_paused (self);
  update_held_back (self);
  update_actions (self);
}

StellarSession *
stellar_inspector_view_get_session (StellarInspectorView *self)
{
  g_return_val_if_fail (STELLAR_IS_INSPECTOR_VIEW (self), NULL);

  return self->session;
}

void
stellar_inspector_view_set_session (StellarInspectorView *self,
                                    StellarSession       *session)
{
  StellarFrameLog *log;

  g_return_if_fail (STELLAR_IS_INSPECTOR_VIEW (self));
  g_return_if_fail (session == NULL || STELLAR_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  log = get_log (self);

  stellar_frame_details_set_frame (self->details, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->details), FALSE);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (log));
  g_binding_group_set_source (self->log_bindings, log);
  g_signal_group_set_target (self->log_signals, log);

  update_empty_page (self);
  update_paused (self);
  update_held_back (self);
  update_actions (self);
  stellar_scroll_follower_set_following (self->follower, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * stellar_inspector_view_show_frame:
 * @self: a #StellarInspectorView
 * @id: the id of a frame in the session's log
 *
 * Selects the frame and shows it in full: the list stops following new
 * frames, and the filter lets it through.
 *
 * Returns: whether the frame was found; %FALSE when it left the log
 */
gboolean
stellar_inspector_view_show_frame (StellarInspectorView *self,
                                   guint64               id)
{
  StellarFrameLog *log;
  g_autoptr(StellarFrame) frame = NULL;
  guint position;

  g_return_val_if_fail (STELLAR_IS_INSPECTOR_VIEW (self), FALSE);

  log = get_log (self);
  if (log == NULL || id == 0)
    return FALSE;

  /* Asking for a frame that came while paused shows what came since. */
  stellar_frame_log_flush (log);
  if (!stellar_frame_log_lookup (log, id, &position) && stellar_frame_log_get_paused (log))
    stellar_frame_log_set_paused (log, FALSE);
  if (!stellar_frame_log_lookup (log, id, &position))
    return FALSE;

  frame = g_list_model_get_item (G_LIST_MODEL (log), position);
  reveal_in_filter (self, frame);
  if (!find_shown (self, id, &position))
    return FALSE;

  stellar_scroll_follower_set_following (self->follower, FALSE);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position);

  return TRUE;
}

/**
 * stellar_inspector_view_export_to_file:
 * @self: a #StellarInspectorView
 * @file: the file chosen
 *
 * What Export does once a file is chosen: writes the session's frames
 * there, then says how it went in a toast.
 */
void
stellar_inspector_view_export_to_file (StellarInspectorView *self,
                                       GFile                *file)
{
  StellarFrameLog *log;

  g_return_if_fail (STELLAR_IS_INSPECTOR_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  log = get_log (self);
  if (log == NULL)
    return;

  stellar_frame_log_export_async (log, file, stellar_session_get_url (self->session),
                                  self->cancellable, on_exported, g_object_ref (self));
}
