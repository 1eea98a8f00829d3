/* stellar-served-file.h: a static file a server gave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stellar-client.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_SERVED_FILE (stellar_served_file_get_type ())

G_DECLARE_FINAL_TYPE (StellarServedFile, stellar_served_file, STELLAR, SERVED_FILE, GObject)

void               stellar_served_file_request_async (StellarClient        *client,
                                                      const char           *path,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
StellarServedFile *stellar_served_file_request_finish (GAsyncResult        *result,
                                                       GError             **error);

const char        *stellar_served_file_get_path      (StellarServedFile *self);
const char        *stellar_served_file_get_mime_type (StellarServedFile *self);
GBytes            *stellar_served_file_get_content   (StellarServedFile *self);
gboolean           stellar_served_file_is_text       (StellarServedFile *self);
gboolean           stellar_served_file_is_image      (StellarServedFile *self);

G_END_DECLS
