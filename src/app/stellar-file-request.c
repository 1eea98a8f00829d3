/* stellar-file-request.c: ask the server for one of its static files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-file-request.h"
#include "stellar-served-file.h"

/**
 * StellarFileRequest:
 *
 * The connection page's Request File tool: a path in, the file's MIME type,
 * size and content out (text shown, images previewed), and Save As.
 */
struct _StellarFileRequest
{
  GtkWidget             parent_instance;

  StellarClient        *client;
  StellarServedFile    *file;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  /* template children */
  AdwEntryRow          *path_entry;
  AdwActionRow         *mime_row;
  AdwActionRow         *size_row;
  GtkLabel             *error_label;
  GtkPicture           *picture;
  GtkWidget            *text_scroller;
  GtkTextView          *text_view;
};

G_DEFINE_FINAL_TYPE (StellarFileRequest, stellar_file_request, GTK_TYPE_WIDGET)

static void
show_error (StellarFileRequest *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
}

static void
show_file (StellarFileRequest *self,
           StellarServedFile  *file)
{
  GBytes *content = file ? stellar_served_file_get_content (file) : NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *size = NULL;

  g_set_object (&self->file, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "file-request.save-as", file != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mime_row), file != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), file != NULL);

  if (file != NULL && stellar_served_file_is_image (file))
    texture = gdk_texture_new_from_bytes (content, NULL);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->picture), texture != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            file != NULL && stellar_served_file_is_text (file)
                              ? g_bytes_get_data (content, NULL) : "",
                            file != NULL && stellar_served_file_is_text (file)
                              ? (int) g_bytes_get_size (content) : 0);
  gtk_widget_set_visible (self->text_scroller, file != NULL && stellar_served_file_is_text (file));

  if (file == NULL)
    return;

  size = g_format_size_full (g_bytes_get_size (content), G_FORMAT_SIZE_LONG_FORMAT);
  adw_action_row_set_subtitle (self->mime_row, stellar_served_file_get_mime_type (file));
  adw_action_row_set_subtitle (self->size_row, size);
}

static void
on_file_received (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StellarFileRequest) self = user_data;
  g_autoptr(StellarServedFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = stellar_served_file_request_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->path_entry), "busy");
  show_file (self, file);
  show_error (self, error ? error->message : NULL);
}

/**
 * stellar_file_request_request:
 * @self: a #StellarFileRequest
 * @path: a path on the server, such as `/index.html`
 *
 * Asks for @path, as if it were typed and applied.
 */
void
stellar_file_request_request (StellarFileRequest *self,
                              const char         *path)
{
  g_return_if_fail (STELLAR_IS_FILE_REQUEST (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->path_entry)), path) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->path_entry), path);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_error (self, NULL);

  if (self->client == NULL)
    return;

  if (*path == '\0')
    {
      show_error (self, _("Enter a path such as /index.html"));
      return;
    }

  self->cancellable = g_cancellable_new ();
  stellar_served_file_request_async (self->client, path, self->cancellable,
                                     on_file_received, g_object_ref (self));
}

static void
on_path_applied (StellarFileRequest *self)
{
  stellar_file_request_request (self, gtk_editable_get_text (GTK_EDITABLE (self->path_entry)));
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StellarFileRequest) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
on_chooser_response (StellarFileRequest *self,
                     int                 response,
                     GtkNativeDialog    *chooser)
{
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->file != NULL)
    target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (target != NULL)
    g_file_replace_contents_bytes_async (target, stellar_served_file_get_content (self->file),
                                         NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                         self->cancellable, on_saved, g_object_ref (self));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StellarFileRequest *self = STELLAR_FILE_REQUEST (widget);
  g_autofree char *name = NULL;

  if (self->file == NULL || self->chooser != NULL)
    return;

  name = g_path_get_basename (stellar_served_file_get_path (self->file));
  self->chooser = gtk_file_chooser_native_new (_("Save File"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (name[0] != '\0' && strcmp (name, "/") != 0)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * stellar_file_request_set_client:
 * @self: a #StellarFileRequest
 * @client: (nullable): the connection's client
 *
 * Sets where files are asked for; what was shown is forgotten.
 */
void
stellar_file_request_set_client (StellarFileRequest *self,
                                 StellarClient      *client)
{
  g_return_if_fail (STELLAR_IS_FILE_REQUEST (self));

  if (!g_set_object (&self->client, client))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_file (self, NULL);
  show_error (self, NULL);
}

static void
stellar_file_request_dispose (GObject *object)
{
  StellarFileRequest *self = STELLAR_FILE_REQUEST (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->client);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), STELLAR_TYPE_FILE_REQUEST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (stellar_file_request_parent_class)->dispose (object);
}

static void
stellar_file_request_class_init (StellarFileRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = stellar_file_request_dispose;

  gtk_widget_class_install_action (widget_class, "file-request.save-as", NULL, save_as_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Stellar/stellar-file-request.ui");
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, path_entry);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, mime_row);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, size_row);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, error_label);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, picture);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, StellarFileRequest, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_path_applied);
}

static void
stellar_file_request_init (StellarFileRequest *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "file-request.save-as", FALSE);
}
