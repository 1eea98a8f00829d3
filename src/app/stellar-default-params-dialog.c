/* stellar-default-params-dialog.c: the parameters added to every call to a server, to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-default-param-row.h"
#include "stellar-default-params-dialog.h"

/* A row per default parameter of the server, edited in place: the list
 * saves what changes (secret values to the keyring) and every call made
 * from then on carries it. What the keyring refuses is told under the
 * list. */
struct _StellarDefaultParamsDialog
{
  AdwWindow             parent_instance;

  StellarDefaultParams *params;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkListBox           *list_box;
  GtkLabel             *error_label;
};

enum {
  PROP_0,
  PROP_PARAMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarDefaultParamsDialog, stellar_default_params_dialog, ADW_TYPE_WINDOW)

static void
on_row_remove (StellarDefaultParamsDialog *self,
               StellarDefaultParamRow     *row)
{
  stellar_default_params_remove (self->params, stellar_default_param_row_get_param (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  StellarDefaultParamsDialog *self = user_data;
  GtkWidget *row = stellar_default_param_row_new (item);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, G_CONNECT_SWAPPED);

  return row;
}

static void
update_error (StellarDefaultParamsDialog *self)
{
  const char *message = stellar_default_params_get_error_message (self->params);

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  StellarDefaultParamsDialog *self = STELLAR_DEFAULT_PARAMS_DIALOG (widget);
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->params));
  GtkListBoxRow *row;

  stellar_default_params_add (self->params, NULL, NULL, FALSE);

  /* the name is typed first */
  row = gtk_list_box_get_row_at_index (self->list_box, (int) position);
  if (row != NULL)
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

static void
stellar_default_params_dialog_constructed (GObject *object)
{
  StellarDefaultParamsDialog *self = STELLAR_DEFAULT_PARAMS_DIALOG (object);

  G_OBJECT_CLASS (stellar_default_params_dialog_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, stellar_default_params_get_url (self->params));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->params), create_row, self, NULL);
  g_signal_connect_object (self->params, "notify::error-message", G_CALLBACK (update_error), self,
                           G_CONNECT_SWAPPED);
  update_error (self);
}

static void
stellar_default_params_dialog_dispose (GObject *object)
{
  StellarDefaultParamsDialog *self = STELLAR_DEFAULT_PARAMS_DIALOG (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_DEFAULT_PARAMS_DIALOG);
  g_clear_object (&self->params);

  G_OBJECT_CLASS (stellar_default_params_dialog_parent_class)->dispose (object);
}

static void
stellar_default_params_dialog_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  StellarDefaultParamsDialog *self = STELLAR_DEFAULT_PARAMS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PARAMS:
      g_value_set_object (value, self->params);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_params_dialog_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  StellarDefaultParamsDialog *self = STELLAR_DEFAULT_PARAMS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PARAMS:
      self->params = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_params_dialog_class_init (StellarDefaultParamsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_default_params_dialog_constructed;
  object_class->dispose = stellar_default_params_dialog_dispose;
  object_class->get_property = stellar_default_params_dialog_get_property;
  object_class->set_property = stellar_default_params_dialog_set_property;

  /**
   * StellarDefaultParamsDialog:params:
   *
   * The server's default parameters.
   */
  properties[PROP_PARAMS] =
    g_param_spec_object ("params", NULL, NULL,
                         STELLAR_TYPE_DEFAULT_PARAMS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "default-params.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (STELLAR_TYPE_DEFAULT_PARAM_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-default-params-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamsDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamsDialog, error_label);
}

static void
stellar_default_params_dialog_init (StellarDefaultParamsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stellar_default_params_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @params: the server's default parameters
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
StellarDefaultParamsDialog *
stellar_default_params_dialog_new (GtkWindow            *parent,
                                   StellarDefaultParams *params)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (params), NULL);

  return g_object_new (STELLAR_TYPE_DEFAULT_PARAMS_DIALOG,
                       "transient-for", parent,
                       "params", params,
                       NULL);
}
