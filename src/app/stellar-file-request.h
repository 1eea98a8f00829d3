/* stellar-file-request.h: ask the server for one of its static files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <stellar-client.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_FILE_REQUEST (stellar_file_request_get_type ())

G_DECLARE_FINAL_TYPE (StellarFileRequest, stellar_file_request, STELLAR, FILE_REQUEST, GtkWidget)

void stellar_file_request_set_client (StellarFileRequest *self,
                                      StellarClient      *client);
void stellar_file_request_request    (StellarFileRequest *self,
                                      const char         *path);

G_END_DECLS
