/* stellar-param-form.c: the request's parameters as rows of names and values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <adwaita.h>

#include "stellar-param-form.h"
#include "stellar-param-row.h"

/* The other face of the Parameters area: a row per field of the request,
 * which keeps them in step with the JSON text, and a button for one more.
 * The form has nothing of its own: the request decides which rows there
 * are, in which order, and what a typed value becomes in JSON. */
struct _StellarParamForm
{
  GtkWidget             parent_instance;

  StellarActionRequest *request;

  /* template children */
  GtkScrolledWindow    *scrolled_window;
  GtkListBox           *field_list;
  GtkButton            *add_button;
};

enum {
  PROP_0,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarParamForm, stellar_param_form, GTK_TYPE_WIDGET)

static void
on_row_remove (StellarParamForm *self,
               StellarParamRow  *row)
{
  if (self->request != NULL)
    stellar_action_request_remove_field (self->request, stellar_param_row_get_field (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = stellar_param_row_new (item);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), user_data, G_CONNECT_SWAPPED);
  return row;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  StellarParamForm *self = STELLAR_PARAM_FORM (widget);
  StellarParamField *field;
  GListModel *fields;

  if (self->request == NULL)
    return;

  field = stellar_action_request_add_field (self->request, NULL);
  fields = stellar_action_request_get_fields (self->request);

  /* The list box made the new row as the field went into the list. */
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(StellarParamField) item = g_list_model_get_item (fields, i);

      if (item == field)
        {
          stellar_param_row_edit_name (STELLAR_PARAM_ROW (gtk_list_box_get_row_at_index (self->field_list, i)));
          break;
        }
    }
}

static void
stellar_param_form_dispose (GObject *object)
{
  StellarParamForm *self = STELLAR_PARAM_FORM (object);

  if (self->field_list != NULL)
    stellar_param_form_set_request (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_PARAM_FORM);

  G_OBJECT_CLASS (stellar_param_form_parent_class)->dispose (object);
}

static void
stellar_param_form_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StellarParamForm *self = STELLAR_PARAM_FORM (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_form_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StellarParamForm *self = STELLAR_PARAM_FORM (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      stellar_param_form_set_request (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_form_class_init (StellarParamFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_param_form_dispose;
  object_class->get_property = stellar_param_form_get_property;
  object_class->set_property = stellar_param_form_set_property;

  /**
   * StellarParamForm:request:
   *
   * The request whose parameters the form edits.
   */
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL,
                         STELLAR_TYPE_ACTION_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "param-form.add", NULL, add_action);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Stellar/stellar-param-form.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarParamForm, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, StellarParamForm, field_list);
  gtk_widget_class_bind_template_child (widget_class, StellarParamForm, add_button);
}

static void
stellar_param_form_init (StellarParamForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "param-form.add", FALSE);
}

/**
 * stellar_param_form_new:
 *
 * Returns: (transfer floating): a new form, without a request
 */
GtkWidget *
stellar_param_form_new (void)
{
  return g_object_new (STELLAR_TYPE_PARAM_FORM, NULL);
}

/**
 * stellar_param_form_get_request:
 * @self: a #StellarParamForm
 *
 * Returns: (transfer none) (nullable): the request edited
 */
StellarActionRequest *
stellar_param_form_get_request (StellarParamForm *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FORM (self), NULL);

  return self->request;
}

/**
 * stellar_param_form_set_request:
 * @self: a #StellarParamForm
 * @request: (nullable): the request to edit
 *
 * Shows a row for each of @request's fields.
 */
void
stellar_param_form_set_request (StellarParamForm     *self,
                                StellarActionRequest *request)
{
  g_return_if_fail (STELLAR_IS_PARAM_FORM (self));
  g_return_if_fail (request == NULL || STELLAR_IS_ACTION_REQUEST (request));

  if (!g_set_object (&self->request, request))
    return;

  gtk_list_box_bind_model (self->field_list,
                           request != NULL ? stellar_action_request_get_fields (request) : NULL,
                           create_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "param-form.add", request != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST]);
}
