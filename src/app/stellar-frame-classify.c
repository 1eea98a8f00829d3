/* stellar-frame-classify.c: what a frame is, from its parsed JSON
 *
 * See docs/wire-protocol.md, sections 6 and 7, for the shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-frame-classify-private.h"

/* Longest server-provided text a label quotes, in characters. */
#define MAX_QUOTED 40

/* The frame comes from the network: trust no member to have the right type. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return NULL;

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
get_count_member (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "messageCount");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return MAX (json_node_get_int (node), 0);
}

static gboolean
is_heartbeat (const char *text)
{
  return g_str_has_prefix (text, "primus::ping::") || g_str_has_prefix (text, "primus::pong::");
}

/*
 * _stellar_frame_classify:
 * @outgoing: whether the client sent the frame
 * @node: (nullable): the frame's JSON, or %NULL when it is not JSON
 * @counted: (out): for a frame the client sent, whether the server adds it
 *   to the connection's `messageCount` (docs/wire-protocol.md 6.3)
 * @message_count: (out): for a frame received, the count it carries, or 0
 *
 * Returns: the frame's kind; a response is %STELLAR_FRAME_KIND_ACTION_RESPONSE
 *   or %STELLAR_FRAME_KIND_VERB_REPLY by its shape, until pairing knows better
 */
StellarFrameKind
_stellar_frame_classify (gboolean  outgoing,
                         JsonNode *node,
                         gboolean *counted,
                         gint64   *message_count)
{
  JsonObject *object;
  const char *context;

  *counted = FALSE;
  *message_count = 0;

  if (node == NULL)
    return STELLAR_FRAME_KIND_MALFORMED;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (is_heartbeat (text))
        {
          /* Servers since Primus 7 send the pings: a ping from the client
           * is no control string to them, and counts (captures, section 15). */
          *counted = outgoing && g_str_has_prefix (text, "primus::ping::");
          return STELLAR_FRAME_KIND_HEARTBEAT;
        }

      /* The server counts any other string but its own `primus::id::`. */
      *counted = outgoing && !g_str_has_prefix (text, "primus::id::");
      return STELLAR_FRAME_KIND_OTHER;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* `null` never reaches the server's counter; other values do */
      *counted = outgoing && !JSON_NODE_HOLDS_NULL (node);
      return STELLAR_FRAME_KIND_OTHER;
    }

  object = json_node_get_object (node);

  if (outgoing)
    {
      const char *event = get_string_member (object, "event");

      *counted = TRUE;
      if (event == NULL)
        return STELLAR_FRAME_KIND_OTHER;
      if (g_str_equal (event, "action"))
        return STELLAR_FRAME_KIND_ACTION_REQUEST;
      return STELLAR_FRAME_KIND_VERB_REQUEST;
    }

  context = get_string_member (object, "context");
  if (context == NULL)
    return STELLAR_FRAME_KIND_OTHER;

  if (g_str_equal (context, "response"))
    {
      *message_count = get_count_member (object);
      /* Verb replies carry a `status`; action responses carry what the
       * action wrote, so an action may look like a verb reply. */
      return json_object_has_member (object, "status") ? STELLAR_FRAME_KIND_VERB_REPLY
                                                       : STELLAR_FRAME_KIND_ACTION_RESPONSE;
    }

  if (g_str_equal (context, "user"))
    return get_object_member (object, "message") != NULL ? STELLAR_FRAME_KIND_ROOM_EVENT
                                                         : STELLAR_FRAME_KIND_CHAT_MESSAGE;

  if (g_str_equal (context, "alert"))
    return STELLAR_FRAME_KIND_ALERT;

  if (g_str_equal (context, "api") && json_object_has_member (object, "welcome"))
    return STELLAR_FRAME_KIND_WELCOME;

  return STELLAR_FRAME_KIND_OTHER;
}

static char *
quote (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_QUOTED)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, MAX_QUOTED - 1);
  return g_strconcat (start, "…", NULL);
}

/* "error 004", or "error" when the error has no code */
static char *
describe_error (JsonNode *error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (error) ? json_node_get_object (error) : NULL;
  const char *code = get_string_member (object, "code");

  if (code != NULL)
    return g_strdup_printf (_("error %s"), code);

  return g_strdup (_("error"));
}

static char *
describe_reply (JsonObject *object,
                gint64      message_count)
{
  JsonNode *status = json_object_get_member (object, "status");
  g_autofree char *outcome = NULL;

  if (status != NULL && JSON_NODE_HOLDS_VALUE (status) && json_node_get_value_type (status) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (status);

      outcome = g_str_equal (text, "OK") ? g_strdup ("OK") : quote (text);
    }
  else if (status != NULL)
    {
      outcome = describe_error (status);
    }
  else
    {
      outcome = g_strdup ("OK");
    }

  if (message_count == 0)
    /* TRANSLATORS: a verb reply without a messageCount; %s is "OK" or what went wrong */
    return g_strdup_printf (_("reply %s"), outcome);

  /* TRANSLATORS: "reply 12 OK": the reply to a verb; %s is "OK" or what went wrong */
  return g_strdup_printf (_("reply %lld %s"), (long long) message_count, outcome);
}

static char *
describe_response (JsonObject *object,
                   gint64      message_count)
{
  JsonNode *error = json_object_get_member (object, "error");
  g_autofree char *outcome = error != NULL ? describe_error (error) : g_strdup ("OK");

  if (message_count == 0)
    return g_strdup_printf (_("response %s"), outcome);

  /* TRANSLATORS: "response 12 OK": an action's response; %s is "OK" or "error CODE" */
  return g_strdup_printf (_("response %lld %s"), (long long) message_count, outcome);
}

static char *
describe_verb (JsonObject *object)
{
  const char *verb = get_string_member (object, "event");
  const char *room = get_string_member (object, "room");

  if (g_str_equal (verb, "say") && room != NULL)
    /* TRANSLATORS: the say verb; %s is a room */
    return g_strdup_printf (_("say in %s"), room);

  if (g_str_equal (verb, "event"))
    {
      JsonObject *params = get_object_member (object, "params");
      const char *name = get_string_member (params, "event");
      const char *params_room = get_string_member (params, "room");

      if (name != NULL && params_room != NULL)
        /* TRANSLATORS: the event verb; the first %s is the event's name, the second a room */
        return g_strdup_printf (_("event %s in %s"), name, params_room);
    }

  if (room != NULL)
    return g_strdup_printf ("%s %s", verb, room);

  return g_strdup (verb);
}

/*
 * _stellar_frame_describe:
 * @kind: the frame's final kind
 * @node: (nullable): the frame's JSON
 * @message_count: the frame's count, or 0
 *
 * Returns: (transfer full): the frame's short label
 */
char *
_stellar_frame_describe (StellarFrameKind  kind,
                         JsonNode         *node,
                         gint64            message_count)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  switch (kind)
    {
    case STELLAR_FRAME_KIND_HEARTBEAT:
      return g_strdup (_("heartbeat"));

    case STELLAR_FRAME_KIND_MALFORMED:
      return g_strdup (_("not JSON"));

    case STELLAR_FRAME_KIND_WELCOME:
      return g_strdup (_("welcome"));

    case STELLAR_FRAME_KIND_ALERT:
      return g_strdup (_("alert"));

    case STELLAR_FRAME_KIND_ACTION_REQUEST:
      {
        const char *action = get_string_member (get_object_member (object, "params"), "action");

        if (action == NULL)
          return g_strdup (_("action without a name"));
        /* TRANSLATORS: an action call; %s is the action's name */
        return g_strdup_printf (_("action %s"), action);
      }

    case STELLAR_FRAME_KIND_VERB_REQUEST:
      return describe_verb (object);

    case STELLAR_FRAME_KIND_VERB_REPLY:
      if (object != NULL)
        return describe_reply (object, message_count);
      break;

    case STELLAR_FRAME_KIND_ACTION_RESPONSE:
      if (object != NULL)
        return describe_response (object, message_count);
      break;

    case STELLAR_FRAME_KIND_CHAT_MESSAGE:
    case STELLAR_FRAME_KIND_ROOM_EVENT:
      {
        const char *room = get_string_member (object, "room");
        const char *event = get_string_member (get_object_member (object, "message"), "event");

        if (room == NULL)
          room = "?";
        if (kind == STELLAR_FRAME_KIND_ROOM_EVENT && event != NULL)
          return g_strdup_printf (_("event %s in %s"), event, room);
        if (kind == STELLAR_FRAME_KIND_ROOM_EVENT)
          /* TRANSLATORS: a room event without a name; %s is a room */
          return g_strdup_printf (_("event in %s"), room);
        /* TRANSLATORS: a chat message; %s is a room */
        return g_strdup_printf (_("message in %s"), room);
      }

    case STELLAR_FRAME_KIND_OTHER:
      break;
    }

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_str_equal (json_node_get_string (node), "primus::server::close"))
    return g_strdup (_("server closing"));

  if (object != NULL)
    {
      const char *context = get_string_member (object, "context");

      if (context != NULL)
        /* TRANSLATORS: a frame of an unknown context; %s is the context */
        return g_strdup_printf (_("context %s"), context);
    }

  return g_strdup (_("other"));
}
