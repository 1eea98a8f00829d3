/* stellar-application-notifications.c: messages as desktop notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-application-private.h"
#include "stellar-window.h"

/* A message from someone else in a room the person is not looking at
 * (another room, or a window without the focus) becomes a notification,
 * unless notifications are off or the room is muted. There is one
 * notification per room, replaced as messages arrive: a burst of messages
 * is gathered for a moment and told once ("3 new messages"). It goes away
 * when the person looks at the room, and opening it shows the room through
 * `app.show-room`, whose target names the server and the room. */

#define GATHER_MS 300

typedef struct {
  StellarSession *session;
  StellarRoom    *room;
  StellarMessage *last;
  guint           count;
  gboolean        mentions_you;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->session);
  g_object_unref (pending->room);
  g_object_unref (pending->last);
  g_free (pending);
}

static char *
notification_id (StellarSession *session,
                 StellarRoom    *room)
{
  return g_strdup_printf ("room:%s#%s", stellar_session_get_url (session), stellar_room_get_name (room));
}

static void
send_pending (gpointer key,
              gpointer value,
              gpointer user_data)
{
  StellarApplication *self = user_data;
  const char *id = key;
  Pending *pending = value;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  const char *sender = stellar_message_get_sender_name (pending->last);
  guint unread = MAX (stellar_room_get_unread_count (pending->room), pending->count);

  /* Read meanwhile. */
  if (stellar_room_get_active (pending->room) || unread == 0)
    return;

  /* Translators: a notification's title: a room's name, then its server */
  title = g_strdup_printf (_("#%s on %s"), stellar_room_get_name (pending->room),
                           stellar_session_get_title (pending->session));

  if (unread == 1)
    /* Translators: a notification's text: who said what */
    body = g_strdup_printf (_("%s: %s"), sender, stellar_message_get_text (pending->last));
  else
    /* Translators: a notification's text: how many messages, then who said the last one, and what */
    body = g_strdup_printf (ngettext ("%u new message, the last from %s: %s",
                                      "%u new messages, the last from %s: %s", unread),
                            unread, sender, stellar_message_get_text (pending->last));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "im.received");
  g_notification_set_priority (notification, pending->mentions_you ? G_NOTIFICATION_PRIORITY_HIGH
                                                                   : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.show-room", "(ss)",
                                                 stellar_session_get_url (pending->session),
                                                 stellar_room_get_name (pending->room));

  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static gboolean
send_all_pending (gpointer user_data)
{
  StellarApplication *self = user_data;

  self->notify_source = 0;
  g_hash_table_foreach (self->pending_notifications, send_pending, self);
  g_hash_table_remove_all (self->pending_notifications);

  return G_SOURCE_REMOVE;
}

/**
 * stellar_application_notify_message:
 * @self: a #StellarApplication
 * @session: the session of @room
 * @room: where @message arrived
 * @message: a message from someone else, unread
 *
 * Tells the person about @message, unless they asked not to be told.
 */
void
stellar_application_notify_message (StellarApplication *self,
                                    StellarSession     *session,
                                    StellarRoom        *room,
                                    StellarMessage     *message)
{
  g_autofree char *id = NULL;
  Pending *pending;

  g_return_if_fail (STELLAR_IS_APPLICATION (self));
  g_return_if_fail (STELLAR_IS_SESSION (session));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (STELLAR_IS_MESSAGE (message));

  if (!g_settings_get_boolean (self->settings, "notifications") || stellar_room_get_muted (room))
    return;

  id = notification_id (session, room);
  pending = g_hash_table_lookup (self->pending_notifications, id);
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->session = g_object_ref (session);
      pending->room = g_object_ref (room);
      g_hash_table_insert (self->pending_notifications, g_steal_pointer (&id), pending);
    }

  g_set_object (&pending->last, message);
  pending->count++;
  pending->mentions_you |= stellar_message_get_mentions_you (message);

  if (self->notify_source == 0)
    self->notify_source = g_timeout_add (GATHER_MS, send_all_pending, self);
}

/**
 * stellar_application_withdraw_notification:
 * @self: a #StellarApplication
 * @session: the session of @room
 * @room: a room the person now looks at
 */
void
stellar_application_withdraw_notification (StellarApplication *self,
                                           StellarSession     *session,
                                           StellarRoom        *room)
{
  g_autofree char *id = NULL;

  g_return_if_fail (STELLAR_IS_APPLICATION (self));
  g_return_if_fail (STELLAR_IS_SESSION (session));
  g_return_if_fail (STELLAR_IS_ROOM (room));

  id = notification_id (session, room);
  g_hash_table_remove (self->pending_notifications, id);
  g_application_withdraw_notification (G_APPLICATION (self), id);
}

/* app.show-room (server, room): the window of that server shows the room,
 * or a new window connects to it. */
static void
show_room_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StellarApplication *self = user_data;
  const char *url;
  const char *name;

  g_variant_get (parameter, "(&s&s)", &url, &name);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      StellarSession *session;
      StellarRoom *room;

      if (!STELLAR_IS_WINDOW (l->data))
        continue;

      session = stellar_window_get_session (l->data);
      if (session == NULL || g_strcmp0 (stellar_session_get_url (session), url) != 0)
        continue;

      room = stellar_session_lookup_room (session, name);
      if (room == NULL)
        continue;

      stellar_window_show_room (l->data, room);
      gtk_window_present (GTK_WINDOW (l->data));
      return;
    }

  {
    StellarWindow *window = stellar_window_new (GTK_APPLICATION (self));

    gtk_window_present (GTK_WINDOW (window));
    stellar_window_connect_to (window, url, (const char *[]) { name, NULL });
  }
}

void
_stellar_application_notifications_init (StellarApplication *self)
{
  static const GActionEntry actions[] = {
    { "show-room", show_room_action, "(ss)" },
  };

  self->pending_notifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) pending_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

void
_stellar_application_notifications_shutdown (StellarApplication *self)
{
  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_pointer (&self->pending_notifications, g_hash_table_unref);
}
