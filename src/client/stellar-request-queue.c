/* stellar-request-queue.c: requests on their way to the server, and their replies
 *
 * Stellar answers a request with the connection's `messageCount`: actions are
 * stamped with the count they were sent with, but room verbs, `say` and
 * `event` with the count at the time of the reply. So after such a verb is
 * sent, nothing else may follow until its reply is in (the "barrier"), while
 * actions and `detailsView` may be pipelined. Actions are further limited to
 * `simultaneous-actions` in flight, whatever their transport; the rest wait in
 * FIFO order. Every request completes exactly once: with its reply, a server
 * error, a timeout, the loss of the connection, or its cancellation.
 *
 * The queue goes through the life of the client's connections with it: a
 * new connection is opened (its handshake's own requests may go), then ready
 * (everything may go), then closed (what was sent on it fails; what waits in
 * the outbox waits for the next one).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "stellar-client-private.h"
#include "stellar-error-private.h"
#include "stellar-json-private.h"
#include "stellar-request-queue-private.h"

/* How the server wants rooms joined: Stellar ≥ 1.2 knows `roomJoin`, older
 * servers only `roomAdd`. Learnt from the first join, then remembered. */
typedef enum {
  DIALECT_UNKNOWN,
  DIALECT_MODERN,
  DIALECT_LEGACY,
} Dialect;

typedef struct _Request Request;
typedef struct _CancelWatch CancelWatch;

struct _StellarRequestQueue
{
  GObject parent_instance;

  GMainContext *context;
  /* Whose HTTP side carries actions when the WebSocket does not, and whose
   * ::wire handlers want the frames as JSON (weak) */
  StellarClient *client;

  guint simultaneous_actions;
  guint timeout_ms;

  /* The connection: its socket from its opening, ready once its handshake
   * is over. */
  StellarPrimusSocket *socket;
  gboolean ready;
  guint message_count;
  Dialect dialect;

  GQueue handshake_queue;
  GQueue outbox;
  GHashTable *pending;
  GQueue inflight;
  GSource *timeout_source;
  Request *barrier;
  GTask *outbox_hold;
  guint actions_in_flight;
  GHashTable *late_counts;
  /* GCancellable → CancelWatch, for the requests that wait with one */
  GHashTable *cancel_watches;
  /* where frames are encoded before they are copied into their request */
  GString *encoder;
};

/* The requests waiting with the same cancellable share one source that
 * tells when it is cancelled: a source of its own, made, attached and
 * destroyed for every request, was 6 % of a call's instructions. A load
 * test passes one cancellable with all its calls. */
struct _CancelWatch
{
  StellarRequestQueue *queue;
  GCancellable *cancellable;
  GSource *source;
  GQueue requests;
  gboolean dispatching;
};

struct _Request
{
  StellarRequestQueue *queue;
  StellarRequestKind kind;
  StellarTransport transport;

  /* The WebSocket frame. For an action, its params object (with the name)
   * is also the body of the HTTP request: it starts at body_offset. Both
   * strings live in the request's own block. */
  char *frame;
  gsize frame_length;
  gsize body_offset;
  char *action;
  /* The frame as JSON, for ::wire handlers; NULL when none was connected. */
  JsonNode *frame_node;

  /* Whose result is the raw reply; NULL once completed. */
  GTask *task;
  CancelWatch *cancel_watch;
  GList cancel_link;

  guint message_count;
  gint64 deadline;
  GList inflight_link;

  guint internal : 1;
  guint follow_up : 1;
  guint sent : 1;
  guint on_http : 1;
};

G_DEFINE_FINAL_TYPE (StellarRequestQueue, stellar_request_queue, G_TYPE_OBJECT)

static guint wire_signal_id;

static void pump (StellarRequestQueue *self);
static void unwatch_cancellable (Request *request);

static void
request_free (Request *request)
{
  g_assert (request->task == NULL);
  g_assert (request->cancel_watch == NULL);

  g_clear_pointer (&request->frame_node, json_node_unref);
  g_free (request);
}

/* One allocation holds the request, its frame and its action's name: a
 * request is made for every call. */
static Request *
request_alloc (StellarRequestQueue *queue,
               StellarRequestKind   kind,
               GTask               *task,
               const GString       *frame,
               const char          *action)
{
  gsize action_size = action != NULL ? strlen (action) + 1 : 0;
  Request *request = g_malloc0 (sizeof (Request) + frame->len + 1 + action_size);
  char *storage = (char *)(request + 1);

  request->queue = queue;
  request->kind = kind;
  request->task = task;
  request->frame = memcpy (storage, frame->str, frame->len + 1);
  request->frame_length = frame->len;
  if (action != NULL)
    request->action = memcpy (storage + frame->len + 1, action, action_size);

  return request;
}

/* Whether anyone wants the frames sent as JSON as well as text: building
 * that JSON is only worth it for them. */
static gboolean
wire_watched (StellarRequestQueue *self)
{
  return self->client != NULL &&
         g_signal_has_handler_pending (self->client, wire_signal_id, 0, FALSE);
}

/* Completes the caller's side of @request, once. The request itself may live
 * on (a cancelled request whose reply the server still owes). */
static void
complete_task (Request  *request,
               JsonNode *reply,
               GError   *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&request->task);

  unwatch_cancellable (request);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_node_ref (reply), (GDestroyNotify)json_node_unref);
}

/* The server's verdict on a reply: actions fail with an `error` key, verbs
 * unless `status` is "OK". */
static GError *
check_reply (Request    *request,
             JsonObject *frame,
             JsonNode   *reply)
{
  if (request->kind == STELLAR_REQUEST_ACTION)
    {
      JsonNode *error = json_object_get_member (frame, "error");

      /* `"error": null` (a file reply) is no error. */
      if (error != NULL && !JSON_NODE_HOLDS_NULL (error))
        return _stellar_error_new_server (reply, "The action failed");
      return NULL;
    }

  if (g_strcmp0 (_stellar_json_get_string (frame, "status"), "OK") != 0)
    return _stellar_error_new_server (reply, "The server refused the request");

  return NULL;
}

/* --- timeouts ---------------------------------------------------------- */

static void reschedule_timeout (StellarRequestQueue *self);

static void
forget_inflight (StellarRequestQueue *self,
                 Request             *request)
{
  if (request->inflight_link.data != NULL)
    {
      g_queue_unlink (&self->inflight, &request->inflight_link);
      request->inflight_link.data = NULL;
    }
}

/* Takes @request out of the books of sent requests, freeing its action slot
 * or the barrier it held. Returns it for the caller to complete and free. */
static Request *
retire (StellarRequestQueue *self,
        Request             *request)
{
  if (request->message_count != 0)
    g_hash_table_remove (self->pending, GUINT_TO_POINTER (request->message_count));
  forget_inflight (self, request);

  if (self->barrier == request)
    self->barrier = NULL;
  if (request->kind == STELLAR_REQUEST_ACTION && request->sent)
    {
      g_assert (self->actions_in_flight > 0);
      self->actions_in_flight--;
    }

  return request;
}

static gboolean
on_timeout (gpointer user_data)
{
  StellarRequestQueue *self = user_data;
  gint64 now = g_get_monotonic_time ();
  GList *l;

  g_clear_pointer (&self->timeout_source, g_source_unref);

  g_object_ref (self);

  while ((l = g_queue_peek_head_link (&self->inflight)) != NULL)
    {
      Request *request = l->data;

      if (request->deadline > now)
        break;

      retire (self, request);
      /* The server may still answer: let that late reply pass quietly. */
      if (request->message_count != 0)
        g_hash_table_add (self->late_counts, GUINT_TO_POINTER (request->message_count));

      complete_task (request, NULL,
                     g_error_new (STELLAR_ERROR, STELLAR_ERROR_TIMEOUT,
                                  _("The server did not answer within %u ms"), self->timeout_ms));
      request_free (request);
    }

  reschedule_timeout (self);
  pump (self);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs deadline_source_funcs = { NULL, NULL, deadline_dispatch, NULL, NULL, NULL };

/* One timer serves every sent request: it fires no later than the earliest
 * deadline. Firing early is harmless (on_timeout() looks again), so the timer
 * is only moved forward, never recreated for each reply. */
static void
reschedule_timeout (StellarRequestQueue *self)
{
  Request *first = g_queue_peek_head (&self->inflight);

  if (first == NULL)
    return;

  if (self->timeout_source != NULL)
    {
      if (g_source_get_ready_time (self->timeout_source) > first->deadline)
        g_source_set_ready_time (self->timeout_source, first->deadline);
      return;
    }

  self->timeout_source = g_source_new (&deadline_source_funcs, sizeof (GSource));
  g_source_set_ready_time (self->timeout_source, first->deadline);
  g_source_set_static_name (self->timeout_source, "[stellar] request timeout");
  g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
  g_source_attach (self->timeout_source, self->context);
}

static void
track_deadline (StellarRequestQueue *self,
                Request             *request)
{
  GList *l;

  request->deadline = g_get_monotonic_time () + (gint64)self->timeout_ms * 1000;
  request->inflight_link.data = request;

  /* Deadlines almost always grow with time: search from the tail. */
  for (l = self->inflight.tail; l != NULL; l = l->prev)
    if (((Request *)l->data)->deadline <= request->deadline)
      break;

  if (l == NULL)
    g_queue_push_head_link (&self->inflight, &request->inflight_link);
  else
    {
      /* g_queue has no insert-link-after; splice by hand. */
      request->inflight_link.prev = l;
      request->inflight_link.next = l->next;
      if (l->next != NULL)
        l->next->prev = &request->inflight_link;
      else
        self->inflight.tail = &request->inflight_link;
      l->next = &request->inflight_link;
      self->inflight.length++;
    }

  reschedule_timeout (self);
}

/* --- cancellation ------------------------------------------------------ */

static void
cancel_request (Request *request)
{
  StellarRequestQueue *self = request->queue;

  if (!request->sent)
    {
      /* Not on the wire yet: forget it entirely. */
      g_queue_remove (&self->handshake_queue, request);
      g_queue_remove (&self->outbox, request);
      complete_task (request, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The request was cancelled")));
      request_free (request);
    }
  else if (!request->on_http)
    {
      /* The server still owes a reply and counts the request as pending:
       * the caller is answered now, but the request keeps its action slot
       * or barrier until the reply or the deadline. */
      complete_task (request, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The request was cancelled")));
    }

  /* Else the HTTP call has the same cancellable and will end by itself;
   * its completion frees the slot. */
}

static void
cancel_watch_free (CancelWatch *watch)
{
  g_hash_table_remove (watch->queue->cancel_watches, watch->cancellable);
  g_source_destroy (watch->source);
  g_source_unref (watch->source);
  g_object_unref (watch->cancellable);
  g_free (watch);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  CancelWatch *watch = user_data;
  StellarRequestQueue *self = g_object_ref (watch->queue);
  GList *link;

  /* One at a time, from the head: answering a caller runs its code, which
   * may end other requests of the watch. */
  watch->dispatching = TRUE;
  while ((link = g_queue_pop_head_link (&watch->requests)) != NULL)
    {
      Request *request = link->data;

      request->cancel_watch = NULL;
      cancel_request (request);
    }
  cancel_watch_free (watch);

  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static void
watch_cancellable (StellarRequestQueue *self,
                   Request             *request,
                   GCancellable        *cancellable)
{
  CancelWatch *watch;

  if (cancellable == NULL)
    return;

  watch = g_hash_table_lookup (self->cancel_watches, cancellable);
  if (watch == NULL)
    {
      watch = g_new0 (CancelWatch, 1);
      watch->queue = self;
      watch->cancellable = g_object_ref (cancellable);
      watch->source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (watch->source, "[stellar] requests cancelled");
      g_source_set_callback (watch->source, G_SOURCE_FUNC (on_cancelled), watch, NULL);
      g_source_attach (watch->source, self->context);
      g_hash_table_insert (self->cancel_watches, cancellable, watch);
    }

  request->cancel_watch = watch;
  request->cancel_link.data = request;
  g_queue_push_tail_link (&watch->requests, &request->cancel_link);
}

/* The request no longer waits: its watch ends with the last one. */
static void
unwatch_cancellable (Request *request)
{
  CancelWatch *watch = g_steal_pointer (&request->cancel_watch);

  if (watch == NULL)
    return;

  g_queue_unlink (&watch->requests, &request->cancel_link);
  if (g_queue_is_empty (&watch->requests) && !watch->dispatching)
    cancel_watch_free (watch);
}

/* --- sending ----------------------------------------------------------- */

static void
on_http_action_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Request *request = user_data;
  StellarRequestQueue *self = request->queue;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = _stellar_client_http_action_finish (STELLAR_CLIENT (object), result, &error);
  if (reply != NULL)
    error = check_reply (request, json_node_get_object (reply), reply);

  g_object_ref (self);
  retire (self, request);
  complete_task (request, reply, error);
  request_free (request);

  pump (self);
  g_object_unref (self);
}

static void
send_on_http (StellarRequestQueue *self,
              Request             *request)
{
  request->sent = TRUE;
  request->on_http = TRUE;
  self->actions_in_flight++;

  _stellar_client_http_action_async (self->client, request->action,
                                     request->frame + request->body_offset,
                                     request->frame_length - request->body_offset - 1,
                                     g_task_get_cancellable (request->task),
                                     on_http_action_done, request);
}

static void
send_on_websocket (StellarRequestQueue *self,
                   Request             *request)
{
  request->sent = TRUE;
  request->message_count = ++self->message_count;
  g_hash_table_insert (self->pending, GUINT_TO_POINTER (request->message_count), request);

  if (request->kind == STELLAR_REQUEST_ACTION)
    self->actions_in_flight++;
  else if (request->kind == STELLAR_REQUEST_ASYNC_VERB)
    self->barrier = request;

  track_deadline (self, request);
  _stellar_primus_socket_send (self->socket, request->frame, request->frame_length,
                               request->frame_node);
}

static gboolean
websocket_usable (StellarRequestQueue *self)
{
  return self->socket != NULL && self->barrier == NULL;
}

/* Sends what may be sent now, in order. Actions and verbs keep their own FIFO
 * order; a verb never waits behind actions that wait for a slot. */
static void
pump_queue (StellarRequestQueue *self,
            GQueue              *queue,
            gboolean             connected)
{
  gboolean actions_blocked = FALSE;
  gboolean verbs_blocked = FALSE;
  GList *l = queue->head;

  while (l != NULL && !(actions_blocked && verbs_blocked))
    {
      Request *request = l->data;
      GList *next = l->next;

      if (request->kind == STELLAR_REQUEST_ACTION)
        {
          gboolean use_websocket;

          if (actions_blocked || self->actions_in_flight >= MAX (self->simultaneous_actions, 1) ||
              self->outbox_hold != NULL)
            {
              actions_blocked = TRUE;
              l = next;
              continue;
            }

          use_websocket = request->transport == STELLAR_TRANSPORT_WEBSOCKET ||
                          (request->transport == STELLAR_TRANSPORT_AUTO && connected);

          if (use_websocket && !connected)
            {
              /* A WebSocket-only action whose connection is gone. */
              g_queue_delete_link (queue, l);
              complete_task (request, NULL,
                             g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                                  _("The connection to the server was lost before the action was sent")));
              request_free (request);
            }
          else if (use_websocket && !websocket_usable (self))
            actions_blocked = TRUE;
          else if (!use_websocket && self->client == NULL)
            {
              /* The client is gone, and its HTTP side with it. */
              g_queue_delete_link (queue, l);
              complete_task (request, NULL,
                             g_error_new_literal (STELLAR_ERROR, STELLAR_ERROR_DISCONNECTED,
                                                  _("The client was destroyed")));
              request_free (request);
            }
          else
            {
              g_queue_delete_link (queue, l);
              if (use_websocket)
                send_on_websocket (self, request);
              else
                send_on_http (self, request);
            }
        }
      else
        {
          if (verbs_blocked || !websocket_usable (self) || !(connected || request->internal) ||
              (self->outbox_hold != NULL && request->task != self->outbox_hold && !request->internal))
            verbs_blocked = TRUE;
          else
            {
              g_queue_delete_link (queue, l);
              send_on_websocket (self, request);
            }
        }

      l = next;
    }
}

static void
pump (StellarRequestQueue *self)
{
  gboolean connected = self->ready && self->socket != NULL;

  /* The handshake's own requests go first, and alone until it is over. */
  pump_queue (self, &self->handshake_queue, connected);
  if (!g_queue_is_empty (&self->handshake_queue))
    return;

  pump_queue (self, &self->outbox, connected);
}

static void hold_outbox (StellarRequestQueue *self,
                         Request             *request);

/* The follow-up that held the outbox was seen by its caller: the next one
 * waiting, if any, takes the hold over. */
static void
on_hold_completed (GTask               *task,
                   GParamSpec          *pspec,
                   StellarRequestQueue *self)
{
  Request *next;

  g_signal_handlers_disconnect_by_func (task, on_hold_completed, self);
  if (self->outbox_hold != task)
    return;

  self->outbox_hold = NULL;
  next = g_queue_peek_head (&self->outbox);
  if (next != NULL && next->follow_up)
    hold_outbox (self, next);
  pump (self);
}

/* A follow-up (the details after a room change) holds the outbox until its
 * caller has seen it: GTask may defer a callback to a later iteration, and
 * what waits must not be answered before it. */
static void
hold_outbox (StellarRequestQueue *self,
             Request             *request)
{
  self->outbox_hold = request->task;
  g_signal_connect_object (request->task, "notify::completed", G_CALLBACK (on_hold_completed),
                           self, 0);
}

/* Follow-ups go first, in the order of the changes they follow: a reply
 * completed late (GTask defers the callback of a request answered in the
 * iteration that made it) may bring its follow-up after a later one's. */
static void
add_follow_up (StellarRequestQueue *self,
               Request             *request)
{
  GList *l = self->outbox.head;

  request->follow_up = TRUE;
  while (l != NULL && ((Request *)l->data)->follow_up)
    l = l->next;
  g_queue_insert_before (&self->outbox, l, request);

  if (self->outbox_hold == NULL)
    hold_outbox (self, g_queue_peek_head (&self->outbox));
}

static void
submit (StellarRequestQueue *self,
        Request             *request,
        StellarRequestFlags  flags,
        GCancellable        *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      complete_task (request, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The request was cancelled")));
      request_free (request);
      return;
    }

  watch_cancellable (self, request, cancellable);
  if (request->internal)
    g_queue_push_tail (&self->handshake_queue, request);
  else if (flags & STELLAR_REQUEST_NEXT)
    add_follow_up (self, request);
  else
    g_queue_push_tail (&self->outbox, request);
  pump (self);
}

/*
 * _stellar_request_queue_verb_async:
 * @kind: %STELLAR_REQUEST_VERB or %STELLAR_REQUEST_ASYNC_VERB
 * @frame: the whole frame, e.g. {"event":"roomJoin","room":"r"}; not kept
 * @flags: where the request goes in line
 *
 * Sends a verb on the WebSocket, now or once the connection is ready (or,
 * with %STELLAR_REQUEST_HANDSHAKE, once it is open), and resolves with the
 * whole reply frame; a reply whose `status` is not "OK" is a
 * %STELLAR_ERROR_SERVER error.
 */
void
_stellar_request_queue_verb_async (StellarRequestQueue *self,
                                   StellarRequestKind   kind,
                                   JsonObject          *frame,
                                   StellarRequestFlags  flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Request *request;
  GString *text = self->encoder;
  GTask *task;

  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));
  g_return_if_fail (kind != STELLAR_REQUEST_ACTION);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _stellar_request_queue_verb_async);
  g_task_set_check_cancellable (task, FALSE);

  g_string_truncate (text, 0);
  _stellar_json_encode_object_append (text, frame);
  request = request_alloc (self, kind, task, text, NULL);
  request->internal = (flags & STELLAR_REQUEST_HANDSHAKE) != 0;
  if (wire_watched (self))
    {
      request->frame_node = json_node_alloc ();
      json_node_take_object (json_node_init (request->frame_node, JSON_NODE_OBJECT),
                             _stellar_json_object_copy_deep (frame));
    }

  submit (self, request, flags, cancellable);
}

JsonNode *
_stellar_request_queue_verb_finish (StellarRequestQueue  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- joining a room, in either dialect ----------------------------------- */

typedef struct
{
  char *room;
  StellarRequestFlags flags;
  gboolean tried_other;
  const char *verb;
} Join;

static void
join_free (Join *join)
{
  g_free (join->room);
  g_free (join);
}

static void send_join (GTask *task);

static void
on_join_reply (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StellarRequestQueue *self = STELLAR_REQUEST_QUEUE (object);
  g_autoptr(GTask) task = user_data;
  Join *join = g_task_get_task_data (task);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean legacy = g_str_equal (join->verb, "roomAdd");

  reply = _stellar_request_queue_verb_finish (self, result, &error);
  if (reply != NULL)
    {
      self->dialect = legacy ? DIALECT_LEGACY : DIALECT_MODERN;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* 014: the server does not know this verb. Stellar ≥ 1.2 wants roomJoin,
   * older servers roomAdd; try the other once and remember which works. */
  if (_stellar_error_has_status_code (error, "014") && !join->tried_other)
    {
      join->tried_other = TRUE;
      self->dialect = legacy ? DIALECT_MODERN : DIALECT_LEGACY;
      send_join (g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_join (GTask *task)
{
  StellarRequestQueue *self = g_task_get_source_object (task);
  Join *join = g_task_get_task_data (task);
  g_autoptr(JsonObject) frame = json_object_new ();

  join->verb = self->dialect == DIALECT_LEGACY ? "roomAdd" : "roomJoin";
  json_object_set_string_member (frame, "event", join->verb);
  json_object_set_string_member (frame, "room", join->room);

  _stellar_request_queue_verb_async (self, STELLAR_REQUEST_ASYNC_VERB, frame, join->flags,
                                     g_task_get_cancellable (task), on_join_reply, task);
}

/*
 * _stellar_request_queue_join_room_async:
 * @flags: where the request goes in line
 *
 * Joins @room with `roomJoin`, or `roomAdd` on servers older than 1.2.
 */
void
_stellar_request_queue_join_room_async (StellarRequestQueue *self,
                                        const char          *room,
                                        StellarRequestFlags  flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Join *join = g_new0 (Join, 1);

  g_task_set_source_tag (task, _stellar_request_queue_join_room_async);
  join->room = g_strdup (room);
  join->flags = flags;
  g_task_set_task_data (task, join, (GDestroyNotify)join_free);

  send_join (task);
}

gboolean
_stellar_request_queue_join_room_finish (StellarRequestQueue  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- actions ------------------------------------------------------------ */

/* {"event":"action","params":{…,"action":name}}, as JSON: for ::wire
 * handlers only, the text being written straight from @params. */
static JsonNode *
action_frame_node (const char *action,
                   JsonObject *params)
{
  JsonObject *frame = json_object_new ();
  JsonObject *copy = json_object_new ();
  JsonNode *node;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (params != NULL)
    {
      json_object_iter_init_ordered (&iter, params);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (g_strcmp0 (name, "action") != 0)
          json_object_set_member (copy, name, _stellar_json_copy_deep (value));
    }
  json_object_set_string_member (copy, "action", action);

  json_object_set_string_member (frame, "event", "action");
  json_object_set_object_member (frame, "params", copy);

  node = json_node_init (json_node_alloc (), JSON_NODE_OBJECT);
  json_node_take_object (node, frame);
  return node;
}

/*
 * _stellar_request_queue_send_action:
 * @params: (transfer none) (nullable): the parameters, not modified
 * @transport: where to send it; AUTO decides when a slot is free
 * @task: (transfer full): the task to complete, with its cancellable
 *
 * Performs an action call (after interceptors) and completes @task with the
 * whole reply; a reply with an `error` is a %STELLAR_ERROR_SERVER error. The
 * caller's own task when nobody intercepts: one task per call is enough.
 */
void
_stellar_request_queue_send_action (StellarRequestQueue *self,
                                    const char          *action,
                                    JsonObject          *params,
                                    StellarTransport     transport,
                                    GTask               *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Request *request;
  gsize body_offset;

  if (transport == STELLAR_TRANSPORT_WEBSOCKET && !(self->ready && self->socket != NULL))
    {
      g_task_return_new_error (task, STELLAR_ERROR, STELLAR_ERROR_NOT_CONNECTED,
                               _("Not connected: the action cannot go over the WebSocket"));
      g_object_unref (task);
      return;
    }

  {
    /* {"event":"action","params":{…,"action":name}}: the name goes last, as
     * the seed appends it to the caller's params. Encoded now, so that the
     * caller may change @params as soon as this returns; in the queue's
     * own buffer, copied once into the request. */
    GString *text = self->encoder;
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    gboolean first = TRUE;

    g_string_truncate (text, 0);
    g_string_append (text, "{\"event\":\"action\",\"params\":");
    body_offset = text->len;
    g_string_append_c (text, '{');
    if (params != NULL)
      json_object_iter_init_ordered (&iter, params);
    while (params != NULL && json_object_iter_next_ordered (&iter, &name, &value))
      {
        if (g_strcmp0 (name, "action") == 0)
          continue;
        if (!first)
          g_string_append_c (text, ',');
        first = FALSE;
        _stellar_json_encode_string_append (text, name);
        g_string_append_c (text, ':');
        _stellar_json_encode_append (text, value);
      }
    if (!first)
      g_string_append_c (text, ',');
    g_string_append (text, "\"action\":");
    _stellar_json_encode_string_append (text, action);
    g_string_append (text, "}}");

    request = request_alloc (self, STELLAR_REQUEST_ACTION, task, text, action);
    request->transport = transport;
    request->body_offset = body_offset;
  }

  if (wire_watched (self))
    request->frame_node = action_frame_node (action, params);

  submit (self, request, STELLAR_REQUEST_DEFAULT, cancellable);
}

/*
 * _stellar_request_queue_send_action_async:
 *
 * The same as _stellar_request_queue_send_action(), with a task of its own.
 */
void
_stellar_request_queue_send_action_async (StellarRequestQueue *self,
                                          const char          *action,
                                          JsonObject          *params,
                                          StellarTransport     transport,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _stellar_request_queue_send_action_async);
  g_task_set_check_cancellable (task, FALSE);
  _stellar_request_queue_send_action (self, action, params, transport, task);
}

JsonNode *
_stellar_request_queue_send_action_finish (StellarRequestQueue  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- replies ----------------------------------------------------------- */

/*
 * _stellar_request_queue_route_reply:
 * @reply: a `context: "response"` frame, holding an object
 *
 * Completes the request the reply answers, with @reply itself. Returns
 * %FALSE with @error set when it answers none: that is for the client to
 * report.
 */
gboolean
_stellar_request_queue_route_reply (StellarRequestQueue  *self,
                                    JsonNode             *reply,
                                    GError              **error)
{
  JsonObject *frame = json_node_get_object (reply);
  JsonNode *count_node = json_object_get_member (frame, "messageCount");
  Request *request;
  gint64 count;

  if (count_node == NULL || !JSON_NODE_HOLDS_VALUE (count_node) ||
      json_node_get_value_type (count_node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                           _("The server sent a reply without a valid messageCount"));
      return FALSE;
    }

  count = json_node_get_int (count_node);
  request = count > 0 && count <= G_MAXUINT
            ? g_hash_table_lookup (self->pending, GUINT_TO_POINTER ((guint)count))
            : NULL;

  if (request == NULL)
    {
      if (count > 0 && count <= G_MAXUINT &&
          g_hash_table_remove (self->late_counts, GUINT_TO_POINTER ((guint)count)))
        {
          g_debug ("Dropped the late reply to request %" G_GINT64_FORMAT, count);
          return TRUE;
        }

      g_set_error (error, STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                   _("The server sent a reply to request %lld, which is not pending"),
                   (long long) count);
      return FALSE;
    }

  g_object_ref (self);
  retire (self, request);
  complete_task (request, reply, check_reply (request, frame, reply));
  request_free (request);

  reschedule_timeout (self);
  pump (self);
  g_object_unref (self);

  return TRUE;
}

/* --- the connection ------------------------------------------------------ */

/* A new connection: its handshake's requests may go. The server starts a
 * new count: mirror it. */
void
_stellar_request_queue_open (StellarRequestQueue *self,
                             StellarPrimusSocket *socket)
{
  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));
  g_return_if_fail (self->socket == NULL);
  g_assert (g_hash_table_size (self->pending) == 0);

  self->socket = g_object_ref (socket);
  self->ready = FALSE;
  self->message_count = 0;
  self->barrier = NULL;
  g_hash_table_remove_all (self->late_counts);
  pump (self);
}

/* The handshake is over: everything may go. */
void
_stellar_request_queue_set_ready (StellarRequestQueue *self)
{
  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));
  g_return_if_fail (self->socket != NULL);

  self->ready = TRUE;
  pump (self);
}

/* Completes and frees requests already taken out of the books. Callbacks
 * may call into the queue again: they only see the books without these. */
static void
fail_taken (GQueue       *taken,
            const GError *error)
{
  Request *request;

  while ((request = g_queue_pop_head (taken)) != NULL)
    {
      complete_task (request, NULL, g_error_copy (error));
      request_free (request);
    }
}

/*
 * _stellar_request_queue_close:
 *
 * The connection is gone: what was sent on it will never be answered, and
 * what its handshake had queued belonged to it. What waits in the outbox
 * waits on; HTTP calls go on.
 */
void
_stellar_request_queue_close (StellarRequestQueue *self,
                              const GError        *error)
{
  GQueue taken = G_QUEUE_INIT;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));

  g_clear_object (&self->socket);
  self->ready = FALSE;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_queue_push_tail (&taken, value);
  for (GList *l = taken.head; l != NULL; l = l->next)
    retire (self, l->data);

  g_assert (self->barrier == NULL);
  g_hash_table_remove_all (self->late_counts);

  while (!g_queue_is_empty (&self->handshake_queue))
    g_queue_push_tail (&taken, g_queue_pop_head (&self->handshake_queue));

  g_object_ref (self);
  fail_taken (&taken, error);
  g_object_unref (self);
}

/* Fails everything not yet sent: the client gives up, or is disposed. */
void
_stellar_request_queue_fail_waiting (StellarRequestQueue *self,
                                     const GError        *error)
{
  GQueue taken = G_QUEUE_INIT;

  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));

  while (!g_queue_is_empty (&self->outbox))
    g_queue_push_tail (&taken, g_queue_pop_head (&self->outbox));

  g_object_ref (self);
  fail_taken (&taken, error);
  g_object_unref (self);
}

/* --- configuration --------------------------------------------------- */

void
_stellar_request_queue_set_simultaneous_actions (StellarRequestQueue *self,
                                                 guint                limit)
{
  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));

  self->simultaneous_actions = limit;
  pump (self);
}

void
_stellar_request_queue_set_timeout (StellarRequestQueue *self,
                                    guint                timeout_ms)
{
  g_return_if_fail (STELLAR_IS_REQUEST_QUEUE (self));

  self->timeout_ms = timeout_ms;
}

/* --- GObject ------------------------------------------------------------ */

static void
stellar_request_queue_finalize (GObject *object)
{
  StellarRequestQueue *self = (StellarRequestQueue *)object;

  /* Every request holds the queue through its task. */
  g_assert (g_queue_is_empty (&self->outbox));
  g_assert (g_queue_is_empty (&self->handshake_queue));
  g_assert (g_hash_table_size (self->pending) == 0);
  g_assert (g_hash_table_size (self->cancel_watches) == 0);

  g_clear_weak_pointer (&self->client);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->late_counts, g_hash_table_unref);
  g_clear_pointer (&self->cancel_watches, g_hash_table_unref);
  g_string_free (g_steal_pointer (&self->encoder), TRUE);
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (stellar_request_queue_parent_class)->finalize (object);
}

static void
stellar_request_queue_class_init (StellarRequestQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_request_queue_finalize;
}

static void
stellar_request_queue_init (StellarRequestQueue *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_queue_init (&self->handshake_queue);
  g_queue_init (&self->outbox);
  g_queue_init (&self->inflight);
  self->encoder = g_string_sized_new (256);
  self->pending = g_hash_table_new (NULL, NULL);
  self->late_counts = g_hash_table_new (NULL, NULL);
  self->cancel_watches = g_hash_table_new (NULL, NULL);
}

/*
 * _stellar_request_queue_new:
 * @client: the client the queue serves; it sends actions over @client's HTTP
 *   side, and builds the frames' JSON for its ::wire handlers
 */
StellarRequestQueue *
_stellar_request_queue_new (StellarClient *client)
{
  StellarRequestQueue *self = g_object_new (STELLAR_TYPE_REQUEST_QUEUE, NULL);

  if (G_UNLIKELY (wire_signal_id == 0))
    wire_signal_id = g_signal_lookup ("wire", STELLAR_TYPE_CLIENT);

  g_set_weak_pointer (&self->client, client);

  return self;
}
