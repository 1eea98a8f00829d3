/* stellar-explorer-private.h: the explorer's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stellar-explorer.h"

G_BEGIN_DECLS

typedef struct _StellarExplorerSending StellarExplorerSending;

struct _StellarExplorer
{
  GObject                 parent_instance;

  StellarClient          *client;
  GSettings              *settings;
  StellarDatabase        *database;
  /* loads of the catalog, history and default parameters */
  GCancellable           *cancellable;

  StellarActionCatalog   *catalog;
  StellarActionRequest   *request;
  StellarCallHistory     *history;
  StellarDefaultParams   *default_params;

  /* StellarActionSuggestion items (stellar-explorer-suggestions.c) */
  GListStore             *suggestions;
  guint                   suggestions_source;

  /* the call shown, and the one under way if any */
  StellarCall            *current_call;
  StellarJsonTree        *response_tree;
  StellarExplorerSending *sending;
  gboolean                can_send;

  /* Run Repeatedly (stellar-explorer-load.c) */
  StellarLoadTest        *load_test;
  StellarLoadReport      *load_report;
  GCancellable           *load_cancellable;
  char                   *load_error;
};

/* stellar-explorer.c */
void        _stellar_explorer_notify               (StellarExplorer  *self,
                                                    guint             prop_id);
JsonObject *_stellar_explorer_get_call_params      (StellarExplorer  *self,
                                                    char            **action,
                                                    GError          **error);

/* stellar-explorer-suggestions.c */
void        _stellar_explorer_suggestions_init     (StellarExplorer  *self);
void        _stellar_explorer_suggestions_dispose  (StellarExplorer  *self);

/* stellar-explorer-load.c */
void        _stellar_explorer_load_dispose         (StellarExplorer  *self);

/* property ids the parts notify */
enum {
  STELLAR_EXPLORER_PROP_0,
  STELLAR_EXPLORER_PROP_CLIENT,
  STELLAR_EXPLORER_PROP_SETTINGS,
  STELLAR_EXPLORER_PROP_DATABASE,
  STELLAR_EXPLORER_PROP_CATALOG,
  STELLAR_EXPLORER_PROP_REQUEST,
  STELLAR_EXPLORER_PROP_HISTORY,
  STELLAR_EXPLORER_PROP_DEFAULT_PARAMS,
  STELLAR_EXPLORER_PROP_SUGGESTIONS,
  STELLAR_EXPLORER_PROP_CURRENT_CALL,
  STELLAR_EXPLORER_PROP_RESPONSE_TREE,
  STELLAR_EXPLORER_PROP_SENDING,
  STELLAR_EXPLORER_PROP_CAN_SEND,
  STELLAR_EXPLORER_PROP_LOAD_TEST,
  STELLAR_EXPLORER_PROP_LOAD_REPORT,
  STELLAR_EXPLORER_PROP_LOAD_RUNNING,
  STELLAR_EXPLORER_PROP_LOAD_ERROR,
  STELLAR_EXPLORER_N_PROPS
};

G_END_DECLS
