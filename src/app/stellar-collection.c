/* stellar-collection.c: named requests kept together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-collection-private.h"
#include "stellar-saved-request-private.h"
#include "stellar-utils.h"

/* A list model of StellarSavedRequest under a name, unique among the
 * collections; request names are unique in it. Each collection is one
 * file of the collections folder (see StellarCollections, which saves it
 * whenever it emits `changed`). */
struct _StellarCollection
{
  GObject    parent_instance;

  char      *name;
  GPtrArray *requests;

  /* its file, and what the file holds as far as this process knows */
  GFile     *file;
  GBytes    *file_content;
};

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
stellar_collection_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_SAVED_REQUEST;
}

static guint
stellar_collection_get_n_items (GListModel *model)
{
  return STELLAR_COLLECTION (model)->requests->len;
}

static gpointer
stellar_collection_get_item (GListModel *model,
                             guint       position)
{
  StellarCollection *self = STELLAR_COLLECTION (model);

  if (position >= self->requests->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->requests, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_collection_get_item_type;
  iface->get_n_items = stellar_collection_get_n_items;
  iface->get_item = stellar_collection_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarCollection, stellar_collection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
emit_changed (StellarCollection *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch_request (StellarCollection   *self,
               StellarSavedRequest *request)
{
  g_signal_connect_object (request, "notify", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
}

static void
unwatch_request (StellarCollection   *self,
                 StellarSavedRequest *request)
{
  g_signal_handlers_disconnect_by_data (request, self);
}

static void
stellar_collection_finalize (GObject *object)
{
  StellarCollection *self = STELLAR_COLLECTION (object);

  for (guint i = 0; i < self->requests->len; i++)
    unwatch_request (self, g_ptr_array_index (self->requests, i));

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->file_content, g_bytes_unref);

  G_OBJECT_CLASS (stellar_collection_parent_class)->finalize (object);
}

static void
stellar_collection_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StellarCollection *self = STELLAR_COLLECTION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_collection_class_init (StellarCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_collection_finalize;
  object_class->get_property = stellar_collection_get_property;

  /**
   * StellarCollection:name:
   *
   * The collection's name, unique among the collections; see
   * stellar_collections_rename().
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StellarCollection::changed:
   *
   * Emitted when the collection or one of its requests changed: its name,
   * its list, or a request's name, action, parameters or transport. Not
   * emitted when it is read again from its file.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
stellar_collection_init (StellarCollection *self)
{
  self->name = g_strdup ("");
  self->requests = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- names --------------------------------------------------------------- */

/* @wanted if it is free, else "@wanted (2)", "@wanted (3)", … */
char *
_stellar_unique_name (const char  *wanted,
                      gboolean   (*is_taken) (const char *name,
                                              gpointer    data),
                      gpointer     data)
{
  char *name = g_strdup (wanted);

  for (guint n = 2; is_taken (name, data); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", wanted, n);
    }

  return name;
}

typedef struct {
  StellarCollection   *collection;
  StellarSavedRequest *except;
} NameCheck;

static gboolean
is_request_name_taken (const char *name,
                       gpointer    data)
{
  NameCheck *check = data;
  StellarSavedRequest *request = stellar_collection_lookup_request (check->collection, name);

  return request != NULL && request != check->except;
}

static char *
unique_request_name (StellarCollection   *self,
                     const char          *wanted,
                     StellarSavedRequest *except)
{
  NameCheck check = { self, except };

  return _stellar_unique_name (wanted, is_request_name_taken, &check);
}

/* --- private ------------------------------------------------------------- */

/* A collection with @requests (StellarSavedRequest) as they are. */
StellarCollection *
_stellar_collection_new (const char *name,
                         GPtrArray  *requests)
{
  StellarCollection *self = g_object_new (STELLAR_TYPE_COLLECTION, NULL);

  _stellar_collection_replace (self, name, requests);
  return self;
}

void
_stellar_collection_set_name (StellarCollection *self,
                              const char        *name)
{
  if (!stellar_set_string (&self->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

/* What its file says now, without `changed`. */
void
_stellar_collection_replace (StellarCollection *self,
                             const char        *name,
                             GPtrArray         *requests)
{
  guint removed = self->requests->len;

  if (stellar_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);

  for (guint i = 0; i < self->requests->len; i++)
    unwatch_request (self, g_ptr_array_index (self->requests, i));
  g_ptr_array_set_size (self->requests, 0);

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      StellarSavedRequest *request = g_ptr_array_index (requests, i);

      g_ptr_array_add (self->requests, g_object_ref (request));
      watch_request (self, request);
    }

  if (removed > 0 || self->requests->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->requests->len);
}

GFile *
_stellar_collection_get_file (StellarCollection *self)
{
  return self->file;
}

void
_stellar_collection_set_file (StellarCollection *self,
                              GFile             *file)
{
  g_set_object (&self->file, file);
}

GBytes *
_stellar_collection_get_file_content (StellarCollection *self)
{
  return self->file_content;
}

void
_stellar_collection_set_file_content (StellarCollection *self,
                                      GBytes            *content)
{
  g_clear_pointer (&self->file_content, g_bytes_unref);
  if (content != NULL)
    self->file_content = g_bytes_ref (content);
}

/* --- public -------------------------------------------------------------- */

const char *
stellar_collection_get_name (StellarCollection *self)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTION (self), NULL);

  return self->name;
}

/**
 * stellar_collection_lookup_request:
 * @self: a #StellarCollection
 * @name: a request name
 *
 * Returns: (transfer none) (nullable): the request called @name
 */
StellarSavedRequest *
stellar_collection_lookup_request (StellarCollection *self,
                                   const char        *name)
{
  g_return_val_if_fail (STELLAR_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->requests->len; i++)
    {
      StellarSavedRequest *request = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (stellar_saved_request_get_name (request), name) == 0)
        return request;
    }

  return NULL;
}

/**
 * stellar_collection_add_request:
 * @self: a #StellarCollection
 * @request: a request in no collection
 *
 * Adds @request at the end. A name another request has already gets a
 * number: "Log in" becomes "Log in (2)".
 */
void
stellar_collection_add_request (StellarCollection   *self,
                                StellarSavedRequest *request)
{
  g_autofree char *name = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTION (self));
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (request));
  g_return_if_fail (!g_ptr_array_find (self->requests, request, NULL));

  name = unique_request_name (self, stellar_saved_request_get_name (request), request);
  _stellar_saved_request_set_name (request, name);

  g_ptr_array_add (self->requests, g_object_ref (request));
  watch_request (self, request);
  g_list_model_items_changed (G_LIST_MODEL (self), self->requests->len - 1, 0, 1);

  emit_changed (self);
}

/**
 * stellar_collection_remove_request:
 * @self: a #StellarCollection
 * @request: one of its requests
 */
void
stellar_collection_remove_request (StellarCollection   *self,
                                   StellarSavedRequest *request)
{
  guint position;

  g_return_if_fail (STELLAR_IS_COLLECTION (self));
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (request));

  if (!g_ptr_array_find (self->requests, request, &position))
    return;

  unwatch_request (self, request);
  g_ptr_array_remove_index (self->requests, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  emit_changed (self);
}

/**
 * stellar_collection_rename_request:
 * @self: a #StellarCollection
 * @request: one of its requests
 * @name: its new name; numbered if another request has it
 */
void
stellar_collection_rename_request (StellarCollection   *self,
                                   StellarSavedRequest *request,
                                   const char          *name)
{
  g_autofree char *unique = NULL;

  g_return_if_fail (STELLAR_IS_COLLECTION (self));
  g_return_if_fail (STELLAR_IS_SAVED_REQUEST (request));
  g_return_if_fail (name != NULL);
  g_return_if_fail (g_ptr_array_find (self->requests, request, NULL));

  unique = unique_request_name (self, name, request);
  _stellar_saved_request_set_name (request, unique);  /* `changed` through notify */
}
