/* soak-control.h: the test server's control API, without blocking
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _SoakControl SoakControl;

/* @answer is the parsed reply when @ok, NULL otherwise. */
typedef void (*SoakControlDone) (gboolean    ok,
                                 JsonObject *answer,
                                 gpointer    user_data);

SoakControl *soak_control_new       (const char      *control_url);
void         soak_control_free      (SoakControl     *control);
void         soak_control_post      (SoakControl     *control,
                                     const char      *path,
                                     const char      *json_body,
                                     SoakControlDone  done,
                                     gpointer         user_data);
guint        soak_control_in_flight (SoakControl     *control);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoakControl, soak_control_free)

G_END_DECLS
