/* test-docs-parser.c: reading Stellar's action documentation, good and broken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "stellar-action-info.h"
#include "stellar-docs-parser.h"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GPtrArray *
parse_fixture (const char *fixture,
               const char *name)
{
  g_autoptr(GBytes) page = load_fixture (fixture);
  g_autoptr(GError) error = NULL;
  GPtrArray *infos;

  infos = stellar_docs_parse_action_page (page, "UTF-8", name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (infos);

  return infos;
}

static void
assert_input (StellarActionInfo *info,
              guint              position,
              const char        *name,
              const char        *description,
              gboolean           required,
              const char        *default_value)
{
  g_autoptr(StellarActionInput) input = g_list_model_get_item (stellar_action_info_get_inputs (info), position);

  g_assert_nonnull (input);
  g_assert_cmpstr (stellar_action_input_get_name (input), ==, name);
  g_assert_cmpstr (stellar_action_input_get_description (input), ==, description);
  g_assert_cmpint (stellar_action_input_get_required (input), ==, required);
  g_assert_cmpstr (stellar_action_input_get_default_value (input), ==, default_value);
  g_assert_true (stellar_action_info_lookup_input (info, name) == input);
}

static guint
n_inputs (StellarActionInfo *info)
{
  return g_list_model_get_n_items (stellar_action_info_get_inputs (info));
}

static void
test_index (void)
{
  g_autoptr(GBytes) page = load_fixture ("docs-index.html");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = stellar_docs_parse_index (page, "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, ((const char *[]) { "auth.login", "cart-add", "status", "search", NULL }));
}

static void
test_index_odd_lists (void)
{
  g_autoptr(GBytes) empty = bytes_from_string ("<ul class=\"actionsList\">\n    </ul>");
  g_autoptr(GBytes) odd = bytes_from_string ("<ul class='sidebar-list actionsList'>"
                                             "<li><a href='./action_a.html'>a</a></li>"
                                             "<li><a href='elsewhere.html'>b</a></li>"
                                             "<li><a href='./action_a.html'>a</a></li>"
                                             "<li><a>  c  d </a></li>"
                                             "<li><a href='./action_.html'></a></li>"
                                             "</ul>");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) names = NULL;

  /* a server that documents no action has an empty list: not an error */
  none = stellar_docs_parse_index (empty, "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* each name once; a link that is not to an action page gives its text */
  names = stellar_docs_parse_index (odd, "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, ((const char *[]) { "a", "b", "c d", NULL }));
}

static void
test_versions (void)
{
  g_autoptr(GPtrArray) infos = parse_fixture ("docs-action-versions.html", "cart-add");
  StellarActionInfo *v1, *v2;

  g_assert_cmpuint (infos->len, ==, 2);
  v1 = g_ptr_array_index (infos, 0);
  v2 = g_ptr_array_index (infos, 1);

  g_assert_cmpstr (stellar_action_info_get_name (v1), ==, "cart-add");
  g_assert_cmpstr (stellar_action_info_get_version (v1), ==, "1");
  g_assert_cmpstr (stellar_action_info_get_description (v1), ==, "Adds a product to the cart.");
  g_assert_cmpuint (n_inputs (v1), ==, 2);
  assert_input (v1, 0, "product", "The product's id", TRUE, NULL);
  assert_input (v1, 1, "quantity", NULL, FALSE, "1");

  g_assert_cmpstr (stellar_action_info_get_name (v2), ==, "cart-add");
  g_assert_cmpstr (stellar_action_info_get_version (v2), ==, "2");
  g_assert_cmpstr (stellar_action_info_get_description (v2), ==,
                   "Adds a product to the cart, in a quantity that the stock allows & reserves it.");
  g_assert_cmpuint (n_inputs (v2), ==, 3);
  assert_input (v2, 0, "product", "The product's id", TRUE, NULL);
  assert_input (v2, 1, "quantity", "How many — at least one", TRUE, "1");
  assert_input (v2, 2, "coupon", "A discount code", FALSE, NULL);
  g_assert_null (stellar_action_info_lookup_input (v2, "nope"));
}

static void
test_no_inputs (void)
{
  g_autoptr(GPtrArray) infos = parse_fixture ("docs-action-no-inputs.html", "status");
  StellarActionInfo *info;

  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (stellar_action_info_get_name (info), ==, "status");
  g_assert_cmpstr (stellar_action_info_get_version (info), ==, "1");
  /* Stellar writes "undefined" for an action without a description */
  g_assert_null (stellar_action_info_get_description (info));
  g_assert_cmpuint (n_inputs (info), ==, 0);
}

/* Stellar escapes nothing: text with < and & reaches the page as is. */
static void
test_unescaped_text (void)
{
  g_autoptr(GPtrArray) infos = parse_fixture ("docs-action-unescaped.html", "search");
  StellarActionInfo *info;

  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (stellar_action_info_get_description (info), ==,
                   "Finds products where price < max & stock > 0 (see filters)");
  g_assert_cmpuint (n_inputs (info), ==, 3);
  assert_input (info, 0, "query", "Words to look for, e.g. \"red & blue\"", TRUE, NULL);
  assert_input (info, 1, "limit", "At most this many (<= 100)", FALSE, "api => api.config.search.limit");
  assert_input (info, 2, "filters", "An object, such as {\"color\": \"red\"}", FALSE, "[object Object]");
}

static void
test_title_missing (void)
{
  g_autoptr(GBytes) page = bytes_from_string ("<h3 class=\"action-version\">2</h3>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  StellarActionInfo *info;

  infos = stellar_docs_parse_action_page (page, "UTF-8", "from-index", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (stellar_action_info_get_name (info), ==, "from-index");
  g_assert_cmpstr (stellar_action_info_get_version (info), ==, "2");
  g_assert_null (stellar_action_info_get_description (info));
}

static void
count_read (GPtrArray *infos,
            guint     *n_versions,
            guint     *n_inputs_read)
{
  *n_versions = infos != NULL ? infos->len : 0;
  *n_inputs_read = 0;
  for (guint i = 0; i < *n_versions; i++)
    *n_inputs_read += n_inputs (g_ptr_array_index (infos, i));
}

/* Whether to try a cut at @cut: around every tag boundary and quote, where
 * the markup breaks differently, and every 16 bytes in between. */
static gboolean
is_interesting_cut (const char *data,
                    gsize       length,
                    gsize       cut)
{
  const char *marks = "<>\"=";

  return cut % 16 == 0 || cut == length ||
         (cut > 0 && strchr (marks, data[cut - 1]) != NULL) ||
         strchr (marks, data[cut]) != NULL;
}

/* Page prefixes parse without harm, and a longer one reads no less than a
 * shorter one: what was read stays read as more of the page arrives. */
static void
test_truncated (void)
{
  const struct {
    const char *name;
    guint       n_versions;
    guint       n_inputs;
    guint       n_names;
  } fixtures[] = {
    { "docs-action-versions.html", 2, 5, 0 },
    { "docs-action-unescaped.html", 1, 3, 0 },
    { "docs-index.html", 0, 0, 4 },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) page = load_fixture (fixtures[f].name);
      gboolean is_index = fixtures[f].n_names > 0;
      gsize length = g_bytes_get_size (page);
      guint last_versions = 0;
      guint last_inputs = 0;
      guint last_names = 0;

      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autoptr(GBytes) prefix = NULL;
          g_autoptr(GPtrArray) infos = NULL;
          g_auto(GStrv) names = NULL;
          guint n_versions, n_inputs_read;

          if (!is_interesting_cut (g_bytes_get_data (page, NULL), length, cut))
            continue;

          prefix = g_bytes_new_from_bytes (page, 0, cut);
          if (is_index)
            {
              names = stellar_docs_parse_index (prefix, "UTF-8", NULL);
              if (names != NULL)
                {
                  g_assert_cmpuint (g_strv_length (names), >=, last_names);
                  last_names = g_strv_length (names);
                }
              continue;
            }

          infos = stellar_docs_parse_action_page (prefix, "UTF-8", "cut", NULL);
          count_read (infos, &n_versions, &n_inputs_read);
          g_assert_cmpuint (n_versions, >=, last_versions);
          g_assert_cmpuint (n_inputs_read, >=, last_inputs);
          last_versions = n_versions;
          last_inputs = n_inputs_read;
        }

      g_assert_cmpuint (last_versions, ==, fixtures[f].n_versions);
      g_assert_cmpuint (last_inputs, ==, fixtures[f].n_inputs);
      g_assert_cmpuint (last_names, ==, fixtures[f].n_names);
    }
}

static void
assert_not_docs (GBytes *page)
{
  g_autoptr(GError) index_error = NULL;
  g_autoptr(GError) page_error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  names = stellar_docs_parse_index (page, NULL, &index_error);
  g_assert_error (index_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (names);

  infos = stellar_docs_parse_action_page (page, NULL, "x", &page_error);
  g_assert_error (page_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (infos);
}

static void
test_not_docs (void)
{
  const char *pages[] = {
    "",
    "   \n",
    "{\"error\":{\"code\":\"010\",\"message\":\"The requested file not exists\"}}",
    "Cannot GET /docs/",
    "<!doctype html><html><head><title>wire-test</title></head><body><h1>Hello</h1></body></html>",
    "<ul class=\"actionsListing\"><li><a href=\"./action_x.html\">x</a></li></ul>",
    "<<<<>>>></></><!-- <![CDATA[ &&&;;; &#xffffffff; &#0;",
  };
  static const guint8 binary[] = { 0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0xff, 0xfe, 0, '<', 'u', 'l', 0 };
  g_autoptr(GBytes) png = g_bytes_new_static (binary, sizeof binary);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) page = bytes_from_string (pages[i]);

      assert_not_docs (page);
    }
  assert_not_docs (png);
}

/* Random bytes, and random cuts and splices of real pages: never a crash. */
static void
test_garbage (void)
{
  g_autoptr(GBytes) good = load_fixture ("docs-action-versions.html");
  gsize good_length;
  const guint8 *good_data = g_bytes_get_data (good, &good_length);

  for (guint round = 0; round < 200; round++)
    {
      gsize length = g_test_rand_int_range (0, 8192);
      g_autofree guint8 *data = g_malloc (length + 1);
      g_autoptr(GBytes) page = NULL;
      g_autoptr(GPtrArray) infos = NULL;
      g_auto(GStrv) names = NULL;

      for (gsize i = 0; i < length; i++)
        {
          /* half the rounds: a real page with random bytes changed */
          if (round % 2 == 0 && i < good_length && g_test_rand_int_range (0, 20) != 0)
            data[i] = good_data[i];
          else
            data[i] = g_test_rand_int_range (0, 256);
        }

      page = g_bytes_new_take (g_steal_pointer (&data), length);
      infos = stellar_docs_parse_action_page (page, round % 3 == 0 ? NULL : "UTF-8", "x", NULL);
      names = stellar_docs_parse_index (page, NULL, NULL);

      /* whatever the bytes, every text is UTF-8, as GTK needs it */
      for (guint i = 0; infos != NULL && i < infos->len; i++)
        {
          StellarActionInfo *info = g_ptr_array_index (infos, i);
          GListModel *inputs = stellar_action_info_get_inputs (info);
          const char *description = stellar_action_info_get_description (info);

          g_assert_true (g_utf8_validate (stellar_action_info_get_name (info), -1, NULL));
          g_assert_true (g_utf8_validate (stellar_action_info_get_version (info), -1, NULL));
          g_assert_true (description == NULL || g_utf8_validate (description, -1, NULL));

          for (guint j = 0; j < g_list_model_get_n_items (inputs); j++)
            {
              g_autoptr(StellarActionInput) input = g_list_model_get_item (inputs, j);
              const char *input_description = stellar_action_input_get_description (input);
              const char *default_value = stellar_action_input_get_default_value (input);

              g_assert_true (g_utf8_validate (stellar_action_input_get_name (input), -1, NULL));
              g_assert_true (input_description == NULL || g_utf8_validate (input_description, -1, NULL));
              g_assert_true (default_value == NULL || g_utf8_validate (default_value, -1, NULL));
            }
        }
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        g_assert_true (g_utf8_validate (names[i], -1, NULL));
    }
}

static void
test_deep_nesting (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GBytes) page = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (text, "<div><span>");
  g_string_append (text, "<ul class=\"actionsList\"><li><a href=\"./action_deep.html\">deep</a></li></ul>"
                         "<h3 class=\"action-version\">Version: 1</h3>");

  page = g_string_free_to_bytes (text);
  names = stellar_docs_parse_index (page, "UTF-8", NULL);
  infos = stellar_docs_parse_action_page (page, "UTF-8", "deep", NULL);

  /* libxml2 may give up on such a page; if it reads it, it reads it right */
  if (names != NULL)
    g_assert_cmpstrv (names, ((const char *[]) { "deep", NULL }));
  if (infos != NULL)
    g_assert_cmpuint (infos->len, ==, 1);
}

static void
test_too_large (void)
{
  gsize length = STELLAR_DOCS_MAX_PAGE_SIZE + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  memset (data, ' ', length);
  memcpy (data, "<ul class=\"actionsList\">", strlen ("<ul class=\"actionsList\">"));
  page = g_bytes_new_take (g_steal_pointer (&data), length);

  names = stellar_docs_parse_index (page, "UTF-8", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (names);
}

/* A page in another encoding says so; given no encoding, the parser goes by
 * the page's own declaration. */
static void
test_encoding (void)
{
  const char latin1[] = "<meta charset=\"iso-8859-1\"><h1 class=\"action-title\">caf\xe9</h1>"
                        "<h3 class=\"action-version\">Version: 1</h3>"
                        "<div class=\"panel-header\">Description</div>"
                        "<div class=\"panel-block\"><p>Cr\xe8me br\xfbl\xe9" "e</p></div>";
  g_autoptr(GBytes) page = g_bytes_new_static (latin1, strlen (latin1));
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  StellarActionInfo *info;

  infos = stellar_docs_parse_action_page (page, NULL, "x", &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (stellar_action_info_get_name (info), ==, "café");
  g_assert_cmpstr (stellar_action_info_get_description (info), ==, "Crème brûlée");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/docs-parser/index", test_index);
  g_test_add_func ("/app/docs-parser/index-odd-lists", test_index_odd_lists);
  g_test_add_func ("/app/docs-parser/versions", test_versions);
  g_test_add_func ("/app/docs-parser/no-inputs", test_no_inputs);
  g_test_add_func ("/app/docs-parser/unescaped-text", test_unescaped_text);
  g_test_add_func ("/app/docs-parser/title-missing", test_title_missing);
  g_test_add_func ("/app/docs-parser/truncated", test_truncated);
  g_test_add_func ("/app/docs-parser/not-docs", test_not_docs);
  g_test_add_func ("/app/docs-parser/garbage", test_garbage);
  g_test_add_func ("/app/docs-parser/deep-nesting", test_deep_nesting);
  g_test_add_func ("/app/docs-parser/too-large", test_too_large);
  g_test_add_func ("/app/docs-parser/encoding", test_encoding);

  return g_test_run ();
}
