/* stellar-default-param-row.c: one default parameter, to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-default-param-row.h"

/* The name, the value and whether it is secret, bound both ways to the
 * parameter; a secret value is shown as dots. Removing is the list's to
 * do: the row asks with `remove`. */
struct _StellarDefaultParamRow
{
  GtkListBoxRow        parent_instance;

  StellarDefaultParam *param;

  /* template children */
  GtkEntry            *key_entry;
  GtkEntry            *value_entry;
  GtkSwitch           *secret_switch;
  GtkButton           *remove_button;
};

enum {
  PROP_0,
  PROP_PARAM,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StellarDefaultParamRow, stellar_default_param_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_remove_clicked (StellarDefaultParamRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
stellar_default_param_row_constructed (GObject *object)
{
  StellarDefaultParamRow *self = STELLAR_DEFAULT_PARAM_ROW (object);
  const GBindingFlags both_ways = G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL;

  G_OBJECT_CLASS (stellar_default_param_row_parent_class)->constructed (object);

  g_object_bind_property (self->param, "key", self->key_entry, "text", both_ways);
  g_object_bind_property (self->param, "value", self->value_entry, "text", both_ways);
  g_object_bind_property (self->param, "secret", self->secret_switch, "active", both_ways);
  g_object_bind_property (self->param, "secret", self->value_entry, "visibility",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
stellar_default_param_row_dispose (GObject *object)
{
  StellarDefaultParamRow *self = STELLAR_DEFAULT_PARAM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_DEFAULT_PARAM_ROW);
  g_clear_object (&self->param);

  G_OBJECT_CLASS (stellar_default_param_row_parent_class)->dispose (object);
}

static void
stellar_default_param_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StellarDefaultParamRow *self = STELLAR_DEFAULT_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_PARAM:
      g_value_set_object (value, self->param);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_param_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  StellarDefaultParamRow *self = STELLAR_DEFAULT_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_PARAM:
      self->param = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_param_row_class_init (StellarDefaultParamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = stellar_default_param_row_constructed;
  object_class->dispose = stellar_default_param_row_dispose;
  object_class->get_property = stellar_default_param_row_get_property;
  object_class->set_property = stellar_default_param_row_set_property;

  /**
   * StellarDefaultParamRow:param:
   *
   * The parameter edited.
   */
  properties[PROP_PARAM] =
    g_param_spec_object ("param", NULL, NULL,
                         STELLAR_TYPE_DEFAULT_PARAM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarDefaultParamRow::remove:
   * @self: the row
   *
   * Emitted when the person asks to remove the parameter.
   */
  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-default-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamRow, key_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamRow, secret_switch);
  gtk_widget_class_bind_template_child (widget_class, StellarDefaultParamRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
stellar_default_param_row_init (StellarDefaultParamRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * stellar_default_param_row_new:
 * @param: the parameter to edit
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
stellar_default_param_row_new (StellarDefaultParam *param)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAM (param), NULL);

  return g_object_new (STELLAR_TYPE_DEFAULT_PARAM_ROW, "param", param, NULL);
}

/**
 * stellar_default_param_row_get_param:
 * @self: a #StellarDefaultParamRow
 *
 * Returns: (transfer none): the parameter edited
 */
StellarDefaultParam *
stellar_default_param_row_get_param (StellarDefaultParamRow *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAM_ROW (self), NULL);

  return self->param;
}
