/* test-default-params-view.c: default parameters edited on the Actions page, as a developer uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets go to GNOME Keyring's Secret Service, run by the test on a D-Bus
 * session bus of its own; the settings are GSettings' memory backend.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsecret/secret.h>

#include "stellar-app-test-utils.h"
#include "stellar-default-param-row.h"
#include "stellar-default-params-dialog.h"
#include "stellar-explorer-view.h"
#include "stellar-frame-details.h"
#include "stellar-frame.h"
#include "stellar-inspector-view.h"
#include "stellar-param-keyring.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"
#include "stellar-window.h"
#include "stellar-window-test-utils.h"

#define SECRET "t0ken-only-in-the-keyring-4b1d"

static StellarTestKeyring *keyring;

typedef struct {
  GSettings           *settings;
  StellarTestServer   *server;
  StellarWindow       *window;
  StellarExplorerView *view;
} Fixture;

static StellarExplorer *
get_explorer (Fixture *fixture)
{
  return stellar_explorer_view_get_explorer (fixture->view);
}

static StellarDefaultParams *
get_params (Fixture *fixture)
{
  return stellar_explorer_get_default_params (get_explorer (fixture));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->server = stellar_test_server_startv (NULL);
  fixture->window = stellar_test_window_open (stellar_test_server_get_url (fixture->server), NULL, "actions");
  fixture->view = STELLAR_EXPLORER_VIEW (stellar_window_get_page (fixture->window, "actions"));
  stellar_test_wait_for (!stellar_default_params_get_busy (get_params (fixture)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  stellar_test_window_close (fixture->window);
  g_clear_pointer (&fixture->server, stellar_test_server_stop);

  /* every item of the schema, whatever the server and key */
  secret_password_clear_sync (stellar_param_keyring_get_schema (), NULL, &error, NULL);
  g_assert_no_error (error);
  g_settings_reset (fixture->settings, "default-params");
  g_settings_reset (fixture->settings, "recent-servers");
  g_clear_object (&fixture->settings);
}

/* --- helpers ------------------------------------------------------------- */

static GtkWindow *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.default-params", NULL));
  dialog = stellar_test_find_toplevel (STELLAR_TYPE_DEFAULT_PARAMS_DIALOG);
  g_assert_nonnull (dialog);

  return dialog;
}

static GtkWidget *
row_child (GtkWindow  *dialog,
           int         index,
           const char *name)
{
  GtkListBox *list_box = GTK_LIST_BOX (stellar_test_template_child (dialog, STELLAR_TYPE_DEFAULT_PARAMS_DIALOG, "list_box"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  g_assert_true (STELLAR_IS_DEFAULT_PARAM_ROW (row));

  return stellar_test_template_child (row, STELLAR_TYPE_DEFAULT_PARAM_ROW, name);
}

/* "Add Parameter", then the row filled in as a person would. */
static void
add_param (GtkWindow  *dialog,
           const char *key,
           const char *value,
           gboolean    secret)
{
  GtkListBox *list_box = GTK_LIST_BOX (stellar_test_template_child (dialog, STELLAR_TYPE_DEFAULT_PARAMS_DIALOG, "list_box"));
  int index = 0;

  while (gtk_list_box_get_row_at_index (list_box, index) != NULL)
    index++;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "default-params.add", NULL));
  gtk_editable_set_text (GTK_EDITABLE (row_child (dialog, index, "key_entry")), key);
  gtk_editable_set_text (GTK_EDITABLE (row_child (dialog, index, "value_entry")), value);
  gtk_switch_set_active (GTK_SWITCH (row_child (dialog, index, "secret_switch")), secret);
}

static char *
stored_rows (Fixture *fixture)
{
  g_autoptr(GVariant) all = g_settings_get_value (fixture->settings, "default-params");

  return g_variant_print (all, FALSE);
}

typedef struct {
  Fixture    *fixture;
  const char *needle;
} SavedCheck;

static gboolean
is_saved (gpointer user_data)
{
  SavedCheck *check = user_data;
  g_autofree char *rows = stored_rows (check->fixture);

  return !stellar_default_params_get_busy (get_params (check->fixture)) && strstr (rows, check->needle) != NULL;
}

/* Written: the keyring first, then the settings. */
static void
wait_saved (Fixture    *fixture,
            const char *needle)
{
  SavedCheck check = { fixture, needle };

  g_assert_true (stellar_test_iterate_until (is_saved, &check, STELLAR_TEST_TIMEOUT_MS));
}

static char *
keyring_lookup (Fixture    *fixture,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (stellar_param_keyring_get_schema (), NULL, &error,
                                              "server", stellar_test_server_get_url (fixture->server),
                                              "key", key, NULL);
  char *value = g_strdup (secret);

  g_assert_no_error (error);
  secret_password_free (secret);
  return value;
}

static StellarCall *
send_echo (Fixture          *fixture,
           StellarTransport  transport)
{
  StellarExplorer *explorer = get_explorer (fixture);
  GtkTextView *params_view = GTK_TEXT_VIEW (stellar_test_template_child (fixture->view, STELLAR_TYPE_EXPLORER_VIEW,
                                                                         "params_view"));
  StellarCall *call;

  gtk_editable_set_text (GTK_EDITABLE (stellar_test_template_child (fixture->view, STELLAR_TYPE_EXPLORER_VIEW,
                                                                    "action_entry")),
                         "echo");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (params_view), "{\"message\": \"with defaults\"}", -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stellar_test_template_child (fixture->view, STELLAR_TYPE_EXPLORER_VIEW,
                                                                          "transport_dropdown")),
                              transport);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "explorer.send", NULL));
  call = stellar_explorer_get_current_call (explorer);
  g_assert_nonnull (call);
  stellar_test_wait_for (stellar_call_get_status (call) != STELLAR_CALL_STATUS_PENDING &&
                         !stellar_explorer_get_sending (explorer));
  g_assert_cmpint (stellar_call_get_status (call), ==, STELLAR_CALL_STATUS_OK);

  return call;
}

/* What the server received last: {"event":"action","params":{…}}. */
static JsonObject *
last_received_params (Fixture *fixture)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (fixture->server, "in");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = frames->len; i > 0 && node == NULL; i--)
    if (strstr (frames->pdata[i - 1], "\"action\"") != NULL)
      node = json_from_string (frames->pdata[i - 1], &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  return json_object_ref (json_object_get_object_member (json_node_get_object (node), "params"));
}

static JsonObject *
last_http_params (Fixture *fixture)
{
  g_autoptr(JsonArray) log = stellar_test_server_http_log (fixture->server);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = json_array_get_length (log); i > 0 && node == NULL; i--)
    {
      JsonObject *entry = json_array_get_object_element (log, i - 1);

      if (g_strcmp0 (json_object_get_string_member (entry, "path"), "/api") == 0)
        node = json_from_string (json_object_get_string_member (entry, "body"), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (node);

  return json_object_ref (json_node_get_object (node));
}

/* The inspector's newest outgoing frame that has @needle. */
static StellarFrame *
find_sent_frame (Fixture    *fixture,
                 const char *needle)
{
  StellarFrameLog *log = stellar_session_get_frame_log (stellar_window_get_session (fixture->window));

  stellar_frame_log_flush (log);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (log)); i > 0; i--)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (G_LIST_MODEL (log), i - 1);

      if (stellar_frame_get_outgoing (frame) && strstr (stellar_frame_get_text (frame), needle) != NULL)
        return frame;
    }

  return NULL;
}

static gboolean
file_has (gpointer user_data)
{
  const char *const *check = user_data;
  g_autofree char *text = NULL;

  return g_file_get_contents (check[0], &text, NULL, NULL) && strstr (text, check[1]) != NULL;
}

/* --- tests --------------------------------------------------------------- */

static void
test_editor_reaches_server (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  g_autoptr(JsonObject) received = NULL;
  g_autoptr(JsonObject) received_http = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *stored = NULL;
  StellarInspectorView *inspector;
  StellarFrameDetails *details;
  GtkWidget *added_label;
  StellarFrame *frame;
  StellarCall *call;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stellar_test_template_child (dialog, STELLAR_TYPE_DEFAULT_PARAMS_DIALOG,
                                                                                    "list_box")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Default Parameters");

  add_param (dialog, "tenant", "acme", FALSE);
  add_param (dialog, "token", SECRET, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_params (fixture))), ==, 2);

  /* the secret is shown masked, the other value as it is */
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (row_child (dialog, 1, "value_entry"))));
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (row_child (dialog, 0, "value_entry"))));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_child (dialog, 1, "secret_switch")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Secret");

  gtk_window_close (dialog);
  wait_saved (fixture, "token");

  /* the secret is in the keyring, never in the settings */
  rows = stored_rows (fixture);
  g_test_message ("default-params: %s", rows);
  g_assert_nonnull (strstr (rows, "'tenant', 'acme', false"));
  g_assert_nonnull (strstr (rows, "'token', '', true"));
  g_assert_null (strstr (rows, SECRET));
  stored = keyring_lookup (fixture, "token");
  g_assert_cmpstr (stored, ==, SECRET);

  /* a call over the WebSocket carries both to the server */
  call = send_echo (fixture, STELLAR_TRANSPORT_WEBSOCKET);
  g_assert_cmpstrv (stellar_call_get_default_params (call), ((const char *[]) { "tenant", "token", NULL }));
  received = last_received_params (fixture);
  g_assert_cmpstr (json_object_get_string_member (received, "message"), ==, "with defaults");
  g_assert_cmpstr (json_object_get_string_member (received, "tenant"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (received, "token"), ==, SECRET);

  /* the inspector tells them from what was typed */
  frame = find_sent_frame (fixture, "with defaults");
  g_assert_nonnull (frame);
  g_assert_cmpstrv (stellar_frame_get_added_params (frame), ((const char *[]) { "tenant", "token", NULL }));

  stellar_window_show_tool (fixture->window, "inspector");
  inspector = STELLAR_INSPECTOR_VIEW (stellar_window_get_page (fixture->window, "inspector"));
  g_assert_true (stellar_inspector_view_show_frame (inspector, stellar_frame_get_id (frame)));
  details = STELLAR_FRAME_DETAILS (stellar_test_template_child (inspector, STELLAR_TYPE_INSPECTOR_VIEW, "details"));
  added_label = stellar_test_template_child (details, STELLAR_TYPE_FRAME_DETAILS, "added_label");
  g_assert_true (gtk_widget_get_visible (added_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (added_label)), ==, "added: tenant, token");

  /* and so does its export, after the file chooser */
  {
    g_autofree char *folder = stellar_app_test_make_folder ();
    g_autofree char *path = g_build_filename (folder, "frames.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    const char *check[] = { path, "\"addedParams\"" };

    stellar_inspector_view_export_to_file (inspector, file);
    g_assert_true (stellar_test_iterate_until (file_has, check, STELLAR_TEST_TIMEOUT_MS));
    stellar_app_test_remove_tree (folder);
  }

  /* over HTTP too */
  call = send_echo (fixture, STELLAR_TRANSPORT_HTTP);
  g_assert_cmpstrv (stellar_call_get_default_params (call), ((const char *[]) { "tenant", "token", NULL }));
  received_http = last_http_params (fixture);
  g_assert_cmpstr (json_object_get_string_member (received_http, "tenant"), ==, "acme");
  g_assert_cmpstr (json_object_get_string_member (received_http, "token"), ==, SECRET);
}

static void
test_edit_and_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *dialog = open_dialog (fixture);
  g_autoptr(JsonObject) received = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *rows = NULL;

  add_param (dialog, "token", SECRET, TRUE);
  add_param (dialog, "tenant", "acme", FALSE);
  wait_saved (fixture, "tenant");

  /* the tenant changed in place, the token removed with its button */
  gtk_editable_set_text (GTK_EDITABLE (row_child (dialog, 1, "value_entry")), "globex");
  g_signal_emit_by_name (row_child (dialog, 0, "remove_button"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_params (fixture))), ==, 1);
  wait_saved (fixture, "globex");

  rows = stored_rows (fixture);
  g_assert_null (strstr (rows, "token"));
  stored = keyring_lookup (fixture, "token");
  g_assert_null (stored);

  send_echo (fixture, STELLAR_TRANSPORT_WEBSOCKET);
  received = last_received_params (fixture);
  g_assert_cmpstr (json_object_get_string_member (received, "tenant"), ==, "globex");
  g_assert_false (json_object_has_member (received, "token"));

  gtk_window_close (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (stellar_app_test_skip_without_display ())
    return 77;

  stellar_app_test_use_temporary_data_home ();
  /* before anything uses the session bus */
  keyring = stellar_app_test_keyring_start ("test keyring password");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add ("/app/default-params-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("editor-reaches-server", test_editor_reaches_server);
  ADD_TEST ("edit-and-remove", test_edit_and_remove);

#undef ADD_TEST

  status = g_test_run ();

  secret_service_disconnect ();
  stellar_app_test_keyring_stop (keyring);

  return status;
}
