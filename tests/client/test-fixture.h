/* test-fixture.h: clients of the test server, for the library suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stellar-client.h>

#include "stellar-test-server.h"
#include "stellar-test-utils.h"

G_BEGIN_DECLS

/* The server the suite shares, started by test_main_run(). */
extern StellarTestServer *test_server;

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

guint          test_count_frames       (GPtrArray         *frames,
                                        const char        *substring);
gssize         test_find_frame         (GPtrArray         *frames,
                                        const char        *substring,
                                        guint              from);

G_END_DECLS
