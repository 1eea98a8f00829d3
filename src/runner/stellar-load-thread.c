/* stellar-load-thread.c: a load test run on a connection and a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-load-test.h"
#include "stellar-load-thread-private.h"

/* A run as fast as the library goes must not take its owner's main loop
 * with it (a window stays responsive), hold the owner's other calls behind
 * its own in the client's queue, or fill the owner's view of its traffic.
 * So the run opens a connection of its own, like the client it is given
 * (URL, session id, so the server sees the same session, API path,
 * timeouts, simultaneous actions, reconnection, a certificate trusted for
 * it), and a StellarLoadTest calls through it in the runs' thread: one
 * thread for the process, made by the first run, which iterates a main
 * context of its own for as long as the process lives, so that a
 * connection's closing handshake, which libsoup finishes in the background,
 * always finishes.
 *
 * The connection outlives the run: the next run like it calls through it,
 * warmed up and with no handshake to wait for, and the server sees one
 * connection where a person runs again and again. It closes once it has
 * been unused for a minute, when the client it is like disconnects, or when
 * that client goes away.
 *
 * Only this crosses between the threads: the counts so far, as atomics the
 * owner reads when it likes; Stop and Cancel, as cancellables the runs'
 * thread watches from its context; the outcome, posted to the owner's
 * context once the run's thread is done with the run; and the kept
 * connection's closing, posted to the runs' thread. */

/* The connection the runs like one client keep between them. The owner's
 * thread finds it on that client; only the runs' thread touches the rest. */
typedef struct
{
  StellarClient *client;
  char          *settings;     /* what the client was made with */
  GSource       *expiry;
  gboolean       in_use;
  gboolean       close_after_run;
} KeptConnection;

struct _StellarLoadThread
{
  GMainContext          *owner_context;
  StellarLoadThreadDone  done;
  gpointer               done_data;
  KeptConnection        *kept;

  /* what the run's client and test are made of */
  char                  *url;
  char                  *session_id;
  char                  *api_path;
  guint                  timeout_ms;
  guint                  connect_timeout_ms;
  guint                  simultaneous;
  gboolean               auto_reconnect;
  GTlsCertificate       *trusted_certificate;
  char                  *settings;
  char                  *action;
  char                  *params_text;
  guint                  count;
  guint                  in_flight;
  double                 rate;
  StellarTransport       transport;

  /* cancelled by the owner, watched in the runs' thread */
  GCancellable          *stop;
  GCancellable          *cancellable;

  /* the runs' thread's own */
  GCancellable          *run_cancellable;
  StellarClient         *client;        /* the kept connection's */
  StellarLoadTest       *test;
  GSource               *stop_source;
  GSource               *cancel_source;
  gboolean               stop_requested;

  /* the counts so far, for the owner */
  int                    completed;
  int                    failed;

  /* the outcome, handed over to the owner */
  StellarLoadReport     *report;
  GError                *error;
};

/* --- the runs' thread ------------------------------------------------- */

static gpointer
iterate_forever (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  while (TRUE)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

static GMainContext *
runs_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *made = g_main_context_new ();

      g_thread_unref (g_thread_new ("stellar-load-runs", iterate_forever, made));
      g_once_init_leave (&context, made);
    }

  return context;
}

/* An idle callback in @context. Not g_main_context_invoke(), which may run
 * @func at once in the calling thread when it can acquire @context. */
static void
post (GMainContext *context,
      GSourceFunc   func,
      gpointer      data)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[stellar] load run");
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, context);
  g_source_unref (source);
}

/* --- the kept connection ---------------------------------------------- */

#define KEEP_ALIVE_MS 60000

static int keep_alive_ms = KEEP_ALIVE_MS;

static void
kept_connection_clear (gpointer data)
{
  KeptConnection *kept = data;

  /* Closed in the runs' thread before the last reference went. */
  g_warn_if_fail (kept->client == NULL && kept->expiry == NULL);
  g_free (kept->settings);
}

static void
kept_connection_release (KeptConnection *kept)
{
  g_atomic_rc_box_release_full (kept, kept_connection_clear);
}

/* In the runs' thread. */
static void
kept_connection_close (KeptConnection *kept)
{
  if (kept->expiry != NULL)
    {
      g_source_destroy (kept->expiry);
      g_clear_pointer (&kept->expiry, g_source_unref);
    }

  if (kept->client == NULL)
    return;

  stellar_client_disconnect (kept->client);
  g_clear_object (&kept->client);
  g_clear_pointer (&kept->settings, g_free);
}

static gboolean
on_kept_connection_expired (gpointer user_data)
{
  kept_connection_close (user_data);

  return G_SOURCE_REMOVE;
}

/* A run ended on the kept connection: it waits for the next one. */
static void
kept_connection_put_back (KeptConnection *kept)
{
  kept->in_use = FALSE;

  if (kept->close_after_run)
    {
      kept_connection_close (kept);
      return;
    }

  kept->expiry = g_timeout_source_new ((guint) g_atomic_int_get (&keep_alive_ms));
  g_source_set_static_name (kept->expiry, "[stellar] kept load connection");
  g_source_set_callback (kept->expiry, on_kept_connection_expired, kept, NULL);
  g_source_attach (kept->expiry, runs_context ());
}

static gboolean
close_kept_connection (gpointer user_data)
{
  KeptConnection *kept = user_data;

  if (kept->in_use)
    kept->close_after_run = TRUE;
  else
    kept_connection_close (kept);

  kept_connection_release (kept);

  return G_SOURCE_REMOVE;
}

/* In the owner's thread: the client the connection is like disconnected,
 * so does the kept connection. */
static void
on_like_state_changed (StellarClient  *like,
                       GParamSpec     *pspec,
                       KeptConnection *kept)
{
  if (stellar_client_get_state (like) == STELLAR_CLIENT_STATE_DISCONNECTED)
    post (runs_context (), close_kept_connection, g_atomic_rc_box_acquire (kept));
}

/* The client went away: its reference goes to the runs' thread with the
 * closing. Its signal handlers are gone already. */
static void
on_like_finalized (gpointer data)
{
  post (runs_context (), close_kept_connection, data);
}

static GQuark kept_connection_quark (void);
G_DEFINE_QUARK (stellar-load-kept-connection, kept_connection)

static KeptConnection *
kept_connection_of (StellarClient *like)
{
  KeptConnection *kept = g_object_get_qdata (G_OBJECT (like), kept_connection_quark ());

  if (kept == NULL)
    {
      kept = g_atomic_rc_box_new0 (KeptConnection);
      g_signal_connect (like, "notify::state", G_CALLBACK (on_like_state_changed), kept);
      g_object_set_qdata_full (G_OBJECT (like), kept_connection_quark (), kept, on_like_finalized);
    }

  return g_atomic_rc_box_acquire (kept);
}

/*
 * _stellar_load_thread_set_keep_alive:
 * @milliseconds: how long an unused kept connection stays open
 *
 * For tests, which cannot wait a minute.
 */
void
_stellar_load_thread_set_keep_alive (guint milliseconds)
{
  g_atomic_int_set (&keep_alive_ms, (int) milliseconds);
}

/* --- a run ------------------------------------------------------------ */

static void
store_progress (StellarLoadTest   *test,
                GParamSpec        *pspec,
                StellarLoadThread *self)
{
  g_atomic_int_set (&self->completed, (int) stellar_load_test_get_completed (test));
  g_atomic_int_set (&self->failed, (int) stellar_load_test_get_failed (test));
}

static gboolean
on_stop_requested (GCancellable *stop,
                   gpointer      user_data)
{
  StellarLoadThread *self = user_data;

  self->stop_requested = TRUE;
  if (self->test != NULL)
    stellar_load_test_stop (self->test);

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancel_requested (GCancellable *cancellable,
                     gpointer      user_data)
{
  StellarLoadThread *self = user_data;

  g_cancellable_cancel (self->run_cancellable);

  return G_SOURCE_REMOVE;
}

static GSource *
watch (GCancellable          *cancellable,
       GCancellableSourceFunc func,
       StellarLoadThread     *self)
{
  GSource *source;

  if (cancellable == NULL)
    return NULL;

  source = g_cancellable_source_new (cancellable);
  g_source_set_static_name (source, "[stellar] load run request");
  g_source_set_callback (source, G_SOURCE_FUNC (func), self, NULL);
  g_source_attach (source, runs_context ());

  return source;
}

static void
unwatch (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static gboolean
hand_over (gpointer user_data)
{
  StellarLoadThread *self = user_data;

  self->done (g_steal_pointer (&self->report), g_steal_pointer (&self->error), self->done_data);

  return G_SOURCE_REMOVE;
}

/* The run is over: the connection closes in the background, and the owner
 * gets the outcome. Nothing here touches @self after posting it. */
static void
end_run (StellarLoadThread *self)
{
  unwatch (&self->stop_source);
  unwatch (&self->cancel_source);
  g_clear_object (&self->test);
  g_clear_object (&self->client);
  kept_connection_put_back (self->kept);

  post (self->owner_context, hand_over, self);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StellarLoadThread *self = user_data;

  /* The test announced its last counts as it ended: they are stored. */
  self->report = stellar_load_test_run_finish (STELLAR_LOAD_TEST (object), result, &self->error);
  end_run (self);
}

static void
start_calls (StellarLoadThread *self)
{
  g_autoptr(JsonObject) params = NULL;

  if (self->params_text != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (self->params_text, NULL);

      params = json_object_ref (json_node_get_object (node));
    }

  self->test = stellar_load_test_new (self->client, self->action, params);
  stellar_load_test_set_count (self->test, self->count);
  stellar_load_test_set_in_flight (self->test, self->in_flight);
  stellar_load_test_set_rate (self->test, self->rate);
  stellar_load_test_set_transport (self->test, self->transport);
  g_signal_connect (self->test, "notify::completed", G_CALLBACK (store_progress), self);
  g_signal_connect (self->test, "notify::failed", G_CALLBACK (store_progress), self);

  stellar_load_test_run_async (self->test, self->run_cancellable, on_run_done, self);
  if (self->stop_requested)
    stellar_load_test_stop (self->test);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StellarLoadThread *self = user_data;
  g_autoptr(JsonObject) details = NULL;

  details = stellar_client_connect_finish (STELLAR_CLIENT (object), result, &self->error);
  if (self->error == NULL)
    {
      start_calls (self);
      return;
    }

  if (!g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&self->error, _("Could not open the run’s connection: "));
  end_run (self);
}

/* The kept connection when it was made like this run's and is not broken
 * (connected, or never asked to connect: a run over HTTP), a new one
 * otherwise. */
static StellarClient *
take_kept_connection (StellarLoadThread *self)
{
  KeptConnection *kept = self->kept;

  if (kept->expiry != NULL)
    {
      g_source_destroy (kept->expiry);
      g_clear_pointer (&kept->expiry, g_source_unref);
    }

  if (kept->client != NULL &&
      (g_strcmp0 (kept->settings, self->settings) != 0 ||
       (stellar_client_get_state (kept->client) != STELLAR_CLIENT_STATE_CONNECTED &&
        stellar_client_get_state (kept->client) != STELLAR_CLIENT_STATE_DISCONNECTED)))
    kept_connection_close (kept);

  if (kept->client == NULL)
    {
      kept->client = stellar_client_new (self->url);
      g_object_set (kept->client,
                    "session-id", self->session_id,
                    "api-path", self->api_path,
                    "request-timeout", self->timeout_ms,
                    "connect-timeout", self->connect_timeout_ms,
                    "simultaneous-actions", self->simultaneous,
                    "auto-reconnect", self->auto_reconnect,
                    "trusted-certificate", self->trusted_certificate,
                    NULL);
      kept->settings = g_strdup (self->settings);
    }

  kept->in_use = TRUE;
  kept->close_after_run = FALSE;

  return g_object_ref (kept->client);
}

static gboolean
begin_run (gpointer user_data)
{
  StellarLoadThread *self = user_data;

  self->stop_source = watch (self->stop, on_stop_requested, self);
  self->cancel_source = watch (self->cancellable, on_cancel_requested, self);

  self->client = take_kept_connection (self);

  /* Calls over HTTP need no WebSocket. */
  if (self->transport == STELLAR_TRANSPORT_HTTP ||
      stellar_client_get_state (self->client) == STELLAR_CLIENT_STATE_CONNECTED)
    start_calls (self);
  else
    stellar_client_connect_async (self->client, self->run_cancellable, on_connected, self);

  return G_SOURCE_REMOVE;
}

/* --- the owner's side ------------------------------------------------- */

/* The settings a kept connection must have been made with to serve a run. */
static char *
describe_settings (StellarLoadThread *self)
{
  g_autofree char *certificate = NULL;

  if (self->trusted_certificate != NULL)
    g_object_get (self->trusted_certificate, "certificate-pem", &certificate, NULL);

  return g_strdup_printf ("%s\n%s\n%s\n%u\n%u\n%u\n%d\n%s",
                          self->url, self->session_id, self->api_path,
                          self->timeout_ms, self->connect_timeout_ms, self->simultaneous,
                          self->auto_reconnect, certificate != NULL ? certificate : "");
}

/*
 * _stellar_load_thread_start:
 * @like: the client whose connection the run's is like
 * @cancellable: (nullable): cancelling abandons the run
 * @done: called in the thread-default context of the caller, once
 *
 * Starts a run of @count calls of @action in the runs' thread. Free the
 * run with _stellar_load_thread_free() once @done ran, not before.
 */
StellarLoadThread *
_stellar_load_thread_start (StellarClient         *like,
                            const char            *action,
                            JsonObject            *params,
                            guint                  count,
                            guint                  in_flight,
                            double                 rate,
                            StellarTransport       transport,
                            GCancellable          *cancellable,
                            StellarLoadThreadDone  done,
                            gpointer               user_data)
{
  StellarLoadThread *self = g_new0 (StellarLoadThread, 1);

  self->owner_context = g_main_context_ref_thread_default ();
  self->done = done;
  self->done_data = user_data;
  self->kept = kept_connection_of (like);

  self->url = g_strdup (stellar_client_get_url (like));
  g_object_get (like,
                "session-id", &self->session_id,
                "api-path", &self->api_path,
                "request-timeout", &self->timeout_ms,
                "connect-timeout", &self->connect_timeout_ms,
                "simultaneous-actions", &self->simultaneous,
                "auto-reconnect", &self->auto_reconnect,
                "trusted-certificate", &self->trusted_certificate,
                NULL);
  self->settings = describe_settings (self);
  self->action = g_strdup (action);
  /* json-glib's objects are not for two threads: the thread gets text */
  if (params != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), params);

      self->params_text = json_to_string (node, FALSE);
    }
  self->count = count;
  self->in_flight = in_flight;
  self->rate = rate;
  self->transport = transport;

  self->stop = g_cancellable_new ();
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->run_cancellable = g_cancellable_new ();

  post (runs_context (), begin_run, self);

  return self;
}

/* The counts of calls that succeeded and failed so far. */
void
_stellar_load_thread_get_progress (StellarLoadThread *self,
                                   guint             *completed,
                                   guint             *failed)
{
  *completed = (guint) g_atomic_int_get (&self->completed);
  *failed = (guint) g_atomic_int_get (&self->failed);
}

/* Starts no more calls: the run ends once those under way did. */
void
_stellar_load_thread_stop (StellarLoadThread *self)
{
  g_cancellable_cancel (self->stop);
}

void
_stellar_load_thread_free (StellarLoadThread *self)
{
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  kept_connection_release (self->kept);
  g_free (self->settings);
  g_free (self->url);
  g_free (self->session_id);
  g_free (self->api_path);
  g_clear_object (&self->trusted_certificate);
  g_free (self->action);
  g_free (self->params_text);
  g_clear_object (&self->stop);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->report);
  g_clear_error (&self->error);
  g_free (self);
}
