/* soak-control.c: the test server's control API, without blocking
 *
 * stellar_test_server_control() waits for its answer without running the
 * main loop; a flood is only answered once the clients have read it, so
 * the soak makes its control calls asynchronously.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <libsoup/soup.h>

#include "soak-control.h"

struct _SoakControl
{
  SoupSession *session;
  char *url;
  guint in_flight;
};

typedef struct
{
  SoakControl *control;
  SoupMessage *message;
  SoakControlDone done;
  gpointer user_data;
} Call;

SoakControl *
soak_control_new (const char *control_url)
{
  SoakControl *control = g_new0 (SoakControl, 1);

  control->url = g_strdup (control_url);
  /* A flood of a few thousand frames is answered within seconds. */
  control->session = soup_session_new_with_options ("timeout", 120, NULL);

  return control;
}

void
soak_control_free (SoakControl *control)
{
  g_assert (control->in_flight == 0);

  g_clear_object (&control->session);
  g_free (control->url);
  g_free (control);
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body != NULL && soup_message_get_status (call->message) == SOUP_STATUS_OK)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);
      g_autofree char *text = g_strndup (data, length);

      node = json_from_string (text, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_get_boolean_member_with_default (json_node_get_object (node), "ok", FALSE))
        answer = json_node_get_object (node);
    }

  call->control->in_flight--;
  if (call->done != NULL)
    call->done (answer != NULL, answer, call->user_data);

  g_object_unref (call->message);
  g_free (call);
}

void
soak_control_post (SoakControl     *control,
                   const char      *path,
                   const char      *json_body,
                   SoakControlDone  done,
                   gpointer         user_data)
{
  g_autofree char *uri = g_strconcat (control->url, path, NULL);
  g_autoptr(GBytes) body = g_bytes_new (json_body, strlen (json_body));
  Call *call = g_new0 (Call, 1);

  call->control = control;
  call->message = soup_message_new (SOUP_METHOD_POST, uri);
  call->done = done;
  call->user_data = user_data;
  soup_message_set_request_body_from_bytes (call->message, "application/json", body);

  control->in_flight++;
  soup_session_send_and_read_async (control->session, call->message, G_PRIORITY_DEFAULT,
                                    NULL, on_answer, call);
}

guint
soak_control_in_flight (SoakControl *control)
{
  return control->in_flight;
}
