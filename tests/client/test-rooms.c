/* test-rooms.c: joining, leaving and viewing rooms, saying and emitting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static gboolean
leave_room (StellarClient  *client,
            const char     *room,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_client_room_leave_async (client, room, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  return stellar_client_room_leave_finish (client, result, error);
}

static JsonObject *
view_room (StellarClient  *client,
           const char     *room,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  stellar_client_room_view_async (client, room, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  return stellar_client_room_view_finish (client, result, error);
}

static gboolean
emit_event (StellarClient  *client,
            const char     *room,
            const char     *event,
            const char     *data_json,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) data = data_json ? json_from_string (data_json, NULL) : NULL;

  stellar_client_emit_async (client, room, event, data, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  return stellar_client_emit_finish (client, result, error);
}

static guint joined_notifications;

static void
on_joined_notify (StellarClient *client,
                  GParamSpec    *pspec,
                  gpointer       user_data)
{
  joined_notifications++;
}

static void
test_room_join_leave (TestFixture   *fixture,
                      gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  joined_notifications = 0;
  g_signal_connect (client, "notify::joined-rooms", G_CALLBACK (on_joined_notify), NULL);
  stellar_test_server_clear_frames (test_server);

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  g_assert_no_error (error);
  /* Resolved once the details say so. */
  g_assert_true (g_strv_equal (stellar_client_get_rooms (client), (const char *[]) { "defaultRoom", NULL }));
  g_assert_cmpuint (joined_notifications, ==, 1);

  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==, "{\"event\":\"detailsView\"}");

  g_assert_true (leave_room (client, "defaultRoom", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **)stellar_client_get_rooms (client)), ==, 0);
  g_assert_cmpuint (joined_notifications, ==, 2);
}

static void
test_room_errors (TestFixture   *fixture,
                  gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) view = NULL;
  g_autofree char *expected = NULL;
  JsonNode *response;

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));

  /* 017: already in the room, with the server's text and reply. */
  g_assert_false (test_client_room_add (client, "defaultRoom", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  expected = g_strdup_printf ("Connection (%s) already in room (defaultRoom)", stellar_client_get_id (client));
  g_assert_cmpstr (error->message, ==, expected);
  response = stellar_error_get_response (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (response), "status"), "code"), ==, "017");
  g_clear_error (&error);

  /* 019: no such room. */
  g_assert_false (test_client_room_add (client, "noSuchRoom", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Room (noSuchRoom) does not exists");
  g_clear_error (&error);

  /* 016: leaving a room the connection is not in. */
  g_assert_false (leave_room (client, "anotherRoom", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Connection (%s) not in room (anotherRoom)", stellar_client_get_id (client));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* roomView by a non-member: a string status. */
  view = view_room (client, "anotherRoom", &error);
  g_assert_null (view);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "not member of room anotherRoom");
  g_clear_error (&error);

  /* No room at all. */
  g_assert_false (test_client_room_add (client, "", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (test_client_room_add (client, NULL, &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
}

static void
test_room_not_connected (void)
{
  StellarClient *client = test_client_new (test_server);
  g_autoptr(GError) error = NULL;

  g_assert_false (test_client_room_add (client, "defaultRoom", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (test_client_say (client, "defaultRoom", "hello", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (emit_event (client, "defaultRoom", "typing", NULL, &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED);

  g_assert_finalize_object (client);
}

static void
test_room_view (void)
{
  StellarClient *alice = test_client_new_connected (test_server);
  StellarClient *bob = test_client_new_connected (test_server);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) view = NULL;
  JsonObject *members;

  g_assert_true (test_client_room_add (alice, "anotherRoom", &error));
  g_assert_true (test_client_room_add (bob, "anotherRoom", &error));

  view = view_room (alice, "anotherRoom", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (view, "room"), ==, "anotherRoom");
  g_assert_cmpint (json_object_get_int_member (view, "membersCount"), ==, 2);
  members = json_object_get_object_member (view, "members");
  g_assert_true (json_object_has_member (members, stellar_client_get_id (alice)));
  g_assert_true (json_object_has_member (members, stellar_client_get_id (bob)));

  test_client_free (alice);
  test_client_free (bob);
}

static void
test_details_view (TestFixture   *fixture,
                   gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  stellar_client_details_view_async (client, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  details = stellar_client_details_view_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);

  g_assert_true (details == stellar_client_get_details (client));
  g_assert_cmpstr (json_object_get_string_member (details, "id"), ==, stellar_client_get_id (client));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (details, "rooms")), ==, 1);
  g_assert_true (json_object_has_member (details, "connectedAt"));
}

/* --- chat ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray *said;
  GPtrArray *events;
} Listener;

static void
on_say (StellarClient *client,
        JsonObject    *frame,
        Listener      *listener)
{
  g_ptr_array_add (listener->said, json_object_ref (frame));
}

static void
on_event (StellarClient *client,
          const char    *room,
          const char    *event,
          JsonNode      *data,
          JsonObject    *frame,
          Listener      *listener)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_printf (text, "%s/%s/", room, event);
  if (data != NULL)
    {
      g_autofree char *json = json_to_string (data, FALSE);
      g_string_append (text, json);
    }
  else
    g_string_append (text, "(null)");

  g_ptr_array_add (listener->events, g_string_free (g_steal_pointer (&text), FALSE));
}

static void
listener_init (Listener *listener)
{
  listener->said = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  listener->events = g_ptr_array_new_with_free_func (g_free);
}

static void
listener_clear (Listener *listener)
{
  g_clear_pointer (&listener->said, g_ptr_array_unref);
  g_clear_pointer (&listener->events, g_ptr_array_unref);
}

static void
test_say (void)
{
  StellarClient *alice = test_client_new_connected (test_server);
  StellarClient *bob = test_client_new_connected (test_server);
  Listener alice_hears, bob_hears;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  JsonObject *frame;

  listener_init (&alice_hears);
  listener_init (&bob_hears);
  g_signal_connect (alice, "say", G_CALLBACK (on_say), &alice_hears);
  g_signal_connect (bob, "say", G_CALLBACK (on_say), &bob_hears);

  g_assert_true (test_client_room_add (alice, "anotherRoom", &error));
  g_assert_true (test_client_room_add (bob, "anotherRoom", &error));
  stellar_test_server_clear_frames (test_server);

  g_assert_true (test_client_say (alice, "anotherRoom", "hello \"bob\" \u2028 ☀", &error));
  g_assert_no_error (error);

  /* Both members hear it, the sender included. */
  stellar_test_wait_for (alice_hears.said->len == 1 && bob_hears.said->len == 1);
  frame = g_ptr_array_index (bob_hears.said, 0);
  g_assert_cmpstr (json_object_get_string_member (frame, "message"), ==, "hello \"bob\" \u2028 ☀");
  g_assert_cmpstr (json_object_get_string_member (frame, "room"), ==, "anotherRoom");
  g_assert_cmpstr (json_object_get_string_member (frame, "from"), ==, stellar_client_get_id (alice));

  /* The `say` verb, with U+2028 escaped as Primus does. */
  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpuint (frames->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==,
                   "{\"event\":\"say\",\"room\":\"anotherRoom\",\"message\":\"hello \\\"bob\\\" \\u2028 ☀\"}");

  test_client_free (alice);
  test_client_free (bob);
  listener_clear (&alice_hears);
  listener_clear (&bob_hears);
}

static void
test_say_errors (TestFixture   *fixture,
                 gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  /* Not a member. */
  g_assert_false (test_client_say (client, "anotherRoom", "hi", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  expected = g_strdup_printf ("Connection (%s) not in room (anotherRoom)", stellar_client_get_id (client));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* The server's own check of an empty message. */
  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  g_assert_false (test_client_say (client, "anotherRoom", "", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Both room and message are required");
  g_clear_error (&error);

  g_assert_false (test_client_say (client, "anotherRoom", NULL, &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (test_client_say (client, "", "hi", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
}

static void
test_default_room (TestFixture   *fixture,
                   gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  stellar_test_server_clear_frames (test_server);

  /* NULL means default-room, "defaultRoom" unless set. */
  g_assert_true (test_client_say (client, NULL, "to the default room", &error));
  g_assert_true (emit_event (client, NULL, "wave", NULL, &error));
  g_assert_no_error (error);

  g_object_set (client, "default-room", "anotherRoom", NULL);
  g_assert_false (test_client_say (client, NULL, "not a member there", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);

  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==,
                   "{\"event\":\"say\",\"room\":\"defaultRoom\",\"message\":\"to the default room\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==,
                   "{\"event\":\"event\",\"params\":{\"room\":\"defaultRoom\",\"event\":\"wave\",\"data\":null}}");
  g_assert_cmpstr (g_ptr_array_index (frames, 2), ==,
                   "{\"event\":\"say\",\"room\":\"anotherRoom\",\"message\":\"not a member there\"}");
}

static void
test_emit (void)
{
  StellarClient *alice = test_client_new_connected (test_server);
  StellarClient *bob = test_client_new_connected (test_server);
  Listener all_events, typing_only;
  g_autoptr(GError) error = NULL;
  JsonObject *frame;

  listener_init (&all_events);
  listener_init (&typing_only);
  g_signal_connect (bob, "say", G_CALLBACK (on_say), &all_events);
  g_signal_connect (bob, "event", G_CALLBACK (on_event), &all_events);
  g_signal_connect (bob, "event::typing", G_CALLBACK (on_event), &typing_only);

  g_assert_true (test_client_room_add (alice, "anotherRoom", &error));
  g_assert_true (test_client_room_add (bob, "anotherRoom", &error));

  g_assert_true (emit_event (alice, "anotherRoom", "typing", "{\"who\":\"alice\",\"n\":[1,2]}", &error));
  g_assert_true (emit_event (alice, "anotherRoom", "moved", "42", &error));
  g_assert_true (emit_event (alice, "anotherRoom", "cleared", NULL, &error));
  g_assert_no_error (error);

  stellar_test_wait_for (all_events.events->len == 3);
  g_assert_cmpstr (g_ptr_array_index (all_events.events, 0), ==, "anotherRoom/typing/{\"who\":\"alice\",\"n\":[1,2]}");
  g_assert_cmpstr (g_ptr_array_index (all_events.events, 1), ==, "anotherRoom/moved/42");
  g_assert_cmpstr (g_ptr_array_index (all_events.events, 2), ==, "anotherRoom/cleared/(null)");

  /* A detailed handler sees only its event. */
  g_assert_cmpuint (typing_only.events->len, ==, 1);

  /* ::say fired for each too, with {event, data} as the message. */
  g_assert_cmpuint (all_events.said->len, ==, 3);
  frame = g_ptr_array_index (all_events.said, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (frame, "message"), "event"), ==, "typing");

  g_assert_false (emit_event (alice, "anotherRoom", "", NULL, &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (emit_event (alice, "defaultRoom", "typing", NULL, &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);

  test_client_free (alice);
  test_client_free (bob);
  listener_clear (&all_events);
  listener_clear (&typing_only);
}

static void
test_server_broadcast (void)
{
  StellarClient *client = test_client_new_connected (test_server);
  Listener heard;
  g_autoptr(GError) error = NULL;
  JsonObject *frame;

  listener_init (&heard);
  g_signal_connect (client, "say", G_CALLBACK (on_say), &heard);
  g_assert_true (test_client_room_add (client, "anotherRoom", &error));

  /* From the server itself: `from` is the number 0. */
  stellar_test_server_post (test_server, "/say", "{\"room\":\"anotherRoom\",\"message\":\"maintenance at noon\"}");
  stellar_test_wait_for (heard.said->len == 1);
  frame = g_ptr_array_index (heard.said, 0);
  g_assert_cmpstr (json_object_get_string_member (frame, "message"), ==, "maintenance at noon");
  g_assert_cmpint (json_object_get_int_member (frame, "from"), ==, 0);

  test_client_free (client);
  listener_clear (&heard);
}

/* --- joins asked for as the connection completes --------------------------- */

typedef struct
{
  TestFixture *fixture;
  guint joined;
  guint failed;
} Joins;

static void
on_joined_at_connect (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Joins *joins = user_data;
  g_autoptr(GError) error = NULL;

  if (stellar_client_room_add_finish (STELLAR_CLIENT (source), result, &error))
    joins->joined++;
  else
    joins->failed++;
}

static void
on_connected_join (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Joins *joins = user_data;
  StellarClient *client = STELLAR_CLIENT (source);
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + STELLAR_TEST_TIMEOUT_MS * 1000;

  details = stellar_client_connect_finish (client, result, &error);
  g_assert_no_error (error);

  stellar_client_room_add_async (client, "defaultRoom", NULL, on_joined_at_connect, joins);
  stellar_client_room_add_async (client, "anotherRoom", NULL, on_joined_at_connect, joins);

  /* Slow to return, as a window drawing itself is: by then the server has
   * answered the first join, and libsoup reads that reply in the main-loop
   * iteration the join was made in, so GTask tells its caller only in the
   * next one. The main loop is not run here. */
  while (test_count_server_frames (joins->fixture->server, "out", "\"data\":true") == 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The server did not answer the first join");
      g_usleep (1000);
    }
}

static void
test_joins_at_connect (TestFixture   *fixture,
                       gconstpointer  options)
{
  Joins joins = { fixture, 0, 0 };

  stellar_test_server_clear_frames (fixture->server);
  stellar_client_connect_async (fixture->client, NULL, on_connected_join, &joins);

  /* Each join completes, after its own detailsView, whatever the order in
   * which their callbacks came. */
  stellar_test_wait_for (joins.joined + joins.failed == 2);
  g_assert_cmpuint (joins.failed, ==, 0);
  g_assert_true (g_strv_equal (stellar_client_get_rooms (fixture->client),
                               (const char *[]) { "defaultRoom", "anotherRoom", NULL }));
  g_assert_cmpuint (test_count_server_frames (fixture->server, "in", "detailsView"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_connected ("/rooms/join-leave", NULL, test_room_join_leave);
  test_add_connected ("/rooms/errors", NULL, test_room_errors);
  g_test_add_func ("/rooms/not-connected", test_room_not_connected);
  g_test_add_func ("/rooms/view", test_room_view);
  test_add_connected ("/rooms/details-view", NULL, test_details_view);
  test_add ("/rooms/joins-at-connect", NULL, test_joins_at_connect);
  g_test_add_func ("/chat/say", test_say);
  test_add_connected ("/chat/say-errors", NULL, test_say_errors);
  test_add_connected ("/chat/default-room", NULL, test_default_room);
  g_test_add_func ("/chat/emit", test_emit);
  g_test_add_func ("/chat/server-broadcast", test_server_broadcast);

  return test_main_run ();
}
