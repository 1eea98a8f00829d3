/* stellar-call-search.c: the calls of a history that match what is searched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-call-search.h"
#include "stellar-utils.h"

/* A GListModel of #StellarCall for the History list: the whole history
 * while nothing is searched, else what stellar_call_history_search_async()
 * found for the text. The previous items stay until a search's results
 * come in, so the list does not flicker as the person types; a change of
 * the history runs the search again. */
struct _StellarCallSearch
{
  GObject             parent_instance;

  StellarCallHistory *history;
  char               *text;
  /* what the last search found; NULL while the history is shown */
  GListModel         *results;
  GCancellable       *cancellable;
};

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_TEXT,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListModel *
get_shown (StellarCallSearch *self)
{
  return self->results != NULL ? self->results : G_LIST_MODEL (self->history);
}

static GType
stellar_call_search_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_CALL;
}

static guint
stellar_call_search_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (get_shown (STELLAR_CALL_SEARCH (model)));
}

static gpointer
stellar_call_search_get_item (GListModel *model,
                              guint       position)
{
  return g_list_model_get_item (get_shown (STELLAR_CALL_SEARCH (model)), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_call_search_get_item_type;
  iface->get_n_items = stellar_call_search_get_n_items;
  iface->get_item = stellar_call_search_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarCallSearch, stellar_call_search, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static void
show (StellarCallSearch *self,
      GListModel        *results)
{
  guint removed = g_list_model_get_n_items (get_shown (self));

  g_set_object (&self->results, results);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, g_list_model_get_n_items (get_shown (self)));
}

/* Ends the search under way, if any, without a word: its results are no
 * longer wanted. */
static gboolean
stop_searching (StellarCallSearch *self)
{
  if (self->cancellable == NULL)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  return TRUE;
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  StellarCallSearch *self;

  results = stellar_call_history_search_finish (STELLAR_CALL_HISTORY (object), result, &error);

  /* A search is cancelled before @self goes away or starts another one:
   * only the current one gets here without this error. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->cancellable);

  if (results != NULL)
    show (self, results);
  else
    g_debug ("Searching the call history: %s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
search (StellarCallSearch *self)
{
  gboolean was_searching = stop_searching (self);

  if (is_blank (self->text))
    {
      if (self->results != NULL)
        show (self, NULL);
    }
  else
    {
      self->cancellable = g_cancellable_new ();
      stellar_call_history_search_async (self->history, self->text, self->cancellable, on_searched, self);
    }

  if (was_searching != (self->cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
on_history_items_changed (StellarCallSearch *self,
                          guint              position,
                          guint              removed,
                          guint              added)
{
  if (self->results == NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (!is_blank (self->text))
    search (self);
}

static void
stellar_call_search_constructed (GObject *object)
{
  StellarCallSearch *self = STELLAR_CALL_SEARCH (object);

  G_OBJECT_CLASS (stellar_call_search_parent_class)->constructed (object);

  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (on_history_items_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
stellar_call_search_dispose (GObject *object)
{
  StellarCallSearch *self = STELLAR_CALL_SEARCH (object);

  stop_searching (self);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (stellar_call_search_parent_class)->dispose (object);
}

static void
stellar_call_search_finalize (GObject *object)
{
  StellarCallSearch *self = STELLAR_CALL_SEARCH (object);

  g_clear_object (&self->history);
  g_free (self->text);

  G_OBJECT_CLASS (stellar_call_search_parent_class)->finalize (object);
}

static void
stellar_call_search_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarCallSearch *self = STELLAR_CALL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, stellar_call_search_get_searching (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_call_search_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StellarCallSearch *self = STELLAR_CALL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    case PROP_TEXT:
      stellar_call_search_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_call_search_class_init (StellarCallSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = stellar_call_search_constructed;
  object_class->dispose = stellar_call_search_dispose;
  object_class->finalize = stellar_call_search_finalize;
  object_class->get_property = stellar_call_search_get_property;
  object_class->set_property = stellar_call_search_set_property;

  /**
   * StellarCallSearch:history:
   *
   * The history searched.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         STELLAR_TYPE_CALL_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallSearch:text:
   *
   * The words to look for; the whole history is shown while there are
   * none.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarCallSearch:searching:
   *
   * Whether a search is under way; the items are those of the last one
   * until it ends.
   */
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_call_search_init (StellarCallSearch *self)
{
  self->text = g_strdup ("");
}

/**
 * stellar_call_search_new:
 * @history: the history to search
 *
 * Returns: (transfer full): a search showing the whole of @history
 */
StellarCallSearch *
stellar_call_search_new (StellarCallHistory *history)
{
  g_return_val_if_fail (STELLAR_IS_CALL_HISTORY (history), NULL);

  return g_object_new (STELLAR_TYPE_CALL_SEARCH, "history", history, NULL);
}

/**
 * stellar_call_search_get_history:
 * @self: a #StellarCallSearch
 *
 * Returns: (transfer none): the history searched
 */
StellarCallHistory *
stellar_call_search_get_history (StellarCallSearch *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_SEARCH (self), NULL);

  return self->history;
}

const char *
stellar_call_search_get_text (StellarCallSearch *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_SEARCH (self), NULL);

  return self->text;
}

/**
 * stellar_call_search_set_text:
 * @self: a #StellarCallSearch
 * @text: (nullable): words to look for, or nothing to show the whole
 *   history
 *
 * Searches the history for calls whose action, parameters or response
 * contain every word of @text.
 */
void
stellar_call_search_set_text (StellarCallSearch *self,
                              const char        *text)
{
  g_return_if_fail (STELLAR_IS_CALL_SEARCH (self));

  if (!stellar_set_string (&self->text, text != NULL ? text : ""))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  search (self);
}

gboolean
stellar_call_search_get_searching (StellarCallSearch *self)
{
  g_return_val_if_fail (STELLAR_IS_CALL_SEARCH (self), FALSE);

  return self->cancellable != NULL;
}
