/* test-message-body.c: a message laid out, the avatar beside its column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "stellar-app-test-utils.h"
#include "stellar-message-body.h"

#define ASIDE_SIZE 36
#define SPACING 12

typedef struct {
  GtkWindow          *window;
  StellarMessageBody *body;
  GtkWidget          *aside;
  GtkWidget          *header;
  GtkLabel           *text;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->body = STELLAR_MESSAGE_BODY (stellar_message_body_new ());
  fixture->aside = gtk_label_new ("A");
  gtk_widget_set_size_request (fixture->aside, ASIDE_SIZE, ASIDE_SIZE);
  gtk_widget_set_valign (fixture->aside, GTK_ALIGN_START);
  fixture->header = gtk_label_new ("Ada Lovelace  10:42");
  gtk_label_set_xalign (GTK_LABEL (fixture->header), 0);
  fixture->text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (fixture->text, TRUE);
  gtk_label_set_wrap_mode (fixture->text, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (fixture->text, 20);
  gtk_label_set_xalign (fixture->text, 0);

  gtk_widget_set_parent (fixture->aside, GTK_WIDGET (fixture->body));
  gtk_widget_set_parent (fixture->header, GTK_WIDGET (fixture->body));
  gtk_widget_set_parent (GTK_WIDGET (fixture->text), GTK_WIDGET (fixture->body));
  stellar_message_body_set_aside (fixture->body, fixture->aside);
  stellar_message_body_set_text (fixture->body, fixture->text);
  stellar_message_body_set_spacing (fixture->body, SPACING);

  /* In a window, for the fonts and style a row has. */
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->body));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

static int
min_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

static int
height_for (GtkWidget *widget,
            int        width)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, natural);
  return natural;
}

static graphene_rect_t
bounds_in_body (Fixture   *fixture,
                GtkWidget *child)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (fixture->body), &bounds));
  return bounds;
}

static void
assert_bounds (Fixture   *fixture,
               GtkWidget *child,
               int        x,
               int        y,
               int        width,
               int        height)
{
  graphene_rect_t bounds = bounds_in_body (fixture, child);

  g_assert_cmpint ((int) bounds.origin.x, ==, x);
  g_assert_cmpint ((int) bounds.origin.y, ==, y);
  g_assert_cmpint ((int) bounds.size.width, ==, width);
  g_assert_cmpint ((int) bounds.size.height, ==, height);
}

/* Lays the body out at @width, at the height it asks for there. */
static int
allocate (Fixture *fixture,
          int      width)
{
  int height = height_for (GTK_WIDGET (fixture->body), width);

  gtk_widget_allocate (GTK_WIDGET (fixture->body), width, height, -1, NULL);
  return height;
}

/* The body does not ask the text for its width, yet answers what the text
 * would: short, long, unbroken and wide texts alike. */
static void
test_min_width_is_the_texts (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *texts[] = {
    "hi",
    "The quick brown fox jumps over the lazy dog, and then over the fence, twice.",
    "https://example.com/a/path/without/a/single/space/in/it/at/all/whatsoever",
    "汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
  };

  gtk_label_set_text (GTK_LABEL (fixture->header), "A");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      int text_min;

      gtk_label_set_text (fixture->text, texts[i]);
      text_min = min_width (GTK_WIDGET (fixture->text));
      g_assert_cmpint (text_min, >, min_width (fixture->header));
      g_assert_cmpint (min_width (GTK_WIDGET (fixture->body)), ==, ASIDE_SIZE + SPACING + text_min);
    }

  /* A header wider than the text sets the width. */
  gtk_label_set_text (GTK_LABEL (fixture->header), "Somebody with a long name  10:42 yesterday");
  g_assert_cmpint (min_width (fixture->header), >, min_width (GTK_WIDGET (fixture->text)));
  g_assert_cmpint (min_width (GTK_WIDGET (fixture->body)), ==,
                   ASIDE_SIZE + SPACING + min_width (fixture->header));

  /* Text that does not wrap at words and characters is asked. */
  gtk_label_set_text (GTK_LABEL (fixture->header), "A");
  gtk_label_set_wrap (fixture->text, FALSE);
  gtk_label_set_text (fixture->text, texts[1]);
  g_assert_cmpint (min_width (GTK_WIDGET (fixture->body)), ==,
                   ASIDE_SIZE + SPACING + min_width (GTK_WIDGET (fixture->text)));
}

/* The aside at the top of the start, the column beside it: the header,
 * then the text at the column's width. */
static void
test_column_beside_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  const int width = 400, column = width - ASIDE_SIZE - SPACING;
  int header_height, text_height;

  gtk_label_set_text (fixture->text,
                      "A message long enough to wrap onto a second and a third line at the width "
                      "this test gives it, so that its height depends on that width.");
  header_height = height_for (fixture->header, column);
  text_height = height_for (GTK_WIDGET (fixture->text), column);
  g_assert_cmpint (text_height, >, height_for (GTK_WIDGET (fixture->text), 10000));

  g_assert_cmpint (allocate (fixture, width), ==, header_height + text_height);
  assert_bounds (fixture, fixture->aside, 0, 0, ASIDE_SIZE, ASIDE_SIZE);
  assert_bounds (fixture, fixture->header, ASIDE_SIZE + SPACING, 0, column, header_height);
  assert_bounds (fixture, GTK_WIDGET (fixture->text), ASIDE_SIZE + SPACING, header_height, column, text_height);

  /* A short message is as tall as the aside. */
  gtk_label_set_text (fixture->text, "ok");
  g_assert_cmpint (allocate (fixture, width), ==, MAX (ASIDE_SIZE, header_height + height_for (GTK_WIDGET (fixture->text), column)));
}

/* Without its aside (a message grouped under the one before), the column
 * takes the whole width. */
static void
test_without_aside (Fixture       *fixture,
                    gconstpointer  data)
{
  const int width = 300;

  gtk_label_set_text (fixture->text, "Said a moment after the message before it.");
  gtk_widget_set_visible (fixture->aside, FALSE);
  gtk_widget_set_visible (fixture->header, FALSE);

  g_assert_cmpint (min_width (GTK_WIDGET (fixture->body)), ==, min_width (GTK_WIDGET (fixture->text)));
  g_assert_cmpint (allocate (fixture, width), ==, height_for (GTK_WIDGET (fixture->text), width));
  assert_bounds (fixture, GTK_WIDGET (fixture->text), 0, 0, width,
                 height_for (GTK_WIDGET (fixture->text), width));
}

/* Right to left, the aside is at the right. */
static void
test_right_to_left (Fixture       *fixture,
                    gconstpointer  data)
{
  const int width = 400, column = width - ASIDE_SIZE - SPACING;
  int header_height;

  gtk_label_set_text (fixture->text, "مرحبا بالعالم");
  gtk_widget_set_direction (GTK_WIDGET (fixture->body), GTK_TEXT_DIR_RTL);
  header_height = height_for (fixture->header, column);
  allocate (fixture, width);

  assert_bounds (fixture, fixture->aside, width - ASIDE_SIZE, 0, ASIDE_SIZE, ASIDE_SIZE);
  assert_bounds (fixture, fixture->header, 0, 0, column, header_height);
  assert_bounds (fixture, GTK_WIDGET (fixture->text), 0, header_height, column,
                 height_for (GTK_WIDGET (fixture->text), column));
}

/* Notes added under the text stack in order; hidden ones take no room. */
static void
test_notes_under_text (Fixture       *fixture,
                       gconstpointer  data)
{
  const int width = 400, column = width - ASIDE_SIZE - SPACING;
  GtkWidget *pending = gtk_label_new ("Sending…");
  GtkWidget *failed = gtk_label_new ("Not sent: the connection was lost");
  int header_height, text_height, pending_height;

  gtk_label_set_text (fixture->text, "Hello");
  gtk_widget_insert_before (failed, GTK_WIDGET (fixture->body), NULL);
  gtk_widget_insert_after (pending, GTK_WIDGET (fixture->body), GTK_WIDGET (fixture->text));
  header_height = height_for (fixture->header, column);
  text_height = height_for (GTK_WIDGET (fixture->text), column);
  pending_height = height_for (pending, column);

  gtk_widget_set_visible (failed, FALSE);
  g_assert_cmpint (allocate (fixture, width), ==, header_height + text_height + pending_height);
  assert_bounds (fixture, pending, ASIDE_SIZE + SPACING, header_height + text_height, column, pending_height);

  gtk_widget_set_visible (pending, FALSE);
  gtk_widget_set_visible (failed, TRUE);
  allocate (fixture, width);
  assert_bounds (fixture, failed, ASIDE_SIZE + SPACING, header_height + text_height, column,
                 height_for (failed, column));
}

int
main (int   argc,
      char *argv[])
{
  if (stellar_app_test_skip_without_display ())
    return 77;

  gtk_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/app/message-body/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("min-width-is-the-texts", test_min_width_is_the_texts);
  ADD_TEST ("column-beside-aside", test_column_beside_aside);
  ADD_TEST ("without-aside", test_without_aside);
  ADD_TEST ("right-to-left", test_right_to_left);
  ADD_TEST ("notes-under-text", test_notes_under_text);

#undef ADD_TEST

  return g_test_run ();
}
