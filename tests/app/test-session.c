/* test-session.c: a session against the test server, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "stellar-session.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

typedef struct {
  StellarTestServer *server;
  GSettings         *settings;
  StellarSession    *session;
  GPtrArray         *notices;
} Fixture;

static void
on_notice (StellarSession *session,
           const char     *message,
           Fixture        *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup (message));
}

static StellarSession *
new_session (Fixture *fixture)
{
  StellarSession *session = stellar_session_new (stellar_test_server_get_url (fixture->server),
                                                 fixture->settings, NULL);

  g_signal_connect (session, "notice", G_CALLBACK (on_notice), fixture);

  return session;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = stellar_test_server_startv (NULL);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "remembered-rooms");
  fixture->notices = g_ptr_array_new_with_free_func (g_free);
  fixture->session = new_session (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A request's callback may come one main-loop iteration after the state
   * it changed (GTask defers the callback of a request answered in the
   * iteration that made it): let what is under way end first. */
  stellar_test_wait_for (g_atomic_int_get (&G_OBJECT (fixture->session)->ref_count) == 1);
  g_assert_finalize_object (fixture->session);
  g_settings_reset (fixture->settings, "remembered-rooms");
  g_assert_finalize_object (fixture->settings);
  g_ptr_array_unref (fixture->notices);
  stellar_test_server_stop (fixture->server);
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
  g_assert_no_error (error);
}

static StellarRoom *
room_at (StellarSession *session,
         guint           position)
{
  StellarRoom *room = g_list_model_get_item (stellar_session_get_rooms (session), position);

  if (room != NULL)
    g_object_unref (room);  /* the list keeps it */

  return room;
}

static guint
n_rooms (StellarSession *session)
{
  return g_list_model_get_n_items (stellar_session_get_rooms (session));
}

static char **
remembered_rooms (Fixture *fixture)
{
  g_autoptr(GVariant) all = g_settings_get_value (fixture->settings, "remembered-rooms");
  char **rooms = NULL;

  if (!g_variant_lookup (all, stellar_test_server_get_url (fixture->server), "^as", &rooms))
    return g_new0 (char *, 1);

  return rooms;
}

static guint
n_remembered_rooms (Fixture *fixture)
{
  g_auto(GStrv) rooms = remembered_rooms (fixture);

  return g_strv_length (rooms);
}

static gboolean
all_rooms_joined (StellarSession *session)
{
  for (guint i = 0; i < n_rooms (session); i++)
    if (!stellar_room_get_joined (room_at (session, i)))
      return FALSE;

  return TRUE;
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  StellarSession *session = fixture->session;
  StellarClient *client = stellar_session_get_client (session);
  g_autofree char *title = g_strdup_printf ("127.0.0.1:%u",
                                            stellar_test_server_get_port (fixture->server));

  g_assert_cmpstr (stellar_session_get_title (session), ==, title);
  g_assert_false (stellar_session_get_has_connected (session));
  g_assert_cmpint (stellar_session_get_state (session), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_null (stellar_session_get_connection_id (session));

  connect_session (session);

  g_assert_true (stellar_session_get_has_connected (session));
  g_assert_cmpint (stellar_session_get_state (session), ==, STELLAR_CLIENT_STATE_CONNECTED);
  g_assert_cmpstr (stellar_session_get_connection_id (session), ==, stellar_client_get_id (client));
  g_assert_cmpstr (stellar_session_get_fingerprint (session), ==,
                   stellar_client_get_fingerprint (client));
  g_assert_cmpstr (stellar_session_get_welcome_message (session), ==,
                   "Hello human! Welcome to Stellar");
  g_assert_true (g_str_has_prefix (stellar_session_get_remote_address (session), "127.0.0.1:"));
  g_assert_nonnull (stellar_session_get_connected_at (session));
  g_assert_cmpuint (stellar_session_get_reconnections (session), ==, 0);
  g_assert_cmpuint (n_rooms (session), ==, 0);

  /* the server's Primus spec, read apart from the JSON */
  g_assert_cmpstr (stellar_session_get_primus_version (session), ==,
                   json_object_get_string_member (stellar_client_get_primus_spec (client), "version"));
  g_assert_cmpstr (stellar_session_get_primus_transformer (session), ==, "websockets");
  g_assert_cmpstr (stellar_session_get_primus_parser (session), ==, "json");
  g_assert_cmpuint (stellar_session_get_heartbeat_interval (session), ==,
                    json_object_get_int_member (stellar_client_get_primus_spec (client), "pingInterval"));
}

static void
test_rooms_join_after_connecting (Fixture       *fixture,
                                  gconstpointer  data)
{
  StellarSession *session = fixture->session;
  g_auto(GStrv) remembered = NULL;

  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", "anotherRoom", NULL });
  g_assert_cmpuint (n_rooms (session), ==, 2);
  g_assert_false (stellar_room_get_joined (room_at (session, 0)));

  connect_session (session);
  stellar_test_wait_for (all_rooms_joined (session));

  g_assert_cmpstr (stellar_room_get_name (room_at (session, 0)), ==, "defaultRoom");
  g_assert_cmpstr (stellar_room_get_name (room_at (session, 1)), ==, "anotherRoom");
  g_assert_null (stellar_room_get_join_error (room_at (session, 0)));
  g_assert_cmpuint (fixture->notices->len, ==, 0);

  /* remembered for this server, in the order joined */
  stellar_test_wait_for (n_remembered_rooms (fixture) == 2);
  remembered = remembered_rooms (fixture);
  g_assert_cmpstrv (remembered, ((const char *[]) { "defaultRoom", "anotherRoom", NULL }));
}

static void
test_refused_room (Fixture       *fixture,
                   gconstpointer  data)
{
  StellarSession *session = fixture->session;
  StellarRoom *room;
  g_auto(GStrv) remembered = NULL;

  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", "noSuchRoom", NULL });
  connect_session (session);

  room = stellar_session_lookup_room (session, "noSuchRoom");
  g_assert_nonnull (room);
  stellar_test_wait_for (stellar_room_get_join_error (room) != NULL);
  stellar_test_wait_for (stellar_room_get_joined (stellar_session_lookup_room (session,
                                                                               "defaultRoom")));

  /* the room stays, not joined, and says why; the person is told */
  g_assert_false (stellar_room_get_joined (room));
  g_test_message ("refused: %s", stellar_room_get_join_error (room));
  g_assert_cmpuint (fixture->notices->len, ==, 1);
  g_assert_true (strstr (g_ptr_array_index (fixture->notices, 0), "noSuchRoom") != NULL);

  /* a refused room is not remembered */
  remembered = remembered_rooms (fixture);
  g_assert_cmpstrv (remembered, ((const char *[]) { "defaultRoom", NULL }));
}

static StellarRoom *
join_room (StellarSession  *session,
           const char      *name,
           GError         **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  stellar_session_join_room_async (session, name, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);

  return stellar_session_join_room_finish (session, result, error);
}

static void
test_join_and_leave (Fixture       *fixture,
                     gconstpointer  data)
{
  StellarSession *session = fixture->session;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StellarRoom) room = NULL;
  g_auto(GStrv) remembered = NULL;

  connect_session (session);

  /* a room that does not exist: an error, nothing added */
  room = join_room (session, "noSuchRoom", &error);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_null (room);
  g_assert_cmpuint (n_rooms (session), ==, 0);
  g_clear_error (&error);

  room = join_room (session, "anotherRoom", &error);
  g_assert_no_error (error);
  g_assert_nonnull (room);
  g_assert_true (room_at (session, 0) == room);
  g_assert_true (stellar_room_get_joined (room));
  remembered = remembered_rooms (fixture);
  g_assert_cmpstrv (remembered, ((const char *[]) { "anotherRoom", NULL }));

  stellar_session_leave_room_async (session, room, NULL, stellar_test_store_result, &slot);
  result = stellar_test_wait_result (&slot);
  g_assert_true (stellar_session_leave_room_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rooms (session), ==, 0);
  g_clear_pointer (&remembered, g_strfreev);
  remembered = remembered_rooms (fixture);
  g_assert_cmpstrv (remembered, ((const char *[]) { NULL }));
}

static void
test_remembered_rooms_come_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(StellarSession) next = NULL;

  stellar_session_add_rooms (fixture->session, (const char *[]) { "anotherRoom", NULL });
  connect_session (fixture->session);
  stellar_test_wait_for (all_rooms_joined (fixture->session));
  stellar_session_disconnect (fixture->session);

  /* the next session of the same server starts with the room, and joins it */
  next = new_session (fixture);
  g_assert_cmpuint (n_rooms (next), ==, 1);
  g_assert_cmpstr (stellar_room_get_name (room_at (next, 0)), ==, "anotherRoom");
  connect_session (next);
  stellar_test_wait_for (all_rooms_joined (next));
  stellar_session_disconnect (next);
}

static gboolean
state_is (StellarSession     *session,
          StellarClientState  state)
{
  return stellar_session_get_state (session) == state;
}

static void
test_reconnections (Fixture       *fixture,
                    gconstpointer  data)
{
  StellarSession *session = fixture->session;
  g_autofree char *first_id = NULL;

  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", NULL });
  connect_session (session);
  stellar_test_wait_for (all_rooms_joined (session));
  first_id = g_strdup (stellar_session_get_connection_id (session));

  /* a lost connection: the room stays, not joined, while it is restored */
  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (state_is (session, STELLAR_CLIENT_STATE_RECONNECTING));
  g_assert_cmpuint (stellar_session_get_reconnect_attempt (session), >=, 1);
  g_assert_cmpint (stellar_session_get_reconnect_time (session), >, 0);
  g_assert_cmpuint (n_rooms (session), ==, 1);
  g_assert_false (stellar_room_get_joined (room_at (session, 0)));

  stellar_test_wait_for (state_is (session, STELLAR_CLIENT_STATE_CONNECTED));
  stellar_test_wait_for (all_rooms_joined (session));
  g_assert_cmpuint (stellar_session_get_reconnections (session), ==, 1);
  g_assert_cmpuint (stellar_session_get_reconnect_attempt (session), ==, 0);
  g_assert_cmpint (stellar_session_get_reconnect_time (session), ==, 0);
  stellar_test_wait_for (g_strcmp0 (stellar_session_get_connection_id (session), first_id) != 0);
}

static void
test_reconnect_after_giving_up (Fixture       *fixture,
                                gconstpointer  data)
{
  StellarSession *session = fixture->session;
  StellarClient *client = stellar_session_get_client (session);

  g_object_set (client, "reconnect-attempts", 0, NULL);
  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", NULL });
  connect_session (session);
  stellar_test_wait_for (all_rooms_joined (session));

  /* the client gives up at once: the person is told, the room stays */
  stellar_test_server_post (fixture->server, "/drop", NULL);
  stellar_test_wait_for (state_is (session, STELLAR_CLIENT_STATE_DISCONNECTED));
  stellar_test_wait_for (fixture->notices->len > 0);
  g_assert_cmpuint (n_rooms (session), ==, 1);

  /* Reconnect: connected again, in the same room */
  stellar_session_reconnect (session);
  stellar_test_wait_for (state_is (session, STELLAR_CLIENT_STATE_CONNECTED));
  stellar_test_wait_for (all_rooms_joined (session));
  g_assert_cmpuint (stellar_session_get_reconnections (session), ==, 1);
}

static void
test_alert_is_a_notice (Fixture       *fixture,
                        gconstpointer  data)
{
  connect_session (fixture->session);

  stellar_test_server_post (fixture->server, "/alert", "{\"message\":\"Maintenance at noon\"}");
  stellar_test_wait_for (fixture->notices->len == 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->notices, 0), ==, "Maintenance at noon");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("details", test_details);
  ADD_TEST ("rooms-join-after-connecting", test_rooms_join_after_connecting);
  ADD_TEST ("refused-room", test_refused_room);
  ADD_TEST ("join-and-leave", test_join_and_leave);
  ADD_TEST ("remembered-rooms-come-back", test_remembered_rooms_come_back);
  ADD_TEST ("reconnections", test_reconnections);
  ADD_TEST ("reconnect-after-giving-up", test_reconnect_after_giving_up);
  ADD_TEST ("alert-is-a-notice", test_alert_is_a_notice);

#undef ADD_TEST

  return g_test_run ();
}
