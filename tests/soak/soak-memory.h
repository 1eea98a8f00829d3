/* soak-memory.h: the soak process's resident memory over time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SoakMemory SoakMemory;

typedef struct
{
  guint64 start_kib;        /* first sample */
  guint64 warm_kib;         /* first samples after the warm-up */
  guint64 end_kib;          /* last samples */
  guint64 min_kib;          /* after the warm-up */
  guint64 max_kib;
  gint64 growth_kib;        /* end - warm */
  guint samples;
} SoakMemoryFigures;

SoakMemory *soak_memory_new     (guint              max_samples);
void        soak_memory_free    (SoakMemory        *memory);
void        soak_memory_sample  (SoakMemory        *memory,
                                 gboolean           warmed_up);
void        soak_memory_figures (SoakMemory        *memory,
                                 SoakMemoryFigures *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoakMemory, soak_memory_free)

G_END_DECLS
