/* test-legacy.c: servers of Stellar 1.1 and before (roomAdd, no events)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-fixture.h"

static void
test_legacy_rooms (void)
{
  StellarClient *client = test_client_new (test_server);
  const char *rooms[] = { "defaultRoom", NULL };
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (client, "rooms", rooms, NULL);
  stellar_test_server_clear_frames (test_server);

  /* roomJoin is refused with 014; roomAdd works, and is remembered. */
  details = test_client_connect (client);
  g_assert_true (g_strv_equal (stellar_client_get_rooms (client), rooms));

  g_assert_true (test_client_room_add (client, "anotherRoom", &error));
  g_assert_no_error (error);

  frames = stellar_test_server_frames (test_server, "in");
  g_assert_cmpstr (g_ptr_array_index (frames, 0), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 1), ==, "{\"event\":\"roomJoin\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 2), ==, "{\"event\":\"roomAdd\",\"room\":\"defaultRoom\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 3), ==, "{\"event\":\"detailsView\"}");
  g_assert_cmpstr (g_ptr_array_index (frames, 4), ==, "{\"event\":\"roomAdd\",\"room\":\"anotherRoom\"}");
  g_assert_cmpuint (test_count_frames (frames, "roomJoin"), ==, 1);

  /* The 1.x texts. */
  g_assert_false (test_client_room_add (client, "anotherRoom", &error));
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Connection already in this room (anotherRoom)");

  test_client_free (client);
}

static void
test_legacy_chat (TestFixture   *fixture,
                  gconstpointer  options)
{
  StellarClient *client = fixture->client;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_id = NULL;

  /* Stellar ≤ 1.2 reads the fingerprint from the cookie. */
  g_object_get (client, "session-id", &session_id, NULL);
  g_assert_cmpstr (stellar_client_get_fingerprint (client), ==, session_id);

  g_assert_true (test_client_room_add (client, "defaultRoom", &error));
  g_assert_true (test_client_say (client, "defaultRoom", "hello from the past", &error));
  g_assert_no_error (error);

  /* No event verb: a clear error, with the server's reply. */
  stellar_client_emit_async (client, "defaultRoom", "typing", NULL, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (result != NULL);
  g_assert_false (stellar_client_emit_finish (client, result, &error));
  g_clear_object (&result);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==,
                   "This server does not support room events: the event verb needs Stellar 1.2 or later");
  g_assert_nonnull (stellar_error_get_response (error));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legacy/rooms", test_legacy_rooms);
  test_add_connected ("/legacy/chat", NULL, test_legacy_chat);

  test_server = stellar_test_server_start ("--legacy", NULL);
  status = g_test_run ();
  g_clear_pointer (&test_server, stellar_test_server_stop);

  return status;
}
