/* stellar-utils.h: small helpers the app's objects share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *slot with a copy of @value; returns whether it changed (what
 * g_set_str() does from GLib 2.76 on). */
static inline gboolean
stellar_set_string (char       **slot,
                    const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

G_END_DECLS
