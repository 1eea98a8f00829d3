/* bench-chat-model.c: a room of 100 000 messages, added as a flood adds them
 *
 * Adds 100 000 messages to a room in bursts of 10 000, the way the session
 * adds what arrives: each message made from its text, sender and time,
 * then gathered by the room and added to its list with one ::items-changed
 * a burst. Prints the time to make and to add each burst, the changes it
 * made, and the resident memory per message; fails when a burst makes more
 * than one change or a message costs more than the model's share of the
 * app's budget.
 *
 *   bench-chat-model [--quick]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "stellar-message-private.h"
#include "stellar-room-private.h"

/* 500 bytes a message is the budget of the model and its view together;
 * the view only makes rows for what is on screen. */
#define MAX_BYTES_PER_MESSAGE 400

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

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  guint burst = quick ? 1000 : 10000;
  guint bursts = 10;
  static const char * const senders[] = {
    "3f2a1c9e-71b4-4c2e-9d0a-5e8f6a7b8c9d",
    "b7d4e2a1-0c3f-4a5b-8e6d-1f2a3b4c5d6e",
    "0",
    "stellar-bot",
  };
  g_autoptr(StellarRoom) room = _stellar_room_new ("general");
  GListModel *messages = stellar_room_get_messages (room);
  gint64 now = g_get_real_time ();
  gsize before_kb;
  gsize after_kb;
  double bytes_per_message;
  guint changes = 0;
  guint total = 0;

  g_signal_connect (messages, "items-changed", G_CALLBACK (on_items_changed), &changes);
  before_kb = resident_kb ();

  for (guint b = 0; b < bursts; b++)
    {
      g_autoptr(GPtrArray) arrived = g_ptr_array_new_with_free_func (g_object_unref);
      guint changes_before = changes;
      gint64 start = g_get_monotonic_time ();
      gint64 made;
      double made_ms;
      double added_ms;

      /* what the session makes of the frames… */
      for (guint i = 0; i < burst; i++)
        {
          g_autofree char *text = NULL;
          const char *sender = senders[total % G_N_ELEMENTS (senders)];

          /* flood-like texts of 40 to 200 bytes */
          text = g_strdup_printf ("message %u of the flood, %.*s", total,
                                  (int) (20 + total % 160),
                                  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
                                  "tempor incididunt ut labore et dolore magna aliqua ut enim ad minim "
                                  "veniam quis nostrud exercitation ullamco laboris nisi ut aliquip");
          g_ptr_array_add (arrived, _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, sender, NULL,
                                                          now + (gint64) total * 1000, text));
          total++;
        }
      made = g_get_monotonic_time ();

      /* … and the room adds, as they arrive */
      for (guint i = 0; i < arrived->len; i++)
        _stellar_room_add_message (room, g_ptr_array_index (arrived, i), TRUE);
      _stellar_room_flush_messages (room);

      made_ms = (made - start) / 1000.0;
      added_ms = (g_get_monotonic_time () - made) / 1000.0;
      g_print ("burst %2u: %u messages made in %.1f ms, added in %.1f ms (%.2f µs each), "
               "%u change(s)\n",
               b + 1, burst, made_ms, added_ms, added_ms * 1000 / burst, changes - changes_before);

      if (changes - changes_before != 1)
        g_error ("A burst made %u changes, not one", changes - changes_before);
    }

  after_kb = resident_kb ();
  bytes_per_message = (double) (after_kb - before_kb) * 1024 / total;
  g_print ("%u messages: %u in the list, %u unread, %.0f bytes each (resident)\n",
           total, g_list_model_get_n_items (messages), stellar_room_get_unread_count (room),
           bytes_per_message);

  if (g_list_model_get_n_items (messages) != total || stellar_room_get_unread_count (room) != total)
    g_error ("The room lost messages");

  /* Under the sanitizers every block has a redzone: memory says nothing. */
  if (!quick && g_getenv ("ASAN_OPTIONS") == NULL && bytes_per_message > MAX_BYTES_PER_MESSAGE)
    g_error ("%.0f bytes a message is over the budget of %d", bytes_per_message, MAX_BYTES_PER_MESSAGE);

  return 0;
}
