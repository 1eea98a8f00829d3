/* stellar-session-frames.c: what a session's connection says, frame by frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-session-private.h"

/* The session records every frame its client sends or receives in a
 * bounded log (StellarFrameLog), for the protocol inspector; its size is
 * the `inspector-capacity` setting. */

#define CAPACITY_KEY "inspector-capacity"

static void
on_client_wire (StellarSession *self,
                gboolean        outgoing,
                const char     *text,
                JsonNode       *frame,
                StellarClient  *client)
{
  guint64 id = stellar_frame_log_append (self->frame_log, outgoing, text, frame, g_get_real_time ());

  if (outgoing)
    self->last_sent_frame_id = id;
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
_stellar_session_frames_init (StellarSession *self)
{
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
}
