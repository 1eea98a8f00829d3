/* stellar-docs-parser.c: reading the action documentation a Stellar server generates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>

#include "stellar-action-info.h"
#include "stellar-docs-parser.h"
#include "stellar-utils.h"

/* Stellar writes its documentation from templates (staticFiles/docs/ in its
 * sources) into <public>/docs/ at boot:
 *
 * - index.html lists the actions in the sidebar,
 *   <ul class="actionsList"><li><a href="./action_NAME.html">NAME</a></li>…
 * - action_NAME.html has <h1 class="action-title">NAME</h1>, then for each
 *   version <h3 class="action-version">Version: N</h3> followed by panels
 *   (<div class="panel-header">Description</div> then a
 *   <div class="panel-block"><p>…</p></div>; "Inputs" then a table whose
 *   rows are name, description, default and <ul class="validators"> where
 *   <li class="required"> marks a required input; "Output Example").
 *
 * Stellar escapes nothing it writes, and writes "N/A" for a missing input
 * description or default (and for a falsy default), "undefined" for a
 * missing action description. libxml2's HTML parser reads the pages the way
 * a browser would, recovering from whatever the text does to the markup;
 * this file walks the tree without recursion, so no page can exhaust the
 * stack, and takes what it can recognise. */

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_COMPACT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static void
ignore_error (void        *user_data,
              xmlErrorPtr  error)
{
}

static htmlDocPtr
read_page (GBytes      *page,
           const char  *encoding,
           GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (page, &length);
  htmlDocPtr doc;

  if (length > STELLAR_DOCS_MAX_PAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The documentation page is too large (%lu bytes)"), (unsigned long) length);
      return NULL;
    }

  /* What is wrong with a page is the server's business: libxml2 reports
   * some problems (bytes not in the page's encoding) to its process-wide
   * handler whatever the options say, so it gets one that says nothing
   * for as long as this page is read. */
  {
    xmlStructuredErrorFunc saved_handler = xmlStructuredError;
    void *saved_context = xmlStructuredErrorContext;

    xmlSetStructuredErrorFunc (NULL, ignore_error);
    doc = htmlReadMemory (data != NULL ? data : "", (int) length, NULL, encoding, PARSE_OPTIONS);
    xmlSetStructuredErrorFunc (saved_context, saved_handler);
  }
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The documentation page is empty or not HTML"));
    }

  return doc;
}

/* The node after @node in document order, below @top; its children are
 * passed over when @skip_children is set. */
static xmlNodePtr
next_node (xmlNodePtr node,
           xmlNodePtr top,
           gboolean   skip_children)
{
  if (!skip_children && node->children != NULL)
    return node->children;

  while (node != NULL && node != top)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
has_class (xmlNodePtr  node,
           const char *class_name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) "class");
  g_auto(GStrv) classes = NULL;
  gboolean found;

  if (value == NULL)
    return FALSE;

  classes = g_strsplit_set ((const char *) value, " \t\r\n\f", -1);
  xmlFree (value);
  found = g_strv_contains ((const char * const *) classes, class_name);

  return found;
}

static gboolean
is_element_with_class (xmlNodePtr  node,
                       const char *name,
                       const char *class_name)
{
  return is_element (node, name) && has_class (node, class_name);
}

/* The node's text as a browser shows it: white space collapsed, trimmed;
 * and valid UTF-8, whatever bytes a broken page slipped through. */
static char *
get_text (xmlNodePtr node)
{
  xmlChar *raw = xmlNodeGetContent (node);
  g_autofree char *content = g_utf8_make_valid (raw != NULL ? (const char *) raw : "", -1);
  GString *text = g_string_new (NULL);
  gboolean in_space = FALSE;

  xmlFree (raw);

  for (const char *p = content; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && text->len > 0)
        g_string_append_c (text, ' ');
      in_space = FALSE;
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/* The text, or NULL where Stellar writes its placeholder for "nothing". */
static char *
get_text_or_null (xmlNodePtr  node,
                  const char *placeholder)
{
  char *text = get_text (node);

  if (*text == '\0' || g_strcmp0 (text, placeholder) == 0)
    g_clear_pointer (&text, g_free);

  return text;
}

static xmlNodePtr
find_element_with_class (xmlNodePtr  top,
                         const char *name,
                         const char *class_name)
{
  for (xmlNodePtr node = top; node != NULL; node = next_node (node, top, FALSE))
    if (is_element_with_class (node, name, class_name))
      return node;

  return NULL;
}

/* "./action_NAME.html" → "NAME" */
static char *
name_from_href (const char *href)
{
  const char *start;
  gsize length;

  if (href == NULL)
    return NULL;

  start = g_str_has_prefix (href, "./") ? href + 2 : href;
  if (!g_str_has_prefix (start, "action_") || !g_str_has_suffix (start, ".html"))
    return NULL;

  start += strlen ("action_");
  length = strlen (start) - strlen (".html");
  return length > 0 ? g_utf8_make_valid (start, length) : NULL;
}

/**
 * stellar_docs_parse_index:
 * @page: the documentation's index.html
 * @encoding: (nullable): the page's encoding when known, such as "UTF-8";
 *   %NULL to go by what the page says
 * @error: return location for a #GError
 *
 * Reads the names of the documented actions from the index's action list.
 * A page without Stellar's list fails with %G_IO_ERROR_INVALID_DATA; a list
 * without actions is an empty array.
 *
 * Returns: (transfer full): the action names, in the page's order, each once
 */
char **
stellar_docs_parse_index (GBytes      *page,
                          const char  *encoding,
                          GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  g_autoptr(GHashTable) seen = NULL;
  xmlNodePtr list;

  g_return_val_if_fail (page != NULL, NULL);

  doc = read_page (page, encoding, error);
  if (doc == NULL)
    return NULL;

  list = find_element_with_class (xmlDocGetRootElement (doc), "ul", "actionsList");
  if (list == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The page is not the action documentation of a Stellar server"));
      return NULL;
    }

  names = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (xmlNodePtr node = list; node != NULL; node = next_node (node, list, FALSE))
    {
      xmlChar *href;
      char *name;

      if (!is_element (node, "a"))
        continue;

      href = xmlGetProp (node, (const xmlChar *) "href");
      name = name_from_href ((const char *) href);
      xmlFree (href);
      if (name == NULL)
        name = get_text (node);

      if (*name == '\0' || g_hash_table_contains (seen, name))
        {
          g_free (name);
          continue;
        }

      g_strv_builder_add (names, name);
      g_hash_table_add (seen, name);
    }

  return g_strv_builder_end (names);
}

/* --- action pages -------------------------------------------------------- */

typedef enum {
  PANEL_NONE,
  PANEL_DESCRIPTION,
  PANEL_INPUTS,
  PANEL_OTHER,
} Panel;

typedef struct {
  char       *version;
  char       *description;
  GListStore *inputs;
} VersionBlock;

static void
version_block_free (VersionBlock *block)
{
  g_free (block->version);
  g_free (block->description);
  g_clear_object (&block->inputs);
  g_free (block);
}

static VersionBlock *
version_block_new (xmlNodePtr heading)
{
  VersionBlock *block = g_new0 (VersionBlock, 1);
  g_autofree char *text = get_text (heading);
  const char *version = text;

  if (g_str_has_prefix (version, "Version:"))
    version += strlen ("Version:");

  block->version = g_strstrip (g_strdup (version));
  block->inputs = g_list_store_new (STELLAR_TYPE_ACTION_INPUT);

  return block;
}

static gboolean
has_required_marker (xmlNodePtr cell)
{
  for (xmlNodePtr node = cell; node != NULL; node = next_node (node, cell, FALSE))
    if (is_element_with_class (node, "li", "required"))
      return TRUE;

  return FALSE;
}

/* A row of the inputs table: name, description, default, validators. The
 * header row has no <td>; a truncated row gives what it has. */
static void
read_input_row (VersionBlock *block,
                xmlNodePtr    row)
{
  g_autoptr(StellarActionInput) input = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *default_value = NULL;
  xmlNodePtr cells[4] = { NULL, };
  guint n_cells = 0;

  for (xmlNodePtr child = row->children; child != NULL && n_cells < G_N_ELEMENTS (cells); child = child->next)
    if (is_element (child, "td"))
      cells[n_cells++] = child;

  if (n_cells == 0)
    return;

  name = get_text (cells[0]);
  if (*name == '\0')
    return;

  if (cells[1] != NULL)
    description = get_text_or_null (cells[1], "N/A");
  if (cells[2] != NULL)
    default_value = get_text_or_null (cells[2], "N/A");

  input = stellar_action_input_new (name, description,
                                    cells[3] != NULL && has_required_marker (cells[3]),
                                    default_value);
  g_list_store_append (block->inputs, input);
}

static Panel
panel_from_header (xmlNodePtr header)
{
  g_autofree char *text = get_text (header);

  if (g_strcmp0 (text, "Description") == 0)
    return PANEL_DESCRIPTION;
  if (g_strcmp0 (text, "Inputs") == 0)
    return PANEL_INPUTS;

  return PANEL_OTHER;
}

/**
 * stellar_docs_parse_action_page:
 * @page: an action's page, action_NAME.html
 * @encoding: (nullable): the page's encoding when known; %NULL to go by
 *   what the page says
 * @name: the action's name in the index, used when the page has no title
 * @error: return location for a #GError
 *
 * Reads every version the page describes. Whatever text the page holds,
 * what can be recognised is returned; a page without any version block fails
 * with %G_IO_ERROR_INVALID_DATA.
 *
 * Returns: (transfer full) (element-type StellarActionInfo): one item per
 *   version, in the page's order
 */
GPtrArray *
stellar_docs_parse_action_page (GBytes      *page,
                                const char  *encoding,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *title = NULL;
  GPtrArray *infos;
  VersionBlock *block = NULL;
  Panel panel = PANEL_NONE;
  xmlNodePtr root;
  xmlNodePtr node;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  doc = read_page (page, encoding, error);
  if (doc == NULL)
    return NULL;

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) version_block_free);
  root = xmlDocGetRootElement (doc);
  node = root;

  while (node != NULL)
    {
      gboolean skip_children = FALSE;

      if (node->type != XML_ELEMENT_NODE)
        ;
      else if (title == NULL && is_element_with_class (node, "h1", "action-title"))
        {
          title = get_text (node);
          skip_children = TRUE;
        }
      else if (is_element_with_class (node, "h3", "action-version"))
        {
          block = version_block_new (node);
          g_ptr_array_add (blocks, block);
          panel = PANEL_NONE;
          skip_children = TRUE;
        }
      else if (block != NULL && is_element_with_class (node, "div", "panel-header"))
        {
          panel = panel_from_header (node);
          skip_children = TRUE;
        }
      else if (block != NULL && panel == PANEL_DESCRIPTION &&
               is_element_with_class (node, "div", "panel-block"))
        {
          g_free (block->description);
          block->description = get_text_or_null (node, "undefined");
          skip_children = TRUE;
        }
      else if (block != NULL && panel == PANEL_INPUTS && is_element (node, "tr"))
        {
          read_input_row (block, node);
          skip_children = TRUE;
        }

      node = next_node (node, root, skip_children);
    }

  if (blocks->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The documentation page of “%s” describes no version of it"), name);
      return NULL;
    }

  if (title == NULL || *title == '\0')
    stellar_set_string (&title, name);

  infos = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < blocks->len; i++)
    {
      VersionBlock *b = g_ptr_array_index (blocks, i);

      g_ptr_array_add (infos, stellar_action_info_new (title, b->version, b->description,
                                                       G_LIST_MODEL (b->inputs)));
    }

  return infos;
}
