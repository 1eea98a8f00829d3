/* stellar-load-test.c: one action called many times, and measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-runner"

#include "config.h"

#include <math.h>

#include "stellar-load-report-private.h"
#include "stellar-load-test.h"
#include "stellar-load-thread-private.h"

/* Calls an action `count` times through the client's own action call, with
 * at most `in-flight` calls under way: each call that ends starts the next,
 * so the server always has that many to answer. With a `rate`, calls start
 * on a schedule instead (still never more than `in-flight` at once), and
 * the report shows whether the server kept up.
 *
 * The runner must not be what limits the measure: per call it does what any
 * caller does (one action call, one callback) plus two clock reads and
 * twelve bytes of record. Progress is announced ten times a second, never
 * per call, so a window showing it costs nothing per call either.
 *
 * With `own-connection`, a StellarLoadThread makes the calls through a
 * client of its own, in a thread of its own, with one of these there; the
 * test here only tells its progress and hands its report over. */

#define PROGRESS_INTERVAL_MS 100
#define PACE_INTERVAL_MS 10

struct _StellarLoadTest
{
  GObject            parent_instance;

  StellarClient     *client;
  char              *action;
  JsonObject        *params;
  guint              count;
  guint              in_flight;
  double             rate;
  StellarTransport   transport;
  gboolean           own_connection;

  /* while running */
  GTask             *task;
  gulong             cancelled_handler;
  StellarLoadReport *report;
  gint64             started_at;
  guint              issued;
  guint              outstanding;
  guint              completed;
  guint              failed;
  gboolean           stopping;
  GSource           *progress_source;
  GSource           *pace_source;
  StellarLoadThread *thread;
  guint              announced_completed;
  guint              announced_failed;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACTION,
  PROP_PARAMS,
  PROP_COUNT,
  PROP_IN_FLIGHT,
  PROP_RATE,
  PROP_TRANSPORT,
  PROP_OWN_CONNECTION,
  PROP_RUNNING,
  PROP_COMPLETED,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarLoadTest, stellar_load_test, G_TYPE_OBJECT)

typedef struct {
  StellarLoadTest *self;
  gint64           started_at;
} Call;

static void issue_calls (StellarLoadTest *self);

static const char *
transport_name (StellarTransport transport)
{
  switch (transport)
    {
    case STELLAR_TRANSPORT_WEBSOCKET:
      return "websocket";
    case STELLAR_TRANSPORT_HTTP:
      return "http";
    case STELLAR_TRANSPORT_AUTO:
    default:
      return "auto";
    }
}

/* A short name for the way a call failed: the server's error code where it
 * gave one ("004"), else what went wrong on the way. */
static const char *
error_code (const GError *error)
{
  JsonNode *response;
  JsonNode *server_error;

  if (error->domain != STELLAR_ERROR)
    return "failed";

  switch ((StellarError) error->code)
    {
    case STELLAR_ERROR_SERVER:
      response = stellar_error_get_response (error);
      if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
        return "server";
      server_error = json_object_get_member (json_node_get_object (response), "error");
      if (server_error != NULL && JSON_NODE_HOLDS_OBJECT (server_error))
        {
          JsonNode *code = json_object_get_member (json_node_get_object (server_error), "code");

          if (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
              json_node_get_value_type (code) == G_TYPE_STRING)
            return json_node_get_string (code);

          /* {"error":{"field":"what is wrong with it"}} */
          return "validation";
        }
      return "server";

    case STELLAR_ERROR_TIMEOUT:
      return "timeout";
    case STELLAR_ERROR_DISCONNECTED:
      return "disconnected";
    case STELLAR_ERROR_NOT_CONNECTED:
      return "not-connected";
    case STELLAR_ERROR_PROTOCOL:
      return "protocol";
    case STELLAR_ERROR_INVALID_ARGUMENT:
      return "invalid-argument";
    case STELLAR_ERROR_FAILED:
    default:
      return "failed";
    }
}

static void
announce_progress (StellarLoadTest *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->announced_completed != self->completed)
    {
      self->announced_completed = self->completed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED]);
    }

  if (self->announced_failed != self->failed)
    {
      self->announced_failed = self->failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
on_progress_tick (gpointer user_data)
{
  StellarLoadTest *self = user_data;

  if (self->thread != NULL)
    _stellar_load_thread_get_progress (self->thread, &self->completed, &self->failed);
  announce_progress (self);

  return G_SOURCE_CONTINUE;
}

/* On the caller's thread-default context: a run on a thread of its own
 * (StellarLoadThread) runs one of these there. */
static GSource *
add_timeout (guint       interval_ms,
             GSourceFunc func,
             gpointer    user_data)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_static_name (source, "[stellar] load run");
  g_source_set_callback (source, func, user_data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());

  return source;
}

static void
remove_timeout (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
finish_run (StellarLoadTest *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(StellarLoadReport) report = g_steal_pointer (&self->report);

  remove_timeout (&self->progress_source);
  remove_timeout (&self->pace_source);
  g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_handler);
  self->cancelled_handler = 0;

  _stellar_load_report_finish (report, g_get_monotonic_time () - self->started_at,
                               self->stopping && self->issued < self->count);

  announce_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

/* The run on a connection of its own is over, and its thread done. */
static void
on_thread_done (StellarLoadReport *report,
                GError            *error,
                gpointer           user_data)
{
  StellarLoadTest *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(StellarLoadReport) owned_report = report;

  _stellar_load_thread_get_progress (self->thread, &self->completed, &self->failed);
  g_clear_pointer (&self->thread, _stellar_load_thread_free);
  remove_timeout (&self->progress_source);
  g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_handler);
  self->cancelled_handler = 0;

  announce_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&owned_report), g_object_unref);
}

static void
on_call_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  StellarLoadTest *self = call->self;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  response = stellar_client_action_finish (STELLAR_CLIENT (object), result, &error);
  now = g_get_monotonic_time ();

  self->outstanding--;

  /* A cancelled run reports nothing: what it cut short is not a measure. */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      _stellar_load_report_add_call (self->report,
                                     call->started_at - self->started_at,
                                     now - call->started_at,
                                     error != NULL ? error_code (error) : NULL,
                                     error != NULL ? error->message : NULL);
      if (error == NULL)
        self->completed++;
      else
        self->failed++;

      issue_calls (self);
    }

  /* A cancelled run is stopping too. */
  if (self->outstanding == 0 && (self->issued == self->count || self->stopping))
    finish_run (self);

  g_object_unref (self);
  g_free (call);
}

static void
issue_call (StellarLoadTest *self)
{
  Call *call = g_new (Call, 1);

  call->self = g_object_ref (self);
  call->started_at = g_get_monotonic_time ();
  self->issued++;
  self->outstanding++;

  stellar_client_action_full_async (self->client, self->action, self->params, self->transport,
                                    g_task_get_cancellable (self->task), on_call_done, call);
}

/* Starts what may start now: up to `in-flight` at once, and with a rate no
 * more than the schedule allows so far. */
static void
issue_calls (StellarLoadTest *self)
{
  guint due = self->count;

  if (self->stopping)
    return;

  if (self->rate > 0)
    {
      double elapsed = (g_get_monotonic_time () - self->started_at) / (double) G_USEC_PER_SEC;

      due = (guint) MIN ((double) self->count, floor (elapsed * self->rate) + 1);
    }

  while (self->issued < due && self->outstanding < self->in_flight)
    issue_call (self);
}

static gboolean
on_pace_tick (gpointer user_data)
{
  StellarLoadTest *self = user_data;

  issue_calls (self);

  if (self->issued < self->count && !self->stopping)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->pace_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  StellarLoadTest *self = user_data;

  /* The calls under way fail with G_IO_ERROR_CANCELLED, and the last one
   * ends the run; stop starting new ones. */
  self->stopping = TRUE;
}

/* --- GObject ------------------------------------------------------------- */

static void
stellar_load_test_finalize (GObject *object)
{
  StellarLoadTest *self = STELLAR_LOAD_TEST (object);

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->params, json_object_unref);

  G_OBJECT_CLASS (stellar_load_test_parent_class)->finalize (object);
}

static void
stellar_load_test_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StellarLoadTest *self = STELLAR_LOAD_TEST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_PARAMS:
      g_value_set_boxed (value, self->params);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_IN_FLIGHT:
      g_value_set_uint (value, self->in_flight);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;

    case PROP_OWN_CONNECTION:
      g_value_set_boolean (value, self->own_connection);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;

    case PROP_COMPLETED:
      g_value_set_uint (value, self->announced_completed);
      break;

    case PROP_FAILED:
      g_value_set_uint (value, self->announced_failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_load_test_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StellarLoadTest *self = STELLAR_LOAD_TEST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ACTION:
      self->action = g_value_dup_string (value);
      break;

    case PROP_PARAMS:
      self->params = g_value_dup_boxed (value);
      break;

    case PROP_COUNT:
      stellar_load_test_set_count (self, g_value_get_uint (value));
      break;

    case PROP_IN_FLIGHT:
      stellar_load_test_set_in_flight (self, g_value_get_uint (value));
      break;

    case PROP_RATE:
      stellar_load_test_set_rate (self, g_value_get_double (value));
      break;

    case PROP_TRANSPORT:
      stellar_load_test_set_transport (self, g_value_get_enum (value));
      break;

    case PROP_OWN_CONNECTION:
      stellar_load_test_set_own_connection (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_load_test_class_init (StellarLoadTestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_load_test_finalize;
  object_class->get_property = stellar_load_test_get_property;
  object_class->set_property = stellar_load_test_set_property;

  /**
   * StellarLoadTest:client:
   *
   * The client whose action calls are measured.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         STELLAR_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:action:
   *
   * The action called.
   */
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:params:
   *
   * The parameters of every call; the client does not change them.
   */
  properties[PROP_PARAMS] =
    g_param_spec_boxed ("params", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:count:
   *
   * How many calls a run makes.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       1, G_MAXUINT, 100,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:in-flight:
   *
   * How many calls may be under way at once. The client itself sends at
   * most its own `simultaneous-actions` over the WebSocket and queues the
   * rest.
   */
  properties[PROP_IN_FLIGHT] =
    g_param_spec_uint ("in-flight", NULL, NULL,
                       1, G_MAXUINT, 5,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:rate:
   *
   * Calls to start per second, or 0 to start the next as soon as one ends.
   */
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:transport:
   *
   * Which transport carries the calls.
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL,
                       STELLAR_TYPE_TRANSPORT,
                       STELLAR_TRANSPORT_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:own-connection:
   *
   * Whether a run calls through a connection of its own, opened like the
   * client's (its URL, its session id, so the server sees the same
   * session, and its settings), from a thread of its own, rather than
   * through the client. The client's own calls then never wait behind the
   * run's, and its main loop is not the run's. The connection stays open
   * for the next run like it, until it has been unused for a minute or the
   * client disconnects or is finalized.
   */
  properties[PROP_OWN_CONNECTION] =
    g_param_spec_boolean ("own-connection", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:running:
   *
   * Whether a run is under way.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:completed:
   *
   * Calls of the current run that succeeded so far, updated ten times a
   * second.
   */
  properties[PROP_COMPLETED] =
    g_param_spec_uint ("completed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarLoadTest:failed:
   *
   * Calls of the current run that failed so far, updated ten times a
   * second.
   */
  properties[PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_load_test_init (StellarLoadTest *self)
{
  self->count = 100;
  self->in_flight = 5;
  self->transport = STELLAR_TRANSPORT_AUTO;
}

/**
 * stellar_load_test_new:
 * @client: the client to call through
 * @action: the action to call
 * @params: (nullable): the parameters of every call
 *
 * Returns: (transfer full): a load test of 100 calls, 5 at a time
 */
StellarLoadTest *
stellar_load_test_new (StellarClient *client,
                       const char    *action,
                       JsonObject    *params)
{
  g_return_val_if_fail (STELLAR_IS_CLIENT (client), NULL);
  g_return_val_if_fail (action != NULL, NULL);

  return g_object_new (STELLAR_TYPE_LOAD_TEST,
                       "client", client,
                       "action", action,
                       "params", params,
                       NULL);
}

guint
stellar_load_test_get_count (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), 0);

  return self->count;
}

void
stellar_load_test_set_count (StellarLoadTest *self,
                             guint            count)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (count > 0);
  g_return_if_fail (self->task == NULL);

  if (self->count == count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

guint
stellar_load_test_get_in_flight (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), 0);

  return self->in_flight;
}

void
stellar_load_test_set_in_flight (StellarLoadTest *self,
                                 guint            in_flight)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (in_flight > 0);
  g_return_if_fail (self->task == NULL);

  if (self->in_flight == in_flight)
    return;

  self->in_flight = in_flight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_FLIGHT]);
}

double
stellar_load_test_get_rate (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), 0);

  return self->rate;
}

void
stellar_load_test_set_rate (StellarLoadTest *self,
                            double           rate)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (rate >= 0);
  g_return_if_fail (self->task == NULL);

  if (self->rate == rate)
    return;

  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

StellarTransport
stellar_load_test_get_transport (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), STELLAR_TRANSPORT_AUTO);

  return self->transport;
}

void
stellar_load_test_set_transport (StellarLoadTest  *self,
                                 StellarTransport  transport)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (self->task == NULL);

  if (self->transport == transport)
    return;

  self->transport = transport;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
}

gboolean
stellar_load_test_get_own_connection (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), FALSE);

  return self->own_connection;
}

void
stellar_load_test_set_own_connection (StellarLoadTest *self,
                                      gboolean         own_connection)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (self->task == NULL);

  own_connection = !!own_connection;
  if (self->own_connection == own_connection)
    return;

  self->own_connection = own_connection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWN_CONNECTION]);
}

gboolean
stellar_load_test_get_running (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), FALSE);

  return self->task != NULL;
}

guint
stellar_load_test_get_completed (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), 0);

  return self->announced_completed;
}

guint
stellar_load_test_get_failed (StellarLoadTest *self)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), 0);

  return self->announced_failed;
}

/**
 * stellar_load_test_run_async:
 * @self: a #StellarLoadTest
 * @cancellable: (nullable): a #GCancellable; cancelling abandons the run
 * @callback: (scope async): called when every call ended
 * @user_data: data for @callback
 *
 * Makes the calls. stellar_load_test_stop() ends a run early and keeps
 * what it measured; cancelling abandons it.
 */
void
stellar_load_test_run_async (StellarLoadTest     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GCancellable) own_cancellable = NULL;

  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));
  g_return_if_fail (self->task == NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Every call takes the run's cancellable, so there always is one. */
  if (cancellable == NULL)
    cancellable = own_cancellable = g_cancellable_new ();

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, stellar_load_test_run_async);
  self->cancelled_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                                   self, NULL);

  self->issued = 0;
  self->outstanding = 0;
  self->completed = 0;
  self->failed = 0;
  self->stopping = FALSE;
  announce_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  self->progress_source = add_timeout (PROGRESS_INTERVAL_MS, on_progress_tick, self);

  if (self->own_connection)
    {
      self->thread = _stellar_load_thread_start (self->client, self->action, self->params,
                                                 self->count, self->in_flight, self->rate,
                                                 self->transport, cancellable,
                                                 on_thread_done, self);
      return;
    }

  self->report = _stellar_load_report_new (self->action, transport_name (self->transport),
                                           self->in_flight, self->rate);
  if (self->rate > 0)
    self->pace_source = add_timeout (PACE_INTERVAL_MS, on_pace_tick, self);

  self->started_at = g_get_monotonic_time ();
  issue_calls (self);
}

/**
 * stellar_load_test_run_finish:
 * @self: a #StellarLoadTest
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the run measured, or %NULL with @error set
 *   when it was cancelled
 */
StellarLoadReport *
stellar_load_test_run_finish (StellarLoadTest  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (STELLAR_IS_LOAD_TEST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * stellar_load_test_stop:
 * @self: a #StellarLoadTest
 *
 * Starts no more calls: the run ends once the calls under way did, and
 * reports what was measured.
 */
void
stellar_load_test_stop (StellarLoadTest *self)
{
  g_return_if_fail (STELLAR_IS_LOAD_TEST (self));

  if (self->task == NULL || self->stopping)
    return;

  self->stopping = TRUE;

  if (self->thread != NULL)
    {
      _stellar_load_thread_stop (self->thread);
      return;
    }

  if (self->outstanding == 0)
    finish_run (self);
}
