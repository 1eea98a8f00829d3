/* soak-memory.c: the soak process's resident memory over time
 *
 * VmRSS is read from /proc/self/status after malloc_trim(0), so that memory
 * glibc keeps in its free lists does not pass for growth. The figures
 * compare the mean of the first samples after the warm-up with the mean of
 * the last ones: a leak shows as a trend, single samples jitter.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "soak-memory.h"

/* Samples averaged at each end of the run. */
#define WINDOW 3

struct _SoakMemory
{
  guint64 *kib;
  gboolean *warm;
  guint n;
  guint max;
};

SoakMemory *
soak_memory_new (guint max_samples)
{
  SoakMemory *memory = g_new0 (SoakMemory, 1);

  memory->max = MAX (max_samples, 1);
  /* Touched now, not while sampling. */
  memory->kib = g_new (guint64, memory->max);
  memory->warm = g_new (gboolean, memory->max);
  memset (memory->kib, 0, sizeof (guint64) * memory->max);
  memset (memory->warm, 0, sizeof (gboolean) * memory->max);

  return memory;
}

void
soak_memory_free (SoakMemory *memory)
{
  g_free (memory->kib);
  g_free (memory->warm);
  g_free (memory);
}

static guint64
read_rss_kib (void)
{
  char line[256];
  guint64 kib = 0;
  FILE *status = fopen ("/proc/self/status", "r");

  if (status == NULL)
    return 0;

  while (fgets (line, sizeof line, status) != NULL)
    if (g_str_has_prefix (line, "VmRSS:"))
      {
        kib = g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
        break;
      }

  fclose (status);
  return kib;
}

void
soak_memory_sample (SoakMemory *memory,
                    gboolean    warmed_up)
{
  /* Past the end, the last slot keeps the latest sample. */
  guint i = MIN (memory->n, memory->max - 1);

  malloc_trim (0);
  memory->kib[i] = read_rss_kib ();
  memory->warm[i] = warmed_up;
  memory->n = i + 1;
}

static guint64
mean (const guint64 *values,
      guint          n)
{
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  return n > 0 ? sum / n : 0;
}

void
soak_memory_figures (SoakMemory        *memory,
                     SoakMemoryFigures *figures)
{
  guint first_warm = memory->n;
  guint n_warm;

  memset (figures, 0, sizeof *figures);
  figures->samples = memory->n;
  if (memory->n == 0)
    return;

  figures->start_kib = memory->kib[0];
  for (guint i = 0; i < memory->n; i++)
    if (memory->warm[i])
      {
        first_warm = i;
        break;
      }

  /* No sample after the warm-up: judge the whole run. */
  if (first_warm == memory->n)
    first_warm = 0;
  n_warm = memory->n - first_warm;

  figures->min_kib = G_MAXUINT64;
  for (guint i = first_warm; i < memory->n; i++)
    {
      figures->min_kib = MIN (figures->min_kib, memory->kib[i]);
      figures->max_kib = MAX (figures->max_kib, memory->kib[i]);
    }

  figures->warm_kib = mean (memory->kib + first_warm, MIN (WINDOW, n_warm));
  figures->end_kib = mean (memory->kib + memory->n - MIN (WINDOW, n_warm), MIN (WINDOW, n_warm));
  figures->growth_kib = (gint64)figures->end_kib - (gint64)figures->warm_kib;
}
