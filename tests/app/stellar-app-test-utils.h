/* stellar-app-test-utils.h: what the app's tests need beyond tests/common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean stellar_app_test_skip_without_display (void);
guint16  stellar_app_test_get_closed_port      (void);

G_END_DECLS
