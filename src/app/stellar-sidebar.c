/* stellar-sidebar.c: a session's rooms and tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-room-row.h"
#include "stellar-sidebar.h"

/* Two lists that read as one: the session's rooms, then the tools. Rows
 * activate the window's `win.show-room` and `win.show-tool` actions; the
 * window says which page is shown through the select functions, and only
 * one row of both lists is selected at a time. */
struct _StellarSidebar
{
  GtkWidget       parent_instance;

  StellarSession *session;

  /* template children */
  GtkWidget      *scrolled_window;
  GtkListBox     *rooms_list;
  GtkWidget      *join_button;
  GtkListBox     *tools_list;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarSidebar, stellar_sidebar, GTK_TYPE_WIDGET)

static GtkWidget *
create_room_row (gpointer item,
                 gpointer user_data)
{
  StellarRoom *room = item;
  GtkWidget *row = stellar_room_row_new (room);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-room");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", stellar_room_get_name (room));

  return row;
}

static void
stellar_sidebar_dispose (GObject *object)
{
  StellarSidebar *self = STELLAR_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_SIDEBAR);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (stellar_sidebar_parent_class)->dispose (object);
}

static void
stellar_sidebar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StellarSidebar *self = STELLAR_SIDEBAR (object);

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
stellar_sidebar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StellarSidebar *self = STELLAR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      stellar_sidebar_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_sidebar_class_init (StellarSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_sidebar_dispose;
  object_class->get_property = stellar_sidebar_get_property;
  object_class->set_property = stellar_sidebar_set_property;

  /**
   * StellarSidebar:session:
   *
   * The session whose rooms are listed.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STELLAR_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stellar-sidebar");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarSidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, StellarSidebar, rooms_list);
  gtk_widget_class_bind_template_child (widget_class, StellarSidebar, join_button);
  gtk_widget_class_bind_template_child (widget_class, StellarSidebar, tools_list);
}

static void
stellar_sidebar_init (StellarSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The visible label ("Join Room…") gives the button its mnemonic, and
   * would add itself to the button's accessible name as well. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->join_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

StellarSession *
stellar_sidebar_get_session (StellarSidebar *self)
{
  g_return_val_if_fail (STELLAR_IS_SIDEBAR (self), NULL);

  return self->session;
}

void
stellar_sidebar_set_session (StellarSidebar *self,
                             StellarSession *session)
{
  g_return_if_fail (STELLAR_IS_SIDEBAR (self));
  g_return_if_fail (session == NULL || STELLAR_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  gtk_list_box_bind_model (self->rooms_list,
                           session != NULL ? stellar_session_get_rooms (session) : NULL,
                           session != NULL ? create_room_row : NULL,
                           self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * stellar_sidebar_select_room:
 * @self: a #StellarSidebar
 * @room: (nullable): the room shown, or %NULL when none is
 */
void
stellar_sidebar_select_room (StellarSidebar *self,
                             StellarRoom    *room)
{
  GtkListBoxRow *row = NULL;
  guint position;

  g_return_if_fail (STELLAR_IS_SIDEBAR (self));
  g_return_if_fail (room == NULL || STELLAR_IS_ROOM (room));

  if (room != NULL && self->session != NULL &&
      g_list_store_find (G_LIST_STORE (stellar_session_get_rooms (self->session)), room, &position))
    row = gtk_list_box_get_row_at_index (self->rooms_list, position);

  gtk_list_box_select_row (self->rooms_list, row);
  if (row != NULL)
    gtk_list_box_unselect_all (self->tools_list);
}

/**
 * stellar_sidebar_select_tool:
 * @self: a #StellarSidebar
 * @tool: the name of the tool shown, as in `win.show-tool`
 */
void
stellar_sidebar_select_tool (StellarSidebar *self,
                             const char     *tool)
{
  g_return_if_fail (STELLAR_IS_SIDEBAR (self));
  g_return_if_fail (tool != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tools_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;

      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));
      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), tool))
        {
          gtk_list_box_select_row (self->tools_list, GTK_LIST_BOX_ROW (child));
          gtk_list_box_unselect_all (self->rooms_list);
          return;
        }
    }
}
