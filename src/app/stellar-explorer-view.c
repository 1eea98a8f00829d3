/* stellar-explorer-view.c: the Actions page, where actions are called
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "stellar-action-suggestion.h"
#include "stellar-call-search.h"
#include "stellar-collections-popover.h"
#include "stellar-default-params-dialog.h"
#include "stellar-explorer-view.h"
#include "stellar-load-test-dialog.h"
#include "stellar-param-form.h"
#include "stellar-save-request-dialog.h"

/* The page edits the explorer's request and shows its current call: the
 * action name, parameters and transport are bound both ways to the
 * request, the response follows the current call, and the history is the
 * explorer's, through a search of it. The parameters are edited as JSON
 * text or as a form, both the request's. The view keeps no data of its
 * own but the completion's copy of the suggested names, which
 * GtkEntryCompletion needs as a tree model. */
struct _StellarExplorerView
{
  GtkWidget           parent_instance;

  StellarExplorer    *explorer;
  StellarCollections *collections;
  GBindingGroup      *request_bindings;
  GSignalGroup       *explorer_signals;
  GSignalGroup       *request_signals;
  GSignalGroup       *call_signals;
  GSignalGroup       *suggestions_signals;
  GtkListStore       *completion_names;
  gboolean            catalog_requested;
  gboolean            editor_ready;
  /* what the History list shows */
  StellarCallSearch  *history_search;

  /* template children */
  GtkPaned           *paned;
  GtkEntry           *action_entry;
  GtkDropDown        *transport_dropdown;
  GtkButton          *send_button;
  GtkButton          *cancel_button;
  GtkStackSwitcher   *params_switcher;
  GtkStack           *params_stack;
  GtkSourceView      *params_view;
  StellarParamForm   *param_form;
  GtkLabel           *validation_label;
  GtkBox             *response_box;
  GtkLabel           *status_label;
  GtkLabel           *meta_label;
  GtkListView        *response_list;
  GtkSearchEntry     *history_search_entry;
  GtkListView        *history_list;
  GtkButton          *curl_button;
  GtkButton          *save_request_button;
  GtkMenuButton      *collections_button;
  StellarCollectionsPopover *collections_popover;
  GtkButton          *default_params_button;
};

enum {
  PROP_0,
  PROP_EXPLORER,
  PROP_COLLECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarExplorerView, stellar_explorer_view, GTK_TYPE_WIDGET)

static void
show_toast (StellarExplorerView *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static StellarCall *
get_current_call (StellarExplorerView *self)
{
  return self->explorer != NULL ? stellar_explorer_get_current_call (self->explorer) : NULL;
}

/* --- the request --------------------------------------------------------- */

static gboolean
transport_to_selected (GBinding     *binding,
                       const GValue *from_value,
                       GValue       *to_value,
                       gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));
  return TRUE;
}

static gboolean
selected_to_transport (GBinding     *binding,
                       const GValue *from_value,
                       GValue       *to_value,
                       gpointer      user_data)
{
  guint selected = g_value_get_uint (from_value);

  if (selected > STELLAR_TRANSPORT_HTTP)
    return FALSE;

  g_value_set_enum (to_value, (int) selected);
  return TRUE;
}

static void
update_validation (StellarExplorerView *self)
{
  StellarActionRequest *request = NULL;
  const char *message = NULL;

  if (self->explorer != NULL)
    {
      request = stellar_explorer_get_request (self->explorer);
      message = stellar_action_request_get_error_message (request);
    }

  /* The message starts with the line and column of the mistake. */
  gtk_label_set_text (self->validation_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), message != NULL);
}

static void
update_sending (StellarExplorerView *self)
{
  gboolean sending = self->explorer != NULL && stellar_explorer_get_sending (self->explorer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.send",
                                 self->explorer != NULL && stellar_explorer_get_can_send (self->explorer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.cancel", sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.run-repeatedly",
                                 self->explorer != NULL && stellar_explorer_get_can_send (self->explorer));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.copy-curl", self->explorer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.default-params", self->explorer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.save-request",
                                 self->explorer != NULL && self->collections != NULL);
}

static void
update_completion (StellarExplorerView *self)
{
  GListModel *suggestions = NULL;
  guint n_items = 0;

  gtk_list_store_clear (self->completion_names);

  if (self->explorer != NULL)
    {
      suggestions = stellar_explorer_get_suggestions (self->explorer);
      n_items = g_list_model_get_n_items (suggestions);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarActionSuggestion) suggestion = g_list_model_get_item (suggestions, i);

      gtk_list_store_insert_with_values (self->completion_names, NULL, -1,
                                         0, stellar_action_suggestion_get_name (suggestion),
                                         -1);
    }
}

static void
on_action_entry_activate (StellarExplorerView *self,
                          GtkEntry            *entry)
{
  if (gtk_stack_get_visible_child (self->params_stack) == GTK_WIDGET (self->param_form))
    gtk_widget_child_focus (GTK_WIDGET (self->param_form), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->params_view));
}

/* --- the response -------------------------------------------------------- */

static void
update_response (StellarExplorerView *self)
{
  StellarCall *call = get_current_call (self);
  g_autofree char *status = NULL;
  g_autofree char *meta = NULL;

  if (call == NULL)
    status = g_strdup (_("No response yet"));
  else
    switch (stellar_call_get_status (call))
      {
      case STELLAR_CALL_STATUS_PENDING:
        status = g_strdup (_("Sending…"));
        break;

      case STELLAR_CALL_STATUS_OK:
        status = g_strdup (_("OK"));
        break;

      case STELLAR_CALL_STATUS_ERROR:
      default:
        if (stellar_call_get_error_code (call) != NULL)
          status = g_strdup_printf (_("Error %s: %s"),
                                    stellar_call_get_error_code (call),
                                    stellar_call_get_error_message (call));
        else
          status = g_strdup_printf (_("Error: %s"), stellar_call_get_error_message (call));
        break;
      }

  if (call != NULL && stellar_call_get_status (call) != STELLAR_CALL_STATUS_PENDING)
    {
      g_autofree char *duration = g_strdup_printf ("%" G_GINT64_FORMAT, stellar_call_get_duration_ms (call));
      g_autofree char *size = g_format_size (stellar_call_get_response_size (call));

      /* Translators: the time a call took, then the size of its response */
      meta = g_strdup_printf (_("%s ms · %s"), duration, size);
    }

  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->meta_label, meta != NULL ? meta : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (call != NULL && stellar_call_get_status (call) == STELLAR_CALL_STATUS_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else if (call != NULL && stellar_call_get_status (call) == STELLAR_CALL_STATUS_OK)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.copy-response",
                                 call != NULL && stellar_call_get_response_text (call) != NULL);
}

static void
update_current_call (StellarExplorerView *self)
{
  g_signal_group_set_target (self->call_signals, get_current_call (self));
  update_response (self);
}

static void
update_response_tree (StellarExplorerView *self)
{
  StellarJsonTree *tree = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->explorer != NULL)
    tree = stellar_explorer_get_response_tree (self->explorer);

  if (tree != NULL)
    {
      GtkTreeListModel *rows = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (tree)), FALSE, FALSE,
                                                        stellar_json_tree_create_child_model, NULL, NULL);

      selection = gtk_no_selection_new (G_LIST_MODEL (rows));
    }

  gtk_list_view_set_model (self->response_list, GTK_SELECTION_MODEL (selection));
}

static void
setup_json_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key = gtk_label_new (NULL);
  GtkWidget *preview = gtk_label_new (NULL);

  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_ellipsize (GTK_LABEL (preview), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (preview), TRUE);
  gtk_widget_set_hexpand (preview, TRUE);
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), preview);
  gtk_widget_add_css_class (box, "monospace");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_json_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *key = gtk_widget_get_first_child (box);
  GtkWidget *preview = gtk_widget_get_next_sibling (key);
  g_autoptr(StellarJsonItem) item = gtk_tree_list_row_get_item (row);
  g_autofree char *key_text = NULL;

  if (stellar_json_item_get_key (item) != NULL)
    key_text = g_strdup_printf ("%s:", stellar_json_item_get_key (item));
  else if (stellar_json_item_get_index (item) >= 0)
    key_text = g_strdup_printf ("[%d]", stellar_json_item_get_index (item));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (key), key_text != NULL ? key_text : "");
  gtk_widget_set_visible (key, key_text != NULL);
  gtk_label_set_text (GTK_LABEL (preview), stellar_json_item_get_preview (item));
}

static void
unbind_json_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* --- the history --------------------------------------------------------- */

static gboolean
call_status_to_text (GBinding     *binding,
                     const GValue *from_value,
                     GValue       *to_value,
                     gpointer      user_data)
{
  g_autoptr(StellarCall) call = STELLAR_CALL (g_binding_dup_source (binding));
  g_autofree char *duration = g_strdup_printf ("%" G_GINT64_FORMAT, stellar_call_get_duration_ms (call));

  switch (g_value_get_enum (from_value))
    {
    case STELLAR_CALL_STATUS_PENDING:
      g_value_set_string (to_value, _("Sending…"));
      break;

    case STELLAR_CALL_STATUS_OK:
      /* Translators: a call that succeeded, and how long it took */
      g_value_take_string (to_value, g_strdup_printf (_("OK · %s ms"), duration));
      break;

    case STELLAR_CALL_STATUS_ERROR:
    default:
      /* Translators: a call that failed, and how long it took */
      g_value_take_string (to_value, g_strdup_printf (_("Error · %s ms"), duration));
      break;
    }

  return TRUE;
}

static void
setup_history_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *action = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (action), 0);
  gtk_label_set_ellipsize (GTK_LABEL (action), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), action);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_history_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  StellarCall *call = gtk_list_item_get_item (list_item);
  GtkWidget *action = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *detail = gtk_widget_get_next_sibling (action);
  GBinding *binding;

  gtk_label_set_text (GTK_LABEL (action), stellar_call_get_action (call));
  binding = g_object_bind_property_full (call, "status", detail, "label", G_BINDING_SYNC_CREATE,
                                         call_status_to_text, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (list_item), "status-binding", binding);
}

static void
unbind_history_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "status-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
on_history_search_changed (StellarExplorerView *self,
                           GtkSearchEntry      *entry)
{
  if (self->history_search != NULL)
    stellar_call_search_set_text (self->history_search, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_history_activate (StellarExplorerView *self,
                     guint                position,
                     GtkListView         *list_view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(StellarCall) call = g_list_model_get_item (model, position);

  if (call != NULL && self->explorer != NULL)
    stellar_explorer_show_call (self->explorer, call);
}

/* --- actions ------------------------------------------------------------- */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->explorer == NULL || !stellar_explorer_get_can_send (self->explorer))
    return;

  if (!stellar_explorer_send (self->explorer, &error))
    show_toast (self, error->message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);

  if (self->explorer != NULL)
    stellar_explorer_cancel (self->explorer);
}

static void
run_repeatedly_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->explorer == NULL || !stellar_explorer_get_can_send (self->explorer))
    return;

  gtk_window_present (GTK_WINDOW (stellar_load_test_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                self->explorer)));
}

static void
copy_response_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  StellarCall *call = get_current_call (self);

  if (call == NULL || stellar_call_get_response_text (call) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), stellar_call_get_response_text (call));
  show_toast (self, _("Response copied"));
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  if (self->explorer == NULL)
    return;

  command = stellar_explorer_build_curl (self->explorer, &error);
  if (command == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  show_toast (self, _("curl command copied"));
}

static void
on_request_saved (StellarExplorerView *self,
                  StellarCollection   *collection,
                  StellarSavedRequest *saved)
{
  /* Translators: a request was saved; %s is the collection's name */
  g_autofree char *message = g_strdup_printf (_("Saved in “%s”"), stellar_collection_get_name (collection));

  show_toast (self, message);
}

static void
save_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  StellarSaveRequestDialog *dialog;

  if (self->explorer == NULL || self->collections == NULL)
    return;

  dialog = stellar_save_request_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            self->collections, stellar_explorer_get_request (self->explorer));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_request_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
default_params_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  StellarDefaultParamsDialog *dialog;

  if (self->explorer == NULL)
    return;

  dialog = stellar_default_params_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              stellar_explorer_get_default_params (self->explorer));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_editor_scheme (StellarExplorerView *self)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->params_view)));
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes,
                                                                                  dark ? "Adwaita-dark" : "Adwaita"));
}

/* Reading GtkSourceView's JSON language is a good part of the window's
 * start, so the editor gets it when the page is first shown. */
static void
set_up_editor (StellarExplorerView *self)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->params_view)));
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  if (self->editor_ready)
    return;

  self->editor_ready = TRUE;
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "json"));
  update_editor_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_editor_scheme), self, G_CONNECT_SWAPPED);
}

/* --- the widget ---------------------------------------------------------- */

static void
stellar_explorer_view_map (GtkWidget *widget)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (widget);

  GTK_WIDGET_CLASS (stellar_explorer_view_parent_class)->map (widget);

  set_up_editor (self);

  /* The documentation is read when the page is first shown, not for every
   * connection whose explorer is never looked at. */
  if (self->explorer != NULL && !self->catalog_requested)
    {
      self->catalog_requested = TRUE;
      stellar_explorer_load_catalog (self->explorer);
    }
}

static void
stellar_explorer_view_dispose (GObject *object)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (object);

  if (self->action_entry != NULL)
    stellar_explorer_view_set_explorer (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_EXPLORER_VIEW);
  g_clear_object (&self->request_bindings);
  g_clear_object (&self->explorer_signals);
  g_clear_object (&self->request_signals);
  g_clear_object (&self->call_signals);
  g_clear_object (&self->suggestions_signals);
  g_clear_object (&self->completion_names);
  g_clear_object (&self->history_search);
  g_clear_object (&self->collections);

  G_OBJECT_CLASS (stellar_explorer_view_parent_class)->dispose (object);
}

static void
stellar_explorer_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPLORER:
      g_value_set_object (value, self->explorer);
      break;

    case PROP_COLLECTIONS:
      g_value_set_object (value, self->collections);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_explorer_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StellarExplorerView *self = STELLAR_EXPLORER_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPLORER:
      stellar_explorer_view_set_explorer (self, g_value_get_object (value));
      break;

    case PROP_COLLECTIONS:
      stellar_explorer_view_set_collections (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_explorer_view_class_init (StellarExplorerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_explorer_view_dispose;
  object_class->get_property = stellar_explorer_view_get_property;
  object_class->set_property = stellar_explorer_view_set_property;

  widget_class->map = stellar_explorer_view_map;

  /**
   * StellarExplorerView:explorer:
   *
   * The explorer whose request is edited and whose calls are shown.
   */
  properties[PROP_EXPLORER] =
    g_param_spec_object ("explorer", NULL, NULL,
                         STELLAR_TYPE_EXPLORER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarExplorerView:collections:
   *
   * The collections requests are saved in and opened from.
   */
  properties[PROP_COLLECTIONS] =
    g_param_spec_object ("collections", NULL, NULL,
                         STELLAR_TYPE_COLLECTIONS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "explorer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "explorer.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "explorer.run-repeatedly", NULL, run_repeatedly_action);
  gtk_widget_class_install_action (widget_class, "explorer.copy-response", NULL, copy_response_action);
  gtk_widget_class_install_action (widget_class, "explorer.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "explorer.save-request", NULL, save_request_action);
  gtk_widget_class_install_action (widget_class, "explorer.default-params", NULL, default_params_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "explorer.save-request", NULL);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (STELLAR_TYPE_PARAM_FORM);
  g_type_ensure (STELLAR_TYPE_COLLECTIONS_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-explorer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, paned);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, action_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, transport_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, send_button);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, params_switcher);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, params_stack);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, params_view);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, param_form);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, validation_label);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, response_box);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, status_label);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, response_list);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, history_search_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, history_list);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, curl_button);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, save_request_button);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, collections_button);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, collections_popover);
  gtk_widget_class_bind_template_child (widget_class, StellarExplorerView, default_params_button);
  gtk_widget_class_bind_template_callback (widget_class, on_action_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_history_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_history_activate);
}

static GtkListItemFactory *
new_factory (GCallback setup,
             GCallback bind,
             GCallback unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  g_signal_connect (factory, "unbind", unbind, NULL);

  return factory;
}

static void
set_up_completion (StellarExplorerView *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  self->completion_names = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completion_names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_selection (completion, TRUE);
  gtk_entry_set_completion (self->action_entry, completion);
}

static void
stellar_explorer_view_init (StellarExplorerView *self)
{
  GtkEventController *shortcuts;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  set_up_completion (self);

  /* Ctrl+Enter sends from anywhere on the page, the editor included,
   * which would otherwise take the key first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("explorer.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_list_view_set_factory (self->response_list,
                             new_factory (G_CALLBACK (setup_json_row),
                                          G_CALLBACK (bind_json_row),
                                          G_CALLBACK (unbind_json_row)));
  gtk_list_view_set_factory (self->history_list,
                             new_factory (G_CALLBACK (setup_history_row),
                                          G_CALLBACK (bind_history_row),
                                          G_CALLBACK (unbind_history_row)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->params_view));
  self->request_bindings = g_binding_group_new ();
  g_binding_group_bind (self->request_bindings, "action", self->action_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->request_bindings, "params-text", buffer, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind_full (self->request_bindings, "transport", self->transport_dropdown, "selected",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             transport_to_selected, selected_to_transport, NULL, NULL);

  self->explorer_signals = g_signal_group_new (STELLAR_TYPE_EXPLORER);
  g_signal_group_connect_object (self->explorer_signals, "notify::can-send",
                                 G_CALLBACK (update_sending), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::sending",
                                 G_CALLBACK (update_sending), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::current-call",
                                 G_CALLBACK (update_current_call), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->explorer_signals, "notify::response-tree",
                                 G_CALLBACK (update_response_tree), self, G_CONNECT_SWAPPED);

  self->request_signals = g_signal_group_new (STELLAR_TYPE_ACTION_REQUEST);
  g_signal_group_connect_object (self->request_signals, "notify::error-message",
                                 G_CALLBACK (update_validation), self, G_CONNECT_SWAPPED);

  self->call_signals = g_signal_group_new (STELLAR_TYPE_CALL);
  g_signal_group_connect_object (self->call_signals, "notify::status",
                                 G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);

  self->suggestions_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->suggestions_signals, "items-changed",
                                 G_CALLBACK (update_completion), self, G_CONNECT_SWAPPED);

  update_sending (self);
  update_validation (self);
  update_response (self);
}

/**
 * stellar_explorer_view_get_explorer:
 * @self: a #StellarExplorerView
 *
 * Returns: (transfer none) (nullable): the explorer shown
 */
StellarExplorer *
stellar_explorer_view_get_explorer (StellarExplorerView *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER_VIEW (self), NULL);

  return self->explorer;
}

/**
 * stellar_explorer_view_set_explorer:
 * @self: a #StellarExplorerView
 * @explorer: (nullable): the explorer to show
 *
 * Shows @explorer's request, current call and history.
 */
void
stellar_explorer_view_set_explorer (StellarExplorerView *self,
                                    StellarExplorer     *explorer)
{
  StellarActionRequest *request = NULL;
  g_autoptr(GtkSingleSelection) history = NULL;

  g_return_if_fail (STELLAR_IS_EXPLORER_VIEW (self));
  g_return_if_fail (explorer == NULL || STELLAR_IS_EXPLORER (explorer));

  if (!g_set_object (&self->explorer, explorer))
    return;

  g_clear_object (&self->history_search);
  gtk_editable_set_text (GTK_EDITABLE (self->history_search_entry), "");

  if (explorer != NULL)
    {
      request = stellar_explorer_get_request (explorer);
      self->history_search = stellar_call_search_new (stellar_explorer_get_history (explorer));
      history = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->history_search)));
      gtk_single_selection_set_autoselect (history, FALSE);
      gtk_single_selection_set_can_unselect (history, TRUE);
    }

  self->catalog_requested = FALSE;
  g_binding_group_set_source (self->request_bindings, request);
  stellar_param_form_set_request (self->param_form, request);
  g_signal_group_set_target (self->explorer_signals, explorer);
  g_signal_group_set_target (self->request_signals, request);
  g_signal_group_set_target (self->suggestions_signals,
                             explorer != NULL ? stellar_explorer_get_suggestions (explorer) : NULL);
  gtk_list_view_set_model (self->history_list, GTK_SELECTION_MODEL (history));
  stellar_collections_popover_set_request (self->collections_popover, request);

  update_sending (self);
  update_validation (self);
  update_current_call (self);
  update_response_tree (self);
  update_completion (self);

  if (explorer != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->catalog_requested = TRUE;
      stellar_explorer_load_catalog (explorer);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLORER]);
}

/**
 * stellar_explorer_view_get_collections:
 * @self: a #StellarExplorerView
 *
 * Returns: (transfer none) (nullable): the collections of saved requests
 */
StellarCollections *
stellar_explorer_view_get_collections (StellarExplorerView *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER_VIEW (self), NULL);

  return self->collections;
}

/**
 * stellar_explorer_view_set_collections:
 * @self: a #StellarExplorerView
 * @collections: (nullable): where requests are saved and opened from
 */
void
stellar_explorer_view_set_collections (StellarExplorerView *self,
                                       StellarCollections  *collections)
{
  g_return_if_fail (STELLAR_IS_EXPLORER_VIEW (self));
  g_return_if_fail (collections == NULL || STELLAR_IS_COLLECTIONS (collections));

  if (!g_set_object (&self->collections, collections))
    return;

  stellar_collections_popover_set_collections (self->collections_popover, collections);
  update_sending (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTIONS]);
}
