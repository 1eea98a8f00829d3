/* stellar-client-http.c: what the client asks the server over plain HTTP
 *
 * The Primus spec (to learn the heartbeat generation), actions when the
 * WebSocket is not connected or not wanted, and static files, which must
 * never be asked for with the WebSocket `file` verb (it brings real servers
 * down). Every request carries the client's `sessionID` cookie, so that both
 * transports share one fingerprint, and is bounded by a timeout of its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "stellar-client-private.h"
#include "stellar-error-private.h"
#include "stellar-json-private.h"
#include "stellar-url-private.h"

#define CERTIFICATE_ERRORS_KEY "stellar-certificate-errors"

/* --- messages --------------------------------------------------------- */

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  StellarClient *self = user_data;

  /* Remember why, to name the problem if the request fails. */
  g_object_set_data (G_OBJECT (message), CERTIFICATE_ERRORS_KEY, GUINT_TO_POINTER (errors));

  return self->trusted_certificate != NULL &&
         g_tls_certificate_is_same (certificate, self->trusted_certificate);
}

/*
 * _stellar_client_new_message:
 *
 * Returns: (transfer full): a message to @uri carrying the session cookie and
 *   trusting the certificate the user opted into
 */
SoupMessage *
_stellar_client_new_message (StellarClient *self,
                             const char    *method,
                             GUri          *uri)
{
  SoupMessage *message = soup_message_new_from_uri (method, uri);
  g_autofree char *cookie = g_strdup_printf ("sessionID=%s", self->session_id);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Cookie", cookie);
  g_signal_connect_object (message, "accept-certificate",
                           G_CALLBACK (on_accept_certificate), self, 0);

  return message;
}

/*
 * _stellar_client_describe_message_error:
 * @message: a message made by _stellar_client_new_message()
 * @error: why it failed
 * @what: what was being done, such as "connect to http://host:8080"
 *
 * Maps a failed exchange (or WebSocket upgrade) to a STELLAR_ERROR that says
 * what went wrong, naming the certificate's problem when TLS refused it.
 */
GError *
_stellar_client_describe_message_error (SoupMessage  *message,
                                        const GError *error,
                                        const char   *what)
{
  gpointer flags = g_object_get_data (G_OBJECT (message), CERTIFICATE_ERRORS_KEY);

  if (error->domain == G_TLS_ERROR && flags != NULL)
    {
      GUri *uri = soup_message_get_uri (message);

      return _stellar_error_new_certificate (g_uri_get_host (uri), GPOINTER_TO_UINT (flags));
    }

  return _stellar_error_from_transport (error, what);
}

/* --- one exchange, with its timeout ------------------------------------ */

typedef struct
{
  SoupMessage *message;
  char *what;
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;
  GSource *timeout_source;
  guint timeout_ms;
  guint timed_out : 1;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->timeout_source != NULL)
    {
      g_source_destroy (exchange->timeout_source);
      g_source_unref (exchange->timeout_source);
    }
  if (exchange->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (exchange->caller_cancellable, exchange->caller_cancelled_id);
      g_object_unref (exchange->caller_cancellable);
    }
  g_clear_object (&exchange->cancellable);
  g_clear_object (&exchange->message);
  g_free (exchange->what);
  g_free (exchange);
}

static gboolean
on_exchange_timeout (gpointer user_data)
{
  Exchange *exchange = user_data;

  exchange->timed_out = TRUE;
  g_clear_pointer (&exchange->timeout_source, g_source_unref);
  g_cancellable_cancel (exchange->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

static void
on_exchange_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (exchange->timed_out)
        g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                                 _("Could not %s: the server did not answer within %u ms"),
                                 exchange->what, exchange->timeout_ms);
      else
        g_task_return_error (task, _stellar_client_describe_message_error (exchange->message, error,
                                                                           exchange->what));
      return;
    }

  g_task_return_pointer (task, body, (GDestroyNotify)g_bytes_unref);
}

/* Sends @message and reads the whole body, failing with STELLAR_ERROR_TIMEOUT
 * after @timeout_ms (0: no limit of its own). */
static void
exchange_async (StellarClient       *self,
                SoupMessage         *message,
                const char          *what,
                guint                timeout_ms,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Exchange *exchange = g_new0 (Exchange, 1);

  g_task_set_source_tag (task, exchange_async);
  g_task_set_task_data (task, exchange, (GDestroyNotify)exchange_free);

  exchange->message = g_object_ref (message);
  exchange->what = g_strdup (what);
  exchange->timeout_ms = timeout_ms;
  exchange->cancellable = g_cancellable_new ();

  if (cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (cancellable);
      exchange->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                             G_CALLBACK (on_caller_cancelled),
                                                             exchange->cancellable, NULL);
    }

  if (timeout_ms > 0)
    {
      exchange->timeout_source = g_timeout_source_new (timeout_ms);
      g_source_set_static_name (exchange->timeout_source, "[stellar] http timeout");
      g_source_set_callback (exchange->timeout_source, on_exchange_timeout, exchange, NULL);
      g_source_attach (exchange->timeout_source, self->context);
    }

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    exchange->cancellable, on_exchange_done,
                                    g_steal_pointer (&task));
}

static GBytes *
exchange_finish (StellarClient  *self,
                 GAsyncResult   *result,
                 SoupMessage   **message,
                 GError        **error)
{
  Exchange *exchange = g_task_get_task_data (G_TASK (result));

  *message = exchange->message;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
decode_body (GBytes *body)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return data != NULL ? _stellar_json_decode (data, length, NULL) : NULL;
}

/* --- the Primus spec --------------------------------------------------- */

static void
on_spec_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StellarClient *self = STELLAR_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  SoupMessage *message;

  body = exchange_finish (self, result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                               _("/primus/spec answered HTTP %u %s"),
                               soup_message_get_status (message),
                               soup_message_get_reason_phrase (message));
      return;
    }

  node = decode_body (body);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                               _("/primus/spec did not answer with a JSON object"));
      return;
    }

  g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                         (GDestroyNotify)json_object_unref);
}

/*
 * _stellar_client_fetch_spec_async:
 *
 * GET /primus/spec. Fails with STELLAR_ERROR_PROTOCOL when the server answers
 * but not with a spec, and with the transport's error when it cannot be
 * reached. The caller bounds the time.
 */
void
_stellar_client_fetch_spec_async (StellarClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) root = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (self->base_uri), NULL,
                                      g_uri_get_host (self->base_uri),
                                      g_uri_get_port (self->base_uri), "", NULL, NULL);
  g_autoptr(GUri) uri = _stellar_url_build_http (root, "/primus/spec", NULL);
  g_autoptr(SoupMessage) message = _stellar_client_new_message (self, SOUP_METHOD_GET, uri);
  g_autofree char *what = g_strdup_printf (_("connect to %s"), self->url);

  g_task_set_source_tag (task, _stellar_client_fetch_spec_async);
  exchange_async (self, message, what, 0, cancellable, on_spec_done, g_steal_pointer (&task));
}

JsonObject *
_stellar_client_fetch_spec_finish (StellarClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- actions ----------------------------------------------------------- */

static void
on_action_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StellarClient *self = STELLAR_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  SoupMessage *message;
  guint status;

  body = exchange_finish (self, result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  node = decode_body (body);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                               _("The server's answer to the action “%s” is not JSON "
                               "(HTTP %u, %s): is this a Stellar server?"),
                               (const char *)g_task_get_task_data (task), status,
                               type ? type : "no content type");
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *fallback = g_strdup_printf ("The server answered HTTP %u %s", status,
                                                   soup_message_get_reason_phrase (message));

      g_task_return_error (task, _stellar_error_new_server (node, fallback));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify)json_node_unref);
}

/*
 * _stellar_client_http_action_async:
 *
 * POST <url><api-path>?action=NAME with @body, the JSON of the params plus
 * `action`. Resolves with the parsed body of a 200; other statuses fail with
 * STELLAR_ERROR_SERVER carrying the body, a body that is not JSON with
 * STELLAR_ERROR_PROTOCOL.
 */
void
_stellar_client_http_action_async (StellarClient       *self,
                                   const char          *action,
                                   const char          *body,
                                   gsize                body_length,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (action, NULL, FALSE);
  g_autofree char *query = g_strconcat ("action=", escaped, NULL);
  g_autoptr(GUri) uri = _stellar_url_build_http (self->base_uri, self->api_path, query);
  g_autoptr(SoupMessage) message = _stellar_client_new_message (self, SOUP_METHOD_POST, uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);
  g_autofree char *what = g_strdup_printf (_("call the action “%s”"), action);

  g_task_set_source_tag (task, _stellar_client_http_action_async);
  g_task_set_task_data (task, g_strdup (action), g_free);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  exchange_async (self, message, what, self->request_timeout_ms, cancellable,
                  on_action_done, g_steal_pointer (&task));
}

JsonNode *
_stellar_client_http_action_finish (StellarClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- static files ------------------------------------------------------ */

static gboolean
is_text_type (const char *mime)
{
  return g_str_has_prefix (mime, "text/") ||
         strcmp (mime, "application/json") == 0 ||
         strcmp (mime, "application/javascript") == 0 ||
         strcmp (mime, "application/xml") == 0 ||
         g_str_has_suffix (mime, "+json") ||
         g_str_has_suffix (mime, "+xml");
}

static void
set_last_modified (JsonObject         *file,
                   SoupMessageHeaders *headers)
{
  const char *header = soup_message_headers_get_one (headers, "Last-Modified");
  g_autoptr(GDateTime) date = header ? soup_date_time_new_from_http_string (header) : NULL;

  if (date != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (date);
      json_object_set_string_member (file, "lastModified", iso);
    }
}

static void
on_file_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StellarClient *self = STELLAR_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  const char *path = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) file = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *message;
  const char *mime;
  const char *data;
  gsize length;
  guint status;

  body = exchange_finish (self, result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_autoptr(JsonNode) response = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) reply = json_object_new ();
      JsonObject *file_error = json_object_new ();
      g_autofree char *message_text = NULL;

      /* The shape of the seed's file reply, with the error it would carry. */
      json_object_set_string_member (file_error, "code", status == SOUP_STATUS_NOT_FOUND ? "010" : "999");
      json_object_set_string_member (file_error, "message",
                                     status == SOUP_STATUS_NOT_FOUND
                                     ? "The requested file not exists"
                                     : soup_message_get_reason_phrase (message));
      json_object_set_object_member (reply, "error", file_error);
      json_object_set_null_member (reply, "content");
      json_object_set_int_member (reply, "status", status);
      json_node_set_object (response, reply);

      message_text = status == SOUP_STATUS_NOT_FOUND
                     ? g_strdup_printf ("The file “%s” does not exist on the server", path)
                     : g_strdup_printf ("Could not get the file “%s”: HTTP %u %s", path, status,
                                        soup_message_get_reason_phrase (message));
      g_task_return_error (task, _stellar_error_new_server_literal (response, message_text));
      return;
    }

  headers = soup_message_get_response_headers (message);
  mime = soup_message_headers_get_content_type (headers, NULL);
  if (mime == NULL)
    mime = "application/octet-stream";

  data = g_bytes_get_data (body, &length);
  file = json_object_new ();

  if (is_text_type (mime) && g_utf8_validate_len (data ? data : "", length, NULL) &&
      memchr (data ? data : "", '\0', length) == NULL)
    {
      g_autofree char *content = g_strndup (data, length);
      json_object_set_string_member (file, "content", content);
    }
  else
    {
      g_autofree char *content = g_base64_encode ((const guchar *)data, length);
      json_object_set_string_member (file, "content", content);
      json_object_set_string_member (file, "encoding", "base64");
    }

  json_object_set_string_member (file, "mime", mime);
  json_object_set_int_member (file, "length", length);
  set_last_modified (file, headers);
  json_object_set_null_member (file, "error");

  g_task_return_pointer (task, g_steal_pointer (&file), (GDestroyNotify)json_object_unref);
}

/*
 * _stellar_client_http_file_async:
 * @path: a path below the public folder, already checked
 *
 * GET <url>/public/<path>, resolved in the seed's shape.
 */
void
_stellar_client_http_file_async (StellarClient       *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *public_path = g_strconcat ("/public/", escaped, NULL);
  g_autoptr(GUri) uri = _stellar_url_build_http (self->base_uri, public_path, NULL);
  g_autoptr(SoupMessage) message = _stellar_client_new_message (self, SOUP_METHOD_GET, uri);
  g_autofree char *what = g_strdup_printf (_("get the file “%s”"), path);

  g_task_set_source_tag (task, _stellar_client_http_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);

  exchange_async (self, message, what, self->request_timeout_ms, cancellable,
                  on_file_done, g_steal_pointer (&task));
}

JsonObject *
_stellar_client_http_file_finish (StellarClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
