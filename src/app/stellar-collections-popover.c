/* stellar-collections-popover.c: the saved requests, to open, rename, delete, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "stellar-collections-popover.h"
#include "stellar-file-chooser.h"
#include "stellar-utils.h"

/* The collections as a tree: each collection, and under it its requests.
 * Activating a request puts it into the request being written; each row's
 * menu renames or deletes it, and exports a collection. Rows name what
 * they act on by name (a collection's, and a request's in its collection),
 * looked up when the action runs, since another window may have changed
 * the folder meanwhile.
 *
 * Export and Import ask for a file with a GtkFileChooserNative, then go
 * through stellar_collections_popover_export_to_file() and
 * stellar_collections_popover_import_file(), which say how it went in the
 * popover and in a toast. */
struct _StellarCollectionsPopover
{
  GtkPopover            parent_instance;

  StellarCollections   *collections;
  StellarActionRequest *request;
  GSignalGroup         *collections_signals;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  char                 *message;

  /* template children */
  GtkLabel             *message_label;
  GtkStack             *stack;
  GtkListView          *list_view;
};

enum {
  PROP_0,
  PROP_COLLECTIONS,
  PROP_REQUEST,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarCollectionsPopover, stellar_collections_popover, GTK_TYPE_POPOVER)

/* --- what it says -------------------------------------------------------- */

static void
show_message (StellarCollectionsPopover *self,
              const char                *message,
              gboolean                   is_error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");

  if (stellar_set_string (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/* Shown in the popover, and in a toast: the popover is closed while a
 * file is chosen. */
static void
set_message (StellarCollectionsPopover *self,
             const char                *message,
             gboolean                   is_error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  show_message (self, message, is_error);

  if (message != NULL && overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
update_stack (StellarCollectionsPopover *self)
{
  gboolean empty = self->collections == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->collections)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_collections_error (StellarCollectionsPopover *self)
{
  const char *error = stellar_collections_get_error_message (self->collections);

  if (error != NULL)
    set_message (self, error, TRUE);
}

/* --- finding what a row names -------------------------------------------- */

static StellarCollection *
lookup_collection (StellarCollectionsPopover *self,
                   const char                *name)
{
  return self->collections != NULL ? stellar_collections_lookup (self->collections, name) : NULL;
}

static StellarSavedRequest *
lookup_request (StellarCollectionsPopover  *self,
                GVariant                   *parameter,
                StellarCollection         **collection)
{
  const char *collection_name;
  const char *request_name;

  g_variant_get (parameter, "(&s&s)", &collection_name, &request_name);
  *collection = lookup_collection (self, collection_name);

  return *collection != NULL ? stellar_collection_lookup_request (*collection, request_name) : NULL;
}

/* --- asking ------------------------------------------------------------- */

typedef struct {
  StellarCollectionsPopover *self;
  StellarCollection         *collection;
  StellarSavedRequest       *request;
  GtkEntry                  *entry;
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  Question *question = data;

  g_clear_object (&question->self);
  g_clear_object (&question->collection);
  g_clear_object (&question->request);
  g_free (question);
}

static Question *
question_new (StellarCollectionsPopover *self,
              StellarCollection         *collection,
              StellarSavedRequest       *request)
{
  Question *question = g_new0 (Question, 1);

  question->self = g_object_ref (self);
  question->collection = g_object_ref (collection);
  question->request = request != NULL ? g_object_ref (request) : NULL;

  return question;
}

static AdwMessageDialog *
new_message_dialog (StellarCollectionsPopover *self,
                    const char                *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Question         *question)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (question->entry))));

  if (g_strcmp0 (response, "rename") != 0 || *name == '\0')
    return;

  /* another window may have changed the collection meanwhile */
  if (question->request != NULL &&
      stellar_collection_lookup_request (question->collection,
                                         stellar_saved_request_get_name (question->request)) == question->request)
    stellar_collection_rename_request (question->collection, question->request, name);
  else if (question->self->collections != NULL)
    stellar_collections_rename (question->self->collections, question->collection, name);
}

/* Asks for a new name for @request, or for @collection when it is %NULL. */
static void
ask_new_name (StellarCollectionsPopover *self,
              StellarCollection         *collection,
              StellarSavedRequest       *request)
{
  const char *name = request != NULL ? stellar_saved_request_get_name (request)
                                     : stellar_collection_get_name (collection);
  AdwMessageDialog *dialog = new_message_dialog (self, request != NULL ? _("Rename Request")
                                                                       : _("Rename Collection"));
  Question *question = question_new (self, collection, request);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Name"), -1);
  question->entry = GTK_ENTRY (entry);

  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_response), question,
                         question_free, 0);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Question         *question)
{
  StellarCollectionsPopover *self = question->self;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->collections == NULL)
    return;

  if (!stellar_collections_remove (self->collections, question->collection, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the collection: %s"), error->message);

      set_message (self, message, TRUE);
    }
}

/* --- actions ------------------------------------------------------------- */

static void
open_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  StellarCollection *collection;
  StellarSavedRequest *saved = lookup_request (self, parameter, &collection);

  if (saved == NULL || self->request == NULL)
    return;

  stellar_saved_request_apply (saved, self->request);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
rename_request_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  StellarCollection *collection;
  StellarSavedRequest *saved = lookup_request (self, parameter, &collection);

  if (saved != NULL)
    ask_new_name (self, collection, saved);
}

static void
delete_request_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  StellarCollection *collection;
  StellarSavedRequest *saved = lookup_request (self, parameter, &collection);

  if (saved != NULL)
    stellar_collection_remove_request (collection, saved);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  StellarCollection *collection = lookup_collection (self, g_variant_get_string (parameter, NULL));

  if (collection != NULL)
    ask_new_name (self, collection, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  StellarCollection *collection = lookup_collection (self, g_variant_get_string (parameter, NULL));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (collection == NULL)
    return;

  /* Translators: %s is a collection's name */
  heading = g_strdup_printf (_("Delete “%s”?"), stellar_collection_get_name (collection));
  dialog = new_message_dialog (self, heading);
  adw_message_dialog_set_body (dialog, _("The collection and its saved requests are deleted from disk. "
                                         "Export it first to keep a copy."));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response),
                         question_new (self, collection, NULL), question_free, 0);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GFile *
take_chosen_file (StellarCollectionsPopover *self,
                  int                        response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  return file;
}

static void
on_export_response (StellarCollectionsPopover *self,
                    int                        response)
{
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (self->chooser), "collection-name"));
  g_autoptr(GFile) file = take_chosen_file (self, response);
  StellarCollection *collection = lookup_collection (self, name);

  if (file != NULL && collection != NULL)
    stellar_collections_popover_export_to_file (self, collection, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *file_name = NULL;

  if (lookup_collection (self, name) == NULL || self->chooser != NULL)
    return;

  self->chooser = stellar_file_chooser_new (GTK_WIDGET (self), _("Export Collection"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Export"), _("JSON Files"), "application/json", "json");
  g_object_set_data_full (G_OBJECT (self->chooser), "collection-name", g_strdup (name), g_free);
  file_name = g_strdup_printf ("%s.json", name);
  g_strdelimit (file_name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_import_response (StellarCollectionsPopover *self,
                    int                        response)
{
  g_autoptr(GFile) file = take_chosen_file (self, response);

  if (file != NULL)
    stellar_collections_popover_import_file (self, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (widget);

  if (self->collections == NULL || self->chooser != NULL)
    return;

  self->chooser = stellar_file_chooser_new (GTK_WIDGET (self), _("Import Collection"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Import"), _("JSON Files"), "application/json", "json");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_import_response), self, G_CONNECT_SWAPPED);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- the rows ------------------------------------------------------------ */

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  return STELLAR_IS_COLLECTION (item) ? g_object_ref (G_LIST_MODEL (item)) : NULL;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static GMenuModel *
build_collection_menu (const char *name)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) export = g_menu_item_new (_("_Export…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete…"), NULL);

  g_menu_item_set_action_and_target (rename, "collections.rename", "s", name);
  g_menu_item_set_action_and_target (export, "collections.export", "s", name);
  g_menu_item_set_action_and_target (delete, "collections.delete", "s", name);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, export);
  g_menu_append_item (menu, delete);

  return G_MENU_MODEL (menu);
}

static GMenuModel *
build_request_menu (const char *collection_name,
                    const char *name)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target (open, "collections.open-request", "(ss)", collection_name, name);
  g_menu_item_set_action_and_target (rename, "collections.rename-request", "(ss)", collection_name, name);
  g_menu_item_set_action_and_target (delete, "collections.delete-request", "(ss)", collection_name, name);
  g_menu_append_item (menu, open);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);

  return G_MENU_MODEL (menu);
}

/* The row's name and menu, again when the item is renamed. */
static void
update_row (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GtkWidget *menu_button = gtk_widget_get_next_sibling (labels);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *menu_label = NULL;
  const char *item_name;

  if (STELLAR_IS_COLLECTION (item))
    {
      item_name = stellar_collection_get_name (STELLAR_COLLECTION (item));
      menu = build_collection_menu (item_name);
      gtk_widget_set_visible (detail, FALSE);
      gtk_widget_add_css_class (name, "heading");
    }
  else
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(StellarCollection) collection = STELLAR_COLLECTION (gtk_tree_list_row_get_item (parent));
      StellarSavedRequest *saved = STELLAR_SAVED_REQUEST (item);

      item_name = stellar_saved_request_get_name (saved);
      menu = build_request_menu (stellar_collection_get_name (collection), item_name);
      gtk_label_set_text (GTK_LABEL (detail), stellar_saved_request_get_action (saved));
      gtk_widget_set_visible (detail, TRUE);
      gtk_widget_remove_css_class (name, "heading");
    }

  gtk_label_set_text (GTK_LABEL (name), item_name);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  /* Translators: the menu of a saved request or a collection; %s is its name */
  menu_label = g_strdup_printf (_("More for “%s”"), item_name);
  gtk_widget_set_tooltip_text (menu_button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
}

/* Updates the row when @object (transfer full) is renamed, until unbound. */
static void
follow_name (GtkListItem *list_item,
             const char  *key,
             GObject     *object)
{
  g_signal_connect_object (object, "notify::name", G_CALLBACK (update_row), list_item, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (list_item), key, object, g_object_unref);
}

static void
unfollow_name (GtkListItem *list_item,
               const char  *key)
{
  GObject *object = g_object_get_data (G_OBJECT (list_item), key);

  if (object != NULL)
    g_signal_handlers_disconnect_by_func (object, update_row, list_item);
  g_object_set_data (G_OBJECT (list_item), key, NULL);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GObject *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  follow_name (list_item, "followed-item", item);
  /* a request's menu names its collection too */
  if (STELLAR_IS_SAVED_REQUEST (item))
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      follow_name (list_item, "followed-parent", gtk_tree_list_row_get_item (parent));
    }
  update_row (list_item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  unfollow_name (list_item, "followed-item");
  unfollow_name (list_item, "followed-parent");
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_list_activate (StellarCollectionsPopover *self,
                  guint                      position,
                  GtkListView               *list_view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (STELLAR_IS_COLLECTION (item))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (self->request != NULL)
    {
      stellar_saved_request_apply (STELLAR_SAVED_REQUEST (item), self->request);
      gtk_popover_popdown (GTK_POPOVER (self));
    }
}

static void
reset_model (StellarCollectionsPopover *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->collections != NULL)
    {
      GtkTreeListModel *tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->collections)),
                                                        FALSE, TRUE, create_child_model, NULL, NULL);

      selection = gtk_no_selection_new (G_LIST_MODEL (tree));
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_stack (self);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_collections_popover_dispose (GObject *object)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_COLLECTIONS_POPOVER);
  g_clear_object (&self->collections_signals);
  g_clear_object (&self->collections);
  g_clear_object (&self->request);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (stellar_collections_popover_parent_class)->dispose (object);
}

static void
stellar_collections_popover_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (object);

  switch (prop_id)
    {
    case PROP_COLLECTIONS:
      g_value_set_object (value, self->collections);
      break;

    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_collections_popover_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  StellarCollectionsPopover *self = STELLAR_COLLECTIONS_POPOVER (object);

  switch (prop_id)
    {
    case PROP_COLLECTIONS:
      stellar_collections_popover_set_collections (self, g_value_get_object (value));
      break;

    case PROP_REQUEST:
      stellar_collections_popover_set_request (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_collections_popover_class_init (StellarCollectionsPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_collections_popover_dispose;
  object_class->get_property = stellar_collections_popover_get_property;
  object_class->set_property = stellar_collections_popover_set_property;

  /**
   * StellarCollectionsPopover:collections:
   *
   * The collections shown.
   */
  properties[PROP_COLLECTIONS] =
    g_param_spec_object ("collections", NULL, NULL,
                         STELLAR_TYPE_COLLECTIONS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCollectionsPopover:request:
   *
   * The request a saved request is opened into.
   */
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL,
                         STELLAR_TYPE_ACTION_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCollectionsPopover:message:
   *
   * For people: how the last export or import went, or what is wrong
   * with the collections folder; %NULL when there is nothing to say.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "collections.open-request", "(ss)", open_request_action);
  gtk_widget_class_install_action (widget_class, "collections.rename-request", "(ss)", rename_request_action);
  gtk_widget_class_install_action (widget_class, "collections.delete-request", "(ss)", delete_request_action);
  gtk_widget_class_install_action (widget_class, "collections.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "collections.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "collections.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "collections.import", NULL, import_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-collections-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarCollectionsPopover, message_label);
  gtk_widget_class_bind_template_child (widget_class, StellarCollectionsPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, StellarCollectionsPopover, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
stellar_collections_popover_init (StellarCollectionsPopover *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->collections_signals = g_signal_group_new (STELLAR_TYPE_COLLECTIONS);
  g_signal_group_connect_object (self->collections_signals, "items-changed",
                                 G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->collections_signals, "notify::error-message",
                                 G_CALLBACK (on_collections_error), self, G_CONNECT_SWAPPED);

  update_stack (self);
}

/* --- public -------------------------------------------------------------- */

StellarCollections *
stellar_collections_popover_get_collections (StellarCollectionsPopover *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self), NULL);

  return self->collections;
}

/**
 * stellar_collections_popover_set_collections:
 * @self: a #StellarCollectionsPopover
 * @collections: (nullable): the collections to show
 */
void
stellar_collections_popover_set_collections (StellarCollectionsPopover *self,
                                             StellarCollections        *collections)
{
  g_return_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self));
  g_return_if_fail (collections == NULL || STELLAR_IS_COLLECTIONS (collections));

  if (!g_set_object (&self->collections, collections))
    return;

  g_signal_group_set_target (self->collections_signals, collections);
  reset_model (self);
  /* a file of the folder that is not a collection, found before */
  show_message (self, collections != NULL ? stellar_collections_get_error_message (collections) : NULL, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTIONS]);
}

StellarActionRequest *
stellar_collections_popover_get_request (StellarCollectionsPopover *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self), NULL);

  return self->request;
}

/**
 * stellar_collections_popover_set_request:
 * @self: a #StellarCollectionsPopover
 * @request: (nullable): where saved requests are opened
 */
void
stellar_collections_popover_set_request (StellarCollectionsPopover *self,
                                         StellarActionRequest      *request)
{
  g_return_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self));
  g_return_if_fail (request == NULL || STELLAR_IS_ACTION_REQUEST (request));

  if (g_set_object (&self->request, request))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST]);
}

const char *
stellar_collections_popover_get_message (StellarCollectionsPopover *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self), NULL);

  return self->message;
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarCollectionsPopover) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!stellar_collections_export_finish (STELLAR_COLLECTIONS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why the file could not be written */
      message = g_strdup_printf (_("Could not export the collection: %s"), error->message);
      set_message (self, message, TRUE);
      return;
    }

  set_message (self, _("Collection exported"), FALSE);
}

/**
 * stellar_collections_popover_export_to_file:
 * @self: a #StellarCollectionsPopover
 * @collection: one of its collections
 * @file: the file chosen
 *
 * What Export does once a file is chosen: writes @collection there, then
 * says how it went.
 */
void
stellar_collections_popover_export_to_file (StellarCollectionsPopover *self,
                                            StellarCollection         *collection,
                                            GFile                     *file)
{
  g_return_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self));
  g_return_if_fail (STELLAR_IS_COLLECTION (collection));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->collections != NULL);

  set_message (self, NULL, FALSE);
  stellar_collections_export_async (self->collections, collection, file, self->cancellable,
                                    on_exported, g_object_ref (self));
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StellarCollectionsPopover) self = user_data;
  g_autoptr(StellarCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  collection = stellar_collections_import_finish (STELLAR_COLLECTIONS (object), result, &error);
  if (collection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what is wrong with the file */
      message = g_strdup_printf (_("Could not import the file: %s"), error->message);
      set_message (self, message, TRUE);
      return;
    }

  /* Translators: %s is the name of the collection imported */
  message = g_strdup_printf (_("Imported “%s”"), stellar_collection_get_name (collection));
  set_message (self, message, FALSE);
}

/**
 * stellar_collections_popover_import_file:
 * @self: a #StellarCollectionsPopover
 * @file: the file chosen
 *
 * What Import does once a file is chosen: adds the collection it holds,
 * then says how it went. A file that is not a collection changes nothing.
 */
void
stellar_collections_popover_import_file (StellarCollectionsPopover *self,
                                         GFile                     *file)
{
  g_return_if_fail (STELLAR_IS_COLLECTIONS_POPOVER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->collections != NULL);

  set_message (self, NULL, FALSE);
  stellar_collections_import_async (self->collections, file, self->cancellable, on_imported, g_object_ref (self));
}
