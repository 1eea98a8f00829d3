/* test-chat-history.c: the rooms' history on disk, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "stellar-app-test-utils.h"
#include "stellar-message-list.h"
#include "stellar-message-private.h"
#include "stellar-message-store-private.h"
#include "stellar-session.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

#define SERVER "http://history.example:8080"
#define DAY_US ((gint64) 24 * 3600 * G_USEC_PER_SEC)

typedef struct {
  GSettings       *settings;
  GFile           *file;
  StellarDatabase *database;
} Fixture;

static StellarDatabase *
open_database (GFile *file)
{
  g_autoptr(StellarDatabase) database = stellar_database_new (file);
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_open_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  stellar_database_open_finish (database, result, NULL);

  return g_steal_pointer (&database);
}

static void
flush (StellarDatabase *database)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_database_flush_async (database, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_true (stellar_database_flush_finish (database, result, NULL));
}

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "remembered-rooms");
  g_settings_reset (settings, "history-retention-days");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);

  fixture->settings = g_settings_new (APP_ID);
  reset_settings (fixture->settings);
  fixture->file = g_file_new_for_path (path);
  fixture->database = open_database (fixture->file);
  g_assert_true (stellar_database_get_available (fixture->database));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->database);
  g_object_unref (fixture->file);
  reset_settings (fixture->settings);
  g_assert_finalize_object (fixture->settings);
}

/* Writes @n messages into @room, one minute apart, ending an hour ago. */
static void
write_messages (Fixture    *fixture,
                const char *room,
                guint       n,
                const char *prefix,
                const char *suffix)
{
  GPtrArray *stored = g_ptr_array_new_with_free_func ((GDestroyNotify) _stellar_stored_message_free);
  gint64 start = g_get_real_time () - (gint64) (3600 + n * 60) * G_USEC_PER_SEC;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %u%s", prefix, i + 1, suffix);
      g_autoptr(StellarMessage) message = NULL;

      message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, i % 2 ? "alice-id" : "bob-id",
                                      i % 2 ? "alice" : "bob", start + (gint64) i * 60 * G_USEC_PER_SEC, text);
      g_ptr_array_add (stored, _stellar_stored_message_new (room, message));
    }

  _stellar_message_store_save (fixture->database, SERVER, stored);
  flush (fixture->database);
}

static StellarSession *
new_session (Fixture         *fixture,
             const char      *url,
             StellarDatabase *database,
             const char      *room)
{
  StellarSession *session = stellar_session_new (url, fixture->settings, database);

  stellar_session_add_rooms (session, (const char *[]) { room, NULL });

  return session;
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

  g_object_unref (message);
  return message;
}

static gboolean
is_loaded (StellarRoom *room)
{
  return !stellar_room_get_loading_history (room);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(StellarSession) session = NULL;
  StellarRoom *room;

  write_messages (fixture, "general", 180, "message", "");
  write_messages (fixture, "random", 3, "elsewhere", "");

  /* the room opens with its last page */
  session = new_session (fixture, SERVER, fixture->database, "general");
  room = stellar_session_lookup_room (session, "general");
  g_assert_true (stellar_room_get_loading_history (room));
  stellar_test_wait_for (is_loaded (room));

  g_assert_cmpuint (n_messages (room), ==, 50);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "message 131");
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 49)), ==, "message 180");
  g_assert_cmpstr (stellar_message_get_sender_name (message_at (room, 49)), ==, "alice");
  g_assert_false (stellar_room_get_history_complete (room));
  g_assert_cmpuint (stellar_room_get_unread_count (room), ==, 0);

  /* history is grouped like the rest: one minute apart, alternating */
  g_assert_false (stellar_message_get_grouped (message_at (room, 10)));

  /* older pages, until there are no more */
  stellar_session_load_older_messages (session, room);
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 150);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "message 31");
  g_assert_false (stellar_room_get_history_complete (room));

  stellar_session_load_older_messages (session, room);
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 180);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "message 1");
  g_assert_true (stellar_room_get_history_complete (room));

  /* nothing more to read: nothing happens */
  stellar_session_load_older_messages (session, room);
  g_assert_false (stellar_room_get_loading_history (room));
}

static GListModel *
search (StellarSession *session,
        StellarRoom    *room,
        const char     *text)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *found;

  stellar_session_search_messages_async (session, room, text, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  found = stellar_session_search_messages_finish (session, result, &error);
  g_assert_no_error (error);

  return found;
}

static const char *
text_at (GListModel *model,
         guint       position)
{
  g_autoptr(StellarMessage) message = g_list_model_get_item (model, position);

  return stellar_message_get_text (message);
}

static void
test_search_and_reveal (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(StellarMessage) revealed = NULL;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StellarMessage) target = NULL;
  guint position;
  StellarRoom *room;

  write_messages (fixture, "general", 300, "note", " about the weather");
  {
    GPtrArray *stored = g_ptr_array_new_with_free_func ((GDestroyNotify) _stellar_stored_message_free);
    g_autoptr(StellarMessage) message = NULL;

    message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, "carol-id", "carol",
                                    g_get_real_time () - 2 * DAY_US, "Crème brûlée \"recipe\" AND NOT cake");
    g_ptr_array_add (stored, _stellar_stored_message_new ("general", message));
    _stellar_message_store_save (fixture->database, SERVER, stored);
  }
  write_messages (fixture, "random", 5, "note", " in another room");

  session = new_session (fixture, SERVER, fixture->database, "general");
  room = stellar_session_lookup_room (session, "general");
  stellar_test_wait_for (is_loaded (room));

  /* words in any order, prefixes, no accents, FTS5 syntax taken literally */
  found = search (session, room, "weather note 12");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 11);  /* 12, 120…129 */
  g_assert_cmpstr (text_at (found, 0), ==, "note 129 about the weather");
  g_clear_object (&found);

  found = search (session, room, "creme brul");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = search (session, room, "\"recipe\" AND NOT");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = search (session, room, "another");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);
  found = search (session, room, "   ");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  g_clear_object (&found);

  /* an old result opens the conversation around it */
  found = search (session, room, "note 7 about");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 11);  /* 7, 70…79 */
  target = g_list_model_get_item (found, 10);
  g_assert_cmpstr (stellar_message_get_text (target), ==, "note 7 about the weather");
  g_assert_cmpuint (n_messages (room), ==, 50);

  stellar_session_reveal_message_async (session, room, target, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  revealed = stellar_session_reveal_message_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stellar_message_get_text (revealed), ==, "note 7 about the weather");
  g_assert_true (stellar_message_list_find (STELLAR_MESSAGE_LIST (stellar_room_get_messages (room)),
                                            revealed, &position));
  g_assert_cmpuint (position, ==, 6);   /* with what came before it */
  g_assert_cmpuint (n_messages (room), ==, 301);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "note 1 about the weather");
  g_assert_true (stellar_room_get_history_complete (room));
}

static gboolean
delivery_is (StellarMessage         *message,
             StellarMessageDelivery  delivery)
{
  return stellar_message_get_delivery (message) == delivery;
}

static gboolean
room_joined (StellarSession *session,
             const char     *name)
{
  StellarRoom *room = stellar_session_lookup_room (session, name);

  return room != NULL && stellar_room_get_joined (room);
}

static void
connect_session (StellarSession *session)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  stellar_session_connect_async (session, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_session_connect_finish (session, result, &error));
}

/* What arrives and what is said is kept, and comes back with the next
 * session; a message that never went out comes back failed. */
static void
test_live_messages_are_kept (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  const char *url = stellar_test_server_get_url (server);
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(StellarSession) next = NULL;
  StellarMessage *sent;
  StellarRoom *room;

  session = new_session (fixture, url, fixture->database, "defaultRoom");
  connect_session (session);
  stellar_test_wait_for (room_joined (session, "defaultRoom"));
  room = stellar_session_lookup_room (session, "defaultRoom");

  stellar_test_server_post (server, "/say", "{\"room\":\"defaultRoom\",\"message\":\"from the server\",\"from\":0}");
  stellar_test_wait_for (n_messages (room) == 1);
  sent = stellar_session_send_message (session, room, "said here");
  stellar_test_wait_for (delivery_is (sent, STELLAR_MESSAGE_DELIVERY_SENT));

  /* written here, and the client is gone before it can send */
  g_object_set (stellar_session_get_client (session), "reconnect-attempts", 0, NULL);
  stellar_test_server_post (server, "/drop", NULL);
  stellar_test_wait_for (stellar_session_get_state (session) == STELLAR_CLIENT_STATE_DISCONNECTED);
  stellar_session_send_message (session, room, "never sent");
  stellar_session_disconnect (session);
  stellar_test_wait_for (delivery_is (message_at (room, 2), STELLAR_MESSAGE_DELIVERY_FAILED));
  g_clear_object (&session);
  flush (fixture->database);

  next = new_session (fixture, url, fixture->database, "defaultRoom");
  room = stellar_session_lookup_room (next, "defaultRoom");
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 3);

  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "from the server");
  g_assert_cmpstr (stellar_message_get_sender_id (message_at (room, 0)), ==, "0");
  g_assert_false (stellar_message_get_own (message_at (room, 0)));

  g_assert_cmpstr (stellar_message_get_text (message_at (room, 1)), ==, "said here");
  g_assert_true (stellar_message_get_own (message_at (room, 1)));
  g_assert_cmpint (stellar_message_get_delivery (message_at (room, 1)), ==, STELLAR_MESSAGE_DELIVERY_SENT);
  g_assert_cmpstr (stellar_room_get_last_own_text (room), ==, "never sent");

  g_assert_cmpint (stellar_message_get_delivery (message_at (room, 2)), ==, STELLAR_MESSAGE_DELIVERY_FAILED);
  g_assert_nonnull (stellar_message_get_error (message_at (room, 2)));

  /* and can be sent now */
  connect_session (next);
  stellar_test_wait_for (room_joined (next, "defaultRoom"));
  stellar_session_retry_message (next, room, message_at (room, 2));
  stellar_test_wait_for (delivery_is (message_at (room, 2), STELLAR_MESSAGE_DELIVERY_SENT));
  g_assert_cmpuint (n_messages (room), ==, 3);
  stellar_session_disconnect (next);
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(StellarSession) next = NULL;
  StellarRoom *room;
  GPtrArray *stored = g_ptr_array_new_with_free_func ((GDestroyNotify) _stellar_stored_message_free);

  for (guint days = 0; days < 10; days++)
    {
      g_autofree char *text = g_strdup_printf ("%u days ago", days);
      g_autoptr(StellarMessage) message = NULL;

      message = _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, "x", NULL,
                                      g_get_real_time () - days * DAY_US - 60 * G_USEC_PER_SEC, text);
      g_ptr_array_insert (stored, 0, _stellar_stored_message_new ("general", message));
    }
  _stellar_message_store_save (fixture->database, SERVER, stored);

  session = new_session (fixture, SERVER, fixture->database, "general");
  room = stellar_session_lookup_room (session, "general");
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 10);
  g_clear_object (&session);

  /* a new session deletes what is older than the setting, first */
  g_settings_set_int (fixture->settings, "history-retention-days", 7);
  session = new_session (fixture, SERVER, fixture->database, "general");
  room = stellar_session_lookup_room (session, "general");
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 7);
  g_assert_cmpstr (stellar_message_get_text (message_at (room, 0)), ==, "6 days ago");

  /* so does a change of the setting; keeping nothing deletes everything */
  g_settings_set_int (fixture->settings, "history-retention-days", 0);
  next = new_session (fixture, SERVER, fixture->database, "general");
  room = stellar_session_lookup_room (next, "general");
  stellar_test_wait_for (is_loaded (room));
  g_assert_cmpuint (n_messages (room), ==, 0);
}

/* A damaged file: the session says so, and what arrives is kept in memory
 * and can be searched there. */
static void
test_corrupt_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(StellarDatabase) database = NULL;
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(GListModel) found = NULL;
  StellarMessage *sent;
  StellarRoom *room;

  for (guint i = 0; i < 200; i++)
    g_string_append (garbage, "not a database at all ");
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  database = open_database (file);
  g_assert_false (stellar_database_get_available (database));

  session = new_session (fixture, stellar_test_server_get_url (server), database, "defaultRoom");
  g_assert_nonnull (stellar_session_get_history_error (session));
  g_assert_nonnull (strstr (stellar_session_get_history_error (session), "damaged"));
  room = stellar_session_lookup_room (session, "defaultRoom");
  stellar_test_wait_for (is_loaded (room));
  g_assert_true (stellar_room_get_history_complete (room));

  connect_session (session);
  stellar_test_wait_for (room_joined (session, "defaultRoom"));
  stellar_test_server_post (server, "/say", "{\"room\":\"defaultRoom\",\"message\":\"still here\",\"from\":0}");
  sent = stellar_session_send_message (session, room, "and so is this");
  stellar_test_wait_for (delivery_is (sent, STELLAR_MESSAGE_DELIVERY_SENT));
  stellar_test_wait_for (n_messages (room) == 2);

  found = search (session, room, "STILL");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_cmpstr (text_at (found, 0), ==, "still here");

  stellar_session_disconnect (session);

  /* and the file is as it was */
  {
    g_autofree char *after = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &after, &length, NULL));
    g_assert_cmpmem (after, length, garbage->str, garbage->len);
  }
}

/* Another program locks the file while the app runs: writes fail, the
 * session says so, nothing that arrived is lost from the room. */
static void
test_locked_database (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *script =
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n";
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autoptr(StellarTestServer) server = stellar_test_server_startv (NULL);
  g_autoptr(StellarSession) session = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  StellarRoom *room;

  session = new_session (fixture, stellar_test_server_get_url (server), fixture->database,
                         "defaultRoom");
  room = stellar_session_lookup_room (session, "defaultRoom");
  stellar_test_wait_for (is_loaded (room));
  connect_session (session);
  stellar_test_wait_for (room_joined (session, "defaultRoom"));
  g_assert_null (stellar_session_get_history_error (session));

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "python3", "-c", script, path, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_cmpstr (line, ==, "locked");

  for (guint i = 0; i < 20; i++)
    stellar_test_server_post (server, "/say", "{\"room\":\"defaultRoom\",\"message\":\"during the lock %u\",\"from\":0}", i);
  stellar_test_wait_for (n_messages (room) == 20);
  stellar_test_wait_for (stellar_session_get_history_error (session) != NULL);
  g_test_message ("%s", stellar_session_get_history_error (session));
  g_assert_nonnull (strstr (stellar_session_get_history_error (session), "could not be saved"));
  g_assert_cmpuint (n_messages (room), ==, 20);

  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, &error));
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  stellar_session_disconnect (session);
}

int
main (int   argc,
      char *argv[])
{
  stellar_app_test_use_temporary_data_home ();
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/chat-history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("pages", test_pages);
  ADD_TEST ("search-and-reveal", test_search_and_reveal);
  ADD_TEST ("live-messages-are-kept", test_live_messages_are_kept);
  ADD_TEST ("retention", test_retention);
  ADD_TEST ("corrupt-database", test_corrupt_database);
  ADD_TEST ("locked-database", test_locked_database);

#undef ADD_TEST

  return g_test_run ();
}
