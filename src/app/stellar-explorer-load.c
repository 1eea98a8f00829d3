/* stellar-explorer-load.c: Run Repeatedly, the explorer's load test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "stellar-explorer-private.h"
#include "stellar-utils.h"

/* The request, called many times by a StellarLoadTest (src/runner, the
 * same runner as `stellar-cli bench`) on a connection of its own, opened
 * like the session's (the same server session) from a thread of its own:
 * the window's main loop, the session's other calls (a chat message sent
 * meanwhile does not wait behind thousands of the run's) and the
 * inspector's frames are not the run's. Its calls carry the server's
 * default parameters as the interceptor adds them, and stay out of the
 * history. The test announces its progress ten times a second. */

static void
set_load_report (StellarExplorer   *self,
                 StellarLoadReport *report)
{
  if (g_set_object (&self->load_report, report))
    _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_LOAD_REPORT);
}

static void
set_load_error (StellarExplorer *self,
                const char      *message)
{
  if (stellar_set_string (&self->load_error, message))
    _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_LOAD_ERROR);
}

static void
on_load_test_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StellarExplorer) self = user_data;
  g_autoptr(StellarLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = stellar_load_test_run_finish (STELLAR_LOAD_TEST (object), result, &error);

  /* A newer run may have started since. */
  if (STELLAR_LOAD_TEST (object) != self->load_test)
    return;

  g_clear_object (&self->load_cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  set_load_report (self, report);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_load_error (self, error->message);
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_LOAD_RUNNING);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_stellar_explorer_load_dispose (StellarExplorer *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->load_test);
  g_clear_object (&self->load_report);
  g_clear_pointer (&self->load_error, g_free);
}

/**
 * stellar_explorer_get_load_test:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none) (nullable): the last load test started
 */
StellarLoadTest *
stellar_explorer_get_load_test (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->load_test;
}

/**
 * stellar_explorer_get_load_report:
 * @self: a #StellarExplorer
 *
 * Returns: (transfer none) (nullable): what the last load test measured
 */
StellarLoadReport *
stellar_explorer_get_load_report (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->load_report;
}

/**
 * stellar_explorer_get_load_error:
 * @self: a #StellarExplorer
 *
 * Returns: (nullable): why the last load test ended without a report
 */
const char *
stellar_explorer_get_load_error (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), NULL);

  return self->load_error;
}

gboolean
stellar_explorer_get_load_running (StellarExplorer *self)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);

  return self->load_cancellable != NULL;
}

/**
 * stellar_explorer_start_load_test:
 * @self: a #StellarExplorer
 * @count: how many calls to make
 * @in_flight: at most how many at once
 * @rate: calls to start a second, or 0 for as fast as they are answered
 * @transport: the transport of the calls
 * @error: return location for a #GError
 *
 * Calls the request's action with its parameters and the server's default
 * parameters @count times, on a connection of the run's own
 * (docs/load-test.md). [property@Explorer:load-test] tells the progress;
 * [property@Explorer:load-report] what was measured, once the run ended.
 * Fails as stellar_explorer_send() does when the request cannot be sent,
 * with %G_IO_ERROR_BUSY while another run is under way, and with
 * %G_IO_ERROR_PENDING while the default parameters are read from the
 * keyring.
 *
 * Returns: whether the run started
 */
gboolean
stellar_explorer_start_load_test (StellarExplorer   *self,
                                  guint              count,
                                  guint              in_flight,
                                  double             rate,
                                  StellarTransport   transport,
                                  GError           **error)
{
  g_autoptr(StellarLoadTest) test = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autofree char *action = NULL;

  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);
  g_return_val_if_fail (count > 0 && in_flight > 0 && rate >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->load_cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A run is under way"));
      return FALSE;
    }

  if (self->default_params != NULL && stellar_default_params_get_busy (self->default_params))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The default parameters are still being read from the keyring"));
      return FALSE;
    }

  params = _stellar_explorer_get_call_params (self, &action, error);
  if (params == NULL)
    return FALSE;
  if (self->default_params != NULL)
    g_strfreev (stellar_default_params_fill (self->default_params, params));

  test = stellar_load_test_new (self->client, action, params);
  stellar_load_test_set_own_connection (test, TRUE);
  stellar_load_test_set_count (test, count);
  stellar_load_test_set_in_flight (test, in_flight);
  stellar_load_test_set_rate (test, rate);
  stellar_load_test_set_transport (test, transport);

  g_set_object (&self->load_test, test);
  self->load_cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  set_load_report (self, NULL);
  set_load_error (self, NULL);
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_LOAD_TEST);
  _stellar_explorer_notify (self, STELLAR_EXPLORER_PROP_LOAD_RUNNING);
  g_object_thaw_notify (G_OBJECT (self));

  stellar_load_test_run_async (test, self->load_cancellable, on_load_test_done, g_object_ref (self));

  return TRUE;
}

/**
 * stellar_explorer_stop_load_test:
 * @self: a #StellarExplorer
 *
 * Starts no more calls of the run under way: it ends once the calls sent
 * are answered, and reports what it measured.
 */
void
stellar_explorer_stop_load_test (StellarExplorer *self)
{
  g_return_if_fail (STELLAR_IS_EXPLORER (self));

  if (self->load_cancellable != NULL)
    stellar_load_test_stop (self->load_test);
}

static void
on_report_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * stellar_explorer_export_load_report_async:
 * @self: a #StellarExplorer
 * @format: what to write
 * @file: where to write it; replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once written
 * @user_data: data for @callback
 *
 * Writes the last load test's report as JSON or CSV (docs/load-test.md).
 */
void
stellar_explorer_export_load_report_async (StellarExplorer         *self,
                                           StellarLoadReportFormat  format,
                                           GFile                   *file,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (STELLAR_IS_EXPLORER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_explorer_export_load_report_async);

  if (self->load_report == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No run has ended yet"));
      return;
    }

  if (format == STELLAR_LOAD_REPORT_FORMAT_CSV)
    text = stellar_load_report_to_csv (self->load_report);
  else
    {
      g_autoptr(JsonNode) node = stellar_load_report_to_json (self->load_report);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
    }

  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_report_written, g_steal_pointer (&task));
}

/**
 * stellar_explorer_export_load_report_finish:
 * @self: a #StellarExplorer
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: whether the file is written
 */
gboolean
stellar_explorer_export_load_report_finish (StellarExplorer  *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (STELLAR_IS_EXPLORER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
