/* stellar-explorer.c: the API explorer of one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-call-private.h"
#include "stellar-explorer-private.h"

/* What the Actions page shows, for one connection: the request being
 * edited, the server's documented actions, the calls made to the server
 * (kept in the history), its default parameters, and the call whose
 * response is on screen. The session owns it; the page binds to it and
 * asks it to act. It is the only explorer code that reads the server's
 * answers.
 *
 * A call goes through the client's interceptors like any other: the
 * default parameters are added there, and the explorer notes which ones
 * on the call (by name only, for values may be secret). One call is under
 * way at a time; Run Repeatedly (stellar-explorer-load.c) makes many. */

struct _StellarExplorerSending
{
  StellarExplorer   *self;
  StellarCall       *call;
  /* what the interceptors saw of it, once they did */
  StellarActionCall *intercepted;
  GCancellable      *cancellable;
  gint64             started;
};

static GParamSpec *properties[STELLAR_EXPLORER_N_PROPS];

G_DEFINE_FINAL_TYPE (StellarExplorer, stellar_explorer, G_TYPE_OBJECT)

void
_stellar_explorer_notify (StellarExplorer *self,
                          guint            prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* --- what can be sent ---------------------------------------------------- */

static char *
dup_action_name (StellarExplorer *self)
{
  return g_strstrip (g_strdup (stellar_action_request_get_action (self->request)));
}

/**
 * _stellar_explorer_get_call_params:
 * @action: (out): the action's name, trimmed
 *
 * Returns: (transfer full): the request's parameters, or %NULL with @error
 *   set when it cannot be sent: no action named, or parameters that are
 *   not a JSON object
 */
JsonObject *
_stellar_explorer_get_call_params (StellarExplorer  *self,
                                   char            **action,
                                   GError          **error)
{
  g_autofree char *name = dup_action_name (self);
  JsonObject *params;

  if (*name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the name of an action"));
      return NULL;
    }

  params = stellar_action_request_get_params (self->request, error);
  if (params != NULL)
    *action = g_steal_pointer (&name);

  return params;
}

static void
update_can_send (StellarExplorer *self)
{
  g_autofree char *action = dup_action_name (self);
  gboolean can_send = self->sending == NULL && *action != '\0' &&
                      stellar_action_request_get_valid (self->request);

  if (self->can_send == can_send)
    return;

  self->can_send = can_send;
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_CAN_SEND);
}

/* --- the call on screen -------------------------------------------------- */

/* The response as a tree: kept as the server sent it for a call made now,
 * read back from its text for one of the history (whose text may be cut
 * short: then there is no tree, and the view shows the text). */
static void
set_response_tree (StellarExplorer *self,
                   StellarJsonTree *tree)
{
  if (!g_set_object (&self->response_tree, tree))
    return;

  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_RESPONSE_TREE);
}

static void
load_response_tree (StellarExplorer *self)
{
  g_autoptr(StellarJsonTree) tree = NULL;
  const char *text = NULL;

  if (self->current_call != NULL)
    text = stellar_call_get_response_text (self->current_call);

  if (text != NULL && strlen (text) == stellar_call_get_response_size (self->current_call))
    tree = stellar_json_tree_new_from_text (text, -1, NULL);

  set_response_tree (self, tree);
}

static void
set_current_call (StellarExplorer *self,
                  StellarCall     *call)
{
  if (!g_set_object (&self->current_call, call))
    return;

  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_CURRENT_CALL);
  load_response_tree (self);
}

/* --- sending ------------------------------------------------------------- */

static void
sending_free (StellarExplorerSending *sending)
{
  g_clear_object (&sending->self);
  g_clear_object (&sending->call);
  g_clear_object (&sending->intercepted);
  g_clear_object (&sending->cancellable);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StellarExplorerSending, sending_free)

/* Connected only while the explorer's own call is handed to the client,
 * which shows it to the interceptors before it returns. */
static gboolean
on_intercept (StellarClient     *client,
              StellarActionCall *call,
              StellarExplorer   *self)
{
  if (self->sending != NULL && self->sending->intercepted == NULL)
    self->sending->intercepted = g_object_ref (call);

  return FALSE;
}

/* Which default parameters the call got: known as soon as the
 * interceptors ran, or once the call was released if they held it. */
static void
note_default_params (StellarExplorerSending *sending)
{
  const char * const *added;

  if (sending->intercepted == NULL || stellar_call_get_status (sending->call) != STELLAR_CALL_STATUS_PENDING)
    return;

  added = stellar_default_params_get_added (sending->intercepted);
  if (added != NULL)
    _stellar_call_set_default_params (sending->call, added);
}

/* The server's code of a general error ({"error":{"code":"004",…}}). */
static const char *
get_error_code (JsonNode *response)
{
  JsonNode *error;
  JsonNode *code;

  if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
    return NULL;

  error = json_object_get_member (json_node_get_object (response), "error");
  if (error == NULL || !JSON_NODE_HOLDS_OBJECT (error))
    return NULL;

  code = json_object_get_member (json_node_get_object (error), "code");
  if (code == NULL || !JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (code);
}

static void
finish_sending (StellarExplorer        *self,
                StellarExplorerSending *sending,
                JsonNode               *response,
                const GError           *error)
{
  StellarCall *call = sending->call;
  gint64 duration_ms = (g_get_monotonic_time () - sending->started) / 1000;
  g_autofree char *text = NULL;

  note_default_params (sending);

  if (error == NULL)
    {
      text = json_to_string (response, FALSE);
      stellar_call_complete (call, text, duration_ms);
      /* an answer without errors clears those of the last one */
      stellar_action_request_apply_response_error (self->request, response);
    }
  else
    {
      JsonNode *server_response = stellar_error_get_response (error);

      if (server_response != NULL)
        text = json_to_string (server_response, FALSE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        stellar_call_fail (call, NULL, _("Cancelled"), NULL, duration_ms);
      else
        stellar_call_fail (call, get_error_code (server_response), error->message, text, duration_ms);

      if (server_response != NULL)
        stellar_action_request_apply_response_error (self->request, server_response);
    }

  if (self->current_call == call)
    {
      if (error == NULL)
        {
          g_autoptr(StellarJsonTree) tree = stellar_json_tree_new (response);

          set_response_tree (self, tree);
        }
      else
        load_response_tree (self);
    }
}

static void
on_action_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StellarExplorerSending) sending = user_data;
  StellarExplorer *self = sending->self;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  response = stellar_client_action_finish (STELLAR_CLIENT (object), result, &error);

  g_assert (self->sending == sending);
  self->sending = NULL;

  finish_sending (self, sending, response, error);

  g_object_freeze_notify (G_OBJECT (self));
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_SENDING);
  update_can_send (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* --- the models it keeps ------------------------------------------------- */

static void
on_default_params_loaded (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The list says what went wrong in its error message. */
  if (!stellar_default_params_load_finish (STELLAR_DEFAULT_PARAMS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Default parameters: %s", error->message);
}

static void
on_history_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The history says what went wrong in its error message. */
  if (!stellar_call_history_load_more_finish (STELLAR_CALL_HISTORY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Call history: %s", error->message);
}

static void
on_catalog_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The catalog keeps its state and message for the view. */
  if (!stellar_action_catalog_load_finish (STELLAR_ACTION_CATALOG (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Action documentation: %s", error->message);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_explorer_constructed (GObject *object)
{
  StellarExplorer *self = STELLAR_EXPLORER (object);
  const char *url;

  G_OBJECT_CLASS (stellar_explorer_parent_class)->constructed (object);

  g_assert (self->client != NULL);
  url = stellar_client_get_url (self->client);

  self->catalog = stellar_action_catalog_new (self->client);
  self->request = stellar_action_request_new (self->catalog);
  g_signal_connect_object (self->request, "notify::action", G_CALLBACK (update_can_send), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request, "notify::valid", G_CALLBACK (update_can_send), self,
                           G_CONNECT_SWAPPED);

  self->history = stellar_call_history_new (self->database, url);
  if (self->database != NULL)
    stellar_call_history_load_more_async (self->history, self->cancellable, on_history_loaded, NULL);

  self->default_params = stellar_default_params_new (url, self->settings);
  stellar_default_params_attach (self->default_params, self->client);
  stellar_default_params_load_async (self->default_params, self->cancellable, on_default_params_loaded, NULL);

  _stellar_explorer_suggestions_init (self);
}

static void
stellar_explorer_dispose (GObject *object)
{
  StellarExplorer *self = STELLAR_EXPLORER (object);

  g_cancellable_cancel (self->cancellable);
  stellar_explorer_cancel (self);
  _stellar_explorer_load_dispose (self);
  _stellar_explorer_suggestions_dispose (self);

  if (self->client != NULL && self->default_params != NULL)
    stellar_default_params_detach (self->default_params, self->client);

  g_clear_object (&self->response_tree);
  g_clear_object (&self->current_call);

  G_OBJECT_CLASS (stellar_explorer_parent_class)->dispose (object);
}

static void
stellar_explorer_finalize (GObject *object)
{
  StellarExplorer *self = STELLAR_EXPLORER (object);

  g_assert (self->sending == NULL);

  g_clear_object (&self->request);
  g_clear_object (&self->catalog);
  g_clear_object (&self->history);
  g_clear_object (&self->default_params);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (stellar_explorer_parent_class)->finalize (object);
}

static void
stellar_explorer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StellarExplorer *self = STELLAR_EXPLORER (object);

  switch (prop_id)
    {
    case STELLAR_EXPLORER_PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case STELLAR_EXPLORER_PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case STELLAR_EXPLORER_PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case STELLAR_EXPLORER_PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case STELLAR_EXPLORER_PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    case STELLAR_EXPLORER_PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case STELLAR_EXPLORER_PROP_DEFAULT_PARAMS:
      g_value_set_object (value, self->default_params);
      break;

    case STELLAR_EXPLORER_PROP_SUGGESTIONS:
      g_value_set_object (value, self->suggestions);
      break;

    case STELLAR_EXPLORER_PROP_CURRENT_CALL:
      g_value_set_object (value, self->current_call);
      break;

    case STELLAR_EXPLORER_PROP_RESPONSE_TREE:
      g_value_set_object (value, self->response_tree);
      break;

    case STELLAR_EXPLORER_PROP_SENDING:
      g_value_set_boolean (value, self->sending != NULL);
      break;

    case STELLAR_EXPLORER_PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case STELLAR_EXPLORER_PROP_LOAD_TEST:
      g_value_set_object (value, self->load_test);
      break;

    case STELLAR_EXPLORER_PROP_LOAD_REPORT:
      g_value_set_object (value, self->load_report);
      break;

    case STELLAR_EXPLORER_PROP_LOAD_RUNNING:
      g_value_set_boolean (value, stellar_explorer_get_load_running (self));
      break;

    case STELLAR_EXPLORER_PROP_LOAD_ERROR:
      g_value_set_string (value, self->load_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_explorer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StellarExplorer *self = STELLAR_EXPLORER (object);

  switch (prop_id)
    {
    case STELLAR_EXPLORER_PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case STELLAR_EXPLORER_PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case STELLAR_EXPLORER_PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_explorer_class_init (StellarExplorerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct_flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags fixed_flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags changing_flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = stellar_explorer_constructed;
  object_class->dispose = stellar_explorer_dispose;
  object_class->finalize = stellar_explorer_finalize;
  object_class->get_property = stellar_explorer_get_property;
  object_class->set_property = stellar_explorer_set_property;

  /**
   * StellarExplorer:client:
   *
   * The client that makes the calls.
   */
  properties[STELLAR_EXPLORER_PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, STELLAR_TYPE_CLIENT, construct_flags);

  /**
   * StellarExplorer:settings:
   *
   * Where the server's default parameters are listed; %NULL for the app's
   * own settings.
   */
  properties[STELLAR_EXPLORER_PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, construct_flags);

  /**
   * StellarExplorer:database:
   *
   * Where the calls are kept; %NULL keeps them in memory only.
   */
  properties[STELLAR_EXPLORER_PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, STELLAR_TYPE_DATABASE, construct_flags);

  /**
   * StellarExplorer:catalog:
   *
   * The actions the server documents, once stellar_explorer_load_catalog()
   * read them.
   */
  properties[STELLAR_EXPLORER_PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, STELLAR_TYPE_ACTION_CATALOG, fixed_flags);

  /**
   * StellarExplorer:request:
   *
   * The call being written: action, parameters, transport.
   */
  properties[STELLAR_EXPLORER_PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, STELLAR_TYPE_ACTION_REQUEST, fixed_flags);

  /**
   * StellarExplorer:history:
   *
   * Every call made to the server, newest first.
   */
  properties[STELLAR_EXPLORER_PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, STELLAR_TYPE_CALL_HISTORY, fixed_flags);

  /**
   * StellarExplorer:default-params:
   *
   * The parameters added to every call to the server.
   */
  properties[STELLAR_EXPLORER_PROP_DEFAULT_PARAMS] =
    g_param_spec_object ("default-params", NULL, NULL, STELLAR_TYPE_DEFAULT_PARAMS, fixed_flags);

  /**
   * StellarExplorer:suggestions:
   *
   * The action names to offer as one is typed: the documented actions,
   * then those of the history (#StellarActionSuggestion items).
   */
  properties[STELLAR_EXPLORER_PROP_SUGGESTIONS] =
    g_param_spec_object ("suggestions", NULL, NULL, G_TYPE_LIST_MODEL, fixed_flags);

  /**
   * StellarExplorer:current-call:
   *
   * The call whose response is shown: the last one sent, or one picked
   * from the history; %NULL before any.
   */
  properties[STELLAR_EXPLORER_PROP_CURRENT_CALL] =
    g_param_spec_object ("current-call", NULL, NULL, STELLAR_TYPE_CALL, changing_flags);

  /**
   * StellarExplorer:response-tree:
   *
   * The current call's response as a tree, or %NULL when it has none (or
   * the history kept only its start).
   */
  properties[STELLAR_EXPLORER_PROP_RESPONSE_TREE] =
    g_param_spec_object ("response-tree", NULL, NULL, STELLAR_TYPE_JSON_TREE, changing_flags);

  /**
   * StellarExplorer:sending:
   *
   * Whether a call is under way.
   */
  properties[STELLAR_EXPLORER_PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE, changing_flags);

  /**
   * StellarExplorer:can-send:
   *
   * Whether the request can be sent now: an action is named, its
   * parameters are valid and no call is under way.
   */
  properties[STELLAR_EXPLORER_PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL, FALSE, changing_flags);

  /**
   * StellarExplorer:load-test:
   *
   * The last load test started (Run Repeatedly), or %NULL.
   */
  properties[STELLAR_EXPLORER_PROP_LOAD_TEST] =
    g_param_spec_object ("load-test", NULL, NULL, STELLAR_TYPE_LOAD_TEST, changing_flags);

  /**
   * StellarExplorer:load-report:
   *
   * What the last load test measured, once it ended; %NULL while one runs.
   */
  properties[STELLAR_EXPLORER_PROP_LOAD_REPORT] =
    g_param_spec_object ("load-report", NULL, NULL, STELLAR_TYPE_LOAD_REPORT, changing_flags);

  /**
   * StellarExplorer:load-running:
   *
   * Whether a load test runs.
   */
  properties[STELLAR_EXPLORER_PROP_LOAD_RUNNING] =
    g_param_spec_boolean ("load-running", NULL, NULL, FALSE, changing_flags);

  /**
   * StellarExplorer:load-error:
   *
   * Why the last load test ended without a report (its connection could
   * not be opened), or %NULL.
   */
  properties[STELLAR_EXPLORER_PROP_LOAD_ERROR] =
    g_param_spec_string ("load-error", NULL, NULL, NULL, changing_flags);

  g_object_class_install_properties (object_class, STELLAR_EXPLORER_N_PROPS, properties);
}

static void
stellar_explorer_init (StellarExplorer *self)
{
  self->cancellable = g_cancellable_new ();
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_explorer_new:
 * @client: the connection's client
 * @settings: (nullable): where default parameters are listed; the app's
 *   settings when %NULL
 * @database: (nullable): where the calls are kept
 *
 * The explorer attaches the server's default parameters to @client's
 * calls at once, and starts reading its history and default parameters.
 *
 * Returns: (transfer full): a new explorer
 */
StellarExplorer *
stellar_explorer_new (StellarClient   *client,
                      GSettings       *settings,
                      StellarDatabase *database)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (client), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (database == NULL || STELLAR_IS_DATABASE (database), NULL);

  return g_object_new (STELLAR_TYPE_EXPLORER,
                       "client", client,
                       "settings", settings,
                       "database", database,
                       NULL);
}

/**
 * stellar_explorer_get_client:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): the client
 */
StellarClient *
stellar_explorer_get_client (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->client;
}

/**
 * stellar_explorer_get_catalog:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): the documented actions
 */
StellarActionCatalog *
stellar_explorer_get_catalog (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->catalog;
}

/**
 * stellar_explorer_get_request:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): the request being written
 */
StellarActionRequest *
stellar_explorer_get_request (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->request;
}

/**
 * stellar_explorer_get_history:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): the calls to the server
 */
StellarCallHistory *
stellar_explorer_get_history (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->history;
}

/**
 * stellar_explorer_get_default_params:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): the server's default parameters
 */
StellarDefaultParams *
stellar_explorer_get_default_params (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->default_params;
}

/**
 * stellar_explorer_get_suggestions:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none): a list model of #StellarActionSuggestion
 */
GListModel *
stellar_explorer_get_suggestions (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return G_LIST_MODEL (self->suggestions);
}

/**
 * stellar_explorer_get_current_call:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none) (nullable): the call whose response is shown
 */
StellarCall *
stellar_explorer_get_current_call (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->current_call;
}

/**
 * stellar_explorer_get_response_tree:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none) (nullable): the current call's response
 */
StellarJsonTree *
stellar_explorer_get_response_tree (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->response_tree;
}

gboolean
stellar_explorer_get_sending (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);

  return self->sending != NULL;
}

gboolean
stellar_explorer_get_can_send (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);

  return self->can_send;
}

/**
 * stellar_explorer_load_catalog:
 * @self: a #StellarExplorer
 *
 * Reads the server's action documentation (again); the catalog's state
 * follows the load.
 */
void
stellar_explorer_load_catalog (StellarExplorer *self)
{
  g_return_if_fail (STELLAR_IS_EXPLORER (self));

  stellar_action_catalog_load_async (self->catalog, self->cancellable, on_catalog_loaded, NULL);
}

/**
 * stellar_explorer_send:
 * @self: a #StellarExplorer
 * @error: return location for a #GError
 *
 * Sends the request: the call goes into the history at once and becomes
 * the current call; its response, or its error, arrives later on the
 * call. The server's validation errors go to the request's fields.
 * Nothing is sent when the request cannot be: no action, parameters that
 * are not a JSON object (%G_IO_ERROR_INVALID_DATA, with the request's
 * error message), or a call already under way (%G_IO_ERROR_BUSY).
 *
 * Returns: whether the call was made
 */
gboolean
stellar_explorer_send (StellarExplorer  *self,
                       GError          **error)
{
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(StellarCall) call = NULL;
  g_autofree char *action = NULL;
  StellarExplorerSending *sending;
  StellarTransport transport;
  gulong handler;

  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->sending != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A call is under way"));
      return FALSE;
    }

  params = _stellar_explorer_get_call_params (self, &action, error);
  if (params == NULL)
    return FALSE;

  transport = stellar_action_request_get_transport (self->request);
  call = stellar_call_new (action, stellar_action_request_get_params_text (self->request), transport,
                           NULL, g_get_real_time ());

  sending = g_new0 (StellarExplorerSending, 1);
  sending->self = g_object_ref (self);
  sending->call = g_object_ref (call);
  sending->cancellable = g_cancellable_new ();
  sending->started = g_get_monotonic_time ();
  self->sending = sending;

  stellar_call_history_add (self->history, call);
  set_current_call (self, call);

  handler = g_signal_connect (self->client, "intercept", G_CALLBACK (on_intercept), self);
  stellar_client_action_full_async (self->client, action, params, transport, sending->cancellable,
                                    on_action_done, sending);
  g_signal_handler_disconnect (self->client, handler);
  note_default_params (sending);

  g_object_freeze_notify (G_OBJECT (self));
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_SENDING);
  update_can_send (self);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * stellar_explorer_cancel:
 * @self: a #StellarExplorer
 *
 * Gives up on the call under way, if any: it ends as cancelled.
 */
void
stellar_explorer_cancel (StellarExplorer *self)
{
  g_return_if_fail (STELLAR_IS_EXPLORER (self));

  if (self->sending != NULL)
    g_cancellable_cancel (self->sending->cancellable);
}

/**
 * stellar_explorer_show_call:
 * @self: a #StellarExplorer
 * @call: a call of the history
 *
 * Loads @call's action, parameters and transport into the request, ready
 * to be sent again, and shows its response.
 */
void
stellar_explorer_show_call (StellarExplorer *self,
                            StellarCall     *call)
{
  g_return_if_fail (STELLAR_IS_EXPLORER (self));
  g_return_if_fail (STELLAR_IS_CALL (call));

  stellar_action_request_set_action (self->request, stellar_call_get_action (call));
  stellar_action_request_set_params_text (self->request, stellar_call_get_params_text (call));
  stellar_action_request_set_transport (self->request, stellar_call_get_transport (call));
  set_current_call (self, call);
}

/**
 * stellar_explorer_build_curl:
 * @self: a #StellarExplorer
 * @error: return location for a #GError
 *
 * "Copy as curl": the request as a curl command over HTTP, with the
 * server's default parameters as the interceptor would add them.
 *
 * Returns: (transfer full): the command line, or %NULL with @error set
 *   when the request cannot be sent
 */
char *
stellar_explorer_build_curl (StellarExplorer  *self,
                             GError          **error)
{
  g_autoptr(JsonObject) defaults = json_object_new ();
  g_autofree char *api_path = NULL;

  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  if (self->default_params != NULL)
    g_strfreev (stellar_default_params_fill (self->default_params, defaults));

  g_object_get (self->client, "api-path", &api_path, NULL);

  return stellar_action_request_build_curl (self->request, stellar_client_get_url (self->client), api_path,
                                            defaults, error);
}
