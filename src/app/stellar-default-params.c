/* stellar-default-params.c: the parameters added to every call to one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-default-params-private.h"
#include "stellar-marshal.h"
#include "stellar-param-keyring.h"
#include "stellar-utils.h"

/* A list model of StellarDefaultParam for one server (an API token, a
 * tenant id), which stellar-default-params-interceptor.c adds to its calls.
 *
 * Where the values live:
 * - the list itself (keys, non-secret values, which are secret) is in the
 *   `default-params` settings key, a dictionary from server address to
 *   (key, value, secret) rows. Settings rather than a file of our own: it
 *   is a preference, small and per server like `remembered-rooms`, and
 *   every window on the same server follows changes through `changed`
 *   with nothing more to write. A secret row's value there is always empty.
 * - secret values are only in the keyring (stellar-param-keyring.c), one
 *   item per server and key, and in this object's memory.
 *
 * Changes are written when the main loop is next idle (and when the list
 * goes away). */

enum {
  PROP_0,
  PROP_URL,
  PROP_SETTINGS,
  PROP_BUSY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
stellar_default_params_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_DEFAULT_PARAM;
}

static guint
stellar_default_params_get_n_items (GListModel *model)
{
  return STELLAR_DEFAULT_PARAMS (model)->params->len;
}

static gpointer
stellar_default_params_get_item (GListModel *model,
                                 guint       position)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (model);

  if (position >= self->params->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->params, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_default_params_get_item_type;
  iface->get_n_items = stellar_default_params_get_n_items;
  iface->get_item = stellar_default_params_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarDefaultParams, stellar_default_params, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
_stellar_default_params_emit_applied (StellarDefaultParams *self,
                                      StellarActionCall    *call,
                                      const char * const   *added)
{
  g_signal_emit (self, signals[APPLIED], 0, call, added);
}

static void
set_error_message (StellarDefaultParams *self,
                   const char           *message)
{
  if (stellar_set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Busy while reading the secrets or writing to the keyring. */
static void
set_busy_after (StellarDefaultParams *self,
                gboolean              was_busy)
{
  if (was_busy != stellar_default_params_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* --- the settings -------------------------------------------------------- */

/* The rows as the settings keep them: secret values left out. */
static GVariant *
build_rows (StellarDefaultParams *self)
{
  GVariantBuilder rows;

  g_variant_builder_init (&rows, G_VARIANT_TYPE ("a(ssb)"));
  for (guint i = 0; i < self->params->len; i++)
    {
      StellarDefaultParam *param = g_ptr_array_index (self->params, i);
      gboolean secret = stellar_default_param_get_secret (param);

      g_variant_builder_add (&rows, "(ssb)", stellar_default_param_get_key (param),
                             secret ? "" : stellar_default_param_get_value (param), secret);
    }

  return g_variant_ref_sink (g_variant_builder_end (&rows));
}

static GVariant *
read_rows (StellarDefaultParams *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "default-params");
  GVariant *rows = g_variant_lookup_value (all, self->url, G_VARIANT_TYPE ("a(ssb)"));

  return rows != NULL ? rows : g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(ssb)"), NULL, 0));
}

static void
write_rows (StellarDefaultParams *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "default-params");
  g_autoptr(GVariant) rows = build_rows (self);
  GVariantBuilder servers;
  GVariantIter iter;
  const char *url;
  GVariant *value;

  g_variant_builder_init (&servers, G_VARIANT_TYPE ("a{sa(ssb)}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@a(ssb)}", &url, &value))
    if (g_strcmp0 (url, self->url) != 0)
      g_variant_builder_add (&servers, "{s@a(ssb)}", url, value);

  if (g_variant_n_children (rows) > 0)
    g_variant_builder_add (&servers, "{s@a(ssb)}", self->url, rows);

  self->rows_pending = FALSE;
  self->writing_settings = TRUE;
  g_settings_set_value (self->settings, "default-params", g_variant_builder_end (&servers));
  self->writing_settings = FALSE;
}

/* --- the keyring --------------------------------------------------------- */

typedef struct {
  StellarDefaultParams *self;
  char                 *key;
} KeyringOperation;

static KeyringOperation *
begin_keyring_operation (StellarDefaultParams *self,
                         const char           *key)
{
  KeyringOperation *operation = g_new0 (KeyringOperation, 1);
  gboolean was_busy = stellar_default_params_get_busy (self);

  operation->self = g_object_ref (self);
  operation->key = g_strdup (key);
  self->keyring_operations++;
  set_busy_after (self, was_busy);

  return operation;
}

static void
end_keyring_operation (KeyringOperation *operation,
                       gboolean          storing,
                       const GError     *error)
{
  StellarDefaultParams *self = operation->self;
  gboolean was_busy = stellar_default_params_get_busy (self);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      if (storing)
        /* Translators: %s are a parameter name and why the keyring refused it */
        message = g_strdup_printf (_("Could not keep “%s” in the keyring: %s"), operation->key, error->message);
      else
        /* Translators: %s are a parameter name and why the keyring refused */
        message = g_strdup_printf (_("Could not remove “%s” from the keyring: %s"), operation->key,
                                   error->message);
      set_error_message (self, message);
    }

  self->keyring_operations--;
  if (self->keyring_operations == 0 && self->rows_pending)
    write_rows (self);
  set_busy_after (self, was_busy);

  g_object_unref (operation->self);
  g_free (operation->key);
  g_free (operation);
}

static void
on_secret_stored (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  stellar_param_keyring_store_finish (result, &error);
  end_keyring_operation (user_data, TRUE, error);
}

static void
on_secret_cleared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  stellar_param_keyring_clear_finish (result, &error);
  end_keyring_operation (user_data, FALSE, error);
}

/* Brings the keyring in line with the secret rows: what changed is stored,
 * what is no longer a secret row of this server is cleared. */
static void
write_secrets (StellarDefaultParams *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *key;
  const char *value;

  for (guint i = 0; i < self->params->len; i++)
    {
      StellarDefaultParam *param = g_ptr_array_index (self->params, i);

      key = stellar_default_param_get_key (param);
      value = stellar_default_param_get_value (param);
      if (stellar_default_param_get_secret (param) && *key != '\0' && *value != '\0' &&
          !g_hash_table_contains (wanted, key))
        g_hash_table_insert (wanted, (gpointer) key, (gpointer) value);
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    {
      if (g_strcmp0 (g_hash_table_lookup (self->stored_secrets, key), value) == 0)
        continue;

      g_hash_table_insert (self->stored_secrets, g_strdup (key), g_strdup (value));
      stellar_param_keyring_store_async (self->url, key, value, NULL, on_secret_stored,
                                         begin_keyring_operation (self, key));
    }

  g_hash_table_iter_init (&iter, self->stored_secrets);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_ptr_array_add (gone, g_strdup (key));

  for (guint i = 0; i < gone->len; i++)
    {
      key = g_ptr_array_index (gone, i);
      g_hash_table_remove (self->stored_secrets, key);
      stellar_param_keyring_clear_async (self->url, key, NULL, on_secret_cleared,
                                         begin_keyring_operation (self, key));
    }
}

/* --- saving -------------------------------------------------------------- */

/* The keyring first: another window that reads the rows then finds the
 * secrets they name. */
static void
save (StellarDefaultParams *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  write_secrets (self);

  if (self->keyring_operations > 0)
    self->rows_pending = TRUE;
  else
    write_rows (self);
}

static gboolean
on_save_idle (gpointer user_data)
{
  StellarDefaultParams *self = user_data;

  self->save_source = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (StellarDefaultParams *self)
{
  /* what a load puts in the list is what is stored already */
  if (self->reading_secret)
    return;

  /* a change made during a load is saved once the load is done */
  if (self->loading)
    {
      self->save_after_load = TRUE;
      return;
    }

  if (self->save_source == 0)
    self->save_source = g_idle_add (on_save_idle, self);
}

/* --- the list ------------------------------------------------------------ */

static void
watch_param (StellarDefaultParams *self,
             StellarDefaultParam  *param)
{
  g_signal_connect_object (param, "notify", G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);
}

static void
replace_params (StellarDefaultParams *self,
                GPtrArray            *params)
{
  guint removed = self->params->len;

  for (guint i = 0; i < self->params->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->params, i), self);

  g_ptr_array_unref (self->params);
  self->params = g_ptr_array_ref (params);

  for (guint i = 0; i < params->len; i++)
    watch_param (self, g_ptr_array_index (params, i));

  if (removed > 0 || params->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, params->len);
}

/* --- loading ------------------------------------------------------------- */

typedef struct {
  guint pending_lookups;
} Load;

typedef struct {
  GTask               *task;
  StellarDefaultParam *param;
} Lookup;

static void
finish_load (GTask *task)
{
  StellarDefaultParams *self = g_task_get_source_object (task);
  gboolean was_busy = stellar_default_params_get_busy (self);

  self->loading = FALSE;
  if (self->save_after_load)
    {
      self->save_after_load = FALSE;
      schedule_save (self);
    }
  set_busy_after (self, was_busy);
  _stellar_default_params_release_held_calls (self, TRUE);

  g_task_return_boolean (task, TRUE);
}

static void
on_secret_found (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GTask) task = lookup->task;
  g_autoptr(StellarDefaultParam) param = lookup->param;
  StellarDefaultParams *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_free (lookup);

  value = stellar_param_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* a newer load took over */
      if (--load->pending_lookups == 0)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read “%s” from the keyring: %s"),
                                                  stellar_default_param_get_key (param), error->message);

      set_error_message (self, message);
    }
  else if (value != NULL)
    {
      self->reading_secret = TRUE;
      stellar_default_param_set_value (param, value);
      self->reading_secret = FALSE;
      g_hash_table_insert (self->stored_secrets, g_strdup (stellar_default_param_get_key (param)),
                           g_strdup (value));
    }

  if (--load->pending_lookups == 0)
    finish_load (task);
}

/**
 * stellar_default_params_load_async:
 * @self: a #StellarDefaultParams
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the list and its secrets are read
 * @user_data: data for @callback
 *
 * Reads the server's default parameters from the settings, and their
 * secret values from the keyring, replacing the list; a load under way
 * gives way. Calls made meanwhile through an attached client wait for the
 * secrets. A secret the keyring cannot give stays
 * empty, and [property@DefaultParams:error-message] says why.
 */
void
stellar_default_params_load_async (StellarDefaultParams *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_busy = stellar_default_params_get_busy (self);
  GVariantIter iter;
  const char *key;
  const char *value;
  gboolean secret;
  Load *load;

  g_return_if_fail (STELLAR_IS_DEFAULT_PARAMS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_default_params_load_async);
  load = g_new0 (Load, 1);
  g_task_set_task_data (task, load, g_free);

  /* a load under way gives way to this one */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_hash_table_remove_all (self->stored_secrets);
  self->loading = TRUE;
  self->save_after_load = FALSE;

  rows = read_rows (self);
  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&sb)", &key, &value, &secret))
    g_ptr_array_add (params, stellar_default_param_new (key, secret ? "" : value, secret));
  replace_params (self, params);

  for (guint i = 0; i < params->len; i++)
    {
      StellarDefaultParam *param = g_ptr_array_index (params, i);
      Lookup *lookup;

      if (!stellar_default_param_get_secret (param) || *stellar_default_param_get_key (param) == '\0')
        continue;

      lookup = g_new0 (Lookup, 1);
      lookup->task = g_object_ref (task);
      lookup->param = g_object_ref (param);
      load->pending_lookups++;
      stellar_param_keyring_lookup_async (self->url, stellar_default_param_get_key (param),
                                          self->load_cancellable, on_secret_found, lookup);
    }

  set_busy_after (self, was_busy);

  if (load->pending_lookups == 0)
    finish_load (task);
}

gboolean
stellar_default_params_load_finish (StellarDefaultParams  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Another window changed this server's rows: read them again. */
static void
on_settings_changed (StellarDefaultParams *self)
{
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GVariant) shown = NULL;

  if (self->writing_settings)
    return;

  stored = read_rows (self);
  shown = build_rows (self);
  if (!g_variant_equal (stored, shown))
    stellar_default_params_load_async (self, NULL, NULL, NULL);
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_default_params_constructed (GObject *object)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (object);

  G_OBJECT_CLASS (stellar_default_params_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed::default-params", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
stellar_default_params_dispose (GObject *object)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (object);

  /* what the person typed is kept: the keyring's answers keep this object
   * alive until they come */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      write_secrets (self);
      write_rows (self);
    }

  if (self->held_calls != NULL)
    _stellar_default_params_release_held_calls (self, FALSE);

  G_OBJECT_CLASS (stellar_default_params_parent_class)->dispose (object);
}

static void
stellar_default_params_finalize (GObject *object)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (object);

  for (guint i = 0; i < self->params->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->params, i), self);

  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->stored_secrets, g_hash_table_unref);
  g_clear_pointer (&self->held_calls, g_ptr_array_unref);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (stellar_default_params_parent_class)->finalize (object);
}

static void
stellar_default_params_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, stellar_default_params_get_busy (self));
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_params_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StellarDefaultParams *self = STELLAR_DEFAULT_PARAMS (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_default_params_class_init (StellarDefaultParamsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_default_params_constructed;
  object_class->dispose = stellar_default_params_dispose;
  object_class->finalize = stellar_default_params_finalize;
  object_class->get_property = stellar_default_params_get_property;
  object_class->set_property = stellar_default_params_set_property;

  /**
   * StellarDefaultParams:url:
   *
   * The address of the server the parameters are for.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDefaultParams:settings:
   *
   * The settings holding the `default-params` key; the application's own
   * when none is given.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDefaultParams:busy:
   *
   * Whether secrets are being read from or written to the keyring.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarDefaultParams:error-message:
   *
   * For people: the last thing the keyring refused, or %NULL.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarDefaultParams::applied:
   * @self: a #StellarDefaultParams
   * @call: the call that got default parameters
   * @added: (array zero-terminated=1): the keys added to it, in order
   *
   * Emitted when default parameters were added to a call, before it is
   * sent: what the inspector and the call history show as "added".
   */
  signals[APPLIED] =
    g_signal_new ("applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  _stellar_marshal_VOID__OBJECT_BOXED,
                  G_TYPE_NONE, 2, STELLAR_TYPE_ACTION_CALL, G_TYPE_STRV);
  g_signal_set_va_marshaller (signals[APPLIED], G_TYPE_FROM_CLASS (klass),
                              _stellar_marshal_VOID__OBJECT_BOXEDv);
}

static void
stellar_default_params_init (StellarDefaultParams *self)
{
  self->params = g_ptr_array_new_with_free_func (g_object_unref);
  self->stored_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->held_calls = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_default_params_new:
 * @url: the server's address
 * @settings: (nullable): settings of the app's schema; the application's
 *   own when %NULL
 *
 * Returns: (transfer full): a new, empty list: call
 *   stellar_default_params_load_async() to read it
 */
StellarDefaultParams *
stellar_default_params_new (const char *url,
                            GSettings  *settings)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (STELLAR_TYPE_DEFAULT_PARAMS,
                       "url", url,
                       "settings", settings,
                       NULL);
}

const char *
stellar_default_params_get_url (StellarDefaultParams *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), NULL);

  return self->url;
}

gboolean
stellar_default_params_get_busy (StellarDefaultParams *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), FALSE);

  return self->loading || self->keyring_operations > 0;
}

const char *
stellar_default_params_get_error_message (StellarDefaultParams *self)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), NULL);

  return self->error_message;
}

/**
 * stellar_default_params_add:
 * @self: a #StellarDefaultParams
 * @key: (nullable): the parameter's name
 * @value: (nullable): its value
 * @secret: whether the value goes to the keyring
 *
 * Returns: (transfer none): the new row, at the end of the list
 */
StellarDefaultParam *
stellar_default_params_add (StellarDefaultParams *self,
                            const char           *key,
                            const char           *value,
                            gboolean              secret)
{
  StellarDefaultParam *param;

  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), NULL);

  param = stellar_default_param_new (key, value, secret);
  g_ptr_array_add (self->params, param);
  watch_param (self, param);
  g_list_model_items_changed (G_LIST_MODEL (self), self->params->len - 1, 0, 1);

  schedule_save (self);
  return param;
}

/**
 * stellar_default_params_remove:
 * @self: a #StellarDefaultParams
 * @param: one of its rows
 *
 * Removes the row, and its secret value from the keyring.
 */
void
stellar_default_params_remove (StellarDefaultParams *self,
                               StellarDefaultParam  *param)
{
  guint position;

  g_return_if_fail (STELLAR_IS_DEFAULT_PARAMS (self));
  g_return_if_fail (STELLAR_IS_DEFAULT_PARAM (param));

  if (!g_ptr_array_find (self->params, param, &position))
    return;

  g_signal_handlers_disconnect_by_data (param, self);
  g_ptr_array_remove_index (self->params, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  schedule_save (self);
}

/**
 * stellar_default_params_lookup:
 * @self: a #StellarDefaultParams
 * @key: a parameter name
 *
 * Returns: (transfer none) (nullable): the first row for @key
 */
StellarDefaultParam *
stellar_default_params_lookup (StellarDefaultParams *self,
                               const char           *key)
{
  g_return_val_if_fail (STELLAR_IS_DEFAULT_PARAMS (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->params->len; i++)
    {
      StellarDefaultParam *param = g_ptr_array_index (self->params, i);

      if (g_strcmp0 (stellar_default_param_get_key (param), key) == 0)
        return param;
    }

  return NULL;
}
