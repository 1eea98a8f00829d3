/* stellar-test-server.h: the Stellar-compatible test server, for a test suite
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _StellarTestServer StellarTestServer;

StellarTestServer *stellar_test_server_start      (const char        *first_option,
                                                   ...) G_GNUC_NULL_TERMINATED;
StellarTestServer *stellar_test_server_startv     (const char * const *options);
void               stellar_test_server_stop       (StellarTestServer *server);

const char        *stellar_test_server_get_url    (StellarTestServer *server);
guint              stellar_test_server_get_port   (StellarTestServer *server);
const char        *stellar_test_server_get_control_url (StellarTestServer *server);
const char        *stellar_test_server_get_proxy_url (StellarTestServer *server);

JsonNode          *stellar_test_server_control    (StellarTestServer *server,
                                                   const char        *method,
                                                   const char        *path,
                                                   const char        *json_body);
void               stellar_test_server_post       (StellarTestServer *server,
                                                   const char        *path,
                                                   const char        *json_body_format,
                                                   ...) G_GNUC_PRINTF (3, 4);
GPtrArray         *stellar_test_server_frames     (StellarTestServer *server,
                                                   const char        *direction);
void               stellar_test_server_clear_frames (StellarTestServer *server);
JsonArray         *stellar_test_server_connections (StellarTestServer *server);
gint64             stellar_test_server_message_count (StellarTestServer *server,
                                                      const char        *connection_id);
JsonArray         *stellar_test_server_http_log   (StellarTestServer *server);
JsonArray         *stellar_test_server_proxy_log  (StellarTestServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StellarTestServer, stellar_test_server_stop)

G_END_DECLS
