/* stellar-room.c: one chat room of a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-room-private.h"
#include "stellar-utils.h"

/* A room the person is in, or asked to be in: it stays in the session's
 * list while the connection is being restored (`joined` is then FALSE), and
 * leaves it only when the person leaves the room. Only the session changes
 * it; views bind to its properties. */
struct _StellarRoom
{
  GObject   parent_instance;

  char     *name;
  char     *join_error;
  gboolean  joined;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_JOINED,
  PROP_JOIN_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRoom, stellar_room, G_TYPE_OBJECT)

static void
stellar_room_finalize (GObject *object)
{
  StellarRoom *self = STELLAR_ROOM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->join_error, g_free);

  G_OBJECT_CLASS (stellar_room_parent_class)->finalize (object);
}

static void
stellar_room_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StellarRoom *self = STELLAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_JOINED:
      g_value_set_boolean (value, self->joined);
      break;

    case PROP_JOIN_ERROR:
      g_value_set_string (value, self->join_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StellarRoom *self = STELLAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_class_init (StellarRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_room_finalize;
  object_class->get_property = stellar_room_get_property;
  object_class->set_property = stellar_room_set_property;

  /**
   * StellarRoom:name:
   *
   * The room's name on the server.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:joined:
   *
   * Whether the connection is in the room now. A room stays in the list
   * while a lost connection is restored, not joined.
   */
  properties[PROP_JOINED] =
    g_param_spec_boolean ("joined", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoom:join-error:
   *
   * Why the server refused the room when the session last tried to join
   * it, for people; %NULL once joined.
   */
  properties[PROP_JOIN_ERROR] =
    g_param_spec_string ("join-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_room_init (StellarRoom *self)
{
}

StellarRoom *
_stellar_room_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (STELLAR_TYPE_ROOM, "name", name, NULL);
}

const char *
stellar_room_get_name (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return self->name;
}

gboolean
stellar_room_get_joined (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), FALSE);

  return self->joined;
}

const char *
stellar_room_get_join_error (StellarRoom *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM (self), NULL);

  return self->join_error;
}

void
_stellar_room_set_joined (StellarRoom *self,
                          gboolean     joined)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  joined = !!joined;
  if (self->joined == joined)
    return;

  self->joined = joined;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOINED]);

  if (joined)
    _stellar_room_set_join_error (self, NULL);
}

void
_stellar_room_set_join_error (StellarRoom *self,
                              const char  *join_error)
{
  g_return_if_fail (STELLAR_IS_ROOM (self));

  if (stellar_set_string (&self->join_error, join_error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_ERROR]);
}
