/* bench-room.c: a room of 100 000 messages on screen, beside a bare list
 *
 *   bench-room view app|bare COUNT BURST [FRAMES]
 *     Shows a room's conversation (StellarRoomView over a StellarRoom) or,
 *     as the floor, a bare GtkListView of GtkLabels over a GtkStringList of
 *     the same texts, in a window of 800 × 600. Appends COUNT messages in
 *     bursts of BURST, timing each from the append to the next frame drawn
 *     (the list follows the end, as the room does while at the bottom);
 *     then scrolls from the top to the bottom, a step every frame, and
 *     takes the frame clock's timings of each frame (FRAMES of them, 600
 *     unless said otherwise, or fewer if half a page a frame gets there).
 *   bench-room history app|bare COUNT BURST [FRAMES]
 *     The same, with the messages loaded from the history: pages of BURST
 *     older messages put before the ones shown.
 *   bench-room flood URL COUNT [frame-log]
 *     Joins `defaultRoom` through a StellarSession with the room shown,
 *     says {"ready":true} and takes COUNT messages that the server floods
 *     in, while a 10 ms timer measures how late the main loop runs it.
 *     Every frame goes into the session's log, the protocol inspector's
 *     (StellarFrameLog); with `frame-log`, that log is filled to its
 *     capacity before the flood, so that every frame pushes one out.
 *
 * Prints one JSON line of figures (run-app-benchmarks reads it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <adwaita.h>

#include "bench-common.h"
#include "stellar-frame-log.h"
#include "stellar-message-private.h"
#include "stellar-room-private.h"
#include "stellar-room-view.h"
#include "stellar-session.h"

#define WATCHDOG_SECONDS 900

typedef struct {
  gboolean      app;
  StellarRoom  *room;
  GtkStringList *strings;
  GtkWidget    *list_view;
  GtkWidget    *window;
  GdkFrameClock *clock;
  guint64       paints;
  gint64        paint_started;
  GArray       *paint_us;       /* before-paint to after-paint, per frame */
  GArray       *interval_us;    /* frame clock's frame time to the next one */
  gint64        last_frame_time;
  gboolean      recording;
} Bench;

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

static gboolean
watchdog (gpointer user_data)
{
  g_printerr ("bench-room: no result after %d s\n", WATCHDOG_SECONDS);
  exit (1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q quantile of values, in place. */
static double
quantile (GArray *values,
          double  q)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (q * values->len)));
}

/* The same texts for the room and the bare list: flood-like, 40 to 200 bytes. */
static char *
text_of (guint i)
{
  return g_strdup_printf ("message %u of the flood, %.*s", i, (int) (20 + i % 160),
                          "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
                          "tempor incididunt ut labore et dolore magna aliqua ut enim ad minim "
                          "veniam quis nostrud exercitation ullamco laboris nisi ut aliquip");
}

static StellarMessage *
message_of (guint  i,
            gint64 start_us)
{
  static const char * const senders[] = {
    "3f2a1c9e-71b4-4c2e-9d0a-5e8f6a7b8c9d",
    "b7d4e2a1-0c3f-4a5b-8e6d-1f2a3b4c5d6e",
    "stellar-bot",
  };
  g_autofree char *text = text_of (i);

  return _stellar_message_new (STELLAR_MESSAGE_KIND_MESSAGE, senders[i % G_N_ELEMENTS (senders)],
                               NULL, start_us + (gint64) i * 1000, text);
}

/* --- frames ------------------------------------------------------------ */

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->paint_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  if (bench->recording)
    {
      double paint = g_get_monotonic_time () - bench->paint_started;
      double interval = frame_time - bench->last_frame_time;

      g_array_append_val (bench->paint_us, paint);
      g_array_append_val (bench->interval_us, interval);
    }
  bench->last_frame_time = frame_time;
  bench->paints++;
}

static void
wait_for_paint (Bench *bench)
{
  guint64 paints = bench->paints;

  gtk_widget_queue_draw (bench->window);
  while (bench->paints == paints)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_paints (Bench *bench,
                 guint  n)
{
  for (guint i = 0; i < n; i++)
    wait_for_paint (bench);
}

/* --- the window -------------------------------------------------------- */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
open_window (Bench     *bench,
             GtkWidget *content)
{
  bench->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (bench->window), content);
  gtk_window_present (GTK_WINDOW (bench->window));

  bench->clock = gtk_widget_get_frame_clock (bench->window);
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_before_paint), bench);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  wait_for_paints (bench, 3);
}

static void
open_room_window (Bench *bench)
{
  GtkWidget *view = stellar_room_view_new ();

  bench->room = _stellar_room_new ("defaultRoom");
  _stellar_room_add_history (bench->room, NULL, 0, TRUE);
  stellar_room_view_set_room (STELLAR_ROOM_VIEW (view), bench->room);
  open_window (bench, view);
  bench->list_view = find_list_view (view);
}

static void
open_bare_window (Bench *bench)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  bench->strings = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  bench->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (bench->strings)))),
                                        factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), bench->list_view);
  open_window (bench, scroller);
}

/* What a press on the scroll bar tells its controllers. */
static void
press_scroll_bar (GtkWidget *list_view)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (list_view, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller)));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, 0.0, 0.0);
    }
}

/* --- adding ------------------------------------------------------------ */

static void
add_burst (Bench   *bench,
           guint    first,
           guint    n,
           gboolean history,
           gint64   start_us)
{
  if (bench->app)
    {
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = first; i < first + n; i++)
        g_ptr_array_add (messages, message_of (i, start_us));
      if (history)
        {
          _stellar_room_add_history (bench->room, messages, first, first == 0);
        }
      else
        {
          for (guint i = 0; i < messages->len; i++)
            _stellar_room_add_message (bench->room, g_ptr_array_index (messages, i), FALSE);
          _stellar_room_flush_messages (bench->room);
        }
    }
  else
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      guint shown = g_list_model_get_n_items (G_LIST_MODEL (bench->strings));

      for (guint i = first; i < first + n; i++)
        g_ptr_array_add (texts, text_of (i));
      g_ptr_array_add (texts, NULL);
      gtk_string_list_splice (bench->strings, history ? 0 : shown, 0, (const char * const *) texts->pdata);
      /* as the room follows the end while it is at the bottom */
      if (!history)
        gtk_widget_activate_action (bench->list_view, "list.scroll-to-item", "u", shown + n - 1);
    }
}

static int
run_view (gboolean history,
          gboolean app,
          guint    count,
          guint    burst,
          guint    scroll_frames)
{
  Bench bench = { .app = app };
  g_autoptr(GArray) burst_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkAdjustment *adjustment;
  gint64 start_us = g_get_real_time () - (gint64) count * 1000;
  gsize before_kb, after_kb;
  double scroll_step;
  guint frames = 0;

  bench.paint_us = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval_us = g_array_new (FALSE, FALSE, sizeof (double));

  if (app)
    open_room_window (&bench);
  else
    open_bare_window (&bench);
  if (bench.list_view == NULL)
    g_error ("no list view in the window");

  before_kb = resident_kb ();
  for (guint added = 0; added < count; added += burst)
    {
      guint n = MIN (burst, count - added);
      /* history pages come newest first, each older than the last */
      guint first = history ? count - added - n : added;
      gint64 start = g_get_monotonic_time ();
      double ms;

      add_burst (&bench, first, n, history, start_us);
      wait_for_paint (&bench);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (burst_ms, ms);
    }
  wait_for_paints (&bench, 10);
  after_kb = resident_kb ();

  if (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (bench.list_view)))) != count)
    g_error ("the list holds %u items, not %u",
             g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (bench.list_view)))), count);

  /* from the top to the bottom, a step a frame, as by the scroll bar:
   * the room follows new messages until a person moves it */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench.list_view));
  press_scroll_bar (bench.list_view);
  gtk_widget_activate_action (bench.list_view, "list.scroll-to-item", "u", 0);
  wait_for_paints (&bench, 10);
  gtk_adjustment_set_value (adjustment, 0);
  wait_for_paints (&bench, 5);
  scroll_step = MAX (gtk_adjustment_get_page_size (adjustment) / 2,
                     (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / scroll_frames);
  bench.recording = TRUE;
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         < gtk_adjustment_get_upper (adjustment) - 1 && frames < 2 * scroll_frames)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + scroll_step);
      wait_for_paint (&bench);
      frames++;
    }
  bench.recording = FALSE;

  g_print ("{\"kind\":\"%s\",\"model\":\"%s\",\"messages\":%u,\"burst\":%u,"
           "\"rss_before_kb\":%zu,\"rss_after_kb\":%zu,\"bytes_per_message\":%.1f,"
           "\"burst_ms_median\":%.2f,\"burst_ms_max\":%.2f,"
           "\"scroll_frames\":%u,\"frame_interval_ms_median\":%.3f,\"frame_interval_ms_p99\":%.3f,"
           "\"frame_paint_ms_median\":%.3f,\"frame_paint_ms_p99\":%.3f}\n",
           history ? "history" : "append", app ? "app" : "bare", count, burst,
           before_kb, after_kb, (double) (after_kb - before_kb) * 1024 / count,
           quantile (burst_ms, 0.5), quantile (burst_ms, 1.0),
           frames, quantile (bench.interval_us, 0.5) / 1000, quantile (bench.interval_us, 0.99) / 1000,
           quantile (bench.paint_us, 0.5) / 1000, quantile (bench.paint_us, 0.99) / 1000);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_clear_object (&bench.room);
  g_clear_object (&bench.strings);
  g_array_unref (bench.paint_us);
  g_array_unref (bench.interval_us);
  return 0;
}

/* --- a flood ----------------------------------------------------------- */

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!stellar_session_connect_finish (STELLAR_SESSION (object), result, &error))
    g_error ("cannot connect: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

static int
run_flood (const char *url,
           guint       count,
           gboolean    with_frame_log)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StellarSession) session = stellar_session_new (url, settings, NULL);
  g_autoptr(StellarFrameLog) log = NULL;
  BenchLateness lateness = { 0 };
  Bench bench = { .app = TRUE };
  GtkWidget *view = stellar_room_view_new ();
  GListModel *messages;
  gboolean connected = FALSE;
  gint64 first = 0;

  stellar_session_add_rooms (session, (const char *[]) { "defaultRoom", NULL });
  stellar_session_connect_async (session, NULL, on_connected, &connected);
  while (!connected)
    g_main_context_iteration (NULL, TRUE);
  bench.room = g_object_ref (stellar_session_lookup_room (session, "defaultRoom"));
  while (!stellar_room_get_joined (bench.room))
    g_main_context_iteration (NULL, TRUE);

  stellar_room_view_set_session (STELLAR_ROOM_VIEW (view), session);
  stellar_room_view_set_room (STELLAR_ROOM_VIEW (view), bench.room);
  stellar_session_set_active_room (session, bench.room);
  open_window (&bench, view);
  messages = stellar_room_get_messages (bench.room);

  /* the session's own log, the one the inspector shows */
  log = g_object_ref (stellar_session_get_frame_log (session));
  if (with_frame_log)
    {
      g_autoptr(JsonNode) filler = json_from_string ("{\"message\":\"hello everyone\",\"room\":\"defaultRoom\",\"from\":\"6f1c\",\"context\":\"user\",\"sentAt\":1711111111111}", NULL);
      g_autofree char *filler_text = json_to_string (filler, FALSE);

      for (guint i = 0; i < stellar_frame_log_get_capacity (log); i++)
        stellar_frame_log_append (log, FALSE, filler_text, filler, g_get_real_time ());
    }

  g_print ("{\"ready\":true}\n");
  bench_lateness_start (&lateness);
  while (g_list_model_get_n_items (messages) < count)
    {
      g_main_context_iteration (NULL, TRUE);
      if (first == 0 && g_list_model_get_n_items (messages) > 0)
        first = g_get_monotonic_time ();
    }
  bench_lateness_stop (&lateness);
  wait_for_paint (&bench);

  /* every frame of the flood went through the log: it is full, or holds them all */
  stellar_frame_log_flush (log);
  if (g_list_model_get_n_items (G_LIST_MODEL (log)) < MIN (count, stellar_frame_log_get_capacity (log)) ||
      (with_frame_log && g_list_model_get_n_items (G_LIST_MODEL (log)) != stellar_frame_log_get_capacity (log)))
    g_error ("the frame log holds %u frames", g_list_model_get_n_items (G_LIST_MODEL (log)));

  g_print ("{\"kind\":\"flood\",\"frame_log\":%s,\"messages\":%u,\"flood_s\":%.3f,\"messages_per_s\":%.0f,"
           "\"timer_runs\":%u,\"lateness_ms_median\":%.2f,\"lateness_ms_p99\":%.2f,\"lateness_ms_max\":%.2f,"
           "\"rss_kb\":%zu}\n",
           with_frame_log ? "true" : "false", count, (g_get_monotonic_time () - first) / 1e6,
           count / ((g_get_monotonic_time () - first) / 1e6), lateness.late_ms->len,
           bench_lateness_quantile (&lateness, 0.5), bench_lateness_quantile (&lateness, 0.99),
           bench_lateness_quantile (&lateness, 1.0), resident_kb ());
  bench_lateness_clear (&lateness);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  stellar_session_disconnect (session);
  g_clear_object (&bench.room);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gtk_init ();
  adw_init ();
  g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog, NULL);

  if ((argc == 5 || argc == 6) && (g_str_equal (argv[1], "view") || g_str_equal (argv[1], "history")) &&
      (g_str_equal (argv[2], "app") || g_str_equal (argv[2], "bare")))
    {
      guint count = g_ascii_strtoull (argv[3], NULL, 10);
      guint burst = g_ascii_strtoull (argv[4], NULL, 10);
      guint frames = argc == 6 ? g_ascii_strtoull (argv[5], NULL, 10) : 600;

      if (count == 0 || burst == 0 || frames == 0)
        g_error ("COUNT, BURST and FRAMES are at least 1");
      return run_view (g_str_equal (argv[1], "history"), g_str_equal (argv[2], "app"), count, burst, frames);
    }
  if ((argc == 4 || (argc == 5 && g_str_equal (argv[4], "frame-log"))) && g_str_equal (argv[1], "flood"))
    return run_flood (argv[2], g_ascii_strtoull (argv[3], NULL, 10), argc == 5);

  g_printerr ("Usage: bench-room view|history app|bare COUNT BURST [FRAMES]\n"
              "       bench-room flood URL COUNT [frame-log]\n");
  return 2;
}
