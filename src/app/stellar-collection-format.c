/* stellar-collection-format.c: a collection as a JSON file (docs/collections.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-collection-format.h"
#include "stellar-json-text-private.h"
#include "stellar-params-parser.h"
#include "stellar-saved-request.h"

/* Version 1:
 *
 *   {
 *     "format": "stellar-collection",
 *     "version": 1,
 *     "name": "Accounts",
 *     "requests": [
 *       { "name": "Log in", "action": "login", "transport": "auto",
 *         "params": { "user": "ann" } },
 *       { "name": "Draft", "action": "search", "transport": "http",
 *         "paramsText": "{ \"query\": " }
 *     ]
 *   }
 *
 * Parameters that are a JSON object are written as one, or not at all when
 * there are none; any other text (a draft that is not valid JSON yet) as
 * the string `paramsText`. Reading is
 * all or nothing: a file that is not exactly this shape fails with a
 * message that says what is wrong, and gives nothing. Members a newer
 * version 1 writer adds are ignored. */

static const char *
transport_to_nick (StellarTransport transport)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (STELLAR_TYPE_TRANSPORT);
  GEnumValue *value = g_enum_get_value (enum_class, transport);

  return value != NULL ? value->value_nick : "auto";
}

static gboolean
transport_from_nick (const char       *nick,
                     StellarTransport *transport)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (STELLAR_TYPE_TRANSPORT);
  GEnumValue *value = g_enum_get_value_by_nick (enum_class, nick);

  if (value == NULL)
    return FALSE;

  *transport = value->value;
  return TRUE;
}

/**
 * stellar_collection_format_write:
 * @name: the collection's name
 * @requests: a list model of #StellarSavedRequest
 *
 * Returns: (transfer full): the file's content
 */
GBytes *
stellar_collection_format_write (const char *name,
                                 GListModel *requests)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, STELLAR_COLLECTION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STELLAR_COLLECTION_FORMAT_VERSION);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(StellarSavedRequest) request = g_list_model_get_item (requests, i);
      const char *params_text = stellar_saved_request_get_params_text (request);
      g_autoptr(JsonObject) params = stellar_params_parse (params_text, NULL, NULL, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, stellar_saved_request_get_name (request));
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, stellar_saved_request_get_action (request));
      json_builder_set_member_name (builder, "transport");
      json_builder_add_string_value (builder, transport_to_nick (stellar_saved_request_get_transport (request)));
      if (params != NULL && json_object_get_size (params) == 0)
        ;  /* no parameters: nothing to write */
      else if (params != NULL)
        {
          json_builder_set_member_name (builder, "params");
          json_builder_add_value (builder, json_node_init_object (json_node_alloc (), params));
        }
      else
        {
          json_builder_set_member_name (builder, "paramsText");
          json_builder_add_string_value (builder, params_text);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);

  return g_bytes_new_take (text, strlen (text));
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static StellarSavedRequest *
read_request (JsonNode  *node,
              guint      position,
              GError   **error)
{
  g_autofree char *params_text = NULL;
  StellarTransport transport = STELLAR_TRANSPORT_AUTO;
  JsonObject *object;
  JsonNode *params;
  const char *name;
  const char *action;
  const char *transport_nick;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Request %u is not a JSON object"), position + 1);
      return NULL;
    }

  object = json_node_get_object (node);
  name = get_string (object, "name");
  action = get_string (object, "action");
  transport_nick = get_string (object, "transport");

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Request %u has no name"), position + 1);
      return NULL;
    }

  if (action == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The request “%s” has no action"), name);
      return NULL;
    }

  if (json_object_has_member (object, "transport") &&
      (transport_nick == NULL || !transport_from_nick (transport_nick, &transport)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The request “%s” has an unknown transport"), name);
      return NULL;
    }

  params = json_object_get_member (object, "params");
  if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
    params_text = json_to_string (params, TRUE);
  else if (params != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The parameters of the request “%s” are not a JSON object"), name);
      return NULL;
    }
  else if (json_object_has_member (object, "paramsText"))
    {
      if (get_string (object, "paramsText") == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The parameters of the request “%s” are not text"), name);
          return NULL;
        }
      params_text = g_strdup (get_string (object, "paramsText"));
    }

  return stellar_saved_request_new (name, action, params_text, transport);
}

/**
 * stellar_collection_format_read:
 * @content: a file's content
 * @name: (out): the collection's name
 * @requests: (out) (element-type StellarSavedRequest): its requests
 * @error: return location for a #GError
 *
 * Reads a collection file. Anything else fails with
 * %G_IO_ERROR_INVALID_DATA (%G_IO_ERROR_NOT_SUPPORTED for a newer version
 * of the format) and a message for people; nothing is returned then.
 *
 * Returns: whether @content is a collection
 */
gboolean
stellar_collection_format_read (GBytes     *content,
                                char      **name,
                                GPtrArray **requests,
                                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonNode *version;
  JsonNode *list;
  const char *format;
  const char *collection_name;
  gsize length;
  const char *data = g_bytes_get_data (content, &length);

  if (length > STELLAR_COLLECTION_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is too large to be a collection"));
      return FALSE;
    }

  /* json-glib would recurse as deep as the file nests */
  if (!_stellar_json_text_nests_within (data, length, STELLAR_JSON_MAX_DEPTH))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not a Stellar collection: it nests more than %u levels deep"),
                   STELLAR_JSON_MAX_DEPTH);
      return FALSE;
    }

  if (length == 0 || !json_parser_load_from_data (parser, data, length, &parse_error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is not a Stellar collection: it is not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  format = get_string (root, "format");
  if (g_strcmp0 (format, STELLAR_COLLECTION_FORMAT) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is not a Stellar collection"));
      return FALSE;
    }

  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The collection file has no valid format version"));
      return FALSE;
    }

  if (json_node_get_int (version) > STELLAR_COLLECTION_FORMAT_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The collection was saved by a newer version of Stellar (format version %lld)"),
                   (long long) json_node_get_int (version));
      return FALSE;
    }

  collection_name = get_string (root, "name");
  if (collection_name == NULL || *collection_name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The collection has no name"));
      return FALSE;
    }

  list = json_object_get_member (root, "requests");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The collection has no list of requests"));
      return FALSE;
    }

  read = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      StellarSavedRequest *request = read_request (json_array_get_element (json_node_get_array (list), i), i, error);

      if (request == NULL)
        return FALSE;
      g_ptr_array_add (read, request);
    }

  *name = g_strdup (collection_name);
  *requests = g_steal_pointer (&read);

  return TRUE;
}
