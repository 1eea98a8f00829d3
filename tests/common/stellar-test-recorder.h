/* stellar-test-recorder.h: what a client's signals said, for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stellar-client.h>

G_BEGIN_DECLS

typedef enum {
  STELLAR_TEST_RECORD_DEFAULT = 0,
  /* ::wire too (it makes the client keep every frame's JSON) */
  STELLAR_TEST_RECORD_WIRE = 1 << 0,
} StellarTestRecordFlags;

typedef struct
{
  StellarClient *client;

  /* Every signal, in the order emitted: its name and its arguments, as
   * "say {…}", "error 5 text", "reconnecting 2 1342", "wire > text". */
  GPtrArray *log;
  /* The connection's life only, as "timeout disconnected reconnect
   * reconnecting(1) connected error ". */
  GString *events;
  GArray *states;     /* StellarClientState, one per notify::state */
  GArray *delays;     /* guint, the delay of each ::reconnecting */
  GPtrArray *errors;  /* GError, one per ::error */
  GPtrArray *said;    /* char *, the text of each ::say whose message is text */
  guint connected;
  guint disconnected;
  guint reconnects;
  guint timeouts;
  guint welcomes;
} StellarTestRecorder;

StellarTestRecorder *stellar_test_recorder_new   (StellarClient          *client,
                                                  StellarTestRecordFlags  flags);
void                 stellar_test_recorder_clear (StellarTestRecorder    *self);
void                 stellar_test_recorder_free  (StellarTestRecorder    *self);

const GError        *stellar_test_recorder_error (StellarTestRecorder    *self,
                                                  guint                   index);
guint                stellar_test_recorder_count (StellarTestRecorder    *self,
                                                  const char             *prefix);
gssize               stellar_test_recorder_find  (StellarTestRecorder    *self,
                                                  const char             *prefix,
                                                  guint                   from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StellarTestRecorder, stellar_test_recorder_free)

G_END_DECLS
