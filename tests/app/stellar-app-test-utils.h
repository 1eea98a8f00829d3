/* stellar-app-test-utils.h: what the app's tests need beyond tests/common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _StellarTestKeyring StellarTestKeyring;

gboolean stellar_app_test_skip_without_display (void);
void     stellar_app_test_use_temporary_data_home (void);
char    *stellar_app_test_make_folder          (void);
void     stellar_app_test_remove_tree          (const char *path);
gboolean stellar_app_test_tree_contains        (const char *path,
                                                const char *text);

StellarTestKeyring *stellar_app_test_keyring_start   (const char         *password);
const char         *stellar_app_test_keyring_get_dir (StellarTestKeyring *keyring);
void                stellar_app_test_keyring_stop    (StellarTestKeyring *keyring);

G_END_DECLS
