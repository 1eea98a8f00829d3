/* stellar-action-catalog.c: the actions a server documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-action-catalog.h"
#include "stellar-docs-parser.h"
#include "stellar-utils.h"

/* A list model of StellarActionInfo, one item per documented version of
 * each action, read from the HTML documentation Stellar generates at boot
 * (docs/index.html and docs/action_NAME.html in its public folder), fetched
 * with stellar_client_file_async(). It offers the explorer completion and
 * the inputs of a generated form.
 *
 * Stellar 1.4.6 never answers a request for a missing file, so a load gives
 * up once nothing has arrived for [property@ActionCatalog:timeout]
 * milliseconds. A server without documentation leaves the list empty with
 * the state UNAVAILABLE and a message to show; an action page that cannot
 * be read still lists the action, by the name the index gives. */

#define DEFAULT_TIMEOUT_MS 5000
#define MAX_PAGES_IN_FLIGHT 4
#define INDEX_PATH "docs/index.html"

struct _StellarActionCatalog
{
  GObject                    parent_instance;

  StellarClient             *client;
  GPtrArray                 *items;
  char                      *error_message;
  StellarActionCatalogState  state;
  guint                      timeout_ms;

  /* the load under way, if any: its GTask */
  GTask                     *loading;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (StellarActionCatalogState, stellar_action_catalog_state,
                    G_DEFINE_ENUM_VALUE (STELLAR_ACTION_CATALOG_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (STELLAR_ACTION_CATALOG_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (STELLAR_ACTION_CATALOG_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE, "unavailable"),
                    G_DEFINE_ENUM_VALUE (STELLAR_ACTION_CATALOG_STATE_FAILED, "failed"))

static GType
stellar_action_catalog_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_ACTION_INFO;
}

static guint
stellar_action_catalog_get_n_items (GListModel *model)
{
  return STELLAR_ACTION_CATALOG (model)->items->len;
}

static gpointer
stellar_action_catalog_get_item (GListModel *model,
                                 guint       position)
{
  StellarActionCatalog *self = STELLAR_ACTION_CATALOG (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_action_catalog_get_item_type;
  iface->get_n_items = stellar_action_catalog_get_n_items;
  iface->get_item = stellar_action_catalog_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarActionCatalog, stellar_action_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* --- state --------------------------------------------------------------- */

static void
set_state (StellarActionCatalog      *self,
           StellarActionCatalogState  state,
           const char                *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  if (stellar_set_string (&self->error_message, error_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
replace_items (StellarActionCatalog *self,
               GPtrArray            *items)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);

  if (removed > 0 || items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);
}

/* --- one load ------------------------------------------------------------ */

typedef struct {
  /* what the requests use: cancelled by the caller's cancellable, by a
   * newer load, or by the watchdog */
  GCancellable              *cancellable;
  GCancellable              *caller_cancellable;
  gulong                     caller_cancelled_id;
  GSource                   *watchdog;
  gboolean                   timed_out;

  /* what to go back to if the caller cancels */
  StellarActionCatalogState  previous_state;
  char                      *previous_error_message;

  char                     **names;
  GPtrArray                **pages;  /* per name: its StellarActionInfo items, or NULL */
  guint                      n_names;
  guint                      next_page;
  guint                      pages_in_flight;
} Load;

static void
load_free (Load *load)
{
  if (load->caller_cancellable != NULL)
    g_cancellable_disconnect (load->caller_cancellable, load->caller_cancelled_id);
  g_clear_object (&load->caller_cancellable);
  g_clear_object (&load->cancellable);

  if (load->watchdog != NULL)
    {
      g_source_destroy (load->watchdog);
      g_source_unref (load->watchdog);
    }

  for (guint i = 0; i < load->n_names; i++)
    g_clear_pointer (&load->pages[i], g_ptr_array_unref);
  g_free (load->pages);
  g_free (load->previous_error_message);
  g_strfreev (load->names);
  g_free (load);
}

static void
cancel_load (GCancellable *caller_cancellable,
             GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
on_watchdog (gpointer user_data)
{
  Load *load = user_data;

  load->timed_out = TRUE;
  g_cancellable_cancel (load->cancellable);
  g_clear_pointer (&load->watchdog, g_source_unref);

  return G_SOURCE_REMOVE;
}

/* Gives the server another timeout's worth of time: called whenever a
 * request is made or answered. */
static void
feed_watchdog (GTask *task)
{
  StellarActionCatalog *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  if (load->watchdog != NULL)
    {
      g_source_destroy (load->watchdog);
      g_clear_pointer (&load->watchdog, g_source_unref);
    }

  if (self->timeout_ms == 0 || g_cancellable_is_cancelled (load->cancellable))
    return;

  load->watchdog = g_timeout_source_new (self->timeout_ms);
  g_source_set_static_name (load->watchdog, "[stellar] action catalog timeout");
  g_source_set_callback (load->watchdog, on_watchdog, load, NULL);
  g_source_attach (load->watchdog, g_task_get_context (task));
}

static gboolean
is_current (GTask *task)
{
  StellarActionCatalog *self = g_task_get_source_object (task);

  return self->loading == task;
}

/* Ends the load with @error, which the catalog shows in @state. A load that
 * a newer one replaced, or that its caller cancelled, leaves the catalog as
 * it was before it began. */
static void
fail_load (GTask                     *task,
           StellarActionCatalogState  state,
           GError                    *error)
{
  StellarActionCatalog *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  if (!is_current (task))
    ;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->loading);
      set_state (self, load->previous_state, load->previous_error_message);
    }
  else
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);

      g_clear_object (&self->loading);
      replace_items (self, none);
      set_state (self, state, error->message);
    }

  g_task_return_error (task, error);
}

/* The file's bytes, and their encoding when the client knows it. */
static GBytes *
get_file_content (JsonObject  *file,
                  const char **encoding)
{
  const char *content = json_object_get_string_member_with_default (file, "content", NULL);
  const char *transfer = json_object_get_string_member_with_default (file, "encoding", NULL);

  if (content == NULL)
    return NULL;

  if (g_strcmp0 (transfer, "base64") == 0)
    {
      gsize length;
      guchar *data = g_base64_decode (content, &length);

      *encoding = NULL;
      return g_bytes_new_take (data, length);
    }

  *encoding = "UTF-8";
  return g_bytes_new (content, strlen (content));
}

static GPtrArray *
build_items (Load  *load,
             guint *n_unreadable)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  *n_unreadable = 0;
  for (guint i = 0; i < load->n_names; i++)
    {
      GPtrArray *versions = load->pages[i];

      if (versions == NULL)
        {
          /* known by name only */
          g_ptr_array_add (items, stellar_action_info_new (load->names[i], NULL, NULL, NULL));
          (*n_unreadable)++;
          continue;
        }

      for (guint v = 0; v < versions->len; v++)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (versions, v)));
    }

  return items;
}

static void
finish_load (GTask *task)
{
  StellarActionCatalog *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *message = NULL;
  guint n_unreadable;

  if (g_cancellable_is_cancelled (load->cancellable) && !load->timed_out)
    {
      fail_load (task, self->state,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
      return;
    }

  if (!is_current (task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return;
    }

  items = build_items (load, &n_unreadable);
  if (n_unreadable > 0)
    message = g_strdup_printf (ngettext ("The documentation of %u action could not be read",
                                         "The documentation of %u actions could not be read",
                                         n_unreadable),
                               n_unreadable);

  g_clear_object (&self->loading);
  replace_items (self, items);
  set_state (self, STELLAR_ACTION_CATALOG_STATE_READY, message);

  g_task_return_boolean (task, TRUE);
}

typedef struct {
  GTask *task;
  guint  index;
} PageRequest;

static void fetch_next_pages (GTask *task);

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  Load *load = g_task_get_task_data (task);
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;

  file = stellar_client_file_finish (STELLAR_CLIENT (source), result, &error);
  if (file != NULL)
    content = get_file_content (file, &encoding);
  if (content != NULL)
    load->pages[request->index] = stellar_docs_parse_action_page (content, encoding,
                                                                  load->names[request->index],
                                                                  &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The documentation of “%s” is not readable: %s", load->names[request->index], error->message);

  load->pages_in_flight--;
  g_free (request);

  feed_watchdog (task);
  fetch_next_pages (task);
}

static void
fetch_next_pages (GTask *task)
{
  StellarActionCatalog *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (load->cancellable))
    load->next_page = load->n_names;  /* start nothing more */

  while (load->next_page < load->n_names && load->pages_in_flight < MAX_PAGES_IN_FLIGHT)
    {
      PageRequest *request = g_new0 (PageRequest, 1);
      g_autofree char *path = g_strdup_printf ("docs/action_%s.html", load->names[load->next_page]);

      request->task = g_object_ref (task);
      request->index = load->next_page++;
      load->pages_in_flight++;
      stellar_client_file_async (self->client, path, load->cancellable, on_page, request);
    }

  if (load->pages_in_flight == 0)
    finish_load (task);
}

static void
on_index (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;

  file = stellar_client_file_finish (STELLAR_CLIENT (source), result, &error);

  if (file == NULL && load->timed_out)
    {
      /* Stellar 1.4.6 never answers for a missing file */
      fail_load (task, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                      _("This server publishes no documentation")));
      return;
    }

  if (file == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_load (task, STELLAR_ACTION_CATALOG_STATE_IDLE, g_steal_pointer (&error));
      else if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_SERVER) ||
               g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT))
        fail_load (task, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE,
                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        _("This server publishes no documentation")));
      else
        fail_load (task, STELLAR_ACTION_CATALOG_STATE_FAILED,
                   g_error_new (error->domain, error->code,
                                _("Could not get the documentation: %s"), error->message));
      return;
    }

  content = get_file_content (file, &encoding);
  if (content != NULL)
    load->names = stellar_docs_parse_index (content, encoding, &error);
  if (load->names == NULL)
    {
      fail_load (task, STELLAR_ACTION_CATALOG_STATE_UNAVAILABLE,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                      _("The server’s documentation is not in Stellar’s format")));
      return;
    }

  load->n_names = g_strv_length (load->names);
  load->pages = g_new0 (GPtrArray *, load->n_names + 1);

  feed_watchdog (task);
  fetch_next_pages (task);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_action_catalog_dispose (GObject *object)
{
  StellarActionCatalog *self = STELLAR_ACTION_CATALOG (object);

  if (self->loading != NULL)
    {
      Load *load = g_task_get_task_data (self->loading);

      g_cancellable_cancel (load->cancellable);
      g_clear_object (&self->loading);
    }

  G_OBJECT_CLASS (stellar_action_catalog_parent_class)->dispose (object);
}

static void
stellar_action_catalog_finalize (GObject *object)
{
  StellarActionCatalog *self = STELLAR_ACTION_CATALOG (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (stellar_action_catalog_parent_class)->finalize (object);
}

static void
stellar_action_catalog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StellarActionCatalog *self = STELLAR_ACTION_CATALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_catalog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StellarActionCatalog *self = STELLAR_ACTION_CATALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_TIMEOUT:
      stellar_action_catalog_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_action_catalog_class_init (StellarActionCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stellar_action_catalog_dispose;
  object_class->finalize = stellar_action_catalog_finalize;
  object_class->get_property = stellar_action_catalog_get_property;
  object_class->set_property = stellar_action_catalog_set_property;

  /**
   * StellarActionCatalog:client:
   *
   * The client of the server whose documentation is read.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionCatalog:state:
   *
   * Where loading the documentation stands.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STELLAR_TYPE_ACTION_CATALOG_STATE,
                       STELLAR_ACTION_CATALOG_STATE_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionCatalog:error-message:
   *
   * For people: why the list is empty (UNAVAILABLE, FAILED), or which
   * action pages could not be read (READY); %NULL otherwise.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarActionCatalog:timeout:
   *
   * How long, in milliseconds, a load waits for the server to answer any
   * of its requests before it gives up (0: only the client's own request
   * timeout applies).
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_action_catalog_init (StellarActionCatalog *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_action_catalog_new:
 * @client: the client of the server to read the documentation of
 *
 * Returns: (transfer full): a new, empty catalog: call
 *   stellar_action_catalog_load_async() to fill it
 */
StellarActionCatalog *
stellar_action_catalog_new (StellarClient *client)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (client), NULL);

  return g_object_new (STELLAR_TYPE_ACTION_CATALOG, "client", client, NULL);
}

/**
 * stellar_action_catalog_get_client:
 * @self: a #StellarActionCatalog
 *
 * Returns: (transfer none): the client
 */
StellarClient *
stellar_action_catalog_get_client (StellarActionCatalog *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), NULL);

  return self->client;
}

StellarActionCatalogState
stellar_action_catalog_get_state (StellarActionCatalog *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), STELLAR_ACTION_CATALOG_STATE_IDLE);

  return self->state;
}

const char *
stellar_action_catalog_get_error_message (StellarActionCatalog *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), NULL);

  return self->error_message;
}

guint
stellar_action_catalog_get_timeout (StellarActionCatalog *self)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), 0);

  return self->timeout_ms;
}

void
stellar_action_catalog_set_timeout (StellarActionCatalog *self,
                                    guint                 timeout_ms)
{
  g_return_if_fail (STELLAR_IS_ACTION_CATALOG (self));

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * stellar_action_catalog_lookup:
 * @self: a #StellarActionCatalog
 * @name: an action name
 *
 * Finds the action a call without `apiVersion` reaches: its newest version,
 * the last the documentation shows.
 *
 * Returns: (transfer none) (nullable): the action called @name
 */
StellarActionInfo *
stellar_action_catalog_lookup (StellarActionCatalog *self,
                               const char           *name)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = self->items->len; i > 0; i--)
    {
      StellarActionInfo *info = g_ptr_array_index (self->items, i - 1);

      if (g_strcmp0 (stellar_action_info_get_name (info), name) == 0)
        return info;
    }

  return NULL;
}

/**
 * stellar_action_catalog_load_async:
 * @self: a #StellarActionCatalog
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the catalog is loaded or not
 * @user_data: data for @callback
 *
 * Reads the server's documentation again, replacing the list once done;
 * a load still under way is cancelled. The outcome is also in
 * [property@ActionCatalog:state] and [property@ActionCatalog:error-message]:
 * views can follow them rather than the result.
 */
void
stellar_action_catalog_load_async (StellarActionCatalog *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (STELLAR_IS_ACTION_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_action_catalog_load_async);

  load = g_new0 (Load, 1);
  load->cancellable = g_cancellable_new ();
  load->previous_state = self->state;
  load->previous_error_message = g_strdup (self->error_message);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  if (self->loading != NULL)
    {
      Load *previous = g_task_get_task_data (self->loading);

      load->previous_state = previous->previous_state;
      stellar_set_string (&load->previous_error_message, previous->previous_error_message);
      g_cancellable_cancel (previous->cancellable);
      g_clear_object (&self->loading);
    }

  if (cancellable != NULL)
    {
      load->caller_cancellable = g_object_ref (cancellable);
      load->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_load),
                                                         g_object_ref (load->cancellable),
                                                         g_object_unref);
    }

  self->loading = g_object_ref (task);
  set_state (self, STELLAR_ACTION_CATALOG_STATE_LOADING, NULL);

  feed_watchdog (task);
  stellar_client_file_async (self->client, INDEX_PATH, load->cancellable, on_index,
                             g_steal_pointer (&task));
}

/**
 * stellar_action_catalog_load_finish:
 * @self: a #StellarActionCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * A server without documentation fails with %G_IO_ERROR_NOT_FOUND, a
 * page that is not Stellar's documentation with %G_IO_ERROR_INVALID_DATA;
 * other failures are the client's.
 *
 * Returns: whether the documentation was read
 */
gboolean
stellar_action_catalog_load_finish (StellarActionCatalog  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
