/* stellar-frame-log.c: the protocol inspector's bounded record of frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-frame-classify-private.h"
#include "stellar-frame-log-private.h"
#include "stellar-frame-private.h"

#define MAX_BATCH_DELAY_USEC (100 * 1000)

/* A request waiting for its response, by the count the server will answer
 * with. Only ids are kept, so a request that left the ring still pairs. */
typedef struct {
  guint64          id;
  gint64           time_us;
  StellarFrameKind kind;
} PendingRequest;

/* A GListModel of the last #StellarFrameLog:capacity frames (fewer when
 * they hold more than #StellarFrameLog:max-bytes of text), oldest first.
 * Ids are consecutive, so the frames in the ring are too, and finding a
 * frame by id is arithmetic.
 *
 * The model follows the ring in batches: a flood brings thousands of
 * frames a second, and a change of the model costs its views work in
 * proportion to what they show (a filter, the whole of it). What the model
 * shows is the frames that left the ring since the last batch (`leaving`),
 * then the ring's frames up to `shown_end`; a batch removes the first at
 * the head and adds the new ones at the end, in two changes, when the main
 * loop is idle or once the batch is MAX_BATCH_DELAY_USEC old. While paused,
 * no batch is published: the model stays as it was, and what it holds is
 * bounded by twice the capacity.
 *
 * Pairing mirrors the client's count (docs/wire-protocol.md 6.3): every
 * Stellar frame the client sends, heartbeats excluded, takes the next
 * number of the connection; a response carries the number of the request
 * it answers. A connection's count starts again at 1. The library sends
 * its first request right after the upgrade, usually before the welcome
 * has arrived, so the owner should call
 * stellar_frame_log_mark_disconnected() when a connection is lost; a
 * welcome that was not preceded by that mark still starts a new
 * connection, taking along the requests sent since the last frame
 * received. */
struct _StellarFrameLog
{
  GObject        parent_instance;

  StellarFrame **ring;
  guint          capacity;
  guint          head;
  guint          n;
  guint64        n_bytes;
  guint64        max_bytes;
  guint64        next_id;

  /* What the model shows: the frames that left the ring since the last
   * batch, oldest first, then the ring's frames below this id. */
  GPtrArray     *leaving;
  guint64        shown_end;
  guint          publish_source;
  gint64         batch_started;
  guint          held_back;

  /* The current connection's count and the requests it awaits. */
  GHashTable    *pending;
  gint64         oldest_pending;
  gint64         sent_count;
  guint          connection;
  guint64        last_incoming_id;

  guint          paused : 1;
  guint          welcomed : 1;
};

enum {
  PROP_0,
  PROP_CAPACITY,
  PROP_MAX_BYTES,
  PROP_N_BYTES,
  PROP_PAUSED,
  PROP_HELD_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
stellar_frame_log_get_item_type (GListModel *model)
{
  return STELLAR_TYPE_FRAME;
}

static inline StellarFrame *
ring_at (StellarFrameLog *self,
         guint            position)
{
  return self->ring[(self->head + position) % self->capacity];
}

/* How many of the ring's frames the model shows. */
static guint
n_shown_in_ring (StellarFrameLog *self)
{
  guint64 first;

  if (self->n == 0)
    return 0;

  first = stellar_frame_get_id (ring_at (self, 0));
  return self->shown_end > first ? self->shown_end - first : 0;
}

static guint
stellar_frame_log_get_n_items (GListModel *model)
{
  StellarFrameLog *self = STELLAR_FRAME_LOG (model);

  return self->leaving->len + n_shown_in_ring (self);
}

static gpointer
stellar_frame_log_get_item (GListModel *model,
                            guint       position)
{
  StellarFrameLog *self = STELLAR_FRAME_LOG (model);

  if (position < self->leaving->len)
    return g_object_ref (g_ptr_array_index (self->leaving, position));

  position -= self->leaving->len;
  return position < n_shown_in_ring (self) ? g_object_ref (ring_at (self, position)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = stellar_frame_log_get_item_type;
  iface->get_n_items = stellar_frame_log_get_n_items;
  iface->get_item = stellar_frame_log_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StellarFrameLog, stellar_frame_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* --- the ring ------------------------------------------------------------ */

static StellarFrame *
find_in_ring (StellarFrameLog *self,
              guint64          id)
{
  guint64 first;

  if (self->n == 0)
    return NULL;

  first = stellar_frame_get_id (ring_at (self, 0));
  if (id < first || id - first >= self->n)
    return NULL;

  return ring_at (self, id - first);
}

/* A frame the model shows stays in it until the next batch. */
static void
evict_oldest (StellarFrameLog *self)
{
  StellarFrame *oldest = g_steal_pointer (&self->ring[self->head]);

  self->head = (self->head + 1) % self->capacity;
  self->n--;
  self->n_bytes -= stellar_frame_get_size (oldest);

  if (stellar_frame_get_id (oldest) < self->shown_end)
    g_ptr_array_add (self->leaving, oldest);
  else
    g_object_unref (oldest);
}

/* The model catches up with the ring: what left goes at the head, then
 * what came is added at the end. */
static void
publish (StellarFrameLog *self)
{
  guint removed = self->leaving->len;
  guint kept = n_shown_in_ring (self);
  guint added = self->n - kept;

  g_clear_handle_id (&self->publish_source, g_source_remove);

  if (removed > 0)
    {
      g_ptr_array_set_size (self->leaving, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }

  self->shown_end = self->next_id;
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, added);
}

static gboolean
publish_when_idle (gpointer user_data)
{
  StellarFrameLog *self = user_data;

  self->publish_source = 0;
  publish (self);

  return G_SOURCE_REMOVE;
}

/* The ring changed: the model follows soon, or now when the batch is old
 * (a flood keeps the main loop too busy to be idle). */
static void
schedule_publish (StellarFrameLog *self)
{
  if (self->paused)
    return;

  if (self->publish_source == 0)
    {
      self->batch_started = g_get_monotonic_time ();
      self->publish_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, publish_when_idle, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->publish_source),
                                "[stellar] frame log batch");
    }
  else if (g_get_monotonic_time () - self->batch_started > MAX_BATCH_DELAY_USEC)
    {
      publish (self);
    }
}

/* The @count oldest frames leave. */
static void
evict (StellarFrameLog *self,
       guint            count)
{
  if (count == 0)
    return;

  for (guint i = 0; i < count; i++)
    evict_oldest (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BYTES]);
}

/* How many of the oldest frames must leave to hold @incoming more bytes
 * within #StellarFrameLog:max-bytes and @capacity frames. The newest frame
 * (the one coming, if any) stays, even when it alone is over the limit. */
static guint
count_excess (StellarFrameLog *self,
              gsize            incoming,
              guint            capacity,
              gboolean         adding)
{
  guint count = self->n > capacity ? self->n - capacity : 0;
  guint last = adding ? self->n : MAX (self->n, 1) - 1;
  guint64 bytes = self->n_bytes;

  for (guint i = 0; i < count; i++)
    bytes -= stellar_frame_get_size (ring_at (self, i));

  while (count < last && bytes + incoming > self->max_bytes)
    bytes -= stellar_frame_get_size (ring_at (self, count++));

  return count;
}

static void
push (StellarFrameLog *self,
      StellarFrame    *frame)
{
  gsize size = stellar_frame_get_size (frame);

  evict (self, count_excess (self, size, self->capacity - 1, TRUE));

  self->ring[(self->head + self->n) % self->capacity] = frame;
  self->n++;
  self->n_bytes += size;

  if (self->paused)
    {
      self->held_back++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD_BACK]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BYTES]);

  schedule_publish (self);
}

/* --- pairing ------------------------------------------------------------- */

static void
add_pending (StellarFrameLog  *self,
             gint64            count,
             guint64           id,
             gint64            time_us,
             StellarFrameKind  kind)
{
  PendingRequest *request = g_new (PendingRequest, 1);

  request->id = id;
  request->time_us = time_us;
  request->kind = kind;
  g_hash_table_insert (self->pending, GSIZE_TO_POINTER ((gsize) count), request);

  /* Requests never answered would pile up: past the capacity, the oldest
   * is given up. Counts rise, so the oldest is the lowest. */
  while (g_hash_table_size (self->pending) > self->capacity)
    g_hash_table_remove (self->pending, GSIZE_TO_POINTER ((gsize) self->oldest_pending++));
}

static int
compare_pending_ids (gconstpointer a,
                     gconstpointer b)
{
  const PendingRequest *first = *(PendingRequest * const *) a;
  const PendingRequest *second = *(PendingRequest * const *) b;

  return first->id < second->id ? -1 : first->id > second->id;
}

/* Starts the count of a new connection. With @carry_unanswered, requests
 * sent since the last frame received move to it: they went out on the new
 * connection before its welcome came in. */
static void
start_connection (StellarFrameLog *self,
                  gboolean         carry_unanswered)
{
  g_autoptr(GPtrArray) carried = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PendingRequest *request = value;

      if (carry_unanswered && request->id > self->last_incoming_id)
        {
          g_hash_table_iter_steal (&iter);
          g_ptr_array_add (carried, request);
        }
    }
  g_ptr_array_sort (carried, compare_pending_ids);

  g_hash_table_remove_all (self->pending);
  self->connection++;
  self->sent_count = 0;
  self->oldest_pending = 1;
  self->welcomed = FALSE;

  for (guint i = 0; i < carried->len; i++)
    {
      PendingRequest *request = g_ptr_array_index (carried, i);
      StellarFrame *frame = find_in_ring (self, request->id);
      gint64 count = ++self->sent_count;

      if (frame != NULL)
        _stellar_frame_set_message_count (frame, count, self->connection);
      g_hash_table_insert (self->pending, GSIZE_TO_POINTER ((gsize) count), request);
    }
}

/* Finds the request a response answers, and pairs the two. Returns the
 * request's kind, or %STELLAR_FRAME_N_KINDS when none awaits @count. */
static StellarFrameKind
pair_response (StellarFrameLog *self,
               gint64           count,
               guint64          response_id,
               gint64           time_us,
               guint64         *request_id,
               gint64          *latency_ms)
{
  gpointer key = GSIZE_TO_POINTER ((gsize) count);
  PendingRequest *request = g_hash_table_lookup (self->pending, key);
  StellarFrameKind kind;
  StellarFrame *request_frame;

  if (request == NULL)
    return STELLAR_FRAME_N_KINDS;

  *request_id = request->id;
  *latency_ms = MAX (time_us - request->time_us, 0) / 1000;
  kind = request->kind;

  request_frame = find_in_ring (self, request->id);
  if (request_frame != NULL)
    _stellar_frame_set_peer (request_frame, response_id, *latency_ms);

  g_hash_table_remove (self->pending, key);
  return kind;
}

/* --- the object ---------------------------------------------------------- */

static void
stellar_frame_log_finalize (GObject *object)
{
  StellarFrameLog *self = STELLAR_FRAME_LOG (object);

  g_clear_handle_id (&self->publish_source, g_source_remove);
  for (guint i = 0; i < self->n; i++)
    g_object_unref (ring_at (self, i));
  g_free (self->ring);
  g_clear_pointer (&self->leaving, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (stellar_frame_log_parent_class)->finalize (object);
}

static void
stellar_frame_log_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StellarFrameLog *self = STELLAR_FRAME_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;

    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;

    case PROP_N_BYTES:
      g_value_set_uint64 (value, self->n_bytes);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_HELD_BACK:
      g_value_set_uint (value, self->held_back);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_log_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StellarFrameLog *self = STELLAR_FRAME_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      stellar_frame_log_set_capacity (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BYTES:
      stellar_frame_log_set_max_bytes (self, g_value_get_uint64 (value));
      break;

    case PROP_PAUSED:
      stellar_frame_log_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_frame_log_class_init (StellarFrameLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_frame_log_finalize;
  object_class->get_property = stellar_frame_log_get_property;
  object_class->set_property = stellar_frame_log_set_property;

  /**
   * StellarFrameLog:capacity:
   *
   * How many frames the log keeps; older ones leave as new ones come.
   */
  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL,
                       1, G_MAXUINT / 2, STELLAR_FRAME_LOG_DEFAULT_CAPACITY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarFrameLog:max-bytes:
   *
   * How many bytes of frame text the log keeps at most. The newest frame
   * stays even when it alone is larger.
   */
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL,
                         1, G_MAXUINT64, STELLAR_FRAME_LOG_DEFAULT_MAX_BYTES,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarFrameLog:n-bytes:
   *
   * How many bytes of frame text the log holds now.
   */
  properties[PROP_N_BYTES] =
    g_param_spec_uint64 ("n-bytes", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarFrameLog:paused:
   *
   * While paused, the log goes on recording but the model does not
   * change; resuming shows what the log holds then.
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarFrameLog:held-back:
   *
   * How many frames arrived while paused (some may have left the log
   * again since).
   */
  properties[PROP_HELD_BACK] =
    g_param_spec_uint ("held-back", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_frame_log_init (StellarFrameLog *self)
{
  self->next_id = 1;
  self->connection = 1;
  self->oldest_pending = 1;
  self->pending = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->leaving = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * stellar_frame_log_new:
 * @capacity: how many frames to keep
 *
 * Returns: (transfer full): a new, empty log
 */
StellarFrameLog *
stellar_frame_log_new (guint capacity)
{
  return g_object_new (STELLAR_TYPE_FRAME_LOG,
                       "capacity", capacity,
                       NULL);
}

/**
 * stellar_frame_log_get_capacity:
 * @self: a #StellarFrameLog
 *
 * Returns: how many frames the log keeps
 */
guint
stellar_frame_log_get_capacity (StellarFrameLog *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), 0);

  return self->capacity;
}

/**
 * stellar_frame_log_set_capacity:
 * @self: a #StellarFrameLog
 * @capacity: how many frames to keep, at least 1
 *
 * The oldest frames leave when the log holds more.
 */
void
stellar_frame_log_set_capacity (StellarFrameLog *self,
                                guint            capacity)
{
  StellarFrame **ring;

  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));
  g_return_if_fail (capacity >= 1);

  if (self->capacity == capacity)
    return;

  if (self->ring != NULL)
    evict (self, count_excess (self, 0, capacity, FALSE));

  ring = g_new0 (StellarFrame *, capacity);
  for (guint i = 0; i < self->n; i++)
    ring[i] = ring_at (self, i);
  g_free (self->ring);
  self->ring = ring;
  self->head = 0;
  self->capacity = capacity;

  if (!self->paused)
    publish (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

/**
 * stellar_frame_log_get_max_bytes:
 * @self: a #StellarFrameLog
 *
 * Returns: how many bytes of frame text the log keeps at most
 */
guint64
stellar_frame_log_get_max_bytes (StellarFrameLog *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), 0);

  return self->max_bytes;
}

/**
 * stellar_frame_log_set_max_bytes:
 * @self: a #StellarFrameLog
 * @max_bytes: how many bytes of frame text to keep at most
 */
void
stellar_frame_log_set_max_bytes (StellarFrameLog *self,
                                 guint64          max_bytes)
{
  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));
  g_return_if_fail (max_bytes >= 1);

  if (self->max_bytes == max_bytes)
    return;

  self->max_bytes = max_bytes;
  if (self->ring != NULL)
    evict (self, count_excess (self, 0, self->capacity, FALSE));
  if (!self->paused)
    publish (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

/**
 * stellar_frame_log_get_n_bytes:
 * @self: a #StellarFrameLog
 *
 * Returns: how many bytes of frame text the log holds
 */
guint64
stellar_frame_log_get_n_bytes (StellarFrameLog *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), 0);

  return self->n_bytes;
}

/**
 * stellar_frame_log_get_paused:
 * @self: a #StellarFrameLog
 *
 * Returns: whether the model is held still
 */
gboolean
stellar_frame_log_get_paused (StellarFrameLog *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), FALSE);

  return self->paused;
}

/**
 * stellar_frame_log_set_paused:
 * @self: a #StellarFrameLog
 * @paused: whether to hold the model still
 */
void
stellar_frame_log_set_paused (StellarFrameLog *self,
                              gboolean         paused)
{
  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  /* Pausing keeps what came until now; resuming shows what came since. */
  if (paused)
    publish (self);

  self->paused = paused;

  if (!paused)
    {
      publish (self);
      if (self->held_back != 0)
        {
          self->held_back = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD_BACK]);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * stellar_frame_log_get_held_back:
 * @self: a #StellarFrameLog
 *
 * Returns: how many frames arrived while paused
 */
guint
stellar_frame_log_get_held_back (StellarFrameLog *self)
{
  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), 0);

  return self->held_back;
}

/**
 * stellar_frame_log_append:
 * @self: a #StellarFrameLog
 * @outgoing: whether the client sent the frame
 * @text: the frame's text, exactly as on the wire
 * @frame: (nullable): the frame's JSON as the client already parsed or
 *   built it, or %NULL when the text is not JSON; only read during the call
 * @real_time_us: when the frame went or came (g_get_real_time())
 *
 * Records a frame: its kind, label and count, paired with the request it
 * answers. The oldest frames leave when the log is full. The model shows
 * the frame with the next batch (stellar_frame_log_flush()).
 *
 * Returns: the frame's id, for stellar_frame_log_lookup()
 */
guint64
stellar_frame_log_append (StellarFrameLog *self,
                          gboolean         outgoing,
                          const char      *text,
                          JsonNode        *frame,
                          gint64           real_time_us)
{
  StellarFrame *item;
  StellarFrameKind kind;
  gboolean counted;
  gint64 count;
  guint64 id;
  guint64 peer_id = 0;
  gint64 latency_ms = -1;

  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  id = self->next_id++;
  kind = _stellar_frame_classify (outgoing, frame, &counted, &count);

  if (kind == STELLAR_FRAME_KIND_WELCOME)
    {
      if (self->welcomed)
        start_connection (self, TRUE);
      self->welcomed = TRUE;
    }

  if (counted)
    {
      count = ++self->sent_count;
      add_pending (self, count, id, real_time_us, kind);
    }
  else if (count > 0)
    {
      StellarFrameKind request_kind = pair_response (self, count, id, real_time_us, &peer_id, &latency_ms);

      /* the request says best what its response is */
      if (request_kind == STELLAR_FRAME_KIND_ACTION_REQUEST)
        kind = STELLAR_FRAME_KIND_ACTION_RESPONSE;
      else if (request_kind != STELLAR_FRAME_N_KINDS)
        kind = STELLAR_FRAME_KIND_VERB_REPLY;
    }

  if (!outgoing)
    self->last_incoming_id = id;

  item = _stellar_frame_new (id, outgoing, text, real_time_us, kind,
                             self->connection, count, peer_id, latency_ms);

  push (self, item);
  return id;
}

/**
 * stellar_frame_log_mark_disconnected:
 * @self: a #StellarFrameLog
 *
 * Says that the connection was lost: frames sent from now on belong to the
 * next connection, whose count starts again, and requests still awaiting
 * their response never get one.
 */
void
stellar_frame_log_mark_disconnected (StellarFrameLog *self)
{
  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));

  start_connection (self, FALSE);
}

/**
 * stellar_frame_log_clear:
 * @self: a #StellarFrameLog
 *
 * Forgets every frame, paused or not. Requests still awaiting their
 * response pair with it when it comes.
 */
void
stellar_frame_log_clear (StellarFrameLog *self)
{
  guint shown;

  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));

  shown = g_list_model_get_n_items (G_LIST_MODEL (self));

  g_clear_handle_id (&self->publish_source, g_source_remove);
  for (guint i = 0; i < self->n; i++)
    g_clear_object (&self->ring[(self->head + i) % self->capacity]);
  self->n = 0;
  self->n_bytes = 0;
  self->head = 0;
  self->shown_end = self->next_id;
  g_ptr_array_set_size (self->leaving, 0);

  if (shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, 0);
  if (self->held_back != 0)
    {
      self->held_back = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD_BACK]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BYTES]);
}

/**
 * stellar_frame_log_lookup:
 * @self: a #StellarFrameLog
 * @id: a frame's id
 * @position: (out) (optional): where the model shows the frame
 *
 * Finds a frame, for "Inspect frame" and for going from a request to its
 * response.
 *
 * Returns: %TRUE when the model shows the frame; %FALSE when it left the
 *   model, or is not in it yet (it arrived while paused, or since the last
 *   batch)
 */
gboolean
stellar_frame_log_lookup (StellarFrameLog *self,
                          guint64          id,
                          guint           *position)
{
  guint n_leaving;
  guint64 first;
  guint offset;

  g_return_val_if_fail (STELLAR_IS_FRAME_LOG (self), FALSE);

  /* Both parts hold consecutive ids. */
  n_leaving = self->leaving->len;
  if (n_leaving > 0)
    {
      first = stellar_frame_get_id (g_ptr_array_index (self->leaving, 0));
      if (id >= first && id - first < n_leaving)
        {
          offset = id - first;
          goto found;
        }
    }

  if (n_shown_in_ring (self) == 0)
    return FALSE;

  first = stellar_frame_get_id (ring_at (self, 0));
  if (id < first || id - first >= n_shown_in_ring (self))
    return FALSE;
  offset = n_leaving + (id - first);

found:
  if (position != NULL)
    *position = offset;
  return TRUE;
}

/**
 * stellar_frame_log_set_added_params:
 * @self: a #StellarFrameLog
 * @id: the id of an action request the log holds
 * @keys: (array zero-terminated=1): the parameters an interceptor added to
 *   the call, such as default parameters
 *
 * Notes what the request carries that its caller did not give; a frame
 * that already left the log is let be.
 */
void
stellar_frame_log_set_added_params (StellarFrameLog    *self,
                                    guint64             id,
                                    const char * const *keys)
{
  StellarFrame *frame;

  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));
  g_return_if_fail (keys != NULL);

  frame = find_in_ring (self, id);
  if (frame != NULL)
    _stellar_frame_set_added_params (frame, keys);
}

/**
 * stellar_frame_log_flush:
 * @self: a #StellarFrameLog
 *
 * The model shows the frames recorded so far now, rather than with the
 * next batch; nothing changes while paused.
 */
void
stellar_frame_log_flush (StellarFrameLog *self)
{
  g_return_if_fail (STELLAR_IS_FRAME_LOG (self));

  if (!self->paused)
    publish (self);
}

GArray *
_stellar_frame_log_snapshot (StellarFrameLog *self)
{
  GArray *frames = g_array_sized_new (FALSE, FALSE, sizeof (StellarFrameSnapshot), self->n);

  for (guint i = 0; i < self->n; i++)
    {
      StellarFrame *frame = ring_at (self, i);
      StellarFrameSnapshot snapshot = {
        .frame = g_object_ref (frame),
        .message_count = stellar_frame_get_message_count (frame),
        .peer_id = stellar_frame_get_peer_id (frame),
        .latency_ms = stellar_frame_get_latency_ms (frame),
        .connection = stellar_frame_get_connection (frame),
        .added_params = g_strdupv ((char **) stellar_frame_get_added_params (frame)),
      };

      g_array_append_val (frames, snapshot);
    }

  return frames;
}
