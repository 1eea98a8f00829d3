/* stellar-error.c: the STELLAR_ERROR domain and the server reply it carries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include "stellar-json-private.h"

#include <gio/gio.h>

#include "stellar-error-private.h"

typedef struct
{
  JsonNode *response;
} StellarErrorPrivate;

static void
stellar_error_private_init (StellarErrorPrivate *priv)
{
  priv->response = NULL;
}

static void
stellar_error_private_copy (const StellarErrorPrivate *src,
                            StellarErrorPrivate       *dest)
{
  dest->response = src->response ? json_node_copy (src->response) : NULL;
}

static void
stellar_error_private_clear (StellarErrorPrivate *priv)
{
  g_clear_pointer (&priv->response, json_node_unref);
}

/**
 * stellar_error_quark:
 *
 * The error domain of libstellar-client-1. Its errors are [error@Error] codes;
 * those of %STELLAR_ERROR_SERVER carry the server's reply, see
 * [func@Error.get_response].
 *
 * Returns: the quark of %STELLAR_ERROR
 */
G_DEFINE_EXTENDED_ERROR (StellarError, stellar_error)

/**
 * stellar_error_get_response:
 * @error: a #GError
 *
 * Gets the whole reply the server gave for a %STELLAR_ERROR_SERVER error: the
 * WebSocket reply frame, or the parsed body of an HTTP error response.
 *
 * Returns: (transfer none) (nullable): the reply, or %NULL when @error is not
 *   a server error
 */
JsonNode *
stellar_error_get_response (const GError *error)
{
  StellarErrorPrivate *priv;

  if (error == NULL || error->domain != STELLAR_ERROR)
    return NULL;

  priv = stellar_error_get_private (error);
  return priv ? priv->response : NULL;
}

/* A validation failure maps each parameter to its message, which is a string
 * or an object with a "message": name the fields with their texts. */
static char *
describe_field_errors (JsonObject *object)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObjectIter iter;
  const char *field;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &field, &value))
    {
      const char *message = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        message = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        message = _stellar_json_get_string (json_node_get_object (value), "message");
      if (message == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s: %s", field, message);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The human text of a Stellar error value: an action's `error` or a verb's
 * `status`, which may be a string, an {code, message} object or a map of
 * parameter names to messages. */
static char *
describe_error_value (JsonNode *value)
{
  JsonObject *object;
  const char *message;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (value))
    {
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (value));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (value))
    return NULL;

  object = json_node_get_object (value);
  message = _stellar_json_get_string (object, "message");
  if (message != NULL)
    return g_strdup (message);

  return describe_field_errors (object);
}

char *
_stellar_error_describe_response (JsonNode *response)
{
  JsonObject *object;
  char *text = NULL;

  if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
    return NULL;

  object = json_node_get_object (response);
  if (json_object_has_member (object, "error"))
    text = describe_error_value (json_object_get_member (object, "error"));
  if (text == NULL && json_object_has_member (object, "status"))
    text = describe_error_value (json_object_get_member (object, "status"));

  return text;
}

/*
 * _stellar_error_new_server:
 * @response: (transfer none): the server's reply
 * @fallback_message: the text to use when the reply names no error
 *
 * Returns: a %STELLAR_ERROR_SERVER error carrying a copy of @response.
 */
GError *
_stellar_error_new_server (JsonNode   *response,
                           const char *fallback_message)
{
  g_autofree char *message = _stellar_error_describe_response (response);

  return _stellar_error_new_server_literal (response, message ? message : fallback_message);
}

/* The same with a message of the caller's. */
GError *
_stellar_error_new_server_literal (JsonNode   *response,
                                   const char *message)
{
  GError *error = g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_SERVER, message);
  StellarErrorPrivate *priv = stellar_error_get_private (error);

  if (response != NULL)
    priv->response = json_node_copy (response);

  return error;
}

/* Whether @error is a server error whose verb reply has `status.code` @code,
 * such as "014" for a verb the server does not know. */
gboolean
_stellar_error_has_status_code (const GError *error,
                                const char   *code)
{
  JsonNode *response = stellar_error_get_response (error);
  JsonNode *status;

  if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
    return FALSE;

  status = json_object_get_member (json_node_get_object (response), "status");
  return status != NULL && JSON_NODE_HOLDS_OBJECT (status) &&
         g_strcmp0 (_stellar_json_get_string (json_node_get_object (status), "code"), code) == 0;
}

static const char *
describe_certificate_flags (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by a trusted authority (self-signed, or an unknown issuer)");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another host name");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  return _("it could not be verified");
}

/*
 * _stellar_error_from_transport:
 * @error: a GIO or TLS error from a request or the WebSocket handshake
 * @what: what was being done, such as "connect to http://host:8080"
 *
 * Maps a transport error into the STELLAR_ERROR domain with a message that
 * says what failed; cancellation is kept as G_IO_ERROR_CANCELLED.
 */
GError *
_stellar_error_from_transport (const GError *error,
                               const char   *what)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == STELLAR_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                        _("Could not %s: the server did not answer in time"), what);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                        _("Could not %s: secure connection failed: %s"), what, error->message);

  /* GIO's own texts repeat "Could not connect to …": say it once. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                        _("Could not %s: the connection was refused (is the server running?)"), what);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                        _("Could not %s: the server’s name was not found"), what);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                        _("Could not %s: the network or the host is unreachable"), what);

  return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                      _("Could not %s: %s"), what, error->message);
}

/*
 * _stellar_error_new_certificate:
 * @host: the host whose certificate was refused
 * @flags: why it was refused
 */
GError *
_stellar_error_new_certificate (const char           *host,
                                GTlsCertificateFlags  flags)
{
  return g_error_new (STELLAR_ERROR, STELLAR_ERROR_FAILED,
                      _("The certificate of %s was refused: %s"),
                      host, describe_certificate_flags (flags));
}
