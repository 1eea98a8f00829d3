/* stellar-docs-parser.h: reading the action documentation a Stellar server generates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Larger pages are refused rather than parsed. */
#define STELLAR_DOCS_MAX_PAGE_SIZE (8 * 1024 * 1024)

char      **stellar_docs_parse_index       (GBytes      *page,
                                            const char  *encoding,
                                            GError     **error);
GPtrArray  *stellar_docs_parse_action_page (GBytes      *page,
                                            const char  *encoding,
                                            const char  *name,
                                            GError     **error);

G_END_DECLS
