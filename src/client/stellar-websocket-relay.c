/* stellar-websocket-relay.c: a WebSocket read and written in a thread of its own
 *
 * libsoup reads a WebSocket for as long as the socket holds data, and hands
 * out every message it read in that one dispatch of its main context
 * (soup_websocket_connection_read() loops until a read would block). When a
 * server writes faster than its client handles the messages, the dispatch
 * lasts as long as the flood, and a window on that context draws nothing
 * meanwhile.
 *
 * A relay opens the connection from an I/O thread of its own, so that
 * libsoup reads and writes it there, and hands what the connection did to
 * the owner's context in order, at the priority libsoup's own source has
 * there, but SLICE_USEC at a time: when more is waiting, it waits
 * GAP_USEC before the next slice, so that the owner's main loop runs its
 * other sources, GTK's drawing among them, whatever comes.
 * The I/O thread waits once MAX_QUEUED_MESSAGES or MAX_QUEUED_BYTES are not
 * handed over yet, until half of them are, so a client slower than its
 * server holds the server back through TCP, as it does in one thread,
 * rather than keeping the flood in memory.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "stellar-client-config.h"

#include "stellar-websocket-relay-private.h"

#define SLICE_USEC 5000
#define GAP_USEC 1000
#define MAX_QUEUED_MESSAGES STELLAR_WEBSOCKET_RELAY_MAX_MESSAGES
#define MAX_QUEUED_BYTES STELLAR_WEBSOCKET_RELAY_MAX_BYTES

typedef enum {
  EVENT_MESSAGE,
  EVENT_ERROR,
  EVENT_STATE,
} EventKind;

typedef struct
{
  EventKind           kind;
  int                 type;
  GBytes             *message;
  GError             *error;
  SoupWebsocketState  state;
  gushort             close_code;
} Event;

/* Each connection has a thread of its own: one that waits for its owner to
 * catch up must not hold up another's. The thread lives for as long as
 * libsoup has work there: until the connection closed after its owner let
 * go of it (or the upgrade failed), and the upgrade request was done with
 * (libsoup frees its connection from the pool there). The connection's hold
 * goes only once the owner's release ran there, so the thread is there for
 * the owner to post that release to. */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  int           holds;
} IoThread;

struct _StellarWebsocketRelay
{
  /* shared, under the lock */
  GMutex                             lock;
  GCond                              room;      /* the queue has room, or the relay was released */
  GQueue                             incoming;  /* Event *, oldest first */
  guint                              n_messages;
  gsize                              n_bytes;
  gboolean                           io_waiting;
  GQueue                             outgoing;  /* texts to send, oldest first */
  gboolean                           released;
  gboolean                           close_on_release;

  /* the owner's */
  GSource                           *delivery;
  const StellarWebsocketRelayEvents *events;
  gpointer                           owner;

  /* the I/O thread's */
  IoThread                          *thread;
  GSource                           *sending;
  SoupWebsocketConnection           *connection;
  gulong                             handlers[5];
};

/* --- the I/O thread ------------------------------------------------------ */

static gpointer
run_io_thread (gpointer data)
{
  IoThread *thread = data;

  g_main_context_push_thread_default (thread->context);
  g_main_loop_run (thread->loop);
  g_main_context_pop_thread_default (thread->context);

  g_main_loop_unref (thread->loop);
  g_main_context_unref (thread->context);
  g_free (thread);

  return NULL;
}

/* Ends the thread once both the connection and the upgrade request are
 * done with; from any thread. */
static void
io_thread_release (IoThread *thread)
{
  if (g_atomic_int_dec_and_test (&thread->holds))
    g_main_loop_quit (thread->loop);
}

static void
on_upgrade_finalized (gpointer  data,
                      GObject  *message)
{
  io_thread_release (data);
}

static IoThread *
io_thread_start (SoupMessage *upgrade)
{
  IoThread *thread = g_new0 (IoThread, 1);

  thread->context = g_main_context_new ();
  thread->loop = g_main_loop_new (thread->context, FALSE);
  thread->holds = 2;
  g_object_weak_ref (G_OBJECT (upgrade), on_upgrade_finalized, thread);
  g_thread_unref (g_thread_new ("stellar-io", run_io_thread, thread));

  return thread;
}

/* Runs @func in @thread, which may end as soon as @func ran, and let go of
 * its context then. g_source_unref() reads the source's context and locks
 * it with no reference of its own (GLib 2.74, gmain.c): the context could
 * be freed in between. A reference of ours keeps it until then. */
static void
post_to_io_thread (IoThread    *thread,
                   GSourceFunc  func,
                   gpointer     data)
{
  GMainContext *context = g_main_context_ref (thread->context);
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[stellar] I/O request");
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, context);
  g_source_unref (source);
  g_main_context_unref (context);
}

/* A source dispatched whenever its ready time was set to now. */
static gboolean
dispatch_when_ready (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  g_source_set_ready_time (source, -1);

  return callback (user_data);
}

static GSourceFuncs when_ready_funcs = {
  .dispatch = dispatch_when_ready,
};

static GSource *
when_ready_source_new (const char   *name,
                       int           priority,
                       GSourceFunc   func,
                       gpointer      data,
                       GMainContext *context)
{
  GSource *source = g_source_new (&when_ready_funcs, sizeof (GSource));

  g_source_set_static_name (source, name);
  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, context);

  return source;
}

/* --- the relay ----------------------------------------------------------- */

static void
event_free (Event *event)
{
  g_clear_pointer (&event->message, g_bytes_unref);
  g_clear_error (&event->error);
  g_free (event);
}

static void
relay_clear (gpointer data)
{
  StellarWebsocketRelay *self = data;

  g_queue_clear_full (&self->incoming, (GDestroyNotify) event_free);
  g_queue_clear_full (&self->outgoing, g_free);
  g_clear_pointer (&self->delivery, g_source_unref);
  g_clear_pointer (&self->sending, g_source_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->room);
}

static StellarWebsocketRelay *
relay_ref (StellarWebsocketRelay *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
relay_unref (StellarWebsocketRelay *self)
{
  g_atomic_rc_box_release_full (self, relay_clear);
}

/* In the I/O thread: hands @event over, and with a message, waits while
 * the owner has too many to handle still. */
static void
push (StellarWebsocketRelay *self,
      Event                 *event)
{
  g_mutex_lock (&self->lock);
  if (self->released)
    {
      g_mutex_unlock (&self->lock);
      event_free (event);
      return;
    }
  /* Into an empty queue, the owner is woken; it comes back by itself for
   * what it left. Under the lock: once released, the source and its
   * context may go. */
  if (g_queue_is_empty (&self->incoming))
    g_source_set_ready_time (self->delivery, 0);
  g_queue_push_tail (&self->incoming, event);
  if (event->kind == EVENT_MESSAGE)
    {
      self->n_messages++;
      self->n_bytes += g_bytes_get_size (event->message);
    }

  while (!self->released &&
         (self->n_messages >= MAX_QUEUED_MESSAGES || self->n_bytes >= MAX_QUEUED_BYTES))
    {
      self->io_waiting = TRUE;
      g_cond_wait (&self->room, &self->lock);
    }
  self->io_waiting = FALSE;
  g_mutex_unlock (&self->lock);
}

static Event *
event_new (EventKind kind)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  return event;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Event *event = event_new (EVENT_MESSAGE);

  event->type = type;
  event->message = g_bytes_ref (message);
  push (user_data, event);
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          gpointer                 user_data)
{
  Event *event = event_new (EVENT_ERROR);

  event->error = g_error_copy (error);
  push (user_data, event);
}

static void
push_state (StellarWebsocketRelay   *self,
            SoupWebsocketConnection *connection,
            SoupWebsocketState       state)
{
  Event *event = event_new (EVENT_STATE);

  event->state = state;
  event->close_code = soup_websocket_connection_get_close_code (connection);
  push (self, event);
}

static void
on_closing (SoupWebsocketConnection *connection,
            gpointer                 user_data)
{
  push_state (user_data, connection, SOUP_WEBSOCKET_STATE_CLOSING);
}

static void
on_state_changed (SoupWebsocketConnection *connection,
                  GParamSpec              *pspec,
                  gpointer                 user_data)
{
  SoupWebsocketState state = soup_websocket_connection_get_state (connection);

  if (state != SOUP_WEBSOCKET_STATE_OPEN)
    push_state (user_data, connection, state);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  push_state (user_data, connection, SOUP_WEBSOCKET_STATE_CLOSED);
}

/* In the I/O thread: sends what the owner asked to, in order. */
static gboolean
send_outgoing (gpointer user_data)
{
  StellarWebsocketRelay *self = user_data;
  GQueue texts = G_QUEUE_INIT;
  char *text;

  g_mutex_lock (&self->lock);
  texts = self->outgoing;
  g_queue_init (&self->outgoing);
  g_mutex_unlock (&self->lock);

  while ((text = g_queue_pop_head (&texts)) != NULL)
    {
      if (self->connection != NULL &&
          soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_text (self->connection, text);
      g_free (text);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_closed_after_release (SoupWebsocketConnection *connection,
                         gpointer                 user_data)
{
  g_signal_handlers_disconnect_by_func (connection, on_closed_after_release, user_data);
  g_object_unref (connection);
  io_thread_release (user_data);
}

/* In the I/O thread: the owner let go. What it sent goes first; then
 * libsoup ends the connection in the background, and keeps it until the
 * peer answered the close or its own timeout passed. */
static gboolean
release_in_io_thread (gpointer user_data)
{
  StellarWebsocketRelay *self = user_data;
  SoupWebsocketConnection *connection;

  /* the thread's context goes with it: so does its source */
  send_outgoing (self);
  g_source_destroy (self->sending);
  g_clear_pointer (&self->sending, g_source_unref);

  connection = g_steal_pointer (&self->connection);
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], connection);

  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_CLOSED)
    {
      g_object_unref (connection);
      io_thread_release (self->thread);
    }
  else
    {
      g_signal_connect (connection, "closed", G_CALLBACK (on_closed_after_release), self->thread);
      if (self->close_on_release && soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }

  /* the owner's reference, and the one the connection's handlers held */
  relay_unref (self);
  relay_unref (self);

  return G_SOURCE_REMOVE;
}

/* --- the owner's side ---------------------------------------------------- */

static void
deliver_event (StellarWebsocketRelay *self,
               Event                 *event)
{
  const StellarWebsocketRelayEvents *events = self->events;

  switch (event->kind)
    {
    case EVENT_MESSAGE:
      events->message (self->owner, event->type, event->message);
      break;
    case EVENT_ERROR:
      events->error (self->owner, event->error);
      break;
    case EVENT_STATE:
      events->state_changed (self->owner, event->state, event->close_code);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Hands over what the connection did, for at most SLICE_USEC: the rest
 * waits GAP_USEC. */
static gboolean
deliver (gpointer user_data)
{
  StellarWebsocketRelay *self = user_data;
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;

  if (self->events == NULL)
    return G_SOURCE_CONTINUE;

  relay_ref (self);

  while (self->events != NULL)
    {
      Event *event;

      g_mutex_lock (&self->lock);
      event = g_queue_pop_head (&self->incoming);
      if (event != NULL && event->kind == EVENT_MESSAGE)
        {
          self->n_messages--;
          self->n_bytes -= g_bytes_get_size (event->message);
        }
      /* the I/O thread goes on once half the queue is handled */
      if (self->io_waiting &&
          self->n_messages <= MAX_QUEUED_MESSAGES / 2 && self->n_bytes <= MAX_QUEUED_BYTES / 2)
        g_cond_signal (&self->room);
      g_mutex_unlock (&self->lock);

      if (event == NULL)
        break;

      deliver_event (self, event);
      event_free (event);

      if (g_get_monotonic_time () >= deadline)
        {
          if (self->events != NULL)
            g_source_set_ready_time (self->delivery, g_get_monotonic_time () + GAP_USEC);
          break;
        }
    }

  relay_unref (self);

  return G_SOURCE_CONTINUE;
}

/* --- connecting ---------------------------------------------------------- */

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  guint64       max_message_size;
  GMainContext *owner_context;
  IoThread     *thread;
} Connecting;

static void
connecting_free (Connecting *connecting)
{
  g_object_unref (connecting->session);
  g_object_unref (connecting->message);
  g_main_context_unref (connecting->owner_context);
  g_free (connecting);
}

static void
release_unclaimed (gpointer data)
{
  _stellar_websocket_relay_release (data, TRUE);
}

/* In the I/O thread: the connection is libsoup's and the relay's here. */
static StellarWebsocketRelay *
relay_new (SoupWebsocketConnection *connection,
           Connecting              *connecting)
{
  StellarWebsocketRelay *self = g_atomic_rc_box_new0 (StellarWebsocketRelay);

  g_mutex_init (&self->lock);
  g_cond_init (&self->room);
  g_queue_init (&self->incoming);
  g_queue_init (&self->outgoing);
  self->connection = connection;
  self->thread = connecting->thread;

  soup_websocket_connection_set_max_incoming_payload_size (connection, connecting->max_message_size);
#if SOUP_CHECK_VERSION (3, 8, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS /* newer than the API range the build pins */
  soup_websocket_connection_set_max_total_message_size (connection, connecting->max_message_size);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  self->delivery = when_ready_source_new ("[stellar] WebSocket events", G_PRIORITY_DEFAULT,
                                          deliver, self, connecting->owner_context);
  self->sending = when_ready_source_new ("[stellar] WebSocket sending", G_PRIORITY_DEFAULT,
                                         send_outgoing, self, connecting->thread->context);

  /* the connection's handlers hold a reference of their own */
  relay_ref (self);
  self->handlers[0] = g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  self->handlers[1] = g_signal_connect (connection, "error", G_CALLBACK (on_error), self);
  self->handlers[2] = g_signal_connect (connection, "closing", G_CALLBACK (on_closing), self);
  self->handlers[3] = g_signal_connect (connection, "notify::state", G_CALLBACK (on_state_changed), self);
  self->handlers[4] = g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);

  return self;
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connecting *connecting = g_task_get_task_data (task);
  SoupWebsocketConnection *connection;
  GError *error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      io_thread_release (connecting->thread);
      return;
    }

  g_task_return_pointer (task, relay_new (connection, connecting), release_unclaimed);
}

static gboolean
start_connecting (gpointer user_data)
{
  GTask *task = user_data;
  Connecting *connecting = g_task_get_task_data (task);

  /* No subprotocols: Primus offers none, and the server would echo one. */
  soup_session_websocket_connect_async (connecting->session, connecting->message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                        on_connected, task);

  return G_SOURCE_REMOVE;
}

/*
 * _stellar_websocket_relay_connect_async:
 * @session: the session to upgrade through, configured already
 * @message: the upgrade request
 * @max_message_size: the largest message to accept
 *
 * Upgrades @message to a WebSocket from an I/O thread of its own;
 * @message's signals are emitted there. @callback is called in the caller's thread-default
 * context, as are the events of the relay it gets.
 */
void
_stellar_websocket_relay_connect_async (SoupSession         *session,
                                        SoupMessage         *message,
                                        guint64              max_message_size,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Connecting *connecting = g_new0 (Connecting, 1);

  g_task_set_source_tag (task, _stellar_websocket_relay_connect_async);
  connecting->session = g_object_ref (session);
  connecting->message = g_object_ref (message);
  connecting->max_message_size = max_message_size;
  connecting->owner_context = g_main_context_ref_thread_default ();
  connecting->thread = io_thread_start (message);
  g_task_set_task_data (task, connecting, (GDestroyNotify) connecting_free);

  post_to_io_thread (connecting->thread, start_connecting, task);
}

/* Returns: (transfer full): the relay, to let go of with
 *   _stellar_websocket_relay_release() */
StellarWebsocketRelay *
_stellar_websocket_relay_connect_finish (GAsyncResult  *result,
                                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Starts telling @owner what the connection does, from what it did first. */
void
_stellar_websocket_relay_attach (StellarWebsocketRelay             *self,
                                 const StellarWebsocketRelayEvents *events,
                                 gpointer                           owner)
{
  self->events = events;
  self->owner = owner;
  g_source_set_ready_time (self->delivery, 0);
}

/* Sends @text as a text message, after those sent before. */
void
_stellar_websocket_relay_send_text (StellarWebsocketRelay *self,
                                    const char            *text)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->outgoing, g_strdup (text));
  g_mutex_unlock (&self->lock);

  g_source_set_ready_time (self->sending, 0);
}

/*
 * _stellar_websocket_relay_release:
 * @close: whether to start the closing handshake
 *
 * Tells nothing more, and lets go of the connection and of @self.
 */
void
_stellar_websocket_relay_release (StellarWebsocketRelay *self,
                                  gboolean               close)
{
  self->events = NULL;
  self->owner = NULL;

  g_mutex_lock (&self->lock);
  self->released = TRUE;
  self->close_on_release = close;
  g_queue_clear_full (&self->incoming, (GDestroyNotify) event_free);
  self->n_messages = 0;
  self->n_bytes = 0;
  g_cond_broadcast (&self->room);
  g_mutex_unlock (&self->lock);

  /* the I/O thread no longer touches it, and the owner's context may go */
  g_source_destroy (self->delivery);
  g_clear_pointer (&self->delivery, g_source_unref);
  post_to_io_thread (self->thread, release_in_io_thread, self);
}

/* What the owner has not been handed yet: messages, and their bytes. */
void
_stellar_websocket_relay_get_queued (StellarWebsocketRelay *self,
                                     guint                 *n_messages,
                                     gsize                 *n_bytes)
{
  g_mutex_lock (&self->lock);
  *n_messages = self->n_messages;
  *n_bytes = self->n_bytes;
  g_mutex_unlock (&self->lock);
}
