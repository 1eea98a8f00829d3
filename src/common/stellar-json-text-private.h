/* stellar-json-text-private.h: JSON text in and out, within json-glib's limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib's parser and generator recurse once per level, with no limit
 * of their own: texts from the network are checked against this first.
 * The client library's decoder has the same limit. */
#define STELLAR_JSON_MAX_DEPTH 256

gboolean  _stellar_json_text_nests_within (const char *text,
                                           gssize      length,
                                           guint       limit);
char     *_stellar_json_node_to_text      (JsonNode   *node);

G_END_DECLS
