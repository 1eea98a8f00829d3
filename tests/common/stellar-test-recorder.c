/* stellar-test-recorder.c: what a client's signals said, for the tests
 *
 * One recorder for every suite (and the fuzz target): it connects to each
 * signal of a StellarClient, reads every argument it is given and keeps a
 * line for it, so that tests assert on what happened and in which order.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "stellar-test-recorder.h"

static void
add_line (StellarTestRecorder *self,
          char                *line)
{
  g_ptr_array_add (self->log, line);
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
add_object_line (StellarTestRecorder *self,
                 const char          *name,
                 JsonObject          *frame)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (frame);
  text = object_text (frame);
  add_line (self, g_strdup_printf ("%s %s", name, text));
}

static void
on_state (StellarClient       *client,
          GParamSpec          *pspec,
          StellarTestRecorder *self)
{
  StellarClientState state = stellar_client_get_state (client);
  g_autoptr(GEnumClass) states = g_type_class_ref (STELLAR_TYPE_CLIENT_STATE);

  g_array_append_val (self->states, state);
  add_line (self, g_strdup_printf ("state %s", g_enum_get_value (states, state)->value_nick));
}

static void
on_connected (StellarClient       *client,
              StellarTestRecorder *self)
{
  self->connected++;
  g_string_append (self->events, "connected ");
  add_line (self, g_strdup ("connected"));
}

static void
on_disconnected (StellarClient       *client,
                 StellarTestRecorder *self)
{
  self->disconnected++;
  g_string_append (self->events, "disconnected ");
  add_line (self, g_strdup ("disconnected"));
}

static void
on_reconnect (StellarClient       *client,
              StellarTestRecorder *self)
{
  self->reconnects++;
  g_string_append (self->events, "reconnect ");
  add_line (self, g_strdup ("reconnect"));
}

static void
on_reconnecting (StellarClient       *client,
                 guint                attempt,
                 guint                delay,
                 StellarTestRecorder *self)
{
  /* The state is already RECONNECTING when an attempt is announced. */
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_RECONNECTING);
  g_array_append_val (self->delays, delay);
  g_string_append_printf (self->events, "reconnecting(%u) ", attempt);
  add_line (self, g_strdup_printf ("reconnecting %u %u", attempt, delay));
}

static void
on_timeout (StellarClient       *client,
            StellarTestRecorder *self)
{
  self->timeouts++;
  g_string_append (self->events, "timeout ");
  add_line (self, g_strdup ("timeout"));
}

static void
on_error (StellarClient       *client,
          const GError        *error,
          StellarTestRecorder *self)
{
  g_assert_nonnull (error);
  g_ptr_array_add (self->errors, g_error_copy (error));
  g_string_append (self->events, "error ");
  add_line (self, g_strdup_printf ("error %d %s", error->code, error->message));
}

static void
on_message (StellarClient       *client,
            JsonNode            *frame,
            StellarTestRecorder *self)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (frame);
  text = node_text (frame);
  add_line (self, g_strdup_printf ("message %s", text));
}

static void
on_welcome (StellarClient       *client,
            JsonObject          *frame,
            StellarTestRecorder *self)
{
  self->welcomes++;
  add_object_line (self, "welcome", frame);
}

static void
on_alert (StellarClient       *client,
          JsonObject          *frame,
          StellarTestRecorder *self)
{
  add_object_line (self, "alert", frame);
}

static void
on_api (StellarClient       *client,
        JsonObject          *frame,
        StellarTestRecorder *self)
{
  add_object_line (self, "api", frame);
}

static void
on_say (StellarClient       *client,
        JsonObject          *frame,
        StellarTestRecorder *self)
{
  JsonNode *message = json_object_get_member (frame, "message");

  /* Text only: events arrive here too, as objects. */
  if (message != NULL && JSON_NODE_HOLDS_VALUE (message) &&
      json_node_get_value_type (message) == G_TYPE_STRING)
    g_ptr_array_add (self->said, g_strdup (json_node_get_string (message)));
  add_object_line (self, "say", frame);
}

static void
on_event (StellarClient       *client,
          const char          *room,
          const char          *event,
          JsonNode            *data,
          JsonObject          *frame,
          StellarTestRecorder *self)
{
  g_autofree char *data_text = node_text (data);
  /* Read, as a handler would; the frame is the one ::say had. */
  g_autofree char *frame_text = object_text (frame);

  g_assert_nonnull (event);
  add_line (self, g_strdup_printf ("event %s %s %s", room ? room : "(none)", event, data_text));
}

static void
on_wire (StellarClient       *client,
         gboolean             outgoing,
         const char          *text,
         JsonNode            *frame,
         StellarTestRecorder *self)
{
  /* Read, as an inspector would; tests that care compare it with @text. */
  g_autofree char *frame_text = node_text (frame);

  g_assert_nonnull (text);
  add_line (self, g_strdup_printf ("wire %s %s", outgoing ? ">" : "<", text));
}

/*
 * stellar_test_recorder_new:
 * @client: the client to watch; the recorder holds no reference
 *
 * Returns: (transfer full): a recorder of every signal of @client
 */
StellarTestRecorder *
stellar_test_recorder_new (StellarClient          *client,
                           StellarTestRecordFlags  flags)
{
  StellarTestRecorder *self = g_new0 (StellarTestRecorder, 1);

  self->client = client;
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->events = g_string_new (NULL);
  self->states = g_array_new (FALSE, FALSE, sizeof (StellarClientState));
  self->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  self->said = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (client, "notify::state", G_CALLBACK (on_state), self);
  g_signal_connect (client, "connected", G_CALLBACK (on_connected), self);
  g_signal_connect (client, "disconnected", G_CALLBACK (on_disconnected), self);
  g_signal_connect (client, "reconnect", G_CALLBACK (on_reconnect), self);
  g_signal_connect (client, "reconnecting", G_CALLBACK (on_reconnecting), self);
  g_signal_connect (client, "timeout", G_CALLBACK (on_timeout), self);
  g_signal_connect (client, "error", G_CALLBACK (on_error), self);
  g_signal_connect (client, "message", G_CALLBACK (on_message), self);
  g_signal_connect (client, "welcome", G_CALLBACK (on_welcome), self);
  g_signal_connect (client, "alert", G_CALLBACK (on_alert), self);
  g_signal_connect (client, "api", G_CALLBACK (on_api), self);
  g_signal_connect (client, "say", G_CALLBACK (on_say), self);
  g_signal_connect (client, "event", G_CALLBACK (on_event), self);
  if (flags & STELLAR_TEST_RECORD_WIRE)
    g_signal_connect (client, "wire", G_CALLBACK (on_wire), self);

  return self;
}

/* Forgets what was recorded so far; goes on recording. */
void
stellar_test_recorder_clear (StellarTestRecorder *self)
{
  g_ptr_array_set_size (self->log, 0);
  g_string_truncate (self->events, 0);
  g_array_set_size (self->states, 0);
  g_array_set_size (self->delays, 0);
  g_ptr_array_set_size (self->errors, 0);
  g_ptr_array_set_size (self->said, 0);
  self->connected = self->disconnected = self->reconnects = self->timeouts = self->welcomes = 0;
}

/* Stops recording and frees the record; the client must still be alive. */
void
stellar_test_recorder_free (StellarTestRecorder *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->client, self);
  g_ptr_array_unref (self->log);
  g_string_free (self->events, TRUE);
  g_array_unref (self->states);
  g_array_unref (self->delays);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->said);
  g_free (self);
}

const GError *
stellar_test_recorder_error (StellarTestRecorder *self,
                             guint                index)
{
  g_assert_cmpuint (index, <, self->errors->len);
  return g_ptr_array_index (self->errors, index);
}

/* How many lines of the log start with @prefix. */
guint
stellar_test_recorder_count (StellarTestRecorder *self,
                             const char          *prefix)
{
  guint count = 0;

  for (guint i = 0; i < self->log->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->log, i), prefix))
      count++;

  return count;
}

/* The index of the first line from @from that starts with @prefix, or -1. */
gssize
stellar_test_recorder_find (StellarTestRecorder *self,
                            const char          *prefix,
                            guint                from)
{
  for (guint i = from; i < self->log->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->log, i), prefix))
      return i;

  return -1;
}
