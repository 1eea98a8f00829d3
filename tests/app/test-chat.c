/* test-chat.c: the rooms' conversations, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <pango/pango.h>

#include "stellar-message-format.h"
#include "stellar-message-list-private.h"
#include "stellar-message-private.h"
#include "stellar-room-member.h"
#include "stellar-session.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

#define MINUTE_US (60 * G_USEC_PER_SEC)

/* --- the list alone ------------------------------------------------------ */

static StellarMessage *
message_at_time (const char *sender,
                 gint64      time_us,
                 const char *text)
{
  return _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, sender, NULL, time_us, text);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static gint64
noon_of (int year,
         int month,
         int day)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC;
}

static void
append_one (StellarMessageList *list,
            StellarMessage     *message)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (batch, message);
  _stellar_message_list_append (list, batch);
}

static void
test_grouping_and_days (void)
{
  g_autoptr(StellarMessageList) list = _stellar_message_list_new ();
  gint64 noon = noon_of (2026, 3, 4);
  StellarMessage *m;

  append_one (list, message_at_time ("alice", noon, "first"));
  append_one (list, message_at_time ("alice", noon + MINUTE_US, "within five minutes"));
  append_one (list, message_at_time ("alice", noon + 7 * MINUTE_US, "six minutes later"));
  append_one (list, message_at_time ("bob", noon + 7 * MINUTE_US, "someone else"));
  m = _stellar_message_new (STELLAR_MESSAGE_KIND_EVENT, "bob", NULL, noon + 8 * MINUTE_US, "{}");
  _stellar_message_set_event_name (m, "typing");
  append_one (list, m);
  append_one (list, message_at_time ("bob", noon + 8 * MINUTE_US, "after an event"));
  append_one (list, message_at_time ("bob", noon_of (2026, 3, 5), "the next day"));
  append_one (list, _stellar_message_new_own ("id-1", NULL, noon_of (2026, 3, 5) + MINUTE_US, "mine", "u1"));
  append_one (list, _stellar_message_new_own ("id-2", NULL, noon_of (2026, 3, 5) + 2 * MINUTE_US,
                                              "mine, after a reconnection", "u2"));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);

#define ASSERT_FLAGS(position, grouped, first_of_day) \
  G_STMT_START { \
    StellarMessage *_m = _stellar_message_list_peek (list, position); \
    g_assert_cmpint (stellar_message_get_grouped (_m), ==, grouped); \
    g_assert_cmpint (stellar_message_get_first_of_day (_m), ==, first_of_day); \
  } G_STMT_END

  ASSERT_FLAGS (0, FALSE, TRUE);
  ASSERT_FLAGS (1, TRUE, FALSE);
  ASSERT_FLAGS (2, FALSE, FALSE);
  ASSERT_FLAGS (3, FALSE, FALSE);
  ASSERT_FLAGS (4, FALSE, FALSE);   /* events stand alone */
  ASSERT_FLAGS (5, FALSE, FALSE);   /* and break a group */
  ASSERT_FLAGS (6, FALSE, TRUE);
  ASSERT_FLAGS (7, FALSE, FALSE);
  ASSERT_FLAGS (8, TRUE, FALSE);    /* our own messages are one sender */

  /* older messages go in front; the one that was first joins their group
   * and loses its day separator */
  {
    g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);
    guint changes = 0;

    g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
    g_ptr_array_add (older, message_at_time ("carol", noon_of (2026, 3, 3), "two days before"));
    g_ptr_array_add (older, message_at_time ("alice", noon - 2 * MINUTE_US, "just before"));
    _stellar_message_list_prepend (list, older);

    g_assert_cmpuint (changes, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
    g_assert_cmpstr (stellar_message_get_text (_stellar_message_list_peek (list, 0)), ==,
                     "two days before");
    ASSERT_FLAGS (0, FALSE, TRUE);
    ASSERT_FLAGS (1, FALSE, TRUE);
    ASSERT_FLAGS (2, TRUE, FALSE);
  }

#undef ASSERT_FLAGS
}

static void
test_burst_is_one_change (void)
{
  g_autoptr(StellarMessageList) list = _stellar_message_list_new ();
  g_autoptr(GPtrArray) burst = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 noon = noon_of (2026, 3, 4);
  guint changes = 0;

  append_one (list, message_at_time ("alice", noon, "before"));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);

  for (guint i = 0; i < 10000; i++)
    g_ptr_array_add (burst, message_at_time ("flood", noon + i, "flood"));
  _stellar_message_list_append (list, burst);

  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10001);
  g_assert_false (stellar_message_get_grouped (_stellar_message_list_peek (list, 1)));
  g_assert_true (stellar_message_get_grouped (_stellar_message_list_peek (list, 10000)));
}

/* --- how messages read ---------------------------------------------------- */

static void
assert_markup (const char *text,
               const char *expected,
               gboolean    expected_links)
{
  gboolean has_links = !expected_links;
  g_autofree char *markup = stellar_format_linked_text (text, &has_links);

  g_assert_cmpstr (markup, ==, expected);
  g_assert_cmpint (has_links, ==, expected_links);

  /* without links, Pango reads back exactly what was typed (it does not
   * know <a>, which GtkLabel reads itself) */
  if (!expected_links)
    {
      g_autofree char *plain = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (plain, ==, text);
    }
}

/* Long names are shortened by characters, not bytes; short ones are not. */
static void
test_sender_names (void)
{
  g_autofree char *uuid = stellar_format_sender_name ("3f2a1c9e-71b4-4c2e-9d0a-5e8f6a7b8c9d");
  g_autofree char *wide = stellar_format_sender_name ("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ");
  g_autofree char *just_over = stellar_format_sender_name ("abcdefghijklmnopqrstuvwxy");

  g_assert_null (stellar_format_sender_name ("alice"));
  g_assert_null (stellar_format_sender_name (""));
  /* exactly as long as a header shows */
  g_assert_null (stellar_format_sender_name ("abcdefghijklmnopqrstuvwx"));
  g_assert_null (stellar_format_sender_name ("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ"));

  g_assert_cmpstr (just_over, ==, "abcdefghijklmnopqrstuvw…");
  g_assert_cmpstr (uuid, ==, "3f2a1c9e-71b4-4c2e-9d0a…");
  g_assert_cmpint (g_utf8_strlen (uuid, -1), ==, STELLAR_SENDER_NAME_MAX_CHARS);
  g_assert_true (g_utf8_validate (wide, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (wide, -1), ==, STELLAR_SENDER_NAME_MAX_CHARS);
  g_assert_true (g_str_has_suffix (wide, "ÉÉ…"));
}

static void
test_linked_text (void)
{
  /* never markup */
  assert_markup ("<b>bold</b> & <i>", "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;", FALSE);
  assert_markup ("a \"quote\" and 'apostrophe'", "a &quot;quote&quot; and &apos;apostrophe&apos;", FALSE);

  /* addresses become links, without the sentence's punctuation */
  assert_markup ("see https://example.com/a?b=1&c=2.",
                 "see <a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>.",
                 TRUE);
  assert_markup ("(at http://example.com/wiki/X_(y))",
                 "(at <a href=\"http://example.com/wiki/X_(y)\">http://example.com/wiki/X_(y)</a>)", TRUE);
  assert_markup ("www.example.org, or mailto:ada@example.org!",
                 "<a href=\"http://www.example.org\">www.example.org</a>, or "
                 "<a href=\"mailto:ada@example.org\">mailto:ada@example.org</a>!", TRUE);
  assert_markup ("https://example.com/<script>",
                 "<a href=\"https://example.com/\">https://example.com/</a>&lt;script&gt;", TRUE);

  /* not links */
  assert_markup ("nothttps://example.com", "nothttps://example.com", FALSE);
  assert_markup ("https:// alone", "https:// alone", FALSE);
  assert_markup ("http://[oops and", "http://[oops and", FALSE);
}

static void
test_days (void)
{
  gint64 now = noon_of (2026, 3, 14);
  g_autofree char *today = stellar_format_message_day (now - (gint64) 3600 * G_USEC_PER_SEC, now);
  g_autofree char *yesterday = stellar_format_message_day (noon_of (2026, 3, 13), now);
  g_autofree char *weekday = stellar_format_message_day (noon_of (2026, 3, 10), now);
  g_autofree char *this_year = stellar_format_message_day (noon_of (2026, 1, 2), now);
  g_autofree char *last_year = stellar_format_message_day (noon_of (2025, 12, 31), now);

  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (weekday, ==, "Tuesday");
  g_assert_cmpstr (this_year, ==, "Friday, January 2");
  g_assert_cmpstr (last_year, ==, "Wednesday, December 31, 2025");
}

/* --- a session against the test server ----------------------------------- */

typedef struct {
  StellarTestServer *server;
  GSettings         *settings;
  StellarSession    *session;
  StellarClient     *other;
  GPtrArray         *notices;
  GPtrArray         *new_messages;
} Fixture;

static void
on_notice (StellarSession *session,
           const char     *message,
           Fixture        *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup (message));
}

static void
on_new_message (StellarSession *session,
                StellarRoom    *room,
                StellarMessage *message,
                Fixture        *fixture)
{
  g_ptr_array_add (fixture->new_messages, g_object_ref (message));
}

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "remembered-rooms");
  g_settings_reset (settings, "muted-rooms");
  g_settings_reset (settings, "mention-names");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = stellar_test_server_startv (NULL);
  fixture->settings = g_settings_new (APP_ID);
  reset_settings (fixture->settings);
  fixture->notices = g_ptr_array_new_with_free_func (g_free);
  fixture->new_messages = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->session = stellar_session_new (stellar_test_server_get_url (fixture->server),
                                          fixture->settings, NULL);
  g_signal_connect (fixture->session, "notice", G_CALLBACK (on_notice), fixture);
  g_signal_connect (fixture->session, "new-message", G_CALLBACK (on_new_message), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->other != NULL)
    {
      stellar_client_disconnect (fixture->other);
      g_assert_finalize_object (fixture->other);
    }

  g_ptr_array_unref (fixture->new_messages);
  g_assert_finalize_object (fixture->session);
  reset_settings (fixture->settings);
  g_assert_finalize_object (fixture->settings);
  g_ptr_array_unref (fixture->notices);
  stellar_test_server_stop (fixture->server);
}

static gboolean
state_is (StellarSession     *session,
          StellarClientState  state)
{
  return stellar_session_get_state (session) == state;
}

static StellarRoom *
connect_in_room (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StellarRoom *room;

  stellar_session_add_rooms (fixture->session, (const char *[]) { name, NULL });
  stellar_session_connect_async (fixture->session, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_session_connect_finish (fixture->session, result, &error));
  g_assert_no_error (error);

  room = stellar_session_lookup_room (fixture->session, name);
  stellar_test_wait_for (stellar_room_get_joined (room));

  return room;
}

/* Someone else in the room, on a connection of their own. */
static StellarClient *
connect_other (Fixture    *fixture,
               const char *room)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;

  fixture->other = stellar_client_new (stellar_test_server_get_url (fixture->server));
  stellar_client_connect_async (fixture->other, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  details = stellar_client_connect_finish (fixture->other, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  stellar_client_room_add_async (fixture->other, room, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_client_room_add_finish (fixture->other, result, &error));
  g_assert_no_error (error);

  return fixture->other;
}

static void
other_says (Fixture    *fixture,
            const char *room,
            const char *text)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_client_say_async (fixture->other, room, text, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_client_say_finish (fixture->other, result, &error));
  g_assert_no_error (error);
}

static guint
n_messages (StellarRoom *room)
{
  return g_list_model_get_n_items (stellar_room_get_messages (room));
}

static StellarMessage *
message_at (StellarRoom *room,
            guint        position)
{
  StellarMessage *message = g_list_model_get_item (stellar_room_get_messages (room), position);

  g_object_unref (message);  /* the list keeps it */
  return message;
}

static StellarMessage *
last_message (StellarRoom *room)
{
  return message_at (room, n_messages (room) - 1);
}

/* Everything the room holds says what @text says at most once. */
static guint
count_text (StellarRoom *room,
            const char  *text)
{
  guint count = 0;

  for (guint i = 0; i < n_messages (room); i++)
    if (g_strcmp0 (stellar_message_get_text (message_at (room, i)), text) == 0)
      count++;

  return count;
}

static void
test_receive_and_read (Fixture       *fixture,
                       gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarClient *other = connect_other (fixture, "defaultRoom");
  g_autofree char *short_id = g_strndup (stellar_client_get_id (other), 8);
  StellarMessage *message;

  other_says (fixture, "defaultRoom", "hello there");
  stellar_test_wait_for (n_messages (room) == 1);

  message = message_at (room, 0);
  g_assert_cmpint (stellar_message_get_kind (message), ==, STELLAR_MESSAGE_KIND_MESSAGE);
  g_assert_cmpstr (stellar_message_get_text (message), ==, "hello there");
  g_assert_cmpstr (stellar_message_get_sender_id (message), ==, stellar_client_get_id (other));
  g_assert_cmpstr (stellar_message_get_sender_name (message), ==, short_id);
  g_assert_false (stellar_message_get_own (message));
  g_assert_cmpint (stellar_message_get_delivery (message), ==, STELLAR_MESSAGE_DELIVERY_NONE);
  g_assert_true (stellar_message_get_first_of_day (message));
  g_assert_cmpuint (stellar_message_get_sender_color (message), <, STELLAR_MESSAGE_N_COLORS);

  /* not looked at: unread, and worth a notification */
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 1);
  g_assert_cmpuint (stellar_room_get_mention_count (room), ==, 0);
  g_assert_cmpuint (fixture->new_messages->len, ==, 1);

  /* a room event is a compact line, not unread */
  {
    g_autoptr(JsonNode) data_node = json_from_string ("{\"x\":1}", NULL);
    g_autoptr(GAsyncResult) slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    stellar_client_emit_async (other, "defaultRoom", "typing", data_node, NULL,
                               stellar_test_store_result, &slot);
    result = stellar_test_wait_result (&slot);
    g_assert_true (stellar_client_emit_finish (other, result, NULL));
    stellar_test_wait_for (n_messages (room) == 2);
    message = message_at (room, 1);
    g_assert_cmpint (stellar_message_get_kind (message), ==, STELLAR_MESSAGE_KIND_EVENT);
    g_assert_cmpstr (stellar_message_get_event_name (message), ==, "typing");
    g_assert_cmpstr (stellar_message_get_text (message), ==, "{\"x\":1}");
    g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 1);
  }

  /* looking at the room reads it, and the line goes above the first unread */
  stellar_session_set_active_room (fixture->session, room);
  g_assert_true (stellar_room_get_active (room));
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 0);
  g_assert_true (stellar_message_get_first_unread (message_at (room, 0)));

  /* what arrives while looking is read at once */
  other_says (fixture, "defaultRoom", "while you look");
  stellar_test_wait_for (n_messages (room) == 3);
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 0);
  g_assert_cmpuint (fixture->new_messages->len, ==, 1);
  g_assert_true (stellar_message_get_grouped (message_at (room, 2)) == FALSE);  /* after an event */

  /* away, then back: the line moves to the new first unread */
  stellar_session_set_active_room (fixture->session, NULL);
  other_says (fixture, "defaultRoom", "while you are away");
  other_says (fixture, "defaultRoom", "and again");
  stellar_test_wait_for (n_messages (room) == 5);
  stellar_test_wait_for (stellar_room_get_unread_count (room) == 2);
  g_assert_true (stellar_message_get_grouped (message_at (room, 4)));
  stellar_session_set_active_room (fixture->session, room);
  g_assert_false (stellar_message_get_first_unread (message_at (room, 0)));
  g_assert_true (stellar_message_get_first_unread (message_at (room, 3)));

  /* back with nothing new: no line */
  stellar_session_set_active_room (fixture->session, NULL);
  stellar_session_set_active_room (fixture->session, room);
  g_assert_false (stellar_message_get_first_unread (message_at (room, 3)));
  stellar_session_set_active_room (fixture->session, NULL);
}

static void
test_mentions (Fixture       *fixture,
               gconstpointer  data)
{
  const char *names[] = { "Ada", NULL };
  StellarRoom *room;
  g_autofree char *short_id = NULL;
  g_autofree char *by_id = NULL;

  g_settings_set_strv (fixture->settings, "mention-names", names);
  room = connect_in_room (fixture, "defaultRoom");
  connect_other (fixture, "defaultRoom");
  short_id = g_strndup (stellar_client_get_id (stellar_session_get_client (fixture->session)), 8);

  other_says (fixture, "defaultRoom", "hi ADA, how are you?");
  other_says (fixture, "defaultRoom", "adamant is not a name");
  by_id = g_strdup_printf ("@%s look at this", short_id);
  other_says (fixture, "defaultRoom", by_id);
  stellar_test_wait_for (n_messages (room) == 3);
  stellar_test_wait_for (stellar_room_get_unread_count (room) == 3);

  g_assert_true (stellar_message_get_mentions_you (message_at (room, 0)));
  g_assert_false (stellar_message_get_mentions_you (message_at (room, 1)));
  g_assert_true (stellar_message_get_mentions_you (message_at (room, 2)));
  g_assert_cmpuint (stellar_room_get_mention_count (room), ==, 2);

  /* a name added later counts for what arrives then */
  g_settings_set_strv (fixture->settings, "mention-names", (const char *[]) { "adamant", NULL });
  other_says (fixture, "defaultRoom", "Adamant!");
  stellar_test_wait_for (stellar_room_get_mention_count (room) == 3);

  stellar_session_set_active_room (fixture->session, room);
  g_assert_cmpuint (stellar_room_get_mention_count (room), ==, 0);
  stellar_session_set_active_room (fixture->session, NULL);
}

static gboolean
delivery_is (StellarMessage         *message,
             StellarMessageDelivery  delivery)
{
  return stellar_message_get_delivery (message) == delivery;
}

/* The server's frames of this test that carry @text to a connection. */
static guint
count_frames_saying (Fixture    *fixture,
                     const char *text)
{
  g_autoptr(GPtrArray) frames = stellar_test_server_frames (fixture->server, "out");
  g_autofree char *needle = g_strdup_printf ("\"message\":\"%s\"", text);
  guint count = 0;

  for (guint i = 0; i < frames->len; i++)
    if (strstr (g_ptr_array_index (frames, i), needle) != NULL)
      count++;

  return count;
}

static void
test_send_and_echo (Fixture       *fixture,
                    gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarMessage *message;

  connect_other (fixture, "defaultRoom");

  message = stellar_session_send_message (fixture->session, room, "hello, room");
  g_assert_true (last_message (room) == message);
  g_assert_true (stellar_message_get_own (message));
  g_assert_cmpint (stellar_message_get_delivery (message), ==, STELLAR_MESSAGE_DELIVERY_PENDING);
  g_assert_cmpstr (stellar_room_get_last_own_text (room), ==, "hello, room");

  stellar_test_wait_for (delivery_is (message, STELLAR_MESSAGE_DELIVERY_SENT));

  /* both connections got the broadcast; ours confirmed the message
   * instead of adding it again */
  stellar_test_wait_for (count_frames_saying (fixture, "hello, room") == 2);
  stellar_test_sleep (100);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (count_text (room, "hello, room"), ==, 1);
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 0);
  g_assert_cmpuint (fixture->new_messages->len, ==, 0);

  /* the same words twice are two messages */
  message = stellar_session_send_message (fixture->session, room, "again");
  stellar_session_send_message (fixture->session, room, "again");
  stellar_test_wait_for (count_frames_saying (fixture, "again") == 4);
  stellar_test_wait_for (delivery_is (last_message (room), STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (delivery_is (message, STELLAR_MESSAGE_DELIVERY_SENT));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (count_text (room, "again"), ==, 2);
  g_assert_true (stellar_message_get_grouped (last_message (room)));
}

static void
test_send_while_reconnecting (Fixture       *fixture,
                              gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarMessage *message;
  g_autofree char *blocker = NULL;

  connect_other (fixture, "defaultRoom");

  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (state_is (fixture->session, STELLAR_CLIENT_STATE_RECONNECTING));
  g_assert_false (stellar_room_get_joined (room));

  /* the person may write while the connection comes back */
  blocker = stellar_session_dup_send_blocker (fixture->session, room);
  g_assert_null (blocker);

  message = stellar_session_send_message (fixture->session, room, "typed while away");
  g_assert_cmpint (stellar_message_get_delivery (message), ==, STELLAR_MESSAGE_DELIVERY_PENDING);

  stellar_test_wait_for (state_is (fixture->session, STELLAR_CLIENT_STATE_CONNECTED));
  stellar_test_wait_for (delivery_is (message, STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (count_frames_saying (fixture, "typed while away") >= 1);
  stellar_test_sleep (100);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (count_text (room, "typed while away"), ==, 1);
}

static void
test_failed_and_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarMessage *pending;
  StellarMessage *failed;
  g_autofree char *blocker = NULL;

  /* the client tries once, against a server that is gone */
  g_object_set (stellar_session_get_client (fixture->session), "reconnect-attempts", 1, NULL);
  stellar_test_server_post (fixture->server, "/stop", NULL);
  stellar_test_wait_for (state_is (fixture->session, STELLAR_CLIENT_STATE_RECONNECTING));

  /* written while reconnecting: pending, until the client gives up */
  pending = stellar_session_send_message (fixture->session, room, "into the outbox");
  stellar_test_wait_for (state_is (fixture->session, STELLAR_CLIENT_STATE_DISCONNECTED));
  stellar_test_wait_for (delivery_is (pending, STELLAR_MESSAGE_DELIVERY_FAILED));
  g_assert_nonnull (stellar_message_get_error (pending));
  g_test_message ("failed: %s", stellar_message_get_error (pending));

  /* disconnected for good: the composer says why; a message sent anyway
   * fails at once, and is kept */
  blocker = stellar_session_dup_send_blocker (fixture->session, room);
  g_assert_nonnull (blocker);
  failed = stellar_session_send_message (fixture->session, room, "while disconnected");
  stellar_test_wait_for (delivery_is (failed, STELLAR_MESSAGE_DELIVERY_FAILED));
  g_assert_cmpuint (count_text (room, "into the outbox"), ==, 1);
  g_assert_cmpuint (count_text (room, "while disconnected"), ==, 1);

  /* back on line, both go out where they are */
  stellar_test_server_post (fixture->server, "/start", NULL);
  stellar_session_reconnect (fixture->session);
  stellar_test_wait_for (stellar_room_get_joined (room));

  stellar_session_retry_message (fixture->session, room, pending);
  stellar_session_retry_message (fixture->session, room, failed);
  g_assert_cmpint (stellar_message_get_delivery (pending), ==, STELLAR_MESSAGE_DELIVERY_PENDING);
  g_assert_null (stellar_message_get_error (pending));
  stellar_test_wait_for (delivery_is (pending, STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (delivery_is (failed, STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (count_frames_saying (fixture, "while disconnected") == 1);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (count_text (room, "into the outbox"), ==, 1);
  g_assert_cmpuint (count_text (room, "while disconnected"), ==, 1);
}

static void
test_refused_message_fails (Fixture       *fixture,
                            gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarMessage *message;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* out of the room behind the session's back: the server refuses (016) */
  stellar_client_room_leave_async (stellar_session_get_client (fixture->session), "defaultRoom",
                                   NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_client_room_leave_finish (stellar_session_get_client (fixture->session),
                                                   result, NULL));

  message = stellar_session_send_message (fixture->session, room, "not a member");
  stellar_test_wait_for (delivery_is (message, STELLAR_MESSAGE_DELIVERY_FAILED));
  g_test_message ("refused: %s", stellar_message_get_error (message));
  g_assert_nonnull (strstr (stellar_message_get_error (message), "not in room"));
}

static void
on_room_messages_changed (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          guint      *count)
{
  (*count)++;
}

static void
test_flood_is_batched (Fixture       *fixture,
                       gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  guint changes = 0;

  g_signal_connect (stellar_room_get_messages (room), "items-changed",
                    G_CALLBACK (on_room_messages_changed), &changes);

  stellar_test_server_post (fixture->server, "/flood",
                            "{\"room\":\"defaultRoom\",\"count\":10000,\"size\":100}");
  stellar_test_wait_for (n_messages (room) == 10000);

  g_test_message ("10000 messages in %u changes", changes);
  g_assert_cmpuint (changes, <, 500);
  g_assert_true (g_str_has_prefix (stellar_message_get_text (message_at (room, 0)), "flood 1."));
  g_assert_true (g_str_has_prefix (stellar_message_get_text (message_at (room, 9999)), "flood 10000"));
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 10000);

  g_signal_handlers_disconnect_by_func (stellar_room_get_messages (room), on_room_messages_changed,
                                        &changes);
}

typedef struct
{
  StellarRoom *room;
  guint        most_added_while_short;
  guint        counts_behind;
} Growth;

static void
on_room_grew (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              Growth     *growth)
{
  if (g_list_model_get_n_items (model) - added < 256)
    growth->most_added_while_short = MAX (growth->most_added_while_short, added);
}

/* The unread count follows the list: all of the flood is unread. */
static void
on_unread_count (StellarRoom *room,
                 GParamSpec  *pspec,
                 Growth      *growth)
{
  if (stellar_room_get_unread_count (room) != n_messages (room))
    growth->counts_behind++;
}

static void
test_flood_into_empty_room_grows_in_steps (Fixture       *fixture,
                                           gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  Growth growth = { room, 0, 0 };

  g_signal_connect (stellar_room_get_messages (room), "items-changed", G_CALLBACK (on_room_grew), &growth);
  g_signal_connect (room, "notify::unread-count", G_CALLBACK (on_unread_count), &growth);

  stellar_test_server_post (fixture->server, "/flood",
                            "{\"room\":\"defaultRoom\",\"count\":2000,\"size\":100}");
  stellar_test_wait_for (n_messages (room) == 2000);

  /* a list view makes a row for each of its first items at once: those
   * come a few dozen a frame */
  g_assert_cmpuint (growth.most_added_while_short, >, 0);
  g_assert_cmpuint (growth.most_added_while_short, <=, 32);
  g_assert_cmpuint (growth.counts_behind, ==, 0);
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 2000);
  g_assert_true (g_str_has_prefix (stellar_message_get_text (message_at (room, 1999)), "flood 2000"));

  g_signal_handlers_disconnect_by_data (stellar_room_get_messages (room), &growth);
  g_signal_handlers_disconnect_by_data (room, &growth);
}

static void
test_alert (Fixture       *fixture,
            gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");

  stellar_test_server_post (fixture->server, "/alert", "{\"message\":\"Maintenance at noon\"}");
  stellar_test_wait_for (fixture->notices->len == 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->notices, 0), ==, "Maintenance at noon");

  stellar_test_wait_for (n_messages (room) == 1);
  g_assert_cmpint (stellar_message_get_kind (message_at (room, 0)), ==, STELLAR_MESSAGE_KIND_ALERT);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "Maintenance at noon");
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 0);
}

static void
test_room_members (Fixture       *fixture,
                   gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  StellarClient *other = connect_other (fixture, "defaultRoom");
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(StellarRoomMember) first = NULL;
  g_autoptr(StellarRoomMember) second = NULL;

  stellar_session_view_room_async (fixture->session, room, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  members = stellar_session_view_room_finish (fixture->session, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  first = g_list_model_get_item (members, 0);
  second = g_list_model_get_item (members, 1);
  g_assert_true (stellar_room_member_get_is_you (first));
  g_assert_cmpstr (stellar_room_member_get_id (first), ==,
                   stellar_session_get_connection_id (fixture->session));
  g_assert_false (stellar_room_member_get_is_you (second));
  g_assert_cmpstr (stellar_room_member_get_id (second), ==, stellar_client_get_id (other));
  g_assert_cmpuint (strlen (stellar_room_member_get_name (second)), ==, 8);
  g_assert_cmpint (stellar_room_member_get_joined_at (second), >, 0);
}

static void
test_mute (Fixture       *fixture,
           gconstpointer  data)
{
  StellarRoom *room = connect_in_room (fixture, "defaultRoom");
  g_autoptr(StellarSession) next = NULL;

  g_assert_false (stellar_room_get_muted (room));
  stellar_session_set_room_muted (fixture->session, room, TRUE);
  g_assert_true (stellar_room_get_muted (room));

  /* remembered for the server */
  next = stellar_session_new (stellar_test_server_get_url (fixture->server), fixture->settings, NULL);
  g_assert_true (stellar_room_get_muted (stellar_session_lookup_room (next, "defaultRoom")));

  stellar_session_set_room_muted (fixture->session, room, FALSE);
  g_assert_false (stellar_room_get_muted (room));
  {
    g_autoptr(GVariant) muted = g_settings_get_value (fixture->settings, "muted-rooms");

    g_assert_cmpuint (g_variant_n_children (muted), ==, 0);
  }
}

static gsize
n_servers_with_rooms (Fixture *fixture)
{
  g_autoptr(GVariant) remembered = g_settings_get_value (fixture->settings, "remembered-rooms");

  return g_variant_n_children (remembered);
}

/* Preferences edit the server's rooms: the session follows. */
static void
test_rooms_follow_the_setting (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  const char *rooms[] = { "anotherRoom", NULL };

  connect_in_room (fixture, "defaultRoom");
  stellar_test_wait_for (n_servers_with_rooms (fixture) == 1);

  g_variant_builder_add (&builder, "{s^as}", stellar_test_server_get_url (fixture->server), rooms);
  g_settings_set_value (fixture->settings, "remembered-rooms", g_variant_builder_end (&builder));

  stellar_test_wait_for (stellar_session_lookup_room (fixture->session, "defaultRoom") == NULL);
  stellar_test_wait_for (stellar_session_lookup_room (fixture->session, "anotherRoom") != NULL &&
                         stellar_room_get_joined (stellar_session_lookup_room (fixture->session,
                                                                               "anotherRoom")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/chat/grouping-and-days", test_grouping_and_days);
  g_test_add_func ("/app/chat/burst-is-one-change", test_burst_is_one_change);
  g_test_add_func ("/app/chat/sender-names", test_sender_names);
  g_test_add_func ("/app/chat/linked-text", test_linked_text);
  g_test_add_func ("/app/chat/days", test_days);

#define ADD_TEST(path, func) \
  g_test_add ("/app/chat/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("receive-and-read", test_receive_and_read);
  ADD_TEST ("mentions", test_mentions);
  ADD_TEST ("send-and-echo", test_send_and_echo);
  ADD_TEST ("send-while-reconnecting", test_send_while_reconnecting);
  ADD_TEST ("failed-and-retry", test_failed_and_retry);
  ADD_TEST ("refused-message-fails", test_refused_message_fails);
  ADD_TEST ("flood-is-batched", test_flood_is_batched);
  ADD_TEST ("flood-into-empty-room-grows-in-steps", test_flood_into_empty_room_grows_in_steps);
  ADD_TEST ("alert", test_alert);
  ADD_TEST ("room-members", test_room_members);
  ADD_TEST ("mute", test_mute);
  ADD_TEST ("rooms-follow-the-setting", test_rooms_follow_the_setting);

#undef ADD_TEST

  return g_test_run ();
}
