/* stellar-session-chat.c: the conversations of a session's rooms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-message-private.h"
#include "stellar-room-member.h"
#include "stellar-session-private.h"

/* The client's ::say, ::event and ::alert become messages of the rooms.
 *
 * Our own messages are shown as soon as they are typed, pending, and the
 * client sends them (holding them in its outbox while it reconnects). The
 * server broadcasts every message to the whole room, the sender included,
 * in no fixed order with its reply to the sender: a broadcast from one of
 * our connection ids (a new one with every reconnection, so the session
 * keeps them all) confirms the oldest pending message with the same text
 * instead of showing it twice. A message the server refuses, or that was
 * on a connection that dropped before its broadcast came back, fails and
 * can be sent again: nothing typed is dropped.
 *
 * A message mentions the person when it names, as a whole word and in any
 * case, one of the session's connection ids (in full or the first part that
 * messages show), its fingerprint, or one of the `mention-names` setting:
 * Stellar has no user names, so people use those. */

#define SHORT_ID_LENGTH 8

/* --- senders ------------------------------------------------------------- */

static gboolean
looks_like_uuid (const char *id)
{
  static const int dashes[] = { 8, 13, 18, 23 };

  if (strlen (id) != 36)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    if (id[dashes[i]] != '-')
      return FALSE;

  return TRUE;
}

/* The sender as messages show it: the first part of a connection id, a
 * name as the server sent it, or the server itself. */
static char *
sender_name (const char *id)
{
  if (id == NULL)
    return NULL;

  if (g_str_equal (id, "0"))
    return g_strdup (_("Server"));

  if (looks_like_uuid (id))
    return g_strndup (id, SHORT_ID_LENGTH);

  return g_strdup (id);
}

/* `from` is a connection id, or the number 0 for the server. */
static char *
read_sender (JsonObject *frame)
{
  JsonNode *from = json_object_get_member (frame, "from");

  if (from == NULL || !JSON_NODE_HOLDS_VALUE (from))
    return NULL;

  switch (json_node_get_value_type (from))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (from));

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (from));

    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (from));

    default:
      return NULL;
    }
}

/* `sentAt` is in milliseconds; a frame without it is from now. */
static gint64
read_time (JsonObject *frame)
{
  JsonNode *sent_at = json_object_get_member (frame, "sentAt");

  if (sent_at != NULL && JSON_NODE_HOLDS_VALUE (sent_at))
    {
      GType type = json_node_get_value_type (sent_at);

      if (type == G_TYPE_INT64)
        return json_node_get_int (sent_at) * 1000;
      if (type == G_TYPE_DOUBLE)
        return (gint64) (json_node_get_double (sent_at) * 1000);
    }

  return g_get_real_time ();
}

static const char *
read_room (JsonObject *frame)
{
  JsonNode *room = json_object_get_member (frame, "room");

  if (room == NULL || !JSON_NODE_HOLDS_VALUE (room) ||
      json_node_get_value_type (room) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (room);
}

static gboolean
is_own_id (StellarSession *self,
           const char     *id)
{
  const char *current = stellar_client_get_id (self->client);

  if (id == NULL)
    return FALSE;

  /* The broadcast of a message the outbox sent on a restored connection
   * may come before the client says it is connected. */
  if (current != NULL && !g_hash_table_contains (self->own_ids, current))
    g_hash_table_add (self->own_ids, g_strdup (current));

  return g_hash_table_contains (self->own_ids, id);
}

/* --- mentions ------------------------------------------------------------ */

static gboolean
is_word_character (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || c == '-';
}

/* Whether @needle occurs in @haystack as a whole word; both lower case. */
static gboolean
contains_word (const char *haystack,
               const char *needle)
{
  gsize length = strlen (needle);

  if (length == 0)
    return FALSE;

  for (const char *found = strstr (haystack, needle);
       found != NULL;
       found = strstr (found + 1, needle))
    {
      const char *after = found + length;

      if (found > haystack &&
          is_word_character (g_utf8_get_char (g_utf8_find_prev_char (haystack, found))))
        continue;
      if (*after != '\0' && is_word_character (g_utf8_get_char (after)))
        continue;

      return TRUE;
    }

  return FALSE;
}

/* What a mention may name, in lower case: the `mention-names`, the
 * fingerprint, our connection ids in full and as messages show them. Made
 * again when one of them changed: ids are only ever added, so their count
 * tells. */
static const char * const *
get_mention_words (StellarSession *self)
{
  g_autoptr(GStrvBuilder) words = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->mention_words != NULL &&
      self->mention_words_ids == g_hash_table_size (self->own_ids) &&
      g_strcmp0 (self->mention_words_fingerprint, self->fingerprint) == 0)
    return (const char * const *) self->mention_words;

  words = g_strv_builder_new ();
  if (self->mention_names != NULL)
    g_strv_builder_addv (words, (const char **) self->mention_names);

  if (self->fingerprint != NULL && *self->fingerprint != '\0')
    {
      g_autofree char *fingerprint = g_utf8_strdown (self->fingerprint, -1);

      g_strv_builder_add (words, fingerprint);
    }

  g_hash_table_iter_init (&iter, self->own_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *id = g_utf8_strdown (key, -1);
      g_autofree char *short_id = sender_name (id);

      g_strv_builder_add (words, id);
      if (short_id != NULL)
        g_strv_builder_add (words, short_id);
    }

  g_strfreev (self->mention_words);
  self->mention_words = g_strv_builder_end (words);
  self->mention_words_ids = g_hash_table_size (self->own_ids);
  g_free (self->mention_words_fingerprint);
  self->mention_words_fingerprint = g_strdup (self->fingerprint);

  return (const char * const *) self->mention_words;
}

static gboolean
mentions_you (StellarSession *self,
              const char     *text)
{
  const char * const *words = get_mention_words (self);
  g_autofree char *folded = NULL;

  if (words[0] == NULL)
    return FALSE;

  folded = g_utf8_strdown (text, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (contains_word (folded, words[i]))
      return TRUE;

  return FALSE;
}

/**
 * _stellar_session_update_mentions:
 * @self: a #StellarSession
 * @messages: (element-type StellarMessage): messages from the history
 *
 * Decides which of @messages mention the person, as they are now named.
 */
void
_stellar_session_update_mentions (StellarSession *self,
                                  GPtrArray      *messages)
{
  for (guint i = 0; i < messages->len; i++)
    {
      StellarMessage *message = g_ptr_array_index (messages, i);

      if (!stellar_message_get_own (message) &&
          stellar_message_get_kind (message) == STELLAR_MESSAGE_KIND_MESSAGE)
        _stellar_message_set_mentions_you (message,
                                           mentions_you (self, stellar_message_get_text (message)));
    }
}

static void
load_mention_names (StellarSession *self)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) folded = g_strv_builder_new ();

  g_clear_pointer (&self->mention_names, g_strfreev);
  g_clear_pointer (&self->mention_words, g_strfreev);

  if (self->settings == NULL)
    return;

  names = g_settings_get_strv (self->settings, "mention-names");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_strdown (g_strstrip (names[i]), -1);

      if (*name != '\0')
        g_strv_builder_add (folded, name);
    }

  self->mention_names = g_strv_builder_end (folded);
}

/* --- what arrives -------------------------------------------------------- */

static void
add_message (StellarSession *self,
             StellarRoom    *room,
             StellarMessage *message)
{
  gboolean unread = !stellar_room_get_active (room) &&
                    !stellar_message_get_own (message) &&
                    stellar_message_get_kind (message) == STELLAR_MESSAGE_KIND_MESSAGE;

  _stellar_room_add_message (room, message, unread);
  _stellar_session_save_message (self, room, message);

  if (unread)
    _stellar_session_emit_new_message (self, room, message);
}

static void
receive_text (StellarSession *self,
              StellarRoom    *room,
              const char     *sender,
              gint64          time_us,
              const char     *text)
{
  g_autoptr(StellarMessage) message = NULL;
  g_autofree char *name = NULL;

  if (is_own_id (self, sender))
    {
      message = _stellar_room_take_echo (room, text);
      if (message != NULL)
        {
          /* The server took it: whatever the reply says, or has yet to. */
          _stellar_message_set_echoed (message, TRUE);
          if (stellar_message_get_delivery (message) != STELLAR_MESSAGE_DELIVERY_SENT)
            {
              _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_SENT, NULL);
              _stellar_session_save_delivery (self, message);
            }
          return;
        }
    }

  name = sender_name (sender);
  message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, sender, name, time_us, text);
  /* The client emits ::wire for a frame before the ::say it causes. */
  _stellar_message_set_frame_id (message, self->last_received_frame_id);

  if (is_own_id (self, sender))
    {
      /* Ours, but not typed here: said on this connection by other means. */
      _stellar_message_set_own (message, TRUE);
      _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_SENT, NULL);
    }
  else
    {
      _stellar_message_set_mentions_you (message, mentions_you (self, text));
    }

  add_message (self, room, message);
}

static void
on_client_say (StellarSession *self,
               JsonObject     *frame,
               StellarClient  *client)
{
  JsonNode *content = json_object_get_member (frame, "message");
  StellarRoom *room = NULL;
  const char *room_name = read_room (frame);
  g_autofree char *sender = NULL;
  g_autofree char *text = NULL;

  if (room_name != NULL)
    room = stellar_session_lookup_room (self, room_name);
  if (room == NULL || content == NULL)
    {
      g_debug ("A message for a room the session does not have (%s)", room_name);
      return;
    }

  /* {event: "name", data} is a room event: ::event tells it. */
  if (JSON_NODE_HOLDS_OBJECT (content))
    {
      JsonNode *event = json_object_get_member (json_node_get_object (content), "event");

      if (event != NULL && JSON_NODE_HOLDS_VALUE (event) &&
          json_node_get_value_type (event) == G_TYPE_STRING &&
          *json_node_get_string (event) != '\0')
        return;
    }

  sender = read_sender (frame);

  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (content));
  else
    text = json_to_string (content, FALSE);  /* 1.x's bare error object, or a number */

  receive_text (self, room, sender, read_time (frame), text);
}

static void
on_client_event (StellarSession *self,
                 const char     *room_name,
                 const char     *event,
                 JsonNode       *data,
                 JsonObject     *frame,
                 StellarClient  *client)
{
  StellarRoom *room = room_name != NULL ? stellar_session_lookup_room (self, room_name) : NULL;
  g_autoptr(StellarMessage) message = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (room == NULL)
    return;

  sender = read_sender (frame);

  /* Stellar's own JavaScript client says things with the event verb, as the
   * event `message`: that is chat. */
  if (g_str_equal (event, "message") && data != NULL &&
      JSON_NODE_HOLDS_VALUE (data) && json_node_get_value_type (data) == G_TYPE_STRING)
    {
      receive_text (self, room, sender, read_time (frame), json_node_get_string (data));
      return;
    }

  name = sender_name (sender);
  text = data != NULL ? json_to_string (data, FALSE) : g_strdup ("");
  message = _stellar_message_new (STELLAR_MESSAGE_KIND_EVENT, sender, name, read_time (frame), text);
  _stellar_message_set_event_name (message, event);
  _stellar_message_set_own (message, is_own_id (self, sender));

  add_message (self, room, message);
}

/* An alert is for the whole connection: every room shows it where the
 * person reads, and the window tells it at once. */
static void
on_client_alert (StellarSession *self,
                 JsonObject     *frame,
                 StellarClient  *client)
{
  JsonNode *content = json_object_get_member (frame, "message");
  GListModel *rooms = G_LIST_MODEL (self->rooms);
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time ();

  if (content == NULL)
    return;

  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (content));
  else
    text = json_to_string (content, FALSE);

  if (*text == '\0')
    return;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (rooms, i);
      g_autoptr(StellarMessage) message = NULL;

      message = _stellar_message_new (STELLAR_MESSAGE_KIND_ALERT, "0", _("Server"), now, text);
      add_message (self, room, message);
    }

  _stellar_session_emit_notice (self, text);
}

static void
on_client_connected (StellarSession *self,
                     StellarClient  *client)
{
  const char *id = stellar_client_get_id (client);

  if (id != NULL)
    g_hash_table_add (self->own_ids, g_strdup (id));
}

/* --- what we say --------------------------------------------------------- */

typedef struct {
  StellarSession *session;
  StellarRoom    *room;
  StellarMessage *message;
} SendData;

static void
send_data_free (SendData *data)
{
  g_object_unref (data->session);
  g_object_unref (data->room);
  g_object_unref (data->message);
  g_free (data);
}

static char *
describe_send_error (const GError *error)
{
  if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED))
    return g_strdup (_("The connection was lost before the server took it"));
  if (g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED))
    return g_strdup (_("Not connected"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("The connection was closed"));

  return g_strdup (error->message);
}

static void
on_said (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;
  g_autoptr(GError) error = NULL;
  StellarMessage *message = data->message;

  if (stellar_client_say_finish (STELLAR_CLIENT (object), result, &error) ||
      _stellar_message_get_echoed (message))
    {
      if (stellar_message_get_delivery (message) != STELLAR_MESSAGE_DELIVERY_SENT)
        {
          _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_SENT, NULL);
          _stellar_session_save_delivery (data->session, message);
        }
    }
  else
    {
      g_autofree char *reason = describe_send_error (error);

      g_debug ("A message was not sent: %s", error->message);
      _stellar_room_forget_echo (data->room, message);
      _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_FAILED, reason);
      _stellar_session_save_delivery (data->session, message);
    }

  send_data_free (data);
}

static void
send (StellarSession *self,
      StellarRoom    *room,
      StellarMessage *message)
{
  SendData *data = g_new0 (SendData, 1);
  guint64 last_sent;

  data->session = g_object_ref (self);
  data->room = g_object_ref (room);
  data->message = g_object_ref (message);

  _stellar_message_set_echoed (message, FALSE);
  _stellar_room_expect_echo (room, message);

  /* No cancellable: a message is only ever given up by the client, which
   * tells why. */
  last_sent = self->last_sent_frame_id;
  stellar_client_say_async (self->client, stellar_room_get_name (room),
                            stellar_message_get_text (message),
                            NULL, on_said, data);
  /* Written at once when connected (::wire comes before the write); a
   * message queued while offline has no frame yet. */
  if (self->last_sent_frame_id != last_sent)
    _stellar_message_set_frame_id (message, self->last_sent_frame_id);
}

/**
 * stellar_session_send_message:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 * @text: what the person typed
 *
 * Says @text in @room. The message is in the room's list at once, pending,
 * and becomes sent or failed ([property@Message:delivery]). While the
 * connection is being restored it waits, and goes out once it is back.
 *
 * Returns: (transfer none): the new message
 */
StellarMessage *
stellar_session_send_message (StellarSession *self,
                              StellarRoom    *room,
                              const char     *text)
{
  g_autoptr(StellarMessage) message = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (STELLAR_IS_ROOM (room), NULL);
  g_return_val_if_fail (text != NULL && *text != '\0', NULL);

  uid = g_uuid_string_random ();
  name = sender_name (self->connection_id);
  message = _stellar_message_new_own (self->connection_id, name, g_get_real_time (), text, uid);

  /* Shown now, after what arrived before it. */
  _stellar_room_add_message (room, message, FALSE);
  _stellar_room_flush_messages (room);
  _stellar_session_save_message (self, room, message);

  send (self, room, message);

  return message;
}

/**
 * stellar_session_retry_message:
 * @self: a #StellarSession
 * @room: the room of @message
 * @message: one of our messages that failed
 *
 * Sends @message again, where it is in the conversation.
 */
void
stellar_session_retry_message (StellarSession *self,
                               StellarRoom    *room,
                               StellarMessage *message)
{
  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (STELLAR_IS_MESSAGE (message));

  if (stellar_message_get_delivery (message) != STELLAR_MESSAGE_DELIVERY_FAILED)
    return;

  _stellar_message_set_delivery (message, STELLAR_MESSAGE_DELIVERY_PENDING, NULL);
  _stellar_session_save_delivery (self, message);
  send (self, room, message);
}

/**
 * stellar_session_dup_send_blocker:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 *
 * Says why nothing can be said in @room now, for people. While the
 * connection is being restored, messages can be written: they wait.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL when a message
 *   can be sent
 */
char *
stellar_session_dup_send_blocker (StellarSession *self,
                                  StellarRoom    *room)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (STELLAR_IS_ROOM (room), NULL);

  if (stellar_room_get_join_error (room) != NULL)
    /* Translators: %s says why the server refused the room */
    return g_strdup_printf (_("You are not in this room: %s"), stellar_room_get_join_error (room));

  switch (self->state)
    {
    case STELLAR_CLIENT_STATE_CONNECTED:
      return stellar_room_get_joined (room) ? NULL : g_strdup (_("Joining the room…"));

    case STELLAR_CLIENT_STATE_RECONNECTING:
      return NULL;

    case STELLAR_CLIENT_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));

    case STELLAR_CLIENT_STATE_DISCONNECTED:
    default:
      return g_strdup (_("Disconnected: reconnect to send messages"));
    }
}

/* --- reading and muting -------------------------------------------------- */

/**
 * stellar_session_get_active_room:
 * @self: a #StellarSession
 *
 * Returns: (transfer none) (nullable): the room the person is looking at
 */
StellarRoom *
stellar_session_get_active_room (StellarSession *self)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);

  return self->active_room;
}

/**
 * stellar_session_set_active_room:
 * @self: a #StellarSession
 * @room: (nullable): the room the person is looking at: shown, in a window
 *   that has the focus; %NULL when there is none
 *
 * What the person had not read in @room is read; new messages in other
 * rooms count as unread.
 */
void
stellar_session_set_active_room (StellarSession *self,
                                 StellarRoom    *room)
{
  g_autoptr(StellarRoom) previous = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (room == NULL || STELLAR_IS_ROOM (room));

  if (self->active_room == room)
    return;

  previous = g_steal_pointer (&self->active_room);
  if (previous != NULL)
    _stellar_room_set_active (previous, FALSE);

  if (room != NULL)
    {
      self->active_room = g_object_ref (room);
      _stellar_room_set_active (room, TRUE);
    }
}

static void
load_muted (StellarSession *self,
            StellarRoom    *room)
{
  g_autoptr(GVariant) all = NULL;
  g_autofree const char **muted = NULL;

  if (self->settings == NULL)
    return;

  all = g_settings_get_value (self->settings, "muted-rooms");
  if (g_variant_lookup (all, stellar_session_get_url (self), "^a&s", &muted))
    _stellar_room_set_muted (room, g_strv_contains (muted, stellar_room_get_name (room)));
}

/**
 * stellar_session_set_room_muted:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 * @muted: whether the room's messages notify
 *
 * Mutes or unmutes @room, and remembers it for the server.
 */
void
stellar_session_set_room_muted (StellarSession *self,
                                StellarRoom    *room,
                                gboolean        muted)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) server_muted = NULL;
  const char *url = stellar_session_get_url (self);
  const char *room_name;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));

  _stellar_room_set_muted (room, muted);

  if (self->settings == NULL)
    return;

  room_name = stellar_room_get_name (room);
  all = g_settings_get_value (self->settings, "muted-rooms");
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@as}", &key, &value))
    {
      if (g_strcmp0 (key, url) != 0)
        {
          g_variant_builder_add (&builder, "{s@as}", key, value);
          continue;
        }

      server_muted = g_variant_dup_strv (value, NULL);
    }

  for (guint i = 0; server_muted != NULL && server_muted[i] != NULL; i++)
    if (!g_str_equal (server_muted[i], room_name))
      g_strv_builder_add (names, server_muted[i]);
  if (muted)
    g_strv_builder_add (names, room_name);

  {
    g_auto(GStrv) list = g_strv_builder_end (names);

    if (list[0] != NULL)
      g_variant_builder_add (&builder, "{s^as}", url, list);
  }

  g_settings_set_value (self->settings, "muted-rooms", g_variant_builder_end (&builder));
}

/* --- who is in a room ---------------------------------------------------- */

static gint
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  StellarRoomMember *first = (StellarRoomMember *) a;
  StellarRoomMember *second = (StellarRoomMember *) b;

  /* you first, then in the order they came */
  if (stellar_room_member_get_is_you (first) != stellar_room_member_get_is_you (second))
    return stellar_room_member_get_is_you (first) ? -1 : 1;

  if (stellar_room_member_get_joined_at (first) != stellar_room_member_get_joined_at (second))
    return stellar_room_member_get_joined_at (first) < stellar_room_member_get_joined_at (second) ? -1 : 1;

  return g_strcmp0 (stellar_room_member_get_id (first), stellar_room_member_get_id (second));
}

static void
on_room_viewed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) view = NULL;
  g_autoptr(GListStore) members = NULL;
  JsonNode *members_node;
  GError *error = NULL;

  view = stellar_client_room_view_finish (STELLAR_CLIENT (object), result, &error);
  if (view == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  members = g_list_store_new (STELLAR_TYPE_ROOM_MEMBER);

  /* {"members": {"<id>": {"id": …, "joinedAt": ms}}, "membersCount": n} */
  members_node = json_object_get_member (view, "members");
  if (members_node != NULL && JSON_NODE_HOLDS_OBJECT (members_node))
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (members_node));
      while (json_object_iter_next (&iter, &id, &member))
        {
          g_autoptr(StellarRoomMember) item = NULL;
          g_autofree char *name = sender_name (id);
          gint64 joined_at = 0;

          if (JSON_NODE_HOLDS_OBJECT (member))
            {
              JsonNode *joined = json_object_get_member (json_node_get_object (member), "joinedAt");

              if (joined != NULL && JSON_NODE_HOLDS_VALUE (joined) &&
                  (json_node_get_value_type (joined) == G_TYPE_INT64 ||
                   json_node_get_value_type (joined) == G_TYPE_DOUBLE))
                joined_at = (gint64) json_node_get_double (joined) * 1000;
            }

          item = stellar_room_member_new (id, name, joined_at,
                                          g_strcmp0 (id, self->connection_id) == 0);
          g_list_store_insert_sorted (members, item, compare_members, NULL);
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&members), g_object_unref);
}

/**
 * stellar_session_view_room_async:
 * @self: a #StellarSession
 * @room: a room the connection is in
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the members
 * @user_data: data for @callback
 *
 * Asks the server who is in @room.
 */
void
stellar_session_view_room_async (StellarSession      *self,
                                 StellarRoom         *room,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_view_room_async);

  stellar_client_room_view_async (self->client, stellar_room_get_name (room), cancellable,
                                  on_room_viewed, g_steal_pointer (&task));
}

/**
 * stellar_session_view_room_finish:
 * @self: a #StellarSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the members, #StellarRoomMember items, you
 *   first and the others in the order they joined
 */
GListModel *
stellar_session_view_room_finish (StellarSession  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the session's part -------------------------------------------------- */

/* A room is new to the session: it learns whether it is muted and reads
 * its last messages from the history. */
void
_stellar_session_prepare_room (StellarSession *self,
                               StellarRoom    *room)
{
  load_muted (self, room);
  _stellar_session_load_history (self, room);
}

void
_stellar_session_chat_init (StellarSession *self)
{
  self->own_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  load_mention_names (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::mention-names",
                             G_CALLBACK (load_mention_names), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->client, "connected",
                           G_CALLBACK (on_client_connected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "say",
                           G_CALLBACK (on_client_say), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "event",
                           G_CALLBACK (on_client_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "alert",
                           G_CALLBACK (on_client_alert), self, G_CONNECT_SWAPPED);
}

void
_stellar_session_chat_dispose (StellarSession *self)
{
  if (self->active_room != NULL)
    stellar_session_set_active_room (self, NULL);

  g_clear_pointer (&self->own_ids, g_hash_table_unref);
  g_clear_pointer (&self->mention_names, g_strfreev);
  g_clear_pointer (&self->mention_words, g_strfreev);
  g_clear_pointer (&self->mention_words_fingerprint, g_free);
}
