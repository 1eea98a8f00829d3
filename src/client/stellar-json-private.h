/* stellar-json-private.h: decoding and encoding of wire frames
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Frames nest far less deep than this; the limit keeps hostile input from
 * exhausting the stack. */
#define STELLAR_JSON_MAX_DEPTH 256

JsonNode *_stellar_json_decode        (const char *data,
                                       gsize       length,
                                       GError    **error);
JsonNode *_stellar_json_decode_utf8   (const char *data,
                                       gsize       length,
                                       GError    **error);
void      _stellar_json_encode_append (GString    *out,
                                       JsonNode   *node);
void      _stellar_json_encode_object_append (GString    *out,
                                              JsonObject *object);
void      _stellar_json_encode_string_append (GString    *out,
                                              const char *string);
char     *_stellar_json_encode        (JsonNode   *node);
JsonNode *_stellar_json_copy_deep     (JsonNode   *node);
JsonObject *_stellar_json_object_copy_deep (JsonObject *object);
const char *_stellar_json_get_string  (JsonObject *object,
                                       const char *name);

G_END_DECLS
