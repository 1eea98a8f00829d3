/* stellar-action-request-fields.c: the request's form, in step with its JSON text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-action-request-private.h"
#include "stellar-param-field-private.h"
#include "stellar-params-parser.h"

/* The form and the JSON text say the same thing, whichever the person
 * edits:
 *
 * - valid JSON text rebuilds the fields: one per member, in the text's
 *   order, then one for each documented input the text leaves out (not
 *   present), the required ones first. Fields are kept by name across
 *   rebuilds, so a row a view shows stays the same object.
 * - editing a field rewrites the text from the fields, one member a line.
 *   A raw value that is not JSON goes into the text as typed, so that the
 *   text is invalid right where the field is.
 *
 * The server's error for a parameter stays on its field until the next
 * answer, or until the field's value changes. */

static gboolean
is_listed (StellarActionRequest *self,
           StellarParamField    *field)
{
  return g_list_store_find (self->fields, field, NULL);
}

static StellarParamField *
get_field (StellarActionRequest *self,
           guint                 position)
{
  StellarParamField *field = g_list_model_get_item (G_LIST_MODEL (self->fields), position);

  if (field != NULL)
    g_object_unref (field);  /* the list keeps it */

  return field;
}

static guint
n_fields (StellarActionRequest *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->fields));
}

static StellarActionInput *
lookup_input (StellarActionRequest *self,
              const char           *name)
{
  if (self->action_info == NULL || name == NULL || *name == '\0')
    return NULL;

  return stellar_action_info_lookup_input (self->action_info, name);
}

/* --- fields to text ------------------------------------------------------ */

static char *
value_to_json (StellarParamField  *field,
               char              **error_message)
{
  const char *value = stellar_param_field_get_value (field);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!stellar_param_field_get_raw (field))
    node = json_node_init_string (json_node_alloc (), value);
  else
    node = stellar_params_parse_value (value, &error);

  if (node == NULL)
    {
      *error_message = g_strdup (error->message);
      return g_strstrip (g_strdup (value));
    }

  return json_to_string (node, FALSE);
}

/* Line and column (from 1, in characters) where @text would continue. */
static void
get_end_position (GString *text,
                  guint   *line,
                  guint   *column)
{
  const char *line_start = text->str;

  *line = 1;
  for (const char *p = text->str; *p != '\0'; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }

  *column = g_utf8_strlen (line_start, -1) + 1;
}

static void
write_text (StellarActionRequest *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text = g_string_new ("{");
  gboolean has_error = FALSE;
  guint n_written = 0;

  self->field_error_line = 0;
  self->field_error_column = 0;
  self->syncing++;

  for (guint i = 0; i < n_fields (self); i++)
    {
      StellarParamField *field = get_field (self, i);
      const char *name = stellar_param_field_get_name (field);
      g_autoptr(JsonNode) name_node = NULL;
      g_autofree char *quoted_name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *error = NULL;

      if (!stellar_param_field_get_present (field) || *name == '\0')
        {
          _stellar_param_field_set_local_error (field, NULL);
          continue;
        }

      name_node = json_node_init_string (json_node_alloc (), name);
      quoted_name = json_to_string (name_node, FALSE);
      g_string_append_printf (text, "%s\n  %s: ", n_written > 0 ? "," : "", quoted_name);
      n_written++;

      value = value_to_json (field, &error);
      if (error == NULL && g_hash_table_contains (names, name))
        error = g_strdup (_("Another parameter has this name"));
      g_hash_table_add (names, (gpointer) name);

      if (error != NULL && !has_error)
        {
          get_end_position (text, &self->field_error_line, &self->field_error_column);
          has_error = TRUE;
        }

      _stellar_param_field_set_local_error (field, error);
      g_string_append (text, value);
    }

  g_string_append (text, n_written > 0 ? "\n}" : "}");
  self->syncing--;

  _stellar_action_request_store_text (self, text->str);
}

/**
 * _stellar_action_request_find_field_error:
 *
 * Returns: (nullable): the first field with an error of its own; the text
 *   written last has it at `field_error_line` and `field_error_column`
 */
StellarParamField *
_stellar_action_request_find_field_error (StellarActionRequest *self)
{
  for (guint i = 0; i < n_fields (self); i++)
    {
      StellarParamField *field = get_field (self, i);

      if (_stellar_param_field_get_local_error (field) != NULL)
        return field;
    }

  return NULL;
}

/* Errors of their own are about the text the fields wrote: once the person
 * writes the text, they are gone. */
void
_stellar_action_request_forget_field_errors (StellarActionRequest *self)
{
  for (guint i = 0; i < n_fields (self); i++)
    _stellar_param_field_set_local_error (get_field (self, i), NULL);
}

static void
on_field_notify (StellarParamField    *field,
                 GParamSpec           *pspec,
                 StellarActionRequest *self)
{
  const char *property = pspec->name;

  if (self->syncing > 0 || !is_listed (self, field))
    return;

  if (strcmp (property, "value") != 0 && strcmp (property, "raw") != 0 && strcmp (property, "name") != 0)
    return;

  self->syncing++;
  _stellar_param_field_set_server_error (field, NULL);
  if (strcmp (property, "value") == 0)
    _stellar_param_field_set_present (field, TRUE);
  if (strcmp (property, "name") == 0)
    _stellar_param_field_set_input (field, lookup_input (self, stellar_param_field_get_name (field)));
  self->syncing--;

  write_text (self);
}

static StellarParamField *
new_field (StellarActionRequest *self,
           const char           *name)
{
  StellarParamField *field = _stellar_param_field_new (name);

  g_signal_connect_object (field, "notify", G_CALLBACK (on_field_notify), self, 0);
  return field;
}

/* --- text to fields ------------------------------------------------------ */

/* The first listed field called @name that @taken does not hold yet. */
static StellarParamField *
take_field (StellarActionRequest *self,
            const char           *name,
            GHashTable           *taken)
{
  for (guint i = 0; i < n_fields (self); i++)
    {
      StellarParamField *field = get_field (self, i);

      if (strcmp (stellar_param_field_get_name (field), name) == 0 &&
          !g_hash_table_contains (taken, field))
        {
          g_hash_table_add (taken, field);
          return g_object_ref (field);
        }
    }

  return NULL;
}

static void
load_value (StellarParamField *field,
            gboolean           present,
            JsonNode          *node)
{
  gboolean raw = FALSE;
  g_autofree char *value = NULL;

  if (node == NULL)
    value = g_strdup ("");
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_strdup (json_node_get_string (node));
  else
    {
      raw = TRUE;
      value = json_to_string (node, FALSE);
    }

  if (raw != stellar_param_field_get_raw (field) ||
      strcmp (value, stellar_param_field_get_value (field)) != 0 ||
      present != stellar_param_field_get_present (field))
    _stellar_param_field_set_server_error (field, NULL);

  stellar_param_field_set_raw (field, raw);
  stellar_param_field_set_value (field, value);
  _stellar_param_field_set_present (field, present);
  _stellar_param_field_set_local_error (field, NULL);
}

/* Makes the list hold @fields, in that order, changing only the range that
 * differs. */
static void
splice_fields (StellarActionRequest *self,
               GPtrArray            *fields)
{
  guint old_n = n_fields (self);
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old_n && prefix < fields->len &&
         get_field (self, prefix) == g_ptr_array_index (fields, prefix))
    prefix++;

  while (suffix < old_n - prefix && suffix < fields->len - prefix &&
         get_field (self, old_n - 1 - suffix) == g_ptr_array_index (fields, fields->len - 1 - suffix))
    suffix++;

  if (prefix == old_n && prefix == fields->len)
    return;

  g_list_store_splice (self->fields, prefix, old_n - prefix - suffix,
                       fields->pdata + prefix, fields->len - prefix - suffix);
}

/**
 * _stellar_action_request_rebuild_fields:
 * @params: what the JSON text holds
 *
 * One field per member of @params, then one per documented input they
 * leave out, the required ones first.
 */
void
_stellar_action_request_rebuild_fields (StellarActionRequest *self,
                                        JsonObject           *params)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) members = json_object_get_members (params);

  self->syncing++;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      StellarParamField *field = take_field (self, name, taken);

      if (field == NULL)
        field = new_field (self, name);

      load_value (field, TRUE, json_object_get_member (params, name));
      g_ptr_array_add (fields, field);
    }

  /* the required inputs first, then the others, each in the
   * documentation's order */
  for (guint pass = 0; pass < 2 && self->action_info != NULL; pass++)
    {
      GListModel *inputs = stellar_action_info_get_inputs (self->action_info);

      for (guint i = 0; i < g_list_model_get_n_items (inputs); i++)
        {
          g_autoptr(StellarActionInput) input = g_list_model_get_item (inputs, i);
          const char *name = stellar_action_input_get_name (input);
          gboolean required = stellar_action_input_get_required (input);
          StellarParamField *field;

          if (required != (pass == 0) || json_object_has_member (params, name))
            continue;

          field = take_field (self, name, taken);
          if (field == NULL)
            field = new_field (self, name);

          load_value (field, FALSE, NULL);
          g_ptr_array_add (fields, field);
        }
    }

  for (guint i = 0; i < fields->len; i++)
    {
      StellarParamField *field = g_ptr_array_index (fields, i);

      _stellar_param_field_set_input (field, lookup_input (self, stellar_param_field_get_name (field)));
    }

  splice_fields (self, fields);
  self->syncing--;
}

/* The action's documentation changed: refresh what the fields say of it,
 * and list its inputs when the text can tell which are present. */
void
_stellar_action_request_update_inputs (StellarActionRequest *self)
{
  g_autoptr(JsonObject) params = stellar_params_parse (self->params_text, NULL, NULL, NULL);

  if (params != NULL)
    {
      _stellar_action_request_rebuild_fields (self, params);
      return;
    }

  self->syncing++;
  for (guint i = 0; i < n_fields (self); i++)
    {
      StellarParamField *field = get_field (self, i);

      _stellar_param_field_set_input (field, lookup_input (self, stellar_param_field_get_name (field)));
    }
  self->syncing--;
}

/* --- public -------------------------------------------------------------- */

/**
 * stellar_action_request_lookup_field:
 * @self: a #StellarActionRequest
 * @name: a parameter name
 *
 * Returns: (transfer none) (nullable): the first field called @name
 */
StellarParamField *
stellar_action_request_lookup_field (StellarActionRequest *self,
                                     const char           *name)
{
  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < n_fields (self); i++)
    {
      StellarParamField *field = get_field (self, i);

      if (strcmp (stellar_param_field_get_name (field), name) == 0)
        return field;
    }

  return NULL;
}

static guint
count_present (StellarActionRequest *self)
{
  guint n = 0;

  while (n < n_fields (self) && stellar_param_field_get_present (get_field (self, n)))
    n++;

  return n;
}

/**
 * stellar_action_request_add_field:
 * @self: a #StellarActionRequest
 * @name: (nullable): the new parameter's name; a row without a name yet
 *   when %NULL or empty
 *
 * Adds a parameter whose value is the empty string, after the parameters
 * present.
 *
 * Returns: (transfer none): the new field
 */
StellarParamField *
stellar_action_request_add_field (StellarActionRequest *self,
                                  const char           *name)
{
  g_autoptr(StellarParamField) field = NULL;

  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), NULL);

  field = new_field (self, name);

  self->syncing++;
  _stellar_param_field_set_present (field, TRUE);
  _stellar_param_field_set_input (field, lookup_input (self, name));
  g_list_store_insert (self->fields, count_present (self), field);
  self->syncing--;

  write_text (self);

  return field;
}

/**
 * stellar_action_request_remove_field:
 * @self: a #StellarActionRequest
 * @field: one of its fields
 *
 * Takes the parameter out of the request. A documented parameter keeps
 * its row, empty and not present.
 */
void
stellar_action_request_remove_field (StellarActionRequest *self,
                                     StellarParamField    *field)
{
  guint position;

  g_return_if_fail (STELLAR_IS_ACTION_REQUEST (self));
  g_return_if_fail (STELLAR_IS_PARAM_FIELD (field));

  if (!g_list_store_find (self->fields, field, &position))
    return;

  if (stellar_param_field_get_documented (field))
    {
      self->syncing++;
      load_value (field, FALSE, NULL);
      _stellar_param_field_set_server_error (field, NULL);
      self->syncing--;
    }
  else
    g_list_store_remove (self->fields, position);

  write_text (self);
}

/* Stellar's general errors ({"code": "004", "message": …}) are not about
 * one parameter. */
static gboolean
is_general_error (JsonObject *error)
{
  const char *code = json_object_get_string_member_with_default (error, "code", NULL);

  if (code == NULL || *code == '\0' || json_object_get_string_member_with_default (error, "message", NULL) == NULL)
    return FALSE;

  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* A validation error's text for one parameter: "The value field is
 * required." or {"code": "003", "message": "Param 'b' has an invalid type…"}. */
static const char *
get_parameter_message (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_string_member_with_default (json_node_get_object (node), "message", NULL);

  return NULL;
}

/**
 * stellar_action_request_apply_response_error:
 * @self: a #StellarActionRequest
 * @response: (nullable): the server's answer to the request: the response
 *   object of a call, or the one stellar_error_get_response() gives
 *
 * Shows the server's validation errors on the matching fields, clearing
 * those of an earlier answer. A validation error is an `error` object
 * mapping parameter names to a message (or to an object with a `message`),
 * as Stellar's `{"error":{"value":"The value field is required."}}`. A
 * parameter the form does not list gets a field (not present) when the
 * message names it. Other errors, and answers without one, only clear.
 *
 * Returns: how many fields got an error
 */
guint
stellar_action_request_apply_response_error (StellarActionRequest *self,
                                             JsonNode             *response)
{
  g_autoptr(GList) members = NULL;
  JsonObject *error;
  JsonNode *error_node;
  guint n_applied = 0;

  g_return_val_if_fail (STELLAR_IS_ACTION_REQUEST (self), 0);

  self->syncing++;
  for (guint i = 0; i < n_fields (self); i++)
    _stellar_param_field_set_server_error (get_field (self, i), NULL);
  self->syncing--;

  if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
    return 0;

  error_node = json_object_get_member (json_node_get_object (response), "error");
  if (error_node == NULL || !JSON_NODE_HOLDS_OBJECT (error_node))
    return 0;

  error = json_node_get_object (error_node);
  if (is_general_error (error))
    return 0;

  members = json_object_get_members (error);
  for (GList *l = members; l != NULL; l = l->next)
    if (get_parameter_message (json_object_get_member (error, l->data)) == NULL)
      return 0;  /* an object of the action's own, not a validation error */

  self->syncing++;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *message = get_parameter_message (json_object_get_member (error, name));
      StellarParamField *field = stellar_action_request_lookup_field (self, name);

      if (field == NULL && *name != '\0' && strstr (message, name) != NULL)
        {
          g_autoptr(StellarParamField) missing = new_field (self, name);

          _stellar_param_field_set_input (missing, lookup_input (self, name));
          g_list_store_append (self->fields, missing);
          field = missing;
        }

      if (field == NULL)
        continue;

      _stellar_param_field_set_server_error (field, message);
      n_applied++;
    }
  self->syncing--;

  return n_applied;
}
