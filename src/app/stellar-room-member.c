/* stellar-room-member.c: someone in a room, as roomView tells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stellar-app"

#include "config.h"

#include "stellar-room-member.h"

struct _StellarRoomMember
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  gint64    joined_at;
  gboolean  is_you;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_JOINED_AT,
  PROP_IS_YOU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StellarRoomMember, stellar_room_member, G_TYPE_OBJECT)

static void
stellar_room_member_finalize (GObject *object)
{
  StellarRoomMember *self = STELLAR_ROOM_MEMBER (object);

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (stellar_room_member_parent_class)->finalize (object);
}

static void
stellar_room_member_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StellarRoomMember *self = STELLAR_ROOM_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_JOINED_AT:
      g_value_set_int64 (value, self->joined_at);
      break;

    case PROP_IS_YOU:
      g_value_set_boolean (value, self->is_you);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
stellar_room_member_class_init (StellarRoomMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = stellar_room_member_finalize;
  object_class->get_property = stellar_room_member_get_property;

  /**
   * StellarRoomMember:id:
   *
   * The member's connection id.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoomMember:name:
   *
   * The member as messages name them.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoomMember:joined-at:
   *
   * When the member joined, in microseconds since the Unix epoch; 0 when
   * the server did not say.
   */
  properties[PROP_JOINED_AT] =
    g_param_spec_int64 ("joined-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StellarRoomMember:is-you:
   *
   * Whether the member is this connection.
   */
  properties[PROP_IS_YOU] =
    g_param_spec_boolean ("is-you", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
stellar_room_member_init (StellarRoomMember *self)
{
}

/**
 * stellar_room_member_new:
 * @id: the member's connection id
 * @name: the member as messages name them
 * @joined_at: when they joined, in microseconds since the Unix epoch, or 0
 * @is_you: whether the member is this connection
 *
 * Returns: (transfer full): a new member
 */
StellarRoomMember *
stellar_room_member_new (const char *id,
                         const char *name,
                         gint64      joined_at,
                         gboolean    is_you)
{
  StellarRoomMember *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (STELLAR_TYPE_ROOM_MEMBER, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->joined_at = MAX (joined_at, 0);
  self->is_you = !!is_you;

  return self;
}

const char *
stellar_room_member_get_id (StellarRoomMember *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_MEMBER (self), NULL);

  return self->id;
}

const char *
stellar_room_member_get_name (StellarRoomMember *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_MEMBER (self), NULL);

  return self->name;
}

gint64
stellar_room_member_get_joined_at (StellarRoomMember *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_MEMBER (self), 0);

  return self->joined_at;
}

gboolean
stellar_room_member_get_is_you (StellarRoomMember *self)
{
  g_return_val_if_fail (STELLAR_IS_ROOM_MEMBER (self), FALSE);

  return self->is_you;
}
