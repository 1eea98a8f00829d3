/* stellar-param-row.c: one parameter of the request's form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-param-row.h"

/* A row edits its field's name, value and whether the value is JSON; the
 * field's request turns them into parameters. Below them, what the
 * server's documentation says of the parameter, and the field's error,
 * which also marks the value and is read out as the row's description. */
struct _StellarParamRow
{
  GtkListBoxRow      parent_instance;

  StellarParamField *field;
  GBindingGroup     *bindings;
  GSignalGroup      *field_signals;

  /* template children */
  GtkEntry          *name_entry;
  GtkEntry          *value_entry;
  GtkToggleButton   *raw_button;
  GtkButton         *remove_button;
  GtkLabel          *details_label;
  GtkLabel          *error_label;
};

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarParamRow, stellar_param_row, GTK_TYPE_LIST_BOX_ROW)

static void set_label (gpointer    widget,
                       const char *format,
                       ...) G_GNUC_PRINTF (2, 3);

static void
set_label (gpointer    widget,
           const char *format,
           ...)
{
  g_autofree char *label = NULL;
  va_list args;

  va_start (args, format);
  label = g_strdup_vprintf (format, args);
  va_end (args);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_names (StellarParamRow *self)
{
  const char *name = stellar_param_field_get_name (self->field);

  if (*name == '\0')
    /* Translators: the name a screen reader gives a parameter row whose name is not typed yet */
    name = _("New Parameter");

  set_label (self, "%s", name);
  /* Translators: %s is a parameter's name */
  set_label (self->name_entry, _("Parameter %s"), name);
  /* Translators: %s is a parameter's name */
  set_label (self->value_entry, _("Value of %s"), name);
  /* Translators: %s is a parameter's name; the toggle makes its value JSON rather than a string */
  set_label (self->raw_button, _("JSON Value of %s"), name);
  /* Translators: %s is a parameter's name */
  set_label (self->remove_button, _("Remove %s"), name);
}

/* What the documentation says: required, the default, the description. */
static char *
describe_input (StellarParamField *field)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (stellar_param_field_get_required (field))
    g_ptr_array_add (parts, g_strdup (_("Required")));
  if (stellar_param_field_get_default_value (field) != NULL)
    /* Translators: %s is the value the server uses when a parameter is left out */
    g_ptr_array_add (parts, g_strdup_printf (_("Default: %s"), stellar_param_field_get_default_value (field)));
  if (stellar_param_field_get_description (field) != NULL)
    g_ptr_array_add (parts, g_strdup (stellar_param_field_get_description (field)));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_details (StellarParamRow *self)
{
  const char *error = stellar_param_field_get_error (self->field);
  const char *default_value = stellar_param_field_get_default_value (self->field);
  g_autofree char *details = describe_input (self->field);
  const char *description = error != NULL ? error : details;

  gtk_label_set_text (self->details_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL);
  gtk_entry_set_placeholder_text (self->value_entry, default_value != NULL ? default_value : _("Value"));

  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");

  /* The error first: it is what the person has to act on. */
  if (description != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->value_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* A documented parameter left out of the request has nothing to remove. */
static void
update_removable (StellarParamRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button),
                            stellar_param_field_get_present (self->field) ||
                            !stellar_param_field_get_documented (self->field));
}

/* Enter after the name goes on to the value. */
static void
on_name_activate (StellarParamRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
}

static void
on_remove_clicked (StellarParamRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
stellar_param_row_constructed (GObject *object)
{
  StellarParamRow *self = STELLAR_PARAM_ROW (object);

  G_OBJECT_CLASS (stellar_param_row_parent_class)->constructed (object);

  g_binding_group_set_source (self->bindings, self->field);
  g_signal_group_set_target (self->field_signals, self->field);
  update_names (self);
  update_details (self);
  update_removable (self);
}

static void
stellar_param_row_dispose (GObject *object)
{
  StellarParamRow *self = STELLAR_PARAM_ROW (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->field_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_PARAM_ROW);
  g_clear_object (&self->field);

  G_OBJECT_CLASS (stellar_param_row_parent_class)->dispose (object);
}

static void
stellar_param_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StellarParamRow *self = STELLAR_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_object (value, self->field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StellarParamRow *self = STELLAR_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      self->field = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_param_row_class_init (StellarParamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_param_row_constructed;
  object_class->dispose = stellar_param_row_dispose;
  object_class->get_property = stellar_param_row_get_property;
  object_class->set_property = stellar_param_row_set_property;

  /**
   * StellarParamRow:field:
   *
   * The parameter the row edits.
   */
  properties[PROP_FIELD] =
    g_param_spec_object ("field", NULL, NULL,
                         STELLAR_TYPE_PARAM_FIELD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarParamRow::remove:
   * @self: the row
   *
   * The person asked for the parameter to be taken out of the request.
   */
  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Stellar/stellar-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, raw_button);
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, StellarParamRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
stellar_param_row_init (StellarParamRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "name", self->name_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "value", self->value_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "raw", self->raw_button, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->field_signals = g_signal_group_new (STELLAR_TYPE_PARAM_FIELD);
  g_signal_group_connect_object (self->field_signals, "notify::name",
                                 G_CALLBACK (update_names), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::error",
                                 G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::required",
                                 G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::default-value",
                                 G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::description",
                                 G_CALLBACK (update_details), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::present",
                                 G_CALLBACK (update_removable), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->field_signals, "notify::documented",
                                 G_CALLBACK (update_removable), self, G_CONNECT_SWAPPED);
}

/**
 * stellar_param_row_new:
 * @field: the parameter to edit
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
stellar_param_row_new (StellarParamField *field)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_FIELD (field), NULL);

  return g_object_new (STELLAR_TYPE_PARAM_ROW, "field", field, NULL);
}

/**
 * stellar_param_row_get_field:
 * @self: a #StellarParamRow
 *
 * Returns: (transfer none): the parameter the row edits
 */
StellarParamField *
stellar_param_row_get_field (StellarParamRow *self)
{
  g_return_val_if_fail (STELLAR_IS_PARAM_ROW (self), NULL);

  return self->field;
}

/**
 * stellar_param_row_edit_name:
 * @self: a #StellarParamRow
 *
 * Puts the keyboard focus on the parameter's name.
 */
void
stellar_param_row_edit_name (StellarParamRow *self)
{
  g_return_if_fail (STELLAR_IS_PARAM_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}
