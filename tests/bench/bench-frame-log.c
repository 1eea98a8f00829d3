/* bench-frame-log.c: the protocol inspector's ring under a long session
 *
 * Appends 1 000 000 frames (actions and their responses, chat messages,
 * heartbeats) into a log of 10 000, as the session does: with the JSON the
 * client already parsed or built, with no pause for the main loop (a
 * flood): the model follows in batches. Prints the time per append, the
 * model's changes and the resident memory at every tenth, and fails when
 * the log holds more than its capacity, the model never followed, or the
 * memory grows after the ring has filled.
 *
 *   bench-frame-log [--quick]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "stellar-frame-log.h"

/* Growth allowed between the first checkpoint after the ring filled and the
 * end: allocator noise, not a leak of frames (each is ~300 bytes, so a
 * leak of one per append would be hundreds of megabytes). */
#define MAX_GROWTH_KB (8 * 1024)

static gsize
resident_kb (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);
  return g_ascii_strtoull (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE) / 1024;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    g_error ("not JSON: %s", text);
  return json_parser_steal_root (parser);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint64    *changes)
{
  (*changes)++;
}

int
main (int   argc,
      char *argv[])
{
  static const char *request_text = "{\"event\":\"action\",\"params\":{\"action\":\"echo\",\"message\":\"hello\"}}";
  static const char *response_text = "{\"echo\":\"hello\",\"context\":\"response\",\"messageCount\":1}";
  static const char *chat_text = "{\"message\":\"hello everyone\",\"room\":\"general\",\"from\":\"6f1c\",\"context\":\"user\",\"sentAt\":1711111111111}";
  static const char *ping_text = "\"primus::ping::1795847634116\"";
  static const char *pong_text = "\"primus::pong::1795847634116\"";
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  guint total = quick ? 50000 : 1000000;
  guint capacity = quick ? 1000 : 10000;
  g_autoptr(StellarFrameLog) log = stellar_frame_log_new (capacity);
  g_autoptr(JsonNode) request = parse (request_text);
  g_autoptr(JsonNode) response = parse (response_text);
  g_autoptr(JsonNode) chat = parse (chat_text);
  g_autoptr(JsonNode) ping = parse (ping_text);
  g_autoptr(JsonNode) pong = parse (pong_text);
  JsonObject *response_object = json_node_get_object (response);
  guint64 changes = 0;
  gint64 count = 0;
  gint64 start, elapsed = 0;
  gsize baseline_kb = 0, last_kb = 0;
  gboolean ok = TRUE;

  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_print ("appending %u frames into a ring of %u\n", total, capacity);
  for (guint i = 0; i < total;)
    {
      guint chunk = total / 10;

      start = g_get_monotonic_time ();
      for (guint end = i + chunk; i < end; i++)
        {
          gint64 now = g_get_real_time ();

          switch (i % 5)
            {
            case 0:
              stellar_frame_log_append (log, TRUE, request_text, request, now);
              break;
            case 1:
              json_object_set_int_member (response_object, "messageCount", ++count);
              stellar_frame_log_append (log, FALSE, response_text, response, now);
              break;
            case 2:
            case 3:
              stellar_frame_log_append (log, FALSE, chat_text, chat, now);
              break;
            default:
              stellar_frame_log_append (log, i % 10 == 4, i % 10 == 4 ? pong_text : ping_text,
                                        i % 10 == 4 ? pong : ping, now);
            }
        }
      elapsed += g_get_monotonic_time () - start;

      last_kb = resident_kb ();
      /* the ring is full after the first tenth */
      if (i == 2 * chunk)
        baseline_kb = last_kb;
      g_print ("%8u frames: %6zu kB resident, %u in the log\n",
               i, last_kb, g_list_model_get_n_items (G_LIST_MODEL (log)));
    }

  stellar_frame_log_flush (log);

  g_print ("time per append: %.0f ns\n", (double) elapsed * 1000 / total);
  g_print ("model changes: %" G_GUINT64_FORMAT " (batches of frames in and out)\n", changes);
  g_print ("resident growth after the ring filled: %zd kB\n", (gssize) (last_kb - baseline_kb));

  if (g_list_model_get_n_items (G_LIST_MODEL (log)) != capacity)
    {
      g_printerr ("FAIL: the log holds %u frames, not %u\n",
                  g_list_model_get_n_items (G_LIST_MODEL (log)), capacity);
      ok = FALSE;
    }
  if (changes == 0 || changes > total)
    {
      g_printerr ("FAIL: %" G_GUINT64_FORMAT " model changes for %u appends\n", changes, total);
      ok = FALSE;
    }
  if (!quick && last_kb > baseline_kb + MAX_GROWTH_KB)
    {
      g_printerr ("FAIL: resident memory grew by %zu kB after the ring filled\n", last_kb - baseline_kb);
      ok = FALSE;
    }

  return ok ? 0 : 1;
}
