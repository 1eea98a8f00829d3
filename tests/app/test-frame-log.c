/* test-frame-log.c: the protocol inspector's frames, pairing, ring and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stellar-app-test-utils.h"
#include "stellar-frame-filter.h"
#include "stellar-frame-log.h"
#include "stellar-test-utils.h"

#define T0 G_GINT64_CONSTANT (1795847630000000)

/* --- helpers ------------------------------------------------------------- */

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/* Appends as the session would: with the JSON the client parsed or built;
 * then shows it at once, as if each frame came in a batch of its own. */
static guint64
append (StellarFrameLog *log,
        gboolean         outgoing,
        const char      *text,
        gint64           ms)
{
  g_autoptr(JsonNode) node = parse (text);
  guint64 id = stellar_frame_log_append (log, outgoing, text, node, T0 + ms * 1000);

  stellar_frame_log_flush (log);
  return id;
}

static StellarFrame *
get_frame (StellarFrameLog *log,
           guint64          id)
{
  guint position;
  StellarFrame *frame;

  g_assert_true (stellar_frame_log_lookup (log, id, &position));
  frame = g_list_model_get_item (G_LIST_MODEL (log), position);
  g_assert_cmpuint (stellar_frame_get_id (frame), ==, id);
  g_object_unref (frame); /* the log keeps it */
  return frame;
}

/* Replays one client's frames from a capture of Stellar 1.4.6: lines
 * "[+  25ms] C1 => TEXT" (sent) and "[+  26ms] C1 <= TEXT" (received). */
static void
replay_capture (StellarFrameLog *log,
                const char      *name,
                const char      *client)
{
  g_autofree char *path = g_build_filename (g_getenv ("STELLAR_CAPTURES_DIR"), name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("] %s ", client);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *rest = strstr (line, prefix);
      gint64 ms;

      if (!g_str_has_prefix (line, "[+") || rest == NULL)
        continue;
      ms = g_ascii_strtoll (line + 2, NULL, 10);
      rest += strlen (prefix);

      if (g_str_has_prefix (rest, "=> "))
        append (log, TRUE, rest + 3, ms);
      else if (g_str_has_prefix (rest, "<= "))
        append (log, FALSE, rest + 3, ms);
    }
}

/* The first frame whose text contains @needle in the given direction. */
static StellarFrame *
find_frame (StellarFrameLog *log,
            gboolean         outgoing,
            const char      *needle,
            guint            skip)
{
  GListModel *model = G_LIST_MODEL (log);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (model, i);

      if (stellar_frame_get_outgoing (frame) == outgoing &&
          strstr (stellar_frame_get_text (frame), needle) != NULL &&
          skip-- == 0)
        return frame;
    }

  g_error ("no %s frame contains %s", outgoing ? "outgoing" : "incoming", needle);
  return NULL;
}

static void
assert_frame (StellarFrameLog  *log,
              gboolean          outgoing,
              const char       *needle,
              StellarFrameKind  kind,
              const char       *label)
{
  StellarFrame *frame = find_frame (log, outgoing, needle, 0);

  g_assert_cmpint (stellar_frame_get_kind (frame), ==, kind);
  g_assert_cmpstr (stellar_frame_get_label (frame), ==, label);
}

static void
assert_paired (StellarFrameLog *log,
               StellarFrame    *request,
               StellarFrame    *response,
               gint64           latency_ms)
{
  g_assert_true (stellar_frame_get_outgoing (request));
  g_assert_false (stellar_frame_get_outgoing (response));
  g_assert_cmpuint (stellar_frame_get_peer_id (request), ==, stellar_frame_get_id (response));
  g_assert_cmpuint (stellar_frame_get_peer_id (response), ==, stellar_frame_get_id (request));
  g_assert_cmpint (stellar_frame_get_message_count (request), ==, stellar_frame_get_message_count (response));
  g_assert_cmpint (stellar_frame_get_latency_ms (request), ==, latency_ms);
  g_assert_cmpint (stellar_frame_get_latency_ms (response), ==, latency_ms);
}

typedef struct {
  guint changes;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->changes++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

/* --- tests --------------------------------------------------------------- */

static void
test_labels_from_capture (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (1000);

  replay_capture (log, "ws-scenario.log", "C1");

  assert_frame (log, FALSE, "\"welcome\"", STELLAR_FRAME_KIND_WELCOME, "welcome");
  assert_frame (log, TRUE, "{\"event\":\"detailsView\"}", STELLAR_FRAME_KIND_VERB_REQUEST, "detailsView");
  assert_frame (log, FALSE, "\"messageCount\":1}", STELLAR_FRAME_KIND_VERB_REPLY, "reply 1 OK");
  assert_frame (log, TRUE, "\"action\":\"echo\"", STELLAR_FRAME_KIND_ACTION_REQUEST, "action echo");
  assert_frame (log, FALSE, "\"echo\":\"hi\"", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 3 OK");
  assert_frame (log, FALSE, "\"value\":\"The value field is required.\"", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 6 error");
  assert_frame (log, FALSE, "Unknown action (doesNotExist)", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 7 error 004");
  assert_frame (log, TRUE, "{\"event\":\"action\",\"params\":{}}", STELLAR_FRAME_KIND_ACTION_REQUEST, "action without a name");
  assert_frame (log, FALSE, "\"This is an error\"", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 10 error");
  assert_frame (log, FALSE, "too many pending", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 18 error 007");
  assert_frame (log, TRUE, "\"roomJoin\",\"room\":\"defaultRoom\"", STELLAR_FRAME_KIND_VERB_REQUEST, "roomJoin defaultRoom");
  assert_frame (log, FALSE, "already in room", STELLAR_FRAME_KIND_VERB_REPLY, "reply 20 error 017");
  assert_frame (log, TRUE, "hello from C1", STELLAR_FRAME_KIND_VERB_REQUEST, "say in defaultRoom");
  assert_frame (log, FALSE, "\"message\":\"hello from C1\"", STELLAR_FRAME_KIND_CHAT_MESSAGE, "message in defaultRoom");
  assert_frame (log, FALSE, "\"event\":\"someEvent\"", STELLAR_FRAME_KIND_ROOM_EVENT, "event someEvent in defaultRoom");
  assert_frame (log, FALSE, "not member of room anotherRoom", STELLAR_FRAME_KIND_VERB_REPLY,
                "reply 31 not member of room anotherRoom");
  assert_frame (log, TRUE, "this is not json", STELLAR_FRAME_KIND_MALFORMED, "not JSON");
  assert_frame (log, TRUE, "{\"foo\":\"bar\"}", STELLAR_FRAME_KIND_OTHER, "other");
  assert_frame (log, FALSE, "\"primus::ping::1795847634116\"", STELLAR_FRAME_KIND_HEARTBEAT, "heartbeat");
  assert_frame (log, TRUE, "\"primus::pong::1795847634116\"", STELLAR_FRAME_KIND_HEARTBEAT, "heartbeat");
  assert_frame (log, FALSE, "Response timeout for action", STELLAR_FRAME_KIND_ACTION_RESPONSE, "response 42 error 022");

  {
    g_autoptr(StellarFrameLog) other = stellar_frame_log_new (100);

    replay_capture (other, "ws-scenario.log", "C2");
    assert_frame (other, TRUE, "\"event\":\"event\"", STELLAR_FRAME_KIND_VERB_REQUEST, "event someEvent in defaultRoom");
    assert_frame (other, TRUE, "\"roomLeave\"", STELLAR_FRAME_KIND_VERB_REQUEST, "roomLeave defaultRoom");

    replay_capture (other, "ws-scenario.log", "C3");
    assert_frame (other, FALSE, "primus::server::close", STELLAR_FRAME_KIND_OTHER, "server closing");
    assert_frame (other, TRUE, "{\"event\":\"quit\"}", STELLAR_FRAME_KIND_VERB_REQUEST, "quit");
  }

  {
    g_autoptr(StellarFrameLog) other = stellar_frame_log_new (100);

    append (other, FALSE, "{\"context\":\"alert\",\"message\":\"maintenance\"}", 0);
    append (other, FALSE, "{\"context\":\"api\",\"data\":1}", 1);
    append (other, FALSE, "[1,2]", 2);
    assert_frame (other, FALSE, "maintenance", STELLAR_FRAME_KIND_ALERT, "alert");
    assert_frame (other, FALSE, "\"data\":1", STELLAR_FRAME_KIND_OTHER, "context api");
    assert_frame (other, FALSE, "[1,2]", STELLAR_FRAME_KIND_OTHER, "other");
  }
}

/* Every response of a whole session pairs with the request of its count,
 * pipelined actions included, although some requests get no answer. */
static void
test_pairing_from_capture (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (1000);
  GListModel *model = G_LIST_MODEL (log);
  guint responses = 0;

  replay_capture (log, "ws-scenario.log", "C1");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(StellarFrame) frame = g_list_model_get_item (model, i);
      StellarFrame *peer;

      if (stellar_frame_get_outgoing (frame) || stellar_frame_get_message_count (frame) == 0)
        continue;

      responses++;
      g_assert_cmpuint (stellar_frame_get_peer_id (frame), !=, 0);
      peer = get_frame (log, stellar_frame_get_peer_id (frame));
      assert_paired (log, peer, frame, stellar_frame_get_latency_ms (frame));
    }
  g_assert_cmpuint (responses, ==, 42);

  /* six sleeps sent at once: the sixth is refused first, the others answer
   * 300 ms later, each with its own count */
  assert_paired (log,
                 find_frame (log, TRUE, "\"sleepDuration\":300", 0),
                 find_frame (log, FALSE, "\"messageCount\":13}", 0),
                 304);
  assert_paired (log,
                 find_frame (log, TRUE, "\"sleepDuration\":300", 5),
                 find_frame (log, FALSE, "too many pending", 0),
                 2);
  /* not JSON, and a pong: not counted; a ping from the client is */
  g_assert_cmpint (stellar_frame_get_message_count (find_frame (log, TRUE, "this is not json", 0)), ==, 0);
  g_assert_cmpint (stellar_frame_get_message_count (find_frame (log, TRUE, "primus::pong::123", 0)), ==, 0);
  g_assert_cmpint (stellar_frame_get_message_count (find_frame (log, TRUE, "primus::ping::123", 0)), ==, 40);
}

/* A verb's reply carries the count at reply time: when a request follows
 * the verb at once, both replies carry the later number. The first pairs;
 * the verb is left unanswered, never paired wrongly. */
static void
test_pipelined_verbs (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (1000);
  StellarFrame *join;
  StellarFrame *join_reply;

  replay_capture (log, "ws-scenario.log", "C2");

  join = find_frame (log, TRUE, "\"roomJoin\",\"room\":\"anotherRoom\"", 0);
  join_reply = find_frame (log, FALSE, "\"data\":true,\"messageCount\":11", 0);
  g_assert_cmpint (stellar_frame_get_message_count (join), ==, 10);
  g_assert_cmpuint (stellar_frame_get_peer_id (join), ==, 0);
  g_assert_cmpuint (stellar_frame_get_peer_id (join_reply), ==, 0);
  g_assert_cmpint (stellar_frame_get_kind (join_reply), ==, STELLAR_FRAME_KIND_VERB_REPLY);

  assert_paired (log,
                 find_frame (log, TRUE, "{\"event\":\"detailsView\"}", 2),
                 find_frame (log, FALSE, "\"rooms\":[],\"totalActions\":0,\"pendingActions\":0},\"messageCount\":11", 0),
                 1);
  assert_paired (log,
                 find_frame (log, TRUE, "\"sleepDuration\":100", 0),
                 find_frame (log, FALSE, "\"sleepDuration\":100", 0),
                 102);
}

/* The library sends its first request right after the upgrade, before the
 * welcome comes in; counts start again with each connection. */
static void
test_reconnect_marked (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (100);
  guint64 details, welcome, reply, lost_sleep, echo, echo_reply;

  append (log, TRUE, "{\"event\":\"detailsView\"}", 0);
  append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 1);
  append (log, FALSE, "{\"status\":\"OK\",\"context\":\"response\",\"data\":{},\"messageCount\":1}", 2);
  lost_sleep = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"sleep\"}}", 3);

  /* the server goes away; the session says so */
  stellar_frame_log_mark_disconnected (log);

  details = append (log, TRUE, "{\"event\":\"detailsView\"}", 600);
  welcome = append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 601);
  reply = append (log, FALSE, "{\"status\":\"OK\",\"context\":\"response\",\"data\":{},\"messageCount\":1}", 605);
  echo = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"echo\"}}", 610);
  echo_reply = append (log, FALSE, "{\"echo\":1,\"context\":\"response\",\"messageCount\":2}", 611);

  g_assert_cmpuint (stellar_frame_get_connection (get_frame (log, lost_sleep)), ==, 1);
  g_assert_cmpint (stellar_frame_get_message_count (get_frame (log, lost_sleep)), ==, 2);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, lost_sleep)), ==, 0);

  g_assert_cmpuint (stellar_frame_get_connection (get_frame (log, details)), ==, 2);
  g_assert_cmpuint (stellar_frame_get_connection (get_frame (log, welcome)), ==, 2);
  assert_paired (log, get_frame (log, details), get_frame (log, reply), 5);
  assert_paired (log, get_frame (log, echo), get_frame (log, echo_reply), 1);
}

/* Without the mark, the second welcome starts the new connection, taking
 * along what was sent since the last frame received. */
static void
test_reconnect_by_welcome (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (100);
  guint64 old_sleep, details, reply, sleep, sleep_reply;

  append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 0);
  append (log, TRUE, "{\"event\":\"detailsView\"}", 1);
  append (log, FALSE, "{\"status\":\"OK\",\"context\":\"response\",\"data\":{},\"messageCount\":1}", 2);
  old_sleep = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"sleep\"}}", 3);
  append (log, FALSE, "\"primus::ping::1\"", 4);
  append (log, TRUE, "\"primus::pong::1\"", 4);

  details = append (log, TRUE, "{\"event\":\"detailsView\"}", 700);
  g_assert_cmpint (stellar_frame_get_message_count (get_frame (log, details)), ==, 3);

  append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 701);
  g_assert_cmpint (stellar_frame_get_message_count (get_frame (log, details)), ==, 1);
  g_assert_cmpuint (stellar_frame_get_connection (get_frame (log, details)), ==, 2);

  reply = append (log, FALSE, "{\"status\":\"OK\",\"context\":\"response\",\"data\":{},\"messageCount\":1}", 703);
  sleep = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"sleep\"}}", 704);
  sleep_reply = append (log, FALSE, "{\"sleepDelta\":1,\"context\":\"response\",\"messageCount\":2}", 710);

  assert_paired (log, get_frame (log, details), get_frame (log, reply), 3);
  assert_paired (log, get_frame (log, sleep), get_frame (log, sleep_reply), 6);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, old_sleep)), ==, 0);
  g_assert_cmpint (stellar_frame_get_message_count (get_frame (log, old_sleep)), ==, 2);
}

static void
test_ring (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (3);
  GListModel *model = G_LIST_MODEL (log);
  Changes changes = { 0 };
  guint64 ids[5];
  guint position;

  g_assert_true (g_list_model_get_item_type (model) == STELLAR_TYPE_FRAME);
  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &changes);

  for (guint i = 0; i < 3; i++)
    ids[i] = append (log, FALSE, "\"primus::ping::1\"", i);
  g_assert_cmpuint (changes.changes, ==, 3);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (stellar_frame_log_get_n_bytes (log), ==, 3 * strlen ("\"primus::ping::1\""));

  /* full: the oldest leaves at the head, then the new one comes at the end */
  changes.changes = 0;
  ids[3] = append (log, FALSE, "\"primus::ping::2\"", 3);
  g_assert_cmpuint (changes.changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_false (stellar_frame_log_lookup (log, ids[0], NULL));
  g_assert_true (stellar_frame_log_lookup (log, ids[1], &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (stellar_frame_log_lookup (log, ids[3], &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_false (stellar_frame_log_lookup (log, ids[3] + 1, NULL));
  g_assert_null (g_list_model_get_item (model, 3));

  /* ids keep rising */
  ids[4] = append (log, FALSE, "\"primus::ping::3\"", 4);
  g_assert_cmpuint (ids[4], ==, ids[3] + 1);

  /* a smaller capacity drops the oldest in one change */
  changes.changes = 0;
  stellar_frame_log_set_capacity (log, 1);
  g_assert_cmpuint (changes.changes, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (stellar_frame_log_lookup (log, ids[4], &position));

  stellar_frame_log_set_capacity (log, 10);
  append (log, FALSE, "\"primus::ping::4\"", 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* clear */
  changes.changes = 0;
  stellar_frame_log_clear (log);
  g_assert_cmpuint (changes.changes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (stellar_frame_log_get_n_bytes (log), ==, 0);
  g_assert_false (stellar_frame_log_lookup (log, ids[4], NULL));
}

/* The total size of the frames held stays under max-bytes. */
static void
test_byte_limit (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (1000);
  g_autofree char *big = g_strnfill (600, 'x');
  g_autofree char *big_frame = g_strdup_printf ("\"%s\"", big);
  Changes changes = { 0 };

  stellar_frame_log_set_max_bytes (log, 1000);
  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &changes);

  for (guint i = 0; i < 10; i++)
    append (log, FALSE, "\"primus::ping::12345\"", i);   /* 21 bytes each */
  g_assert_cmpuint (stellar_frame_log_get_n_bytes (log), ==, 210);

  append (log, FALSE, big_frame, 10);
  g_assert_cmpuint (stellar_frame_log_get_n_bytes (log), ==, 812);
  append (log, FALSE, big_frame, 11);
  /* the first big frame and the pings went, in one change at the head */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
  g_assert_cmpuint (stellar_frame_log_get_n_bytes (log), ==, 602);

  /* a single frame over the limit still shows */
  stellar_frame_log_set_max_bytes (log, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
}

/* A request whose response comes after it left the ring still pairs, and
 * a frame whose peer left the ring points at nothing the log would hand
 * out. */
static void
test_pairing_across_eviction (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (4);
  guint64 request, response, second_request, second_response;

  append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 0);
  request = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"sleep\"}}", 10);
  for (guint i = 0; i < 4; i++)
    append (log, FALSE, "{\"message\":\"hi\",\"room\":\"general\",\"from\":\"x\",\"context\":\"user\",\"sentAt\":1}", 20 + i);
  g_assert_false (stellar_frame_log_lookup (log, request, NULL));

  response = append (log, FALSE, "{\"sleepDelta\":90,\"context\":\"response\",\"messageCount\":1}", 100);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, response)), ==, request);
  g_assert_cmpint (stellar_frame_get_latency_ms (get_frame (log, response)), ==, 90);
  g_assert_cmpint (stellar_frame_get_kind (get_frame (log, response)), ==, STELLAR_FRAME_KIND_ACTION_RESPONSE);
  g_assert_cmpstr (stellar_frame_get_label (get_frame (log, response)), ==, "response 1 OK");

  /* and the other way round: the response leaves first */
  second_request = append (log, TRUE, "{\"event\":\"roomView\",\"room\":\"general\"}", 200);
  second_response = append (log, FALSE, "{\"status\":\"OK\",\"context\":\"response\",\"messageCount\":2}", 230);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, second_request)), ==, second_response);
  {
    g_autoptr(StellarFrame) kept = g_object_ref (get_frame (log, second_request));

    stellar_frame_log_clear (log);
    g_assert_false (stellar_frame_log_lookup (log, stellar_frame_get_peer_id (kept), NULL));
    g_assert_cmpint (stellar_frame_get_latency_ms (kept), ==, 30);
  }
}

/* Requests never answered do not pile up past the capacity. */
static void
test_unanswered_bounded (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (10);
  guint64 last = 0;
  guint64 answer;

  for (guint i = 0; i < 1000; i++)
    last = append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"never\"}}", i);

  /* the last ones still pair; the first ones were given up */
  answer = append (log, FALSE, "{\"context\":\"response\",\"messageCount\":1000}", 2000);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, answer)), ==, last);
  answer = append (log, FALSE, "{\"context\":\"response\",\"messageCount\":1}", 2001);
  g_assert_cmpuint (stellar_frame_get_peer_id (get_frame (log, answer)), ==, 0);
}

static void
test_pause (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (5);
  GListModel *model = G_LIST_MODEL (log);
  g_autoptr(StellarFrame) first_shown = NULL;
  Changes changes = { 0 };
  guint64 first, last = 0;
  guint position;

  first = append (log, FALSE, "{\"message\":\"1\",\"room\":\"r\",\"context\":\"user\"}", 0);
  append (log, FALSE, "{\"message\":\"2\",\"room\":\"r\",\"context\":\"user\"}", 1);
  append (log, FALSE, "{\"message\":\"3\",\"room\":\"r\",\"context\":\"user\"}", 2);

  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &changes);
  stellar_frame_log_set_paused (log, TRUE);
  g_assert_true (stellar_frame_log_get_paused (log));
  first_shown = g_list_model_get_item (model, 0);

  for (guint i = 0; i < 10; i++)
    last = append (log, FALSE, "{\"message\":\"later\",\"room\":\"r\",\"context\":\"user\"}", 10 + i);

  /* the model did not move; the log went on */
  g_assert_cmpuint (changes.changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr(StellarFrame) still = g_list_model_get_item (model, 0);

    g_assert_true (still == first_shown);
  }
  g_assert_true (stellar_frame_log_lookup (log, first, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_false (stellar_frame_log_lookup (log, last, NULL));
  g_assert_cmpuint (stellar_frame_log_get_held_back (log), ==, 10);

  /* resuming shows the last five: the three shown leave, they come */
  stellar_frame_log_set_paused (log, FALSE);
  g_assert_cmpuint (changes.changes, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 5);
  g_assert_cmpuint (stellar_frame_log_get_held_back (log), ==, 0);
  g_assert_false (stellar_frame_log_lookup (log, first, NULL));
  g_assert_true (stellar_frame_log_lookup (log, last, &position));
  g_assert_cmpuint (position, ==, 4);

  /* clearing while paused empties the model too */
  stellar_frame_log_set_paused (log, TRUE);
  append (log, FALSE, "{\"message\":\"x\",\"room\":\"r\",\"context\":\"user\"}", 30);
  stellar_frame_log_clear (log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  append (log, FALSE, "{\"message\":\"y\",\"room\":\"r\",\"context\":\"user\"}", 31);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  stellar_frame_log_set_paused (log, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static guint64
append_later (StellarFrameLog *log,
              const char      *text)
{
  g_autoptr(JsonNode) node = parse (text);

  return stellar_frame_log_append (log, FALSE, text, node, g_get_real_time ());
}

static gboolean
model_shows (StellarFrameLog *log,
             guint64          id)
{
  return stellar_frame_log_lookup (log, id, NULL);
}

/* The model follows the ring in batches: none while the frames come, one
 * removal and one addition once the main loop is idle. */
static void
test_batches (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (4);
  GListModel *model = G_LIST_MODEL (log);
  Changes changes = { 0 };
  guint64 first, last = 0;
  guint position;

  first = append (log, FALSE, "\"primus::ping::1\"", 0);
  append (log, FALSE, "\"primus::ping::2\"", 1);
  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &changes);

  for (guint i = 0; i < 5; i++)
    last = append_later (log, "\"primus::ping::3\"");

  /* the model still shows the first two, though they left the ring */
  g_assert_cmpuint (changes.changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (stellar_frame_log_lookup (log, first, &position));
  g_assert_cmpuint (position, ==, 0);
  {
    g_autoptr(StellarFrame) kept = g_list_model_get_item (model, 1);

    g_assert_cmpuint (stellar_frame_get_id (kept), ==, first + 1);
  }
  g_assert_false (stellar_frame_log_lookup (log, last, NULL));
  g_assert_cmpuint (stellar_frame_log_get_held_back (log), ==, 0);

  stellar_test_wait_for (model_shows (log, last));
  g_assert_cmpuint (changes.changes, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_false (stellar_frame_log_lookup (log, first, NULL));
  g_assert_true (stellar_frame_log_lookup (log, last, &position));
  g_assert_cmpuint (position, ==, 3);

  /* a flood that never lets the main loop idle still shows, batch by batch */
  changes.changes = 0;
  {
    gint64 until = g_get_monotonic_time () + 350 * 1000;

    while (g_get_monotonic_time () < until)
      last = append_later (log, "\"primus::ping::4\"");
  }
  g_assert_cmpuint (changes.changes, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
}

/* A frame's JSON, for the details of the inspector. */
static void
test_json_tree (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (10);
  g_autoptr(StellarJsonTree) tree = NULL;
  g_autoptr(StellarJsonItem) item = NULL;
  guint64 id;

  id = append (log, FALSE, "{\"echo\":\"hi\",\"context\":\"response\",\"messageCount\":1}", 0);
  tree = stellar_frame_create_json_tree (get_frame (log, id));
  g_assert_nonnull (tree);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, 3);
  item = g_list_model_get_item (G_LIST_MODEL (tree), 0);
  g_assert_cmpstr (stellar_json_item_get_key (item), ==, "echo");
  g_clear_object (&tree);

  id = append (log, FALSE, "primus::pong::12", 1);
  g_assert_null (stellar_frame_create_json_tree (get_frame (log, id)));
}

static guint
count_matches (StellarFrameFilter *filter,
               StellarFrameLog    *log)
{
  g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (log)),
                                                                      g_object_ref (GTK_FILTER (filter)));

  return g_list_model_get_n_items (G_LIST_MODEL (filtered));
}

static void
test_filter (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (100);
  g_autoptr(StellarFrameFilter) filter = stellar_frame_filter_new ();

  append (log, FALSE, "\"primus::ping::1\"", 0);
  append (log, TRUE, "\"primus::pong::1\"", 0);
  append (log, TRUE, "{\"event\":\"action\",\"params\":{\"action\":\"echo\"}}", 1);
  append (log, FALSE, "{\"message\":\"Hello World\",\"room\":\"general\",\"context\":\"user\"}", 2);
  append (log, FALSE, "{\"message\":\"Élan vital\",\"room\":\"général\",\"context\":\"user\"}", 3);
  append (log, FALSE, "{\"message\":{\"event\":\"typing\"},\"room\":\"general\",\"context\":\"user\"}", 4);

  /* heartbeats are hidden at first */
  g_assert_false (stellar_frame_filter_get_show_heartbeats (filter));
  g_assert_cmpuint (count_matches (filter, log), ==, 4);
  stellar_frame_filter_set_show_heartbeats (filter, TRUE);
  g_assert_cmpuint (count_matches (filter, log), ==, 6);
  stellar_frame_filter_set_show_heartbeats (filter, FALSE);

  /* text, in the label or the frame, ignoring case */
  stellar_frame_filter_set_text (filter, "WORLD");
  g_assert_cmpuint (count_matches (filter, log), ==, 1);
  stellar_frame_filter_set_text (filter, "action ECHO");
  g_assert_cmpuint (count_matches (filter, log), ==, 1);
  stellar_frame_filter_set_text (filter, "élan");
  g_assert_cmpuint (count_matches (filter, log), ==, 1);
  stellar_frame_filter_set_text (filter, "GÉNÉRAL");
  g_assert_cmpuint (count_matches (filter, log), ==, 1);
  stellar_frame_filter_set_text (filter, "general");
  g_assert_cmpuint (count_matches (filter, log), ==, 2);
  stellar_frame_filter_set_text (filter, "primus");
  g_assert_cmpuint (count_matches (filter, log), ==, 0);
  stellar_frame_filter_set_text (filter, "");
  g_assert_null (stellar_frame_filter_get_text (filter));

  /* kinds */
  stellar_frame_filter_set_kind_visible (filter, STELLAR_FRAME_KIND_CHAT_MESSAGE, FALSE);
  g_assert_false (stellar_frame_filter_get_kind_visible (filter, STELLAR_FRAME_KIND_CHAT_MESSAGE));
  g_assert_cmpuint (count_matches (filter, log), ==, 2);
  stellar_frame_filter_set_kind_visible (filter, STELLAR_FRAME_KIND_ROOM_EVENT, FALSE);
  g_assert_cmpuint (count_matches (filter, log), ==, 1);
  stellar_frame_filter_set_text (filter, "typing");
  g_assert_cmpuint (count_matches (filter, log), ==, 0);
}

static void
test_export (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (100);
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "frames.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *deep = NULL;
  const char *request_text = "{\"event\":\"action\",\"params\":{\"action\":\"echo\",\"message\":\"hi\"}}";
  JsonObject *root;
  JsonArray *frames;
  JsonObject *frame;
  guint64 request;

  append (log, FALSE, "{\"welcome\":\"Hello human! Welcome to Stellar\",\"context\":\"api\"}", 0);
  request = append (log, TRUE, request_text, 5);
  stellar_frame_log_set_added_params (log, request, (const char *[]) { "token", "tenant", NULL });
  append (log, FALSE, "{\"echo\":\"hi\",\"context\":\"response\",\"messageCount\":1}", 7);
  append (log, TRUE, "primus::pong::12", 8);
  /* a hostile frame nested far too deep: kept as text, never parsed */
  {
    g_autofree char *open = g_strnfill (100000, '[');
    g_autofree char *close = g_strnfill (100000, ']');

    deep = g_strconcat (open, close, NULL);
    stellar_frame_log_append (log, FALSE, deep, NULL, T0);
  }

  stellar_frame_log_export_async (log, file, "ws://127.0.0.1:8080", NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_true (stellar_frame_log_export_finish (log, result, &error));
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "com.example.Stellar.frames");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "server"), ==, "ws://127.0.0.1:8080");
  g_assert_cmpint (json_object_get_int_member (root, "capacity"), ==, 100);
  g_assert_nonnull (json_object_get_string_member (root, "exported"));

  frames = json_object_get_array_member (root, "frames");
  g_assert_cmpuint (json_array_get_length (frames), ==, 5);

  frame = json_array_get_object_element (frames, 0);
  g_assert_cmpstr (json_object_get_string_member (frame, "kind"), ==, "welcome");
  g_assert_cmpstr (json_object_get_string_member (frame, "direction"), ==, "in");
  g_assert_cmpint (json_object_get_int_member (frame, "timeUs"), ==, T0);
  g_assert_cmpstr (json_object_get_string_member (frame, "time"), ==, "2026-11-28T06:33:50.000000Z");

  frame = json_array_get_object_element (frames, 1);
  g_assert_cmpstr (json_object_get_string_member (frame, "kind"), ==, "action-request");
  g_assert_cmpstr (json_object_get_string_member (frame, "label"), ==, "action echo");
  g_assert_cmpstr (json_object_get_string_member (frame, "direction"), ==, "out");
  g_assert_cmpint (json_object_get_int_member (frame, "size"), ==, strlen (request_text));
  g_assert_cmpint (json_object_get_int_member (frame, "messageCount"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (frame, "peerId"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (frame, "latencyMs"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (frame, "connection"), ==, 1);
  {
    JsonArray *added = json_object_get_array_member (frame, "addedParams");

    g_assert_cmpuint (json_array_get_length (added), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (added, 0), ==, "token");
    g_assert_cmpstr (json_array_get_string_element (added, 1), ==, "tenant");
    g_assert_false (json_object_has_member (json_array_get_object_element (frames, 2), "addedParams"));
  }
  {
    g_autoptr(JsonNode) expected = parse (request_text);

    g_assert_true (json_node_equal (json_object_get_member (frame, "frame"), expected));
    g_assert_false (json_object_has_member (frame, "text"));
  }

  frame = json_array_get_object_element (frames, 3);
  g_assert_cmpstr (json_object_get_string_member (frame, "kind"), ==, "malformed");
  g_assert_cmpstr (json_object_get_string_member (frame, "text"), ==, "primus::pong::12");
  g_assert_false (json_object_has_member (frame, "frame"));
  g_assert_false (json_object_has_member (frame, "messageCount"));

  frame = json_array_get_object_element (frames, 4);
  g_assert_cmpstr (json_object_get_string_member (frame, "text"), ==, deep);
}

static void
test_export_failure (void)
{
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (100);
  g_autofree char *folder = stellar_app_test_make_folder ();
  g_autofree char *path = g_build_filename (folder, "missing", "frames.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  append (log, FALSE, "\"primus::ping::1\"", 0);
  stellar_frame_log_export_async (log, file, NULL, NULL, stellar_test_store_result, &result);
  result = stellar_test_wait_result (&result);
  g_assert_false (stellar_frame_log_export_finish (log, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  stellar_app_test_use_temporary_data_home ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frame-log/labels-from-capture", test_labels_from_capture);
  g_test_add_func ("/frame-log/pairing-from-capture", test_pairing_from_capture);
  g_test_add_func ("/frame-log/pipelined-verbs", test_pipelined_verbs);
  g_test_add_func ("/frame-log/reconnect-marked", test_reconnect_marked);
  g_test_add_func ("/frame-log/reconnect-by-welcome", test_reconnect_by_welcome);
  g_test_add_func ("/frame-log/ring", test_ring);
  g_test_add_func ("/frame-log/byte-limit", test_byte_limit);
  g_test_add_func ("/frame-log/pairing-across-eviction", test_pairing_across_eviction);
  g_test_add_func ("/frame-log/unanswered-bounded", test_unanswered_bounded);
  g_test_add_func ("/frame-log/pause", test_pause);
  g_test_add_func ("/frame-log/batches", test_batches);
  g_test_add_func ("/frame-log/json-tree", test_json_tree);
  g_test_add_func ("/frame-log/filter", test_filter);
  g_test_add_func ("/frame-log/export", test_export);
  g_test_add_func ("/frame-log/export-failure", test_export_failure);

  return g_test_run ();
}
