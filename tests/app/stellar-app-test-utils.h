/* stellar-app-test-utils.h: what the app's tests need beyond tests/common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean stellar_app_test_skip_without_display (void);
guint16  stellar_app_test_get_closed_port      (void);
void     stellar_app_test_use_temporary_data_home (void);
char    *stellar_app_test_make_folder          (void);
void     stellar_app_test_remove_tree          (const char *path);

G_END_DECLS
