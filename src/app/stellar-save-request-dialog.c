/* stellar-save-request-dialog.c: keeps the request being written in a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-save-request-dialog.h"

/* Asks for a name and a collection, an existing one or a new one (the
 * last choice of the list), and adds the request as it is now to it. A
 * collection whose file cannot be written is told in the dialog, which
 * stays open. */
struct _StellarSaveRequestDialog
{
  AdwWindow             parent_instance;

  StellarCollections   *collections;
  StellarActionRequest *request;
  /* the names offered, "New Collection" last */
  GtkStringList        *collection_names;

  /* template children */
  AdwEntryRow          *name_row;
  AdwComboRow          *collection_row;
  AdwEntryRow          *new_collection_row;
  GtkLabel             *error_label;
};

enum {
  PROP_0,
  PROP_COLLECTIONS,
  PROP_REQUEST,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarSaveRequestDialog, stellar_save_request_dialog, ADW_TYPE_WINDOW)

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
is_new_collection_chosen (StellarSaveRequestDialog *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->collection_names));

  return adw_combo_row_get_selected (self->collection_row) == n_items - 1;
}

static void
show_error (StellarSaveRequestDialog *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_can_save (StellarSaveRequestDialog *self)
{
  g_autofree char *name = dup_trimmed (self->name_row);
  g_autofree char *collection_name = dup_trimmed (self->new_collection_row);
  gboolean new_collection = is_new_collection_chosen (self);

  gtk_widget_set_visible (GTK_WIDGET (self->new_collection_row), new_collection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "save-request.save",
                                 *name != '\0' && (!new_collection || *collection_name != '\0'));
  show_error (self, NULL);
}

static void
on_entry_activated (StellarSaveRequestDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "save-request.save", NULL);
}

/* The collection chosen; a new one is created. */
static StellarCollection *
get_collection (StellarSaveRequestDialog  *self,
                GError                   **error)
{
  g_autofree char *new_name = dup_trimmed (self->new_collection_row);
  StellarCollection *collection;
  const char *name;

  if (is_new_collection_chosen (self))
    return stellar_collections_create (self->collections, new_name, error);

  /* one another program deleted meanwhile is made again */
  name = gtk_string_list_get_string (self->collection_names, adw_combo_row_get_selected (self->collection_row));
  collection = stellar_collections_lookup (self->collections, name);
  if (collection == NULL)
    collection = stellar_collections_create (self->collections, name, error);

  return collection;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StellarSaveRequestDialog *self = STELLAR_SAVE_REQUEST_DIALOG (widget);
  g_autofree char *name = dup_trimmed (self->name_row);
  g_autoptr(StellarSavedRequest) saved = NULL;
  g_autoptr(GError) error = NULL;
  StellarCollection *collection;

  if (*name == '\0')
    return;

  collection = get_collection (self, &error);
  if (collection == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not create the collection: %s"), error->message);

      show_error (self, message);
      return;
    }

  saved = stellar_saved_request_new_from_request (name, self->request);
  stellar_collection_add_request (collection, saved);

  g_signal_emit (self, signals[SAVED], 0, collection, saved);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_collection_names (StellarSaveRequestDialog *self)
{
  GListModel *collections = G_LIST_MODEL (self->collections);
  g_autofree char *action = g_strstrip (g_strdup (stellar_action_request_get_action (self->request)));

  for (guint i = 0; i < g_list_model_get_n_items (collections); i++)
    {
      g_autoptr(StellarCollection) collection = g_list_model_get_item (collections, i);

      gtk_string_list_append (self->collection_names, stellar_collection_get_name (collection));
    }
  gtk_string_list_append (self->collection_names, _("New Collection"));

  adw_combo_row_set_model (self->collection_row, G_LIST_MODEL (self->collection_names));
  adw_combo_row_set_selected (self->collection_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->new_collection_row), _("My Requests"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), action);
  update_can_save (self);
}

static void
stellar_save_request_dialog_constructed (GObject *object)
{
  StellarSaveRequestDialog *self = STELLAR_SAVE_REQUEST_DIALOG (object);

  G_OBJECT_CLASS (stellar_save_request_dialog_parent_class)->constructed (object);

  fill_collection_names (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
stellar_save_request_dialog_dispose (GObject *object)
{
  StellarSaveRequestDialog *self = STELLAR_SAVE_REQUEST_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_SAVE_REQUEST_DIALOG);
  g_clear_object (&self->collections);
  g_clear_object (&self->request);
  g_clear_object (&self->collection_names);

  G_OBJECT_CLASS (stellar_save_request_dialog_parent_class)->dispose (object);
}

static void
stellar_save_request_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StellarSaveRequestDialog *self = STELLAR_SAVE_REQUEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_COLLECTIONS:
      g_value_set_object (value, self->collections);
      break;

    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_save_request_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  StellarSaveRequestDialog *self = STELLAR_SAVE_REQUEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_COLLECTIONS:
      self->collections = g_value_dup_object (value);
      break;

    case PROP_REQUEST:
      self->request = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_save_request_dialog_class_init (StellarSaveRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_save_request_dialog_constructed;
  object_class->dispose = stellar_save_request_dialog_dispose;
  object_class->get_property = stellar_save_request_dialog_get_property;
  object_class->set_property = stellar_save_request_dialog_set_property;

  /**
   * StellarSaveRequestDialog:collections:
   *
   * The collections to save in.
   */
  properties[PROP_COLLECTIONS] =
    g_param_spec_object ("collections", NULL, NULL,
                         STELLAR_TYPE_COLLECTIONS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarSaveRequestDialog:request:
   *
   * The request to save, as it is when Save is pressed.
   */
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL,
                         STELLAR_TYPE_ACTION_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarSaveRequestDialog::saved:
   * @self: the dialog
   * @collection: the collection it went to
   * @request: the request kept
   *
   * Emitted when the request was added to a collection, before the dialog
   * closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, STELLAR_TYPE_COLLECTION, STELLAR_TYPE_SAVED_REQUEST);

  gtk_widget_class_install_action (widget_class, "save-request.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-save-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarSaveRequestDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StellarSaveRequestDialog, collection_row);
  gtk_widget_class_bind_template_child (widget_class, StellarSaveRequestDialog, new_collection_row);
  gtk_widget_class_bind_template_child (widget_class, StellarSaveRequestDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, update_can_save);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
}

static void
stellar_save_request_dialog_init (StellarSaveRequestDialog *self)
{
  self->collection_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stellar_save_request_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @collections: the collections to offer
 * @request: the request to save
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
StellarSaveRequestDialog *
stellar_save_request_dialog_new (GtkWindow            *parent,
                                 StellarCollections   *collections,
                                 StellarActionRequest *request)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STELLAR_IS_COLLECTIONS (collections), NULL);
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (request), NULL);

  return g_object_new (STELLAR_TYPE_SAVE_REQUEST_DIALOG,
                       "transient-for", parent,
                       "collections", collections,
                       "request", request,
                       NULL);
}
