/* test-fixture.h: clients of the test server, for the library suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stellar-client.h>

#include "stellar-test-recorder.h"
#include "stellar-test-server.h"
#include "stellar-test-utils.h"

G_BEGIN_DECLS

/* The server the suite shares, started by test_main_run(). */
extern StellarTestServer *test_server;

/* The fixture of g_test_add(): a client of the suite's server, or of a
 * server of the test's own when the test data is that server's options (a
 * NULL-terminated array), and a recorder of the client's signals. The
 * teardown checks that nothing else holds the client. */
typedef struct
{
  StellarTestServer *server;
  StellarClient *client;
  StellarTestRecorder *recorder;
} TestFixture;

void           test_fixture_set_up           (TestFixture       *fixture,
                                              gconstpointer      options);
void           test_fixture_set_up_connected (TestFixture       *fixture,
                                              gconstpointer      options);
void           test_fixture_tear_down        (TestFixture       *fixture,
                                              gconstpointer      options);

/* A test on a connected client: the common case. */
#define test_add_connected(path, options, func)                                       \
  g_test_add (path, TestFixture, options, test_fixture_set_up_connected, func,          \
              test_fixture_tear_down)
/* A test on a client that is not connected yet. */
#define test_add(path, options, func)                                                 \
  g_test_add (path, TestFixture, options, test_fixture_set_up, func, test_fixture_tear_down)

int            test_main_run           (void);

StellarClient *test_client_new         (StellarTestServer *server);
JsonObject    *test_client_connect     (StellarClient     *client);
StellarClient *test_client_new_connected (StellarTestServer *server);
GError        *test_client_connect_error (StellarClient   *client);
JsonNode      *test_client_action      (StellarClient     *client,
                                        const char        *action,
                                        const char        *params_json,
                                        GError           **error);
JsonObject    *test_params             (const char        *json);
gboolean       test_client_room_add    (StellarClient     *client,
                                        const char        *room,
                                        GError           **error);
gboolean       test_client_say         (StellarClient     *client,
                                        const char        *room,
                                        const char        *message,
                                        GError           **error);
void           test_client_free        (StellarClient     *client);
guint          test_count_io_threads   (void);

guint          test_count_frames       (GPtrArray         *frames,
                                        const char        *substring);
guint          test_count_server_frames (StellarTestServer *server,
                                        const char        *direction,
                                        const char        *substring);
void           test_client_round_trip  (StellarClient     *client);
gssize         test_find_frame         (GPtrArray         *frames,
                                        const char        *substring,
                                        guint              from);

G_END_DECLS
