/* stellar-session-rooms.c: the rooms of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include <glib/gi18n.h>

#include "stellar-room-private.h"
#include "stellar-session-private.h"

/* The list holds the rooms the person is in or asked to be in. The client
 * re-joins them by itself after a lost connection; the session joins them
 * after connecting, and remembers them per server in the `remembered-rooms`
 * setting, so that they come back with the app. A room leaves the list
 * only when the person leaves it, here or by taking it off the server's
 * rooms in Preferences (which edits the same setting). */

#define REMEMBERED_ROOMS_KEY "remembered-rooms"

static gboolean
find_room (StellarSession *self,
           const char     *name,
           guint          *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

      if (g_strcmp0 (stellar_room_get_name (room), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * stellar_session_lookup_room:
 * @self: a #StellarSession
 * @name: a room's name
 *
 * Returns: (transfer none) (nullable): the session's room called @name
 */
StellarRoom *
stellar_session_lookup_room (StellarSession *self,
                             const char     *name)
{
  StellarRoom *room;
  guint position;

  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!find_room (self, name, &position))
    return NULL;

  /* The list keeps a reference of its own. */
  room = g_list_model_get_item (G_LIST_MODEL (self->rooms), position);
  g_object_unref (room);

  return room;
}

static gboolean
is_joined (StellarSession *self,
           const char     *name)
{
  g_auto(GStrv) joined = NULL;

  g_object_get (self->client, "joined-rooms", &joined, NULL);

  return joined != NULL && g_strv_contains ((const char * const *) joined, name);
}

static StellarRoom *
add_room (StellarSession *self,
          const char     *name)
{
  g_autoptr(StellarRoom) room = NULL;
  guint position;

  if (find_room (self, name, &position))
    return g_list_model_get_item (G_LIST_MODEL (self->rooms), position);

  room = _stellar_room_new (name);
  _stellar_room_set_joined (room, is_joined (self, name));
  _stellar_session_prepare_room (self, room);
  g_list_store_append (self->rooms, room);

  return g_steal_pointer (&room);
}

/* --- remembering them per server ---------------------------------------- */

static char **
load_remembered_rooms (StellarSession *self)
{
  g_autoptr(GVariant) all = NULL;
  char **rooms = NULL;

  if (self->settings == NULL)
    return NULL;

  all = g_settings_get_value (self->settings, REMEMBERED_ROOMS_KEY);
  if (!g_variant_lookup (all, stellar_session_get_url (self), "^as", &rooms))
    return NULL;

  return rooms;
}

static void
store_remembered_rooms (StellarSession *self)
{
  g_autoptr(GVariant) all = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *url = stellar_session_get_url (self);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (self->settings == NULL)
    return;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

      /* A room the server refused is not worth coming back to. */
      if (stellar_room_get_join_error (room) == NULL)
        g_ptr_array_add (names, (gpointer) stellar_room_get_name (room));
    }

  all = g_settings_get_value (self->settings, REMEMBERED_ROOMS_KEY);
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@as}", &key, &value))
    if (g_strcmp0 (key, url) != 0)
      g_variant_builder_add (&builder, "{s@as}", key, value);

  if (names->len > 0)
    g_variant_builder_add (&builder, "{s@as}", url,
                           g_variant_new_strv ((const char * const *) names->pdata, names->len));

  /* Known before the setting says it back. */
  g_ptr_array_add (names, NULL);
  g_strfreev (self->remembered);
  self->remembered = g_strdupv ((char **) names->pdata);

  g_settings_set_value (self->settings, REMEMBERED_ROOMS_KEY, g_variant_builder_end (&builder));
}

static void
on_room_left_elsewhere (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!stellar_session_leave_room_finish (STELLAR_SESSION (object), result, &error))
    g_debug ("Could not leave a room taken off the server's rooms: %s", error->message);
}

/* Preferences changed the server's rooms: join what was added, leave what
 * was taken off. */
static void
on_remembered_rooms_changed (StellarSession *self)
{
  g_auto(GStrv) now = load_remembered_rooms (self);
  g_auto(GStrv) before = g_steal_pointer (&self->remembered);
  g_autoptr(GStrvBuilder) added = g_strv_builder_new ();
  g_auto(GStrv) added_names = NULL;

  self->remembered = now != NULL ? g_strdupv (now) : g_new0 (char *, 1);

  for (guint i = 0; now != NULL && now[i] != NULL; i++)
    if (before == NULL || !g_strv_contains ((const char * const *) before, now[i]))
      g_strv_builder_add (added, now[i]);

  for (guint i = 0; before != NULL && before[i] != NULL; i++)
    {
      StellarRoom *room;

      if (g_strv_contains ((const char * const *) self->remembered, before[i]))
        continue;

      room = stellar_session_lookup_room (self, before[i]);
      if (room != NULL)
        stellar_session_leave_room_async (self, room, NULL, on_room_left_elsewhere, NULL);
    }

  added_names = g_strv_builder_end (added);
  if (added_names[0] != NULL)
    stellar_session_add_rooms (self, (const char * const *) added_names);
}

/* --- following the client ------------------------------------------------ */

void
_stellar_session_rooms_sync (StellarSession *self)
{
  g_auto(GStrv) joined = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

  g_object_get (self->client, "joined-rooms", &joined, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

      _stellar_room_set_joined (room, g_strv_contains ((const char * const *) joined,
                                                       stellar_room_get_name (room)));
    }

  /* A room the server put the connection in (older servers join a default
   * room by themselves) is one of the person's rooms too. */
  for (guint i = 0; joined[i] != NULL; i++)
    if (!find_room (self, joined[i], NULL))
      g_object_unref (add_room (self, joined[i]));
}

void
_stellar_session_rooms_init (StellarSession *self)
{
  g_auto(GStrv) remembered = load_remembered_rooms (self);

  self->remembered = remembered != NULL ? g_strdupv (remembered) : g_new0 (char *, 1);
  if (remembered != NULL)
    stellar_session_add_rooms (self, (const char * const *) remembered);

  g_signal_connect_object (self->client, "notify::joined-rooms",
                           G_CALLBACK (_stellar_session_rooms_sync), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::" REMEMBERED_ROOMS_KEY,
                             G_CALLBACK (on_remembered_rooms_changed), self,
                             G_CONNECT_SWAPPED);
}

/**
 * stellar_session_add_rooms:
 * @self: a #StellarSession
 * @names: (array zero-terminated=1): names of rooms
 *
 * Adds rooms to the session's list, to be joined once connected (or at
 * once, when connected already).
 */
void
stellar_session_add_rooms (StellarSession     *self,
                           const char * const *names)
{
  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (names != NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      g_object_unref (add_room (self, names[i]));

  if (self->state == STELLAR_CLIENT_STATE_CONNECTED)
    _stellar_session_rooms_join_all (self);
}

/* --- joining ------------------------------------------------------------- */

typedef struct {
  StellarSession *session;
  char           *name;
} JoinData;

static void
join_data_free (JoinData *data)
{
  g_clear_object (&data->session);
  g_free (data->name);
  g_free (data);
}

static void
on_room_joined_on_connect (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  JoinData *data = user_data;
  StellarSession *self = data->session;
  g_autoptr(GError) error = NULL;
  StellarRoom *room;

  stellar_client_room_add_finish (STELLAR_CLIENT (object), result, &error);

  room = stellar_session_lookup_room (self, data->name);
  if (room != NULL)
    {
      if (error == NULL)
        {
          _stellar_room_set_join_error (room, NULL);
          store_remembered_rooms (self);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *notice = NULL;

          _stellar_room_set_join_error (room, error->message);
          store_remembered_rooms (self);
          /* Translators: %s is a room's name, then why it could not be joined */
          notice = g_strdup_printf (_("Could not join the room “%s”: %s"), data->name, error->message);
          _stellar_session_emit_notice (self, notice);
        }
    }

  join_data_free (data);
}

void
_stellar_session_rooms_join_all (StellarSession *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StellarRoom) room = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);
      JoinData *data;

      if (stellar_room_get_joined (room))
        continue;

      data = g_new0 (JoinData, 1);
      data->session = g_object_ref (self);
      data->name = g_strdup (stellar_room_get_name (room));
      stellar_client_room_add_async (self->client, data->name, self->cancellable,
                                     on_room_joined_on_connect, data);
    }
}

static void
on_room_joined (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  g_autoptr(StellarRoom) room = NULL;
  GError *error = NULL;

  if (!stellar_client_room_add_finish (STELLAR_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  room = add_room (self, name);
  _stellar_room_set_join_error (room, NULL);
  store_remembered_rooms (self);

  g_task_return_pointer (task, g_steal_pointer (&room), g_object_unref);
}

/**
 * stellar_session_join_room_async:
 * @self: a #StellarSession
 * @name: the room to join
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the room is joined, or the server refused
 * @user_data: data for @callback
 *
 * Joins the room called @name and adds it to the session's rooms. A room
 * the server refuses (it does not exist) is not added: the error says why.
 */
void
stellar_session_join_room_async (StellarSession      *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StellarRoom *room;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_join_room_async);
  g_task_set_task_data (task, g_strdup (name), g_free);

  room = stellar_session_lookup_room (self, name);
  if (room != NULL && stellar_room_get_joined (room))
    {
      g_task_return_pointer (task, g_object_ref (room), g_object_unref);
      return;
    }

  stellar_client_room_add_async (self->client, name, cancellable, on_room_joined,
                                 g_steal_pointer (&task));
}

/**
 * stellar_session_join_room_finish:
 * @self: a #StellarSession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the joined room, or %NULL with @error set
 */
StellarRoom *
stellar_session_join_room_finish (StellarSession  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- leaving ------------------------------------------------------------- */

static void
forget_room (StellarSession *self,
             StellarRoom    *room)
{
  guint position;

  if (find_room (self, stellar_room_get_name (room), &position))
    g_list_store_remove (self->rooms, position);

  store_remembered_rooms (self);
}

static void
on_room_left (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StellarSession *self = g_task_get_source_object (task);
  StellarRoom *room = g_task_get_task_data (task);
  GError *error = NULL;

  /* The server refusing means the connection is not in the room, which is
   * what the person wanted. */
  if (!stellar_client_room_leave_finish (STELLAR_CLIENT (object), result, &error) &&
      !g_error_matches (error, STELLAR_ERROR, STELLAR_ERROR_SERVER))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_error (&error);
  forget_room (self, room);
  g_task_return_boolean (task, TRUE);
}

/**
 * stellar_session_leave_room_async:
 * @self: a #StellarSession
 * @room: one of the session's rooms
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the room is left
 * @user_data: data for @callback
 *
 * Leaves @room and removes it from the session's rooms, for good: it is not
 * joined again on the next connection.
 */
void
stellar_session_leave_room_async (StellarSession      *self,
                                  StellarRoom         *room,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STELLAR_IS_SESSION (self));
  g_return_if_fail (STELLAR_IS_ROOM (room));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, stellar_session_leave_room_async);
  g_task_set_task_data (task, g_object_ref (room), g_object_unref);

  /* Without a connection, or in a room the server refused, there is nothing
   * to tell the server. While reconnecting the client holds the request
   * until it is back, and does not join the room again. */
  if (self->state == STELLAR_CLIENT_STATE_DISCONNECTED ||
      (self->state == STELLAR_CLIENT_STATE_CONNECTED && !stellar_room_get_joined (room)))
    {
      forget_room (self, room);
      g_task_return_boolean (task, TRUE);
      return;
    }

  stellar_client_room_leave_async (self->client, stellar_room_get_name (room), cancellable,
                                   on_room_left, g_steal_pointer (&task));
}

gboolean
stellar_session_leave_room_finish (StellarSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (STELLAR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
