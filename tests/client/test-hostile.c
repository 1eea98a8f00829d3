/* test-hostile.c: servers that send what they should not
 *
 * Each fault's outcome is asserted: what the client reports, and that it
 * goes on working (or reconnects) afterwards. Faults that break the
 * WebSocket end the connection with a clear error: the requests sent on it
 * fail, what the user asked for meanwhile waits in the outbox and is sent
 * once the connection is back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-fixture.h"

static const char * const own_server[] = { NULL };
static const char * const unlogged_server[] = { "--no-frame-log", NULL };
static const char * const fast_pings[] = { "--ping-interval", "200", NULL };

static void
assert_still_works (StellarClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = test_client_action (client, "echo", "{\"message\":\"alive\"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "echo"), ==, "alive");
}

static void
test_malformed_frames (TestFixture   *fixture,
                       gconstpointer  options)
{
  const char *frames[] = {
    "{\"text\":\"this is not json\"}",
    "{\"text\":\"{\\\"unterminated\\\":\"}",
    "{\"text\":\"{} {}\"}",
  };
  StellarTestRecorder *recorder = fixture->recorder;

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      stellar_test_server_post (test_server, "/send", "%s", frames[i]);
      stellar_test_wait_for (recorder->errors->len == i + 1);
      g_assert_error (stellar_test_recorder_error (recorder, i), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
      g_assert_true (g_str_has_prefix (stellar_test_recorder_error (recorder, i)->message,
                                       "Ignored a malformed frame"));
    }

  g_assert_cmpint (stellar_client_get_state (fixture->client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  assert_still_works (fixture->client);
  g_assert_cmpuint (recorder->reconnects, ==, 0);
}

static void
test_fragmented_messages (TestFixture   *fixture,
                          gconstpointer  options)
{
  StellarTestRecorder *recorder = fixture->recorder;

  /* A message in frames is one message; so is one whose first frames are
   * empty, and an empty one is a malformed frame, not a crash. */
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"alert\\\",\\\"message\\\":\\\"in three parts\\\"}\",\"fragments\":3}");
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"alert\\\",\\\"message\\\":\\\"x\\\"}\",\"fragments\":40}");
  stellar_test_server_post (test_server, "/send", "{\"text\":\"\",\"fragments\":2}");
  stellar_test_wait_for (stellar_test_recorder_count (recorder, "alert ") == 2 && recorder->errors->len == 1);
  g_assert_cmpint (stellar_test_recorder_find (recorder, "alert {\"context\":\"alert\",\"message\":\"in three parts\"}", 0), >=, 0);
  g_assert_cmpint (stellar_test_recorder_find (recorder, "alert {\"context\":\"alert\",\"message\":\"x\"}", 0), >=, 0);
  g_assert_true (g_str_has_prefix (stellar_test_recorder_error (recorder, 0)->message, "Ignored a malformed frame"));

  assert_still_works (fixture->client);
  g_assert_cmpuint (recorder->reconnects, ==, 0);
}

static void
test_binary_frame (TestFixture   *fixture,
                   gconstpointer  options)
{
  StellarTestRecorder *recorder = fixture->recorder;

  /* Stellar never sends binary frames: reported and ignored. */
  stellar_test_server_post (test_server, "/send", "{\"text\":\"AAECAwQ=\",\"binary\":true}");
  stellar_test_wait_for (recorder->errors->len == 1);
  g_assert_error (stellar_test_recorder_error (recorder, 0), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_cmpstr (stellar_test_recorder_error (recorder, 0)->message, ==,
                   "Ignored a binary frame of 5 bytes from the server");

  assert_still_works (fixture->client);
}

static void
test_non_object_values (TestFixture   *fixture,
                        gconstpointer  options)
{
  const char *frames[] = { "null", "42", "[1,2,3]", "true", "\\\"just a string\\\"" };
  StellarTestRecorder *recorder = fixture->recorder;

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      stellar_test_server_post (test_server, "/send", "{\"text\":\"%s\"}", frames[i]);
      stellar_test_wait_for (recorder->errors->len == i + 1);
      g_assert_error (stellar_test_recorder_error (recorder, i), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
      g_assert_true (g_str_has_prefix (stellar_test_recorder_error (recorder, i)->message,
                                       "Ignored a frame from the server that is not a JSON object"));
    }

  assert_still_works (fixture->client);
}

static void
test_large_frame_accepted (TestFixture   *fixture,
                           gconstpointer  options)
{
  StellarTestRecorder *recorder = fixture->recorder;

  /* 9 MiB: far above libsoup's default of 128 KiB, within Stellar's 10 MiB. */
  stellar_test_server_post (fixture->server, "/oversize", "{\"bytes\":%u}", 9 * 1024 * 1024);
  stellar_test_wait_for (recorder->errors->len == 1);
  g_assert_true (g_str_has_prefix (stellar_test_recorder_error (recorder, 0)->message,
                                   "Ignored a frame from the server that is not a JSON object"));
  g_assert_cmpuint (recorder->reconnects, ==, 0);
  assert_still_works (fixture->client);
}

static void
test_unknown_and_duplicate_replies (TestFixture   *fixture,
                                    gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inject = NULL;
  gint64 count;

  /* A reply to a request never made. */
  stellar_test_server_post (test_server, "/send",
                            "{\"text\":\"{\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":777}\"}");
  stellar_test_wait_for (recorder->errors->len == 1);
  g_assert_cmpstr (stellar_test_recorder_error (recorder, 0)->message, ==,
                   "The server sent a reply to request 777, which is not pending");

  /* A forged reply takes the place of the real one, which then arrives as
   * a duplicate: reported, and completing nothing twice. */
  stellar_test_server_clear_frames (test_server);
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (test_count_server_frames (test_server, "in", "sleep") == 1);
  count = stellar_test_server_message_count (test_server, stellar_client_get_id (client));
  inject = g_strdup_printf ("{\"text\":\"{\\\"forged\\\":true,\\\"context\\\":\\\"response\\\",\\\"messageCount\\\":%" G_GINT64_FORMAT "}\"}", count);
  stellar_test_server_post (test_server, "/send", "%s", inject);

  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (response), "forged"));

  stellar_test_wait_for (recorder->errors->len == 2);
  g_assert_error (stellar_test_recorder_error (recorder, 1), STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_true (g_str_has_suffix (stellar_test_recorder_error (recorder, 1)->message, "which is not pending"));

  assert_still_works (client);
}

static void
test_reply_without_context (TestFixture   *fixture,
                            gconstpointer  options)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":300}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inject = NULL;
  gint64 count;

  stellar_test_server_clear_frames (test_server);
  stellar_client_action_async (client, "sleep", params, NULL, stellar_test_store_result, &result);
  stellar_test_wait_for (test_count_server_frames (test_server, "in", "sleep") == 1);
  count = stellar_test_server_message_count (test_server, stellar_client_get_id (client));

  /* Without a context it is no reply: it goes to ::api, and the request
   * waits for its real answer. */
  inject = g_strdup_printf ("{\"text\":\"{\\\"impostor\\\":true,\\\"messageCount\\\":%" G_GINT64_FORMAT "}\"}", count);
  stellar_test_server_post (test_server, "/send", "%s", inject);
  stellar_test_wait_for (stellar_test_recorder_count (recorder, "api ") == 1);
  g_assert_cmpint (stellar_test_recorder_find (recorder, "api {\"impostor\":true", 0), >=, 0);
  g_assert_null (result);

  stellar_test_wait_for (result != NULL);
  response = stellar_client_action_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (response), "sleepDelta"));
  g_assert_cmpuint (recorder->errors->len, ==, 0);
}

/* --- faults that end the connection ---------------------------------------- */

typedef struct
{
  guint said;
  guint failed;
} Outbox;

static void
on_kept_said (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Outbox *outbox = user_data;
  g_autoptr(GError) error = NULL;

  if (stellar_client_say_finish (STELLAR_CLIENT (source), result, &error))
    outbox->said++;
  else
    outbox->failed++;
}

/* Said while the connection is down: it waits in the outbox. */
static void
say_when_lost (StellarClient *client,
               Outbox        *outbox)
{
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_RECONNECTING);
  stellar_client_say_async (client, "defaultRoom", "kept", NULL, on_kept_said, outbox);
}

/* The fixture's client in defaultRoom with a request pending, and a
 * message it will say as soon as it loses the connection. Returns where
 * the pending request's result goes. */
static void
prepare_for_loss (TestFixture   *fixture,
                  Outbox        *outbox,
                  GAsyncResult **pending)
{
  g_autoptr(JsonObject) params = test_params ("{\"sleepDuration\":2000}");
  g_autoptr(GError) error = NULL;

  g_assert_true (test_client_room_add (fixture->client, "defaultRoom", &error));
  g_signal_connect (fixture->client, "reconnect", G_CALLBACK (say_when_lost), outbox);
  stellar_test_recorder_clear (fixture->recorder);

  stellar_test_server_clear_frames (fixture->server);
  stellar_client_action_async (fixture->client, "sleep", params, NULL, stellar_test_store_result, pending);
  stellar_test_wait_for (test_count_server_frames (fixture->server, "in", "sleep") == 1);
}

/* The loss is over: the pending request failed, the client is back, and
 * what was said meanwhile was sent once and heard once. */
static void
assert_recovered (TestFixture   *fixture,
                  Outbox        *outbox,
                  GAsyncResult **pending)
{
  StellarClient *client = fixture->client;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;

  stellar_test_wait_for (*pending != NULL);
  response = stellar_client_action_finish (client, *pending, &error);
  g_clear_object (pending);
  g_assert_null (response);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);

  stellar_test_wait_for (outbox->said == 1 && fixture->recorder->said->len == 1);
  g_assert_cmpuint (outbox->failed, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture->recorder->said, 0), ==, "kept");
  g_assert_cmpuint (test_count_server_frames (fixture->server, "in", "\"message\":\"kept\""), ==, 1);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_CONNECTED);
  assert_still_works (client);

  g_signal_handlers_disconnect_by_data (client, outbox);
}

typedef struct
{
  /* the raw bytes the server writes, base64, or NULL */
  const char *raw;
  /* what libsoup says of them */
  const char *complaint;
} Violation;

/* FIN, RSV2, text: a reserved bit without an extension to define it. */
static const Violation reserved_bits = { "oQJ7fQ==", "Received invalid WebSocket response" };
/* A text frame masked by the server: only clients mask. */
static const Violation masked_frame = { "gYIBAgMEen8=", "Received invalid WebSocket response" };
/* "\xff" in a text frame. */
static const Violation invalid_utf8 = { "gQMi/yI=", "Received invalid WebSocket data" };
/* A close frame with code 999, which no one may send. */
static const Violation bad_close_code = { "iAID5w==", "Received invalid WebSocket response" };
/* A close frame with 1005, reserved for "no code". */
static const Violation reserved_close_code = { "iAID7Q==", "Received invalid WebSocket response" };
/* A data frame of opcode 3, which does not exist. */
static const Violation unknown_opcode = { "gwJ7fQ==", "Received invalid WebSocket response" };
/* 11 MiB in one frame: over the 10 MiB the client accepts. */
static const Violation oversized_frame = { NULL, "larger than configured max-incoming-payload-size" };

static void
test_protocol_violation (TestFixture   *fixture,
                         gconstpointer  data)
{
  const Violation *violation = data;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) pending = NULL;
  const GError *error;
  Outbox outbox = { 0, 0 };

  prepare_for_loss (fixture, &outbox, &pending);

  if (violation->raw != NULL)
    stellar_test_server_post (fixture->server, "/raw", "{\"bytes\":\"%s\"}", violation->raw);
  else
    stellar_test_server_post (fixture->server, "/oversize", "{\"bytes\":%u}", 11 * 1024 * 1024);

  /* Said, then the connection is over: the client starts afresh. */
  stellar_test_wait_for (recorder->reconnects == 1);
  g_assert_true (g_str_has_prefix (recorder->events->str, "error disconnected reconnect "));
  error = stellar_test_recorder_error (recorder, 0);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_true (g_str_has_prefix (error->message, "The server broke the WebSocket protocol: "));
  g_assert_nonnull (strstr (error->message, violation->complaint));

  assert_recovered (fixture, &outbox, &pending);
}

/* --- the opening handshake -------------------------------------------------- */

static void
test_bad_handshake (TestFixture   *fixture,
                    gconstpointer  data)
{
  const char *kind = data;
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;
  Outbox outbox = { 0, 0 };

  /* The first connection: it fails, and says why. */
  stellar_test_server_post (fixture->server, "/faults/handshake", "{\"kind\":\"%s\",\"times\":1}", kind);
  error = test_client_connect_error (client);
  g_assert_error (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "is not a Stellar server: its answer to the WebSocket upgrade is not valid"));
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);

  /* A restored one: the attempt that gets the broken answer fails, the
   * next one succeeds, and nothing waiting was lost. */
  details = test_client_connect (client);
  prepare_for_loss (fixture, &outbox, &pending);
  stellar_test_server_post (fixture->server, "/faults/handshake", "{\"kind\":\"%s\",\"times\":1}", kind);
  stellar_test_server_post (fixture->server, "/drop", NULL);
  assert_recovered (fixture, &outbox, &pending);
  g_assert_cmpstr (recorder->events->str, ==, "disconnected reconnect reconnecting(1) reconnecting(2) connected ");
}

static void
test_bad_handshake_gives_up (TestFixture   *fixture,
                             gconstpointer  data)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) pending = NULL;
  Outbox outbox = { 0, 0 };

  /* Every attempt gets a broken answer: the client gives up, says why, and
   * what waited fails instead of vanishing. */
  g_object_set (client, "reconnect-attempts", 2, NULL);
  prepare_for_loss (fixture, &outbox, &pending);
  stellar_test_server_post (fixture->server, "/faults/handshake", "{\"kind\":\"accept\",\"times\":100}");
  stellar_test_server_post (fixture->server, "/drop", NULL);

  stellar_test_wait_for (outbox.failed == 1);
  g_assert_cmpuint (outbox.said, ==, 0);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  g_assert_cmpstr (recorder->events->str, ==, "disconnected reconnect reconnecting(1) reconnecting(2) error ");
  g_assert_error (stellar_test_recorder_error (recorder, 0), STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED);
  g_assert_nonnull (strstr (stellar_test_recorder_error (recorder, 0)->message,
                            "after 2 attempts: "));
  g_assert_nonnull (strstr (stellar_test_recorder_error (recorder, 0)->message,
                            "its answer to the WebSocket upgrade is not valid"));
  g_clear_object (&pending);
  g_signal_handlers_disconnect_by_data (client, &outbox);
}

/* --- the closing handshake ------------------------------------------------ */

static void
test_close_never_answered (TestFixture   *fixture,
                           gconstpointer  data)
{
  StellarClient *client = fixture->client;
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(JsonObject) details = NULL;
  Outbox outbox = { 0, 0 };
  gint64 lost;

  /* The server stops pinging and reading: the client gives the link up
   * after 1.5 intervals and closes it, and the server never answers the
   * close. libsoup waits 5 s for that answer in the background; the client
   * does not wait for it. */
  prepare_for_loss (fixture, &outbox, &pending);
  stellar_test_server_post (fixture->server, "/freeze", NULL);
  stellar_test_wait_for (recorder->reconnects == 1);
  lost = g_get_monotonic_time ();
  g_assert_cmpstr (recorder->events->str, ==, "timeout disconnected reconnect reconnecting(1) ");

  stellar_test_server_post (fixture->server, "/pings/resume", NULL);
  assert_recovered (fixture, &outbox, &pending);
  g_assert_cmpint (g_get_monotonic_time () - lost, <, 3 * G_USEC_PER_SEC);

  /* Disconnecting from a frozen server is just as quick: the state is
   * settled at once, and a new connection needs no wait. */
  stellar_test_server_post (fixture->server, "/freeze", NULL);
  stellar_test_server_post (fixture->server, "/pings/resume", NULL);
  stellar_client_disconnect (client);
  g_assert_cmpint (stellar_client_get_state (client), ==, STELLAR_CLIENT_STATE_DISCONNECTED);
  lost = g_get_monotonic_time ();
  details = test_client_connect (client);
  g_assert_cmpint (g_get_monotonic_time () - lost, <, 3 * G_USEC_PER_SEC);
}

static void
test_reset_mid_frame (TestFixture   *fixture,
                      gconstpointer  options)
{
  StellarTestRecorder *recorder = fixture->recorder;
  g_autoptr(GAsyncResult) pending = NULL;
  Outbox outbox = { 0, 0 };

  prepare_for_loss (fixture, &outbox, &pending);

  /* Half a frame, then the connection is gone. */
  stellar_test_server_post (fixture->server, "/reset-mid-frame", NULL);
  stellar_test_wait_for (recorder->reconnects == 1);
  assert_recovered (fixture, &outbox, &pending);
}

/* The violations run on the suite's server, the others on one of their own. */
static void
set_up_shared (TestFixture   *fixture,
               gconstpointer  data)
{
  test_fixture_set_up_connected (fixture, NULL);
}

static void
set_up_own (TestFixture   *fixture,
            gconstpointer  data)
{
  test_fixture_set_up (fixture, own_server);
}

static void
set_up_own_connected (TestFixture   *fixture,
                      gconstpointer  data)
{
  test_fixture_set_up_connected (fixture, own_server);
}

static void
set_up_fast_pings (TestFixture   *fixture,
                   gconstpointer  data)
{
  test_fixture_set_up_connected (fixture, fast_pings);
}

#define add_violation(path, violation) \
  g_test_add (path, TestFixture, &violation, set_up_shared, test_protocol_violation, test_fixture_tear_down)
#define add_handshake(path, kind) \
  g_test_add (path, TestFixture, kind, set_up_own, test_bad_handshake, test_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_add_connected ("/hostile/malformed-frames", NULL, test_malformed_frames);
  test_add_connected ("/hostile/fragmented-messages", NULL, test_fragmented_messages);
  test_add_connected ("/hostile/binary-frame", NULL, test_binary_frame);
  test_add_connected ("/hostile/non-object-values", NULL, test_non_object_values);
  test_add_connected ("/hostile/large-frame-accepted", unlogged_server, test_large_frame_accepted);
  test_add_connected ("/hostile/unknown-and-duplicate-replies", NULL, test_unknown_and_duplicate_replies);
  test_add_connected ("/hostile/reply-without-context", NULL, test_reply_without_context);

  add_violation ("/hostile/websocket/reserved-bits", reserved_bits);
  add_violation ("/hostile/websocket/masked-frame", masked_frame);
  add_violation ("/hostile/websocket/invalid-utf8", invalid_utf8);
  add_violation ("/hostile/websocket/bad-close-code", bad_close_code);
  add_violation ("/hostile/websocket/reserved-close-code", reserved_close_code);
  add_violation ("/hostile/websocket/unknown-opcode", unknown_opcode);
  add_violation ("/hostile/websocket/oversized-frame", oversized_frame);
  add_handshake ("/hostile/handshake/wrong-accept", "accept");
  add_handshake ("/hostile/handshake/extension-not-offered", "extension");
  add_handshake ("/hostile/handshake/protocol-not-offered", "protocol");
  g_test_add ("/hostile/handshake/gives-up", TestFixture, NULL, set_up_own_connected,
              test_bad_handshake_gives_up, test_fixture_tear_down);
  g_test_add ("/hostile/close-never-answered", TestFixture, NULL, set_up_fast_pings,
              test_close_never_answered, test_fixture_tear_down);
  test_add_connected ("/hostile/reset-mid-frame", own_server, test_reset_mid_frame);

  return test_main_run ();
}
