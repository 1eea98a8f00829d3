/* stellar-session-frames.c: what a session's connection says, frame by frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-session-private.h"

/* The session records every frame its client sends or receives in a
 * bounded log (StellarFrameLog), for the protocol inspector; its size is
 * the `inspector-capacity` setting.
 *
 * An action request the server's default parameters were added to is
 * marked with what was added. The interceptor names the call; its frame
 * goes out later (after holds, behind other requests), as a copy: the
 * frame is the first outgoing request for the same action that carries
 * the added parameters with the call's values. A call sent over HTTP has
 * no frame and is forgotten once answered. */

#define CAPACITY_KEY "inspector-capacity"

typedef struct {
  StellarSession    *self;
  StellarActionCall *call;
  char             **added;
} AddedParams;

static void
added_params_free (AddedParams *entry)
{
  g_signal_handlers_disconnect_by_data (entry->call, entry);
  g_object_unref (entry->call);
  g_strfreev (entry->added);
  g_free (entry);
}

static void
on_call_answered (StellarActionCall *call,
                  JsonNode          *response,
                  const GError      *error,
                  AddedParams       *entry)
{
  g_ptr_array_remove (entry->self->calls_with_defaults, entry);
}

static void
on_defaults_applied (StellarSession       *self,
                     StellarActionCall    *call,
                     const char * const   *added,
                     StellarDefaultParams *defaults)
{
  AddedParams *entry;

  if (self->calls_with_defaults == NULL)
    return;

  entry = g_new0 (AddedParams, 1);
  entry->self = self;
  entry->call = g_object_ref (call);
  entry->added = g_strdupv ((char **) added);
  g_signal_connect (call, "response", G_CALLBACK (on_call_answered), entry);
  g_ptr_array_add (self->calls_with_defaults, entry);
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

static gboolean
frame_carries (JsonObject  *frame_params,
               AddedParams *entry)
{
  JsonObject *call_params = stellar_action_call_get_params (entry->call);

  if (g_strcmp0 (get_string (frame_params, "action"), stellar_action_call_get_action (entry->call)) != 0)
    return FALSE;

  for (guint i = 0; entry->added[i] != NULL; i++)
    {
      JsonNode *sent = json_object_get_member (frame_params, entry->added[i]);
      JsonNode *given = json_object_get_member (call_params, entry->added[i]);

      if (sent == NULL || given == NULL || !json_node_equal (sent, given))
        return FALSE;
    }

  return TRUE;
}

static void
note_added_params (StellarSession *self,
                   guint64         id,
                   JsonNode       *frame)
{
  JsonObject *object;
  JsonNode *params;

  if (self->calls_with_defaults->len == 0 || frame == NULL || !JSON_NODE_HOLDS_OBJECT (frame))
    return;

  object = json_node_get_object (frame);
  params = json_object_get_member (object, "params");
  if (g_strcmp0 (get_string (object, "event"), "action") != 0 ||
      params == NULL || !JSON_NODE_HOLDS_OBJECT (params))
    return;

  for (guint i = 0; i < self->calls_with_defaults->len; i++)
    {
      AddedParams *entry = g_ptr_array_index (self->calls_with_defaults, i);

      if (frame_carries (json_node_get_object (params), entry))
        {
          stellar_frame_log_set_added_params (self->frame_log, id, (const char * const *) entry->added);
          g_ptr_array_remove_index (self->calls_with_defaults, i);
          return;
        }
    }
}

static void
on_client_wire (StellarSession *self,
                gboolean        outgoing,
                const char     *text,
                JsonNode       *frame,
                StellarClient  *client)
{
  guint64 id = stellar_frame_log_append (self->frame_log, outgoing, text, frame, g_get_real_time ());

  if (outgoing)
    {
      self->last_sent_frame_id = id;
      note_added_params (self, id, frame);
    }
  else
    self->last_received_frame_id = id;
  self->frames_since_lost = TRUE;
}

/* A frame was sent or received since the last connection ended. */
static void
on_client_state_changed (StellarSession *self,
                         GParamSpec     *pspec,
                         StellarClient  *client)
{
  StellarClientState state = stellar_client_get_state (client);

  /* The library sends its first requests before the welcome: the log
   * must know the connection ended to count them on the next one. */
  if ((state == STELLAR_CLIENT_STATE_RECONNECTING || state == STELLAR_CLIENT_STATE_DISCONNECTED) &&
      self->frames_since_lost)
    {
      self->frames_since_lost = FALSE;
      stellar_frame_log_mark_disconnected (self->frame_log);
    }
}

/**
 * stellar_session_get_frame_log:
 * @self: a #StellarSession
 *
 * Returns: (transfer none): the frames of the session's connections, for
 *   the protocol inspector
 */
StellarFrameLog *
stellar_session_get_frame_log (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->frame_log;
}

void
_stellar_session_frames_follow_defaults (StellarSession       *self,
                                         StellarDefaultParams *defaults)
{
  g_signal_connect_object (defaults, "applied", G_CALLBACK (on_defaults_applied), self, G_CONNECT_SWAPPED);
}

void
_stellar_session_frames_init (StellarSession *self)
{
  self->calls_with_defaults = g_ptr_array_new_with_free_func ((GDestroyNotify) added_params_free);
  self->frame_log = stellar_frame_log_new (STELLAR_FRAME_LOG_DEFAULT_CAPACITY);
  if (self->settings != NULL)
    g_settings_bind (self->settings, CAPACITY_KEY, self->frame_log, "capacity", G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->client, "wire",
                           G_CALLBACK (on_client_wire), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::state",
                           G_CALLBACK (on_client_state_changed), self, G_CONNECT_SWAPPED);
}

void
_stellar_session_frames_dispose (StellarSession *self)
{
  if (self->frame_log != NULL && self->settings != NULL)
    g_settings_unbind (self->frame_log, "capacity");
  g_clear_object (&self->frame_log);
  g_clear_pointer (&self->calls_with_defaults, g_ptr_array_unref);
}
