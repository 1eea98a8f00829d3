/* test-collections-view.c: saving requests to collections, opening them, export and import, from the Actions page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests share a temporary XDG_DATA_HOME; each one ends by deleting the
 * collections folder. Export and Import go through the functions the file
 * choosers call once a file is chosen.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "stellar-app-test-utils.h"
#include "stellar-collections-popover.h"
#include "stellar-explorer-view.h"
#include "stellar-save-request-dialog.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

typedef struct {
  StellarTestServer         *server;
  StellarWindow             *window;
  StellarExplorerView       *view;
  StellarCollectionsPopover *popover;
  StellarCollections        *collections;
} Fixture;

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  return stellar_test_template_child (fixture->view, STELLAR_TYPE_EXPLORER_VIEW, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), NULL, "actions");
  fixture->view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (fixture->window, "actions"));
  fixture->popover = STELLAR_COLLECTIONS_POPOVER (view_child (fixture, "collections_popover"));

  fixture->collections = stellar_explorer_view_get_collections (fixture->view);
  g_assert_nonnull (fixture->collections);
  g_assert_true (stellar_collections_popover_get_collections (fixture->popover) == fixture->collections);
}

static char *
collections_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "com.example.Stellar", "collections", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = collections_folder ();

  stellar_test_window_close (fixture->window);
  g_clear_pointer (&fixture->server, stellar_test_server_stop);

  /* the window's collections wrote what they had as they went */
  stellar_app_test_remove_tree (folder);
}

/* --- helpers ------------------------------------------------------------- */

static void
write_request (Fixture          *fixture,
               const char       *action,
               const char       *params,
               StellarTransport  transport)
{
  GtkTextView *params_view = GTK_TEXT_VIEW (view_child (fixture, "params_view"));

  gtk_editable_set_text (GTK_EDITABLE (view_child (fixture, "action_entry")), action);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (params_view), params, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (view_child (fixture, "transport_dropdown")), transport);
}

static char *
params_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view_child (fixture, "params_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
no_window_of_type (gpointer user_data)
{
  return stellar_test_find_toplevel ((GType) GPOINTER_TO_SIZE (user_data)) == NULL;
}

/* Ctrl+S, then the dialog filled in as a person would. @collection is
 * NULL for a new collection named @new_collection. */
static void
save_request (Fixture    *fixture,
              const char *name,
              const char *collection,
              const char *new_collection)
{
  StellarSaveRequestDialog *dialog;
  GtkWidget *collection_row;
  GListModel *names;
  guint n_names;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.save-request", NULL));
  dialog = STELLAR_SAVE_REQUEST_DIALOG (stellar_test_find_toplevel (STELLAR_TYPE_SAVE_REQUEST_DIALOG));
  g_assert_nonnull (dialog);

  collection_row = stellar_test_template_child (dialog, STELLAR_TYPE_SAVE_REQUEST_DIALOG, "collection_row");
  names = adw_combo_row_get_model (ADW_COMBO_ROW (collection_row));
  n_names = g_list_model_get_n_items (names);

  gtk_editable_set_text (GTK_EDITABLE (stellar_test_template_child (dialog, STELLAR_TYPE_SAVE_REQUEST_DIALOG, "name_row")), name);
  if (collection == NULL)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (collection_row), n_names - 1);
      g_assert_true (gtk_widget_get_visible (stellar_test_template_child (dialog, STELLAR_TYPE_SAVE_REQUEST_DIALOG,
                                                                          "new_collection_row")));
      gtk_editable_set_text (GTK_EDITABLE (stellar_test_template_child (dialog, STELLAR_TYPE_SAVE_REQUEST_DIALOG,
                                                                        "new_collection_row")),
                             new_collection);
    }
  else
    {
      guint i;

      for (i = 0; i < n_names - 1; i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), collection) == 0)
          break;
      g_assert_cmpuint (i, <, n_names - 1);
      adw_combo_row_set_selected (ADW_COMBO_ROW (collection_row), i);
      g_assert_false (gtk_widget_get_visible (stellar_test_template_child (dialog, STELLAR_TYPE_SAVE_REQUEST_DIALOG,
                                                                           "new_collection_row")));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "save-request.save", NULL));
  g_assert_true (stellar_test_iterate_until (no_window_of_type,
                                             GSIZE_TO_POINTER (STELLAR_TYPE_SAVE_REQUEST_DIALOG),
                                             STELLAR_TEST_TIMEOUT_MS));
}

static char *
collection_file_text (StellarCollection *collection)
{
  g_autofree char *dir = collections_folder ();
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  /* the file whose name says it is this collection's */
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (name[0] != '.' && g_file_get_contents (path, &text, NULL, NULL) &&
          strstr (text, stellar_collection_get_name (collection)) != NULL)
        return g_steal_pointer (&text);
    }

  return NULL;
}

typedef struct {
  StellarCollection *collection;
  const char        *needle;
} FileCheck;

static gboolean
file_has (gpointer user_data)
{
  FileCheck *check = user_data;
  g_autofree char *text = collection_file_text (check->collection);

  return text != NULL && strstr (text, check->needle) != NULL;
}

static gboolean
popover_has_message (gpointer user_data)
{
  return stellar_collections_popover_get_message (user_data) != NULL;
}

/* Export or import through the popover, until it says how it went. */
static const char *
wait_message (Fixture *fixture)
{
  g_assert_true (stellar_test_iterate_until (popover_has_message, fixture->popover, STELLAR_TEST_TIMEOUT_MS));
  g_assert_true (gtk_widget_get_visible (stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER,
                                                                      "message_label")));

  return stellar_collections_popover_get_message (fixture->popover);
}

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list_view = stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER, "list_view");
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

/* Activates the popover's row for the request called @name. */
static void
activate_request_row (Fixture    *fixture,
                      const char *name)
{
  GtkWidget *list_view = stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER, "list_view");
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (STELLAR_IS_SAVED_REQUEST (item) &&
          g_strcmp0 (stellar_saved_request_get_name (STELLAR_SAVED_REQUEST (item)), name) == 0)
        {
          g_signal_emit_by_name (list_view, "activate", i);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
collect_menu_targets (GtkWidget *widget,
                      GString   *targets)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL)
        {
          GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child));

          for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
            {
              g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                                   NULL);
              g_autofree char *text = target != NULL ? g_variant_print (target, FALSE) : NULL;

              g_string_append_printf (targets, "%s ", text);
            }
        }
      collect_menu_targets (child, targets);
    }
}

/* What the rows' menus act on, as printed targets. */
static char *
menu_targets (Fixture *fixture)
{
  GString *targets = g_string_new (NULL);

  collect_menu_targets (stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER, "list_view"), targets);
  return g_string_free (targets, FALSE);
}

/* As the dialog's button does: the response, then the dialog closes. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

/* --- tests --------------------------------------------------------------- */

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view_child (fixture, "save_request_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Save to Collection");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view_child (fixture, "collections_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Collections");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view_child (fixture, "default_params_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Default Parameters");
}

static void
test_save_and_open (Fixture       *fixture,
                    gconstpointer  data)
{
  StellarExplorer *explorer = stellar_explorer_view_get_explorer (fixture->view);
  StellarCollection *collection;
  StellarSavedRequest *saved;
  FileCheck check;
  g_autofree char *text = NULL;

  g_assert_cmpuint (count_rows (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stellar_test_template_child (fixture->popover,
                                                                                             STELLAR_TYPE_COLLECTIONS_POPOVER,
                                                                                             "stack"))),
                   ==, "empty");

  /* the request being written goes into a new collection */
  write_request (fixture, "echo", "{\"message\": \"kept\"}", STELLAR_TRANSPORT_HTTP);
  save_request (fixture, "Echo kept", NULL, "Smoke tests");

  collection = stellar_collections_lookup (fixture->collections, "Smoke tests");
  g_assert_nonnull (collection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 1);
  saved = stellar_collection_lookup_request (collection, "Echo kept");
  g_assert_nonnull (saved);
  g_assert_cmpstr (stellar_saved_request_get_action (saved), ==, "echo");
  g_assert_cmpstr (stellar_saved_request_get_params_text (saved), ==, "{\"message\": \"kept\"}");
  g_assert_cmpint (stellar_saved_request_get_transport (saved), ==, STELLAR_TRANSPORT_HTTP);

  /* in its file */
  check = (FileCheck) { collection, "\"Echo kept\"" };
  g_assert_true (stellar_test_iterate_until (file_has, &check, STELLAR_TEST_TIMEOUT_MS));

  /* a second one, in the collection that exists now */
  write_request (fixture, "status", "{}", STELLAR_TRANSPORT_WEBSOCKET);
  save_request (fixture, "Status", "Smoke tests", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 2);
  check = (FileCheck) { collection, "\"Status\"" };
  g_assert_true (stellar_test_iterate_until (file_has, &check, STELLAR_TEST_TIMEOUT_MS));

  /* the popover lists the collection and its two requests */
  g_assert_cmpuint (count_rows (fixture), ==, 3);

  /* opened from the list, the saved request is in the editor again */
  write_request (fixture, "something-else", "{}", STELLAR_TRANSPORT_WEBSOCKET);
  activate_request_row (fixture, "Echo kept");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view_child (fixture, "action_entry"))), ==, "echo");
  text = params_text (fixture);
  g_assert_cmpstr (text, ==, "{\"message\": \"kept\"}");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (view_child (fixture, "transport_dropdown"))),
                    ==, STELLAR_TRANSPORT_HTTP);

  /* and it runs */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.send", NULL);
  stellar_test_wait_for (stellar_explorer_get_current_call (explorer) != NULL &&
                         stellar_call_get_status (stellar_explorer_get_current_call (explorer))
                           != STELLAR_CALL_STATUS_PENDING);
  g_assert_cmpint (stellar_call_get_status (stellar_explorer_get_current_call (explorer)), ==,
                   STELLAR_CALL_STATUS_OK);
  g_assert_nonnull (strstr (stellar_call_get_response_text (stellar_explorer_get_current_call (explorer)),
                            "kept"));

  /* the other one, from its menu's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.open-request",
                                             "(ss)", "Smoke tests", "Status"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view_child (fixture, "action_entry"))), ==, "status");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (view_child (fixture, "transport_dropdown"))),
                    ==, STELLAR_TRANSPORT_WEBSOCKET);
}

static void
test_rename_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  StellarCollection *collection;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  FileCheck check;

  write_request (fixture, "echo", "{}", STELLAR_TRANSPORT_AUTO);
  save_request (fixture, "First", NULL, "Drafts");
  write_request (fixture, "status", "{}", STELLAR_TRANSPORT_AUTO);
  save_request (fixture, "Second", "Drafts", NULL);
  collection = stellar_collections_lookup (fixture->collections, "Drafts");
  g_assert_nonnull (collection);

  /* a request renamed, through the dialog that asks for the name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.rename-request",
                                             "(ss)", "Drafts", "First"));
  dialog = ADW_MESSAGE_DIALOG (stellar_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "First");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Echo nothing ");
  respond (GTK_WINDOW (dialog), "rename");
  g_assert_nonnull (stellar_collection_lookup_request (collection, "Echo nothing"));
  g_assert_null (stellar_collection_lookup_request (collection, "First"));
  check = (FileCheck) { collection, "\"Echo nothing\"" };
  g_assert_true (stellar_test_iterate_until (file_has, &check, STELLAR_TEST_TIMEOUT_MS));
  g_assert_true (stellar_test_iterate_until (no_window_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                             STELLAR_TEST_TIMEOUT_MS));

  /* the collection renamed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.rename", "s", "Drafts"));
  dialog = ADW_MESSAGE_DIALOG (stellar_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Keepers");
  respond (GTK_WINDOW (dialog), "rename");
  g_assert_true (stellar_collections_lookup (fixture->collections, "Keepers") == collection);
  g_assert_true (stellar_test_iterate_until (no_window_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                             STELLAR_TEST_TIMEOUT_MS));

  /* the rows' menus act on the new names */
  gtk_menu_button_popup (GTK_MENU_BUTTON (view_child (fixture, "collections_button")));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->popover));
  {
    g_autofree char *targets = menu_targets (fixture);

    g_test_message ("Menu targets: %s", targets);
    g_assert_nonnull (strstr (targets, "('Keepers', 'Echo nothing')"));
    g_assert_nonnull (strstr (targets, "('Keepers', 'Second')"));
    g_assert_nonnull (strstr (targets, "'Keepers'"));
    g_assert_null (strstr (targets, "Drafts"));
    g_assert_null (strstr (targets, "First"));
  }
  gtk_popover_popdown (GTK_POPOVER (fixture->popover));

  /* a request deleted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.delete-request",
                                             "(ss)", "Keepers", "Second"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collection)), ==, 1);
  g_assert_cmpuint (count_rows (fixture), ==, 2);

  /* the collection deleted, once confirmed; cancelled first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.delete", "s", "Keepers"));
  respond (stellar_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "cancel");
  g_assert_true (stellar_collections_lookup (fixture->collections, "Keepers") == collection);
  g_assert_true (stellar_test_iterate_until (no_window_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                             STELLAR_TEST_TIMEOUT_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.delete", "s", "Keepers"));
  respond (stellar_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "delete");
  g_assert_null (stellar_collections_lookup (fixture->collections, "Keepers"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->collections)), ==, 0);
  g_assert_null (collection_file_text (collection));
  g_assert_true (stellar_test_iterate_until (no_window_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                             STELLAR_TEST_TIMEOUT_MS));
  g_assert_cmpuint (count_rows (fixture), ==, 0);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "shared.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StellarCollection *collection;
  StellarSavedRequest *saved;
  JsonObject *root;
  JsonObject *request;

  write_request (fixture, "echo", "{\"message\": \"travels\", \"n\": 3}", STELLAR_TRANSPORT_WEBSOCKET);
  save_request (fixture, "Echo travels", NULL, "Shared");
  collection = stellar_collections_lookup (fixture->collections, "Shared");
  g_assert_nonnull (collection);

  /* Export, after the file chooser */
  stellar_collections_popover_export_to_file (fixture->popover, collection, file);
  g_assert_cmpstr (wait_message (fixture), ==, "Collection exported");

  /* the file is a collection in the documented format */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_test_message ("Exported: %s", text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "stellar-collection");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Shared");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "requests")), ==, 1);
  request = json_array_get_object_element (json_object_get_array_member (root, "requests"), 0);
  g_assert_cmpstr (json_object_get_string_member (request, "name"), ==, "Echo travels");
  g_assert_cmpstr (json_object_get_string_member (request, "action"), ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (request, "transport"), ==, "websocket");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "params"), "message"),
                   ==, "travels");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (request, "params"), "n"), ==, 3);

  /* Import: the same collection again, numbered beside the first */
  stellar_collections_popover_import_file (fixture->popover, file);
  g_assert_cmpstr (wait_message (fixture), ==, "Imported “Shared (2)”");
  g_assert_false (gtk_widget_has_css_class (stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER,
                                                                         "message_label"),
                                            "error"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->collections)), ==, 2);
  collection = stellar_collections_lookup (fixture->collections, "Shared (2)");
  g_assert_nonnull (collection);
  saved = stellar_collection_lookup_request (collection, "Echo travels");
  g_assert_nonnull (saved);
  g_assert_cmpstr (stellar_saved_request_get_action (saved), ==, "echo");
  g_assert_cmpint (stellar_saved_request_get_transport (saved), ==, STELLAR_TRANSPORT_WEBSOCKET);

  /* opened, it holds the same parameters */
  write_request (fixture, "other", "{}", STELLAR_TRANSPORT_HTTP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->popover), "collections.open-request",
                                             "(ss)", "Shared (2)", "Echo travels"));
  {
    g_autofree char *opened = params_text (fixture);
    g_autoptr(JsonNode) node = json_from_string (opened, &error);
    JsonObject *params;

    g_assert_no_error (error);
    params = json_node_get_object (node);
    g_assert_cmpstr (json_object_get_string_member (params, "message"), ==, "travels");
    g_assert_cmpint (json_object_get_int_member (params, "n"), ==, 3);
    g_assert_cmpuint (json_object_get_size (params), ==, 2);
  }

  stellar_app_test_remove_tree (folder);
}

static void
test_broken_import (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *content;
    const char *reason;
  } broken[] = {
    { "this is not JSON {", "it is not a JSON object" },
    { "[1, 2, 3]", "it is not a JSON object" },
    { "{\"format\": \"something-else\", \"version\": 1}", "The file is not a Stellar collection" },
    { "{\"format\": \"stellar-collection\", \"version\": 99, \"name\": \"x\", \"requests\": []}", "newer version" },
    { "{\"format\": \"stellar-collection\", \"version\": 1, \"name\": \"x\", \"requests\": [{\"action\": \"a\"}]}",
      "has no name" },
  };
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *kept_before = NULL;
  StellarCollection *collection;
  FileCheck check;

  write_request (fixture, "echo", "{\"message\": \"precious\"}", STELLAR_TRANSPORT_AUTO);
  save_request (fixture, "Precious", NULL, "Existing");
  collection = stellar_collections_lookup (fixture->collections, "Existing");
  check = (FileCheck) { collection, "\"Precious\"" };
  g_assert_true (stellar_test_iterate_until (file_has, &check, STELLAR_TEST_TIMEOUT_MS));
  kept_before = collection_file_text (collection);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/broken-%u.json", folder, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *kept_after = NULL;
      const char *message;

      g_assert_true (g_file_set_contents (path, broken[i].content, -1, NULL));

      stellar_collections_popover_import_file (fixture->popover, file);
      message = wait_message (fixture);
      g_test_message ("Import of %s: %s", broken[i].content, message);
      g_assert_true (g_str_has_prefix (message, "Could not import the file: "));
      g_assert_nonnull (strstr (message, broken[i].reason));
      g_assert_true (gtk_widget_has_css_class (stellar_test_template_child (fixture->popover, STELLAR_TYPE_COLLECTIONS_POPOVER,
                                                                            "message_label"),
                                               "error"));

      /* nothing changed, nothing lost */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->collections)), ==, 1);
      g_assert_true (stellar_collections_lookup (fixture->collections, "Existing") == collection);
      g_assert_nonnull (stellar_collection_lookup_request (collection, "Precious"));
      kept_after = collection_file_text (collection);
      g_assert_cmpstr (kept_after, ==, kept_before);
    }

  /* a file that is not there */
  {
    g_autofree char *path = g_build_filename (folder, "missing.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    stellar_collections_popover_import_file (fixture->popover, file);
    g_assert_true (g_str_has_prefix (wait_message (fixture), "Could not import the file: "));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->collections)), ==, 1);
  }

  stellar_app_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  stellar_app_test_use_temporary_data_home ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add ("/app/collections-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("accessible-names", test_accessible_names);
  ADD_TEST ("save-and-open", test_save_and_open);
  ADD_TEST ("rename-and-delete", test_rename_and_delete);
  ADD_TEST ("export-import", test_export_import);
  ADD_TEST ("broken-import", test_broken_import);

#undef ADD_TEST

  return g_test_run ();
}
