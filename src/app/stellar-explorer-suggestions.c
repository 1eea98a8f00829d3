/* stellar-explorer-suggestions.c: the action names the explorer offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-action-suggestion.h"
#include "stellar-explorer-private.h"

/* What the action name's completion offers: every action the server
 * documents (once, whatever its versions), in the documentation's order,
 * then the other actions of the history, the most recent first; so a
 * server without documentation still offers what was called before. The
 * list is rebuilt when the main loop is next idle after either changes,
 * and only when its names changed. */

static void
add_suggestion (GPtrArray  *suggestions,
                GHashTable *names,
                const char *name,
                const char *description,
                gboolean    documented)
{
  StellarActionSuggestion *suggestion;

  if (name == NULL || *name == '\0' || g_hash_table_contains (names, name))
    return;

  suggestion = stellar_action_suggestion_new (name, description, documented);
  g_hash_table_add (names, (gpointer) stellar_action_suggestion_get_name (suggestion));
  g_ptr_array_add (suggestions, suggestion);
}

static gboolean
same_suggestions (GListModel *model,
                  GPtrArray  *suggestions)
{
  if (g_list_model_get_n_items (model) != suggestions->len)
    return FALSE;

  for (guint i = 0; i < suggestions->len; i++)
    {
      g_autoptr(StellarActionSuggestion) old = g_list_model_get_item (model, i);
      StellarActionSuggestion *new = g_ptr_array_index (suggestions, i);

      if (g_strcmp0 (stellar_action_suggestion_get_name (old), stellar_action_suggestion_get_name (new)) != 0 ||
          g_strcmp0 (stellar_action_suggestion_get_description (old),
                     stellar_action_suggestion_get_description (new)) != 0 ||
          stellar_action_suggestion_get_documented (old) != stellar_action_suggestion_get_documented (new))
        return FALSE;
    }

  return TRUE;
}

static gboolean
rebuild (gpointer user_data)
{
  StellarExplorer *self = user_data;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *catalog = G_LIST_MODEL (self->catalog);
  GListModel *history = G_LIST_MODEL (self->history);

  self->suggestions_source = 0;

  for (guint i = 0; i < g_list_model_get_n_items (catalog); i++)
    {
      g_autoptr(StellarActionInfo) info = g_list_model_get_item (catalog, i);

      add_suggestion (suggestions, names, stellar_action_info_get_name (info),
                      stellar_action_info_get_description (info), TRUE);
    }

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(StellarCall) call = g_list_model_get_item (history, i);

      add_suggestion (suggestions, names, stellar_call_get_action (call), NULL, FALSE);
    }

  if (!same_suggestions (G_LIST_MODEL (self->suggestions), suggestions))
    g_list_store_splice (self->suggestions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)),
                         suggestions->pdata, suggestions->len);

  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (StellarExplorer *self)
{
  if (self->suggestions_source == 0)
    self->suggestions_source = g_idle_add_full (G_PRIORITY_LOW, rebuild, self, NULL);
}

void
_stellar_explorer_suggestions_init (StellarExplorer *self)
{
  self->suggestions = g_list_store_new (STELLAR_TYPE_ACTION_SUGGESTION);

  g_signal_connect_object (self->catalog, "items-changed", G_CALLBACK (queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  queue_rebuild (self);
}

void
_stellar_explorer_suggestions_dispose (StellarExplorer *self)
{
  g_clear_handle_id (&self->suggestions_source, g_source_remove);
}
