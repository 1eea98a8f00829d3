/* stellar-websocket.c: the client side of RFC 6455 over GIO
 *
 * A WebSocket made for the traffic of a chat server: thousands of small text
 * frames. It reads whatever the socket holds in one call and hands out every
 * frame in it from the read buffer, without a copy; it writes every frame
 * asked for while it dispatches in one call at the end; and it keeps one
 * source for reading, attached once. libsoup's SoupWebsocketConnection pays
 * for each frame a buffer of its own, a signal through libffi, main-loop
 * wakeups and debug messages formatted even when nobody reads them, which
 * made it most of the client's cost. libsoup still does the HTTP side.
 *
 * No extensions and no subprotocols are offered: Primus uses none.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "stellar-client"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include <glib-unix.h>

#include <libsoup/soup.h>

#include "stellar-error-private.h"
#include "stellar-websocket-private.h"

#define WEBSOCKET_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

/* The handshake's answer is a few hundred bytes; anything this long is not
 * a WebSocket server talking. */
#define MAX_HANDSHAKE_RESPONSE (64 * 1024)
#define READ_CHUNK (64 * 1024)

enum {
  OPCODE_CONTINUATION = 0x0,
  OPCODE_TEXT = 0x1,
  OPCODE_BINARY = 0x2,
  OPCODE_CLOSE = 0x8,
  OPCODE_PING = 0x9,
  OPCODE_PONG = 0xA,
};

struct _StellarWebsocket
{
  GObject parent_instance;

  GIOStream *stream;
  GSocket *socket;
  GPollableInputStream *input;
  GPollableOutputStream *output;
  GSource *input_source;
  gpointer input_tag;
  GSource *output_source;
  GSource *pending_source;
  /* TLS may hold decrypted data the socket no longer shows: read it all. */
  gboolean drain_reads;

  const StellarWebsocketEvents *events;
  gpointer owner;

  /* Received bytes, from in_start to in_end; in_needed is the size of the
   * frame being waited for. */
  guint8 *in;
  gsize in_start;
  gsize in_end;
  gsize in_size;
  gsize in_needed;
  gsize max_message_size;

  /* A message in several frames. */
  GByteArray *fragments;
  gboolean fragments_binary;

  /* Frames to send, from out_start. */
  GByteArray *out;
  gsize out_start;
  guint dispatching;

  guint close_sent : 1;
  guint finished : 1;
  guint input_paused : 1;
};

G_DEFINE_FINAL_TYPE (StellarWebsocket, stellar_websocket, G_TYPE_OBJECT)

static const StellarWebsocketEvents no_events;

static void flush (StellarWebsocket *self);

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
on_stream_closed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  g_object_unref (user_data);
}

/* Stops reading and writing and closes the stream in the background, with
 * whatever could still be written (a close frame) sent first. */
static void
shut_down (StellarWebsocket *self)
{
  destroy_source (&self->input_source);
  destroy_source (&self->pending_source);

  if (self->stream != NULL && !g_io_stream_is_closed (self->stream))
    {
      flush (self);
      destroy_source (&self->output_source);
      g_io_stream_close_async (self->stream, G_PRIORITY_DEFAULT, NULL,
                               on_stream_closed, g_object_ref (self));
    }
  destroy_source (&self->output_source);
}

/* The end, told once: @code as in RFC 6455, 1006 when the connection ended
 * without a close frame. */
static void
finish (StellarWebsocket *self,
        guint             code,
        const char       *reason)
{
  const StellarWebsocketEvents *events = self->events;
  gpointer owner = self->owner;

  if (self->finished)
    return;

  self->finished = TRUE;
  self->events = &no_events;
  self->owner = NULL;
  shut_down (self);

  g_object_ref (self);
  if (events->closed != NULL)
    events->closed (owner, code, reason);
  g_object_unref (self);
}

/* --- writing ------------------------------------------------------------- */

static gboolean
on_writable (GObject  *stream,
             gpointer  user_data)
{
  StellarWebsocket *self = user_data;

  g_clear_pointer (&self->output_source, g_source_unref);
  flush (self);

  return G_SOURCE_REMOVE;
}

/* Writes what is queued, as far as the socket takes it; the rest waits for
 * the socket to be writable. */
static void
flush (StellarWebsocket *self)
{
  g_autoptr(GError) error = NULL;

  /* Without a stream (the fuzz target) what is written goes nowhere. */
  if (self->output == NULL)
    {
      g_byte_array_set_size (self->out, 0);
      self->out_start = 0;
      return;
    }

  while (self->out_start < self->out->len)
    {
      gssize written;

      written = g_pollable_output_stream_write_nonblocking (self->output,
                                                            self->out->data + self->out_start,
                                                            self->out->len - self->out_start,
                                                            NULL, &error);
      if (written < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              if (self->output_source == NULL)
                {
                  self->output_source = g_pollable_output_stream_create_source (self->output, NULL);
                  g_source_set_static_name (self->output_source, "[stellar] websocket output");
                  g_source_set_callback (self->output_source, G_SOURCE_FUNC (on_writable), self, NULL);
                  g_source_attach (self->output_source, g_main_context_get_thread_default ());
                }
              return;
            }

          /* The connection is gone; reading will say so too, but may not
           * be asked to. */
          g_byte_array_set_size (self->out, 0);
          self->out_start = 0;
          finish (self, STELLAR_WEBSOCKET_CLOSE_ABNORMAL, error->message);
          return;
        }

      self->out_start += written;
    }

  g_byte_array_set_size (self->out, 0);
  self->out_start = 0;
}

/* Queues one frame, masked as a client's frames must be. Frames queued while
 * received frames are dispatched go out together at the end. */
static void
queue_frame (StellarWebsocket *self,
             guint8            opcode,
             const guint8     *payload,
             gsize             length)
{
  guint8 header[14];
  gsize header_length = 2;
  guint32 key = g_random_int ();
  guint8 mask[4];
  guint8 *masked;
  gsize offset;

  if (self->finished || self->close_sent)
    return;
  if (opcode == OPCODE_CLOSE)
    self->close_sent = TRUE;

  header[0] = 0x80 | opcode;
  if (length < 126)
    header[1] = 0x80 | length;
  else if (length <= G_MAXUINT16)
    {
      header[1] = 0x80 | 126;
      header[2] = length >> 8;
      header[3] = length & 0xff;
      header_length = 4;
    }
  else
    {
      header[1] = 0x80 | 127;
      for (guint i = 0; i < 8; i++)
        header[2 + i] = ((guint64)length >> (56 - 8 * i)) & 0xff;
      header_length = 10;
    }

  memcpy (mask, &key, 4);
  memcpy (header + header_length, mask, 4);
  header_length += 4;

  offset = self->out->len;
  g_byte_array_set_size (self->out, offset + header_length + length);
  memcpy (self->out->data + offset, header, header_length);
  masked = self->out->data + offset + header_length;

  /* Eight bytes at a time, then the tail. */
  {
    guint64 wide;
    gsize i = 0;

    memcpy (&wide, mask, 4);
    memcpy ((guint8 *)&wide + 4, mask, 4);
    for (; i + 8 <= length; i += 8)
      {
        guint64 chunk;

        memcpy (&chunk, payload + i, 8);
        chunk ^= wide;
        memcpy (masked + i, &chunk, 8);
      }
    for (; i < length; i++)
      masked[i] = payload[i] ^ mask[i & 3];
  }

  if (self->dispatching == 0)
    flush (self);
}

static void
queue_close (StellarWebsocket *self,
             guint             code)
{
  guint8 payload[2] = { code >> 8, code & 0xff };

  queue_frame (self, OPCODE_CLOSE, payload, sizeof payload);
}

/* The peer broke the protocol: say so, close with @code, and end. */
static void
fail (StellarWebsocket *self,
      guint             code,
      const char       *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);

  if (self->events->error != NULL)
    self->events->error (self->owner, error);

  queue_close (self, code);
  finish (self, code, message);
}

/* --- reading ------------------------------------------------------------- */

/* Whether @data is UTF-8. Frames are mostly ASCII: that is checked eight
 * bytes at a time, and only the rest goes through the full validation. */
static gboolean
is_utf8 (const guint8 *data,
         gsize         length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 chunk;

      memcpy (&chunk, data + i, 8);
      if (chunk & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < length && data[i] < 0x80; i++)
    ;

  return i == length || g_utf8_validate_len ((const char *)data + i, length - i, NULL);
}

static void
deliver (StellarWebsocket *self,
         const guint8     *data,
         gsize             length,
         gboolean          binary)
{
  if (!binary && !is_utf8 (data, length))
    {
      fail (self, STELLAR_WEBSOCKET_CLOSE_BAD_DATA, "The server sent a text message that is not UTF-8");
      return;
    }

  if (self->events->message != NULL)
    self->events->message (self->owner, (const char *)data, length, binary);
}

static void
handle_close (StellarWebsocket *self,
              const guint8     *payload,
              gsize             length)
{
  g_autofree char *reason = NULL;
  guint code = 1005;

  if (length == 1)
    {
      fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR, "The server sent a malformed close frame");
      return;
    }

  if (length >= 2)
    {
      code = (payload[0] << 8) | payload[1];
      reason = g_utf8_make_valid ((const char *)payload + 2, length - 2);
    }

  /* Answer, then the server closes the connection. */
  queue_close (self, length >= 2 ? code : STELLAR_WEBSOCKET_CLOSE_NORMAL);
  finish (self, code, reason ? reason : "");
}

static void
handle_frame (StellarWebsocket *self,
              guint8            opcode,
              gboolean          fin,
              const guint8     *payload,
              gsize             length)
{
  switch (opcode)
    {
    case OPCODE_TEXT:
    case OPCODE_BINARY:
      if (self->fragments != NULL)
        {
          fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
                "The server started a message inside another one");
          return;
        }
      if (fin)
        deliver (self, payload, length, opcode == OPCODE_BINARY);
      else
        {
          self->fragments = g_byte_array_sized_new (length * 2);
          self->fragments_binary = opcode == OPCODE_BINARY;
          g_byte_array_append (self->fragments, payload, length);
        }
      break;

    case OPCODE_CONTINUATION:
      if (self->fragments == NULL)
        {
          fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
                "The server continued a message it had not started");
          return;
        }
      g_byte_array_append (self->fragments, payload, length);
      if (fin)
        {
          g_autoptr(GByteArray) message = g_steal_pointer (&self->fragments);

          /* An empty array has no data at all: a message is never NULL. */
          deliver (self, message->len > 0 ? message->data : (const guint8 *)"", message->len,
                   self->fragments_binary);
        }
      break;

    case OPCODE_CLOSE:
      handle_close (self, payload, length);
      break;

    case OPCODE_PING:
      queue_frame (self, OPCODE_PONG, payload, length);
      break;

    case OPCODE_PONG:
      break;

    default:
      fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR, "The server sent a frame of an unknown kind");
    }
}

/* Hands out every whole frame in the buffer. Stops at a partial one, noting
 * how many bytes it needs, and when the owner closes the socket. */
static void
process_input (StellarWebsocket *self)
{
  while (!self->finished)
    {
      const guint8 *p = self->in + self->in_start;
      gsize available = self->in_end - self->in_start;
      gsize header = 2;
      guint64 length;
      guint8 opcode;
      gboolean fin;

      if (available < 2)
        {
          self->in_needed = 2;
          break;
        }

      fin = (p[0] & 0x80) != 0;
      opcode = p[0] & 0x0f;
      length = p[1] & 0x7f;

      if (p[0] & 0x70)
        {
          fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
                "The server used WebSocket extensions it was not offered");
          return;
        }
      if (p[1] & 0x80)
        {
          fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR, "The server sent a masked frame");
          return;
        }

      if (length == 126)
        {
          header = 4;
          if (available < header)
            {
              self->in_needed = header;
              break;
            }
          length = (p[2] << 8) | p[3];
        }
      else if (length == 127)
        {
          header = 10;
          if (available < header)
            {
              self->in_needed = header;
              break;
            }
          length = 0;
          for (guint i = 0; i < 8; i++)
            length = (length << 8) | p[2 + i];
        }

      if ((opcode & 0x8) && (length > 125 || !fin))
        {
          fail (self, STELLAR_WEBSOCKET_CLOSE_PROTOCOL_ERROR, "The server sent a malformed control frame");
          return;
        }

      if (length > self->max_message_size ||
          (self->fragments != NULL && self->fragments->len + length > self->max_message_size))
        {
          g_autofree char *message =
            g_strdup_printf ("The server sent a message larger than the %" G_GSIZE_FORMAT " MiB limit",
                             self->max_message_size / (1024 * 1024));

          fail (self, STELLAR_WEBSOCKET_CLOSE_TOO_BIG, message);
          return;
        }

      if (available < header + length)
        {
          self->in_needed = header + length;
          break;
        }

      self->in_start += header + length;
      self->in_needed = 0;
      handle_frame (self, opcode, fin, p + header, length);
    }
}

/* Room for at least what the partial frame needs, and a chunk to read into. */
static void
make_room (StellarWebsocket *self)
{
  gsize pending = self->in_end - self->in_start;
  gsize wanted = MAX (self->in_needed, pending) + READ_CHUNK;

  if (self->in_start > 0 && (pending == 0 || self->in_size - self->in_end < READ_CHUNK))
    {
      memmove (self->in, self->in + self->in_start, pending);
      self->in_start = 0;
      self->in_end = pending;
    }

  if (self->in_size < wanted)
    {
      self->in_size = MAX (wanted, self->in_size * 2);
      self->in = g_realloc (self->in, self->in_size);
    }
}

/* While frames are dispatched, what the owner sends waits, to go out in one
 * write at the end. The caller holds a reference: the owner may let go. */
static void
begin_dispatch (StellarWebsocket *self)
{
  self->dispatching++;
}

static void
end_dispatch (StellarWebsocket *self)
{
  if (--self->dispatching > 0 || self->finished)
    return;

  if (self->input_paused)
    {
      self->input_paused = FALSE;
      g_source_modify_unix_fd (self->input_source, self->input_tag, G_IO_IN);
    }
  flush (self);
}

static gboolean
on_readable (gpointer user_data)
{
  g_autoptr(StellarWebsocket) self = g_object_ref (user_data);

  /* A main loop run by an owner's handler: frames wait for the outer one. */
  if (self->dispatching > 0)
    {
      self->input_paused = TRUE;
      g_source_modify_unix_fd (self->input_source, self->input_tag, 0);
      return G_SOURCE_CONTINUE;
    }

  begin_dispatch (self);

  while (!self->finished)
    {
      g_autoptr(GError) error = NULL;
      gsize room;
      gssize received;

      make_room (self);
      room = self->in_size - self->in_end;
      received = g_pollable_input_stream_read_nonblocking (self->input, self->in + self->in_end,
                                                           room, NULL, &error);
      if (received < 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            finish (self, STELLAR_WEBSOCKET_CLOSE_ABNORMAL, error->message);
          break;
        }

      if (received == 0)
        {
          finish (self, STELLAR_WEBSOCKET_CLOSE_ABNORMAL,
                  "The server closed the connection without a close frame");
          break;
        }

      self->in_end += received;
      process_input (self);

      /* A short read emptied the socket: skip the read that would say so. */
      if ((gsize)received < room && !self->drain_reads)
        break;
    }

  end_dispatch (self);

  return self->finished ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
input_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs input_source_funcs = { NULL, NULL, input_source_dispatch, NULL, NULL, NULL };

/* The socket's readability, watched on its descriptor. GLib blocks a source
 * while it is dispatched, removing and adding its descriptors, and each of
 * these wakes the main loop: four system calls a frame for a pollable
 * stream's source. This source may recurse instead, and pauses itself when
 * it would. With TLS, every read drains the connection, so that no decrypted
 * data waits where the descriptor cannot show it. */
static GSource *
input_source_new (StellarWebsocket *self)
{
  GSource *source = g_source_new (&input_source_funcs, sizeof (GSource));

  self->input_tag = g_source_add_unix_fd (source, g_socket_get_fd (self->socket), G_IO_IN);
  g_source_set_can_recurse (source, TRUE);
  g_source_set_static_name (source, "[stellar] websocket input");
  g_source_set_callback (source, on_readable, self, NULL);

  return source;
}

/* Frames that came along with the handshake's answer. */
static gboolean
on_pending_input (gpointer user_data)
{
  g_autoptr(StellarWebsocket) self = g_object_ref (user_data);

  g_clear_pointer (&self->pending_source, g_source_unref);

  begin_dispatch (self);
  process_input (self);
  end_dispatch (self);

  return G_SOURCE_REMOVE;
}

/*
 * _stellar_websocket_start:
 * @events: what to call, until the end or _stellar_websocket_close()
 *
 * Starts reading: nothing is read before there is someone to tell.
 */
void
_stellar_websocket_start (StellarWebsocket             *self,
                          const StellarWebsocketEvents *events,
                          gpointer                      owner)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_if_fail (STELLAR_IS_WEBSOCKET (self));
  g_return_if_fail (self->input_source == NULL && !self->finished);

  self->events = events;
  self->owner = owner;

  if (self->socket == NULL)
    return;

  self->input_source = input_source_new (self);
  g_source_attach (self->input_source, context);

  if (self->in_end > self->in_start)
    {
      self->pending_source = g_idle_source_new ();
      g_source_set_priority (self->pending_source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (self->pending_source, "[stellar] websocket early frames");
      g_source_set_callback (self->pending_source, on_pending_input, self, NULL);
      g_source_attach (self->pending_source, context);
    }
}

/* A WebSocket without a connection, fed by hand: the fuzz target's. */
StellarWebsocket *
_stellar_websocket_new_for_testing (gsize max_message_size)
{
  StellarWebsocket *self = g_object_new (STELLAR_TYPE_WEBSOCKET, NULL);

  self->max_message_size = max_message_size;
  self->in_size = READ_CHUNK;
  self->in = g_malloc (self->in_size);

  return self;
}

/* Takes @data as if it had been read from the connection. */
void
_stellar_websocket_receive_for_testing (StellarWebsocket *self,
                                        const char       *data,
                                        gsize             length)
{
  if (self->finished)
    return;

  g_object_ref (self);

  memmove (self->in, self->in + self->in_start, self->in_end - self->in_start);
  self->in_end -= self->in_start;
  self->in_start = 0;
  if (self->in_size < self->in_end + length)
    {
      self->in_size = self->in_end + length + READ_CHUNK;
      self->in = g_realloc (self->in, self->in_size);
    }
  memcpy (self->in + self->in_end, data, length);
  self->in_end += length;

  begin_dispatch (self);
  process_input (self);
  end_dispatch (self);
  g_object_unref (self);
}

/* Sends one text message. @text need not be NUL-terminated. */
void
_stellar_websocket_send_text (StellarWebsocket *self,
                              const char       *text,
                              gsize             length)
{
  g_return_if_fail (STELLAR_IS_WEBSOCKET (self));

  queue_frame (self, OPCODE_TEXT, (const guint8 *)text, length);
}

/*
 * _stellar_websocket_close:
 *
 * Closes on purpose: the owner is told nothing more; the close frame is sent
 * and the connection closed in the background, without waiting for the
 * server's answer.
 */
void
_stellar_websocket_close (StellarWebsocket *self,
                          guint             code)
{
  g_return_if_fail (STELLAR_IS_WEBSOCKET (self));

  self->events = &no_events;
  self->owner = NULL;

  if (self->finished)
    return;

  queue_close (self, code);
  self->finished = TRUE;
  shut_down (self);
}

static void
stellar_websocket_dispose (GObject *object)
{
  StellarWebsocket *self = (StellarWebsocket *)object;

  self->events = &no_events;
  destroy_source (&self->input_source);
  destroy_source (&self->output_source);
  destroy_source (&self->pending_source);

  G_OBJECT_CLASS (stellar_websocket_parent_class)->dispose (object);
}

static void
stellar_websocket_finalize (GObject *object)
{
  StellarWebsocket *self = (StellarWebsocket *)object;

  g_clear_object (&self->stream);
  g_clear_object (&self->socket);
  g_free (self->in);
  g_clear_pointer (&self->fragments, g_byte_array_unref);
  g_clear_pointer (&self->out, g_byte_array_unref);

  G_OBJECT_CLASS (stellar_websocket_parent_class)->finalize (object);
}

static void
stellar_websocket_class_init (StellarWebsocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = stellar_websocket_dispose;
  object_class->finalize = stellar_websocket_finalize;
}

static void
stellar_websocket_init (StellarWebsocket *self)
{
  self->events = &no_events;
  self->out = g_byte_array_sized_new (4096);
}

/* --- the opening handshake ----------------------------------------------- */

typedef struct
{
  GSocketClient *client;
  GIOStream *stream;
  GUri *uri;
  char *key;
  char *request;
  GTlsCertificate *trusted_certificate;
  GTlsCertificateFlags certificate_errors;
  /* the TLS connection while it is being set up, to let go of its signal */
  GObject *tls;
  gsize max_message_size;
  guint8 *buffer;
  gsize length;
} Handshake;

static void
handshake_free (Handshake *handshake)
{
  if (handshake->tls != NULL)
    {
      g_signal_handlers_disconnect_by_data (handshake->tls, handshake);
      g_object_remove_weak_pointer (handshake->tls, (gpointer *)&handshake->tls);
    }
  if (handshake->client != NULL)
    g_signal_handlers_disconnect_by_data (handshake->client, handshake);
  g_clear_object (&handshake->client);
  g_clear_object (&handshake->stream);
  g_clear_pointer (&handshake->uri, g_uri_unref);
  g_free (handshake->key);
  g_free (handshake->request);
  g_clear_object (&handshake->trusted_certificate);
  g_free (handshake->buffer);
  g_free (handshake);
}

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       Handshake            *handshake)
{
  handshake->certificate_errors = errors;

  return handshake->trusted_certificate != NULL &&
         g_tls_certificate_is_same (certificate, handshake->trusted_certificate);
}

static void
on_client_event (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 Handshake          *handshake)
{
  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKING || handshake->tls != NULL)
    return;

  handshake->tls = G_OBJECT (connection);
  g_object_add_weak_pointer (handshake->tls, (gpointer *)&handshake->tls);
  g_signal_connect (connection, "accept-certificate", G_CALLBACK (on_accept_certificate), handshake);
}

static GError *
invalid_answer (const char *what)
{
  return g_error_new (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                      "its answer to the WebSocket upgrade is not valid (%s)", what);
}

/* Checks the server's answer; on success the bytes after it are the first
 * frames. */
static GError *
check_answer (Handshake *handshake,
              gsize      header_length)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *reason = NULL;
  g_autofree char *expected = NULL;
  const char *accept;
  guint8 digest[20];
  gsize digest_length = sizeof digest;
  guint status;

  if (!soup_headers_parse_response ((const char *)handshake->buffer, header_length, headers,
                                    NULL, &status, &reason))
    return invalid_answer ("not HTTP");

  if (status != SOUP_STATUS_SWITCHING_PROTOCOLS)
    return g_error_new (STELLAR_ERROR, STELLAR_ERROR_PROTOCOL,
                        "it refused the WebSocket at /primus (HTTP %u %s)", status, reason ? reason : "");

  if (!soup_message_headers_header_equals (headers, "Upgrade", "websocket") ||
      !soup_message_headers_header_contains (headers, "Connection", "upgrade"))
    return invalid_answer ("no upgrade to websocket");

  /* Nothing was offered, so nothing may be accepted. */
  if (soup_message_headers_get_one (headers, "Sec-WebSocket-Extensions") != NULL ||
      soup_message_headers_get_one (headers, "Sec-WebSocket-Protocol") != NULL)
    return invalid_answer ("an extension or subprotocol that was not offered");

  g_checksum_update (checksum, (const guchar *)handshake->key, -1);
  g_checksum_update (checksum, (const guchar *)WEBSOCKET_GUID, -1);
  g_checksum_get_digest (checksum, digest, &digest_length);
  expected = g_base64_encode (digest, digest_length);
  accept = soup_message_headers_get_one (headers, "Sec-WebSocket-Accept");
  if (g_strcmp0 (accept, expected) != 0)
    return invalid_answer ("a wrong Sec-WebSocket-Accept");

  return NULL;
}

static StellarWebsocket *
open_websocket (Handshake *handshake,
                gsize      header_length)
{
  StellarWebsocket *self = g_object_new (STELLAR_TYPE_WEBSOCKET, NULL);
  GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (handshake->stream));
  gsize leftover = handshake->length - header_length;

  /* Small frames go out at once: Nagle's algorithm would hold each one back
   * until the previous is acknowledged. */
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  self->stream = g_steal_pointer (&handshake->stream);
  self->socket = g_object_ref (socket);
  self->input = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (self->stream));
  self->output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (self->stream));
  self->drain_reads = g_str_equal (g_uri_get_scheme (handshake->uri), "wss");
  self->max_message_size = handshake->max_message_size;

  self->in_size = MAX (2 * READ_CHUNK, leftover);
  self->in = g_malloc (self->in_size);
  memcpy (self->in, handshake->buffer + header_length, leftover);
  self->in_end = leftover;

  return self;
}

static void read_answer (GTask *task);

static void
on_answer_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Handshake *handshake = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const guint8 *end;
  gssize received;

  received = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (received < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (received == 0)
    {
      g_task_return_error (task, invalid_answer ("the connection ended"));
      return;
    }

  handshake->length += received;
  end = (const guint8 *)g_strstr_len ((const char *)handshake->buffer, handshake->length, "\r\n\r\n");
  if (end != NULL)
    {
      gsize header_length = end + 4 - handshake->buffer;
      GError *invalid = check_answer (handshake, header_length);

      if (invalid != NULL)
        g_task_return_error (task, invalid);
      else
        g_task_return_pointer (task, open_websocket (handshake, header_length), g_object_unref);
      return;
    }

  if (handshake->length >= MAX_HANDSHAKE_RESPONSE)
    {
      g_task_return_error (task, invalid_answer ("too long"));
      return;
    }

  read_answer (g_steal_pointer (&task));
}

static void
read_answer (GTask *task)
{
  Handshake *handshake = g_task_get_task_data (task);

  g_input_stream_read_async (g_io_stream_get_input_stream (handshake->stream),
                             handshake->buffer + handshake->length,
                             MAX_HANDSHAKE_RESPONSE - handshake->length,
                             G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                             on_answer_read, task);
}

static void
on_request_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read_answer (g_steal_pointer (&task));
}

static GError *
connection_error (Handshake    *handshake,
                  const GError *error)
{
  /* A refused certificate: say what was wrong with it. */
  if (error->domain == G_TLS_ERROR && handshake->certificate_errors != 0)
    return _stellar_error_new_certificate (g_uri_get_host (handshake->uri),
                                           handshake->certificate_errors);
  return g_error_copy (error);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Handshake *handshake = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  handshake->stream = G_IO_STREAM (g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error));
  if (handshake->stream == NULL)
    {
      g_task_return_error (task, connection_error (handshake, error));
      return;
    }

  handshake->buffer = g_malloc (MAX_HANDSHAKE_RESPONSE);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (handshake->stream),
                                   handshake->request, strlen (handshake->request),
                                   G_PRIORITY_DEFAULT, cancellable,
                                   on_request_written, g_steal_pointer (&task));
}

static char *
make_key (void)
{
  guint32 random[4];

  for (guint i = 0; i < G_N_ELEMENTS (random); i++)
    random[i] = g_random_int ();

  return g_base64_encode ((const guchar *)random, sizeof random);
}

/*
 * _stellar_websocket_connect_async:
 * @uri: a ws:// or wss:// URI
 * @cookie: (nullable): the Cookie header to send
 * @trusted_certificate: (nullable): a certificate to accept although it
 *   cannot be verified
 * @max_message_size: the largest message to accept
 *
 * Connects and upgrades. Fails with STELLAR_ERROR_PROTOCOL, whose message
 * completes "the server is not a WebSocket server: …", when the server does
 * not upgrade; with the transport's own error (GIO, TLS) when it cannot be
 * reached; with a certificate error that names the problem.
 */
void
_stellar_websocket_connect_async (GUri                *uri,
                                  const char          *cookie,
                                  GTlsCertificate     *trusted_certificate,
                                  gsize                max_message_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GSocketConnectable) address = NULL;
  g_autofree char *path = g_uri_join (G_URI_FLAGS_ENCODED, NULL, NULL, NULL, 0,
                                      g_uri_get_path (uri), g_uri_get_query (uri), NULL);
  g_autofree char *host = NULL;
  Handshake *handshake = g_new0 (Handshake, 1);
  gboolean secure = g_str_equal (g_uri_get_scheme (uri), "wss");
  int port = g_uri_get_port (uri);
  GString *request;

  g_task_set_source_tag (task, _stellar_websocket_connect_async);
  g_task_set_task_data (task, handshake, (GDestroyNotify)handshake_free);

  handshake->uri = g_uri_ref (uri);
  handshake->key = make_key ();
  handshake->max_message_size = max_message_size;
  if (trusted_certificate != NULL)
    handshake->trusted_certificate = g_object_ref (trusted_certificate);

  host = strchr (g_uri_get_host (uri), ':') != NULL
         ? g_strdup_printf ("[%s]", g_uri_get_host (uri))
         : g_strdup (g_uri_get_host (uri));

  request = g_string_new (NULL);
  g_string_append_printf (request, "GET %s HTTP/1.1\r\n", path);
  if (port > 0)
    g_string_append_printf (request, "Host: %s:%d\r\n", host, port);
  else
    g_string_append_printf (request, "Host: %s\r\n", host);
  g_string_append (request,
                   "User-Agent: libstellar-client/" PACKAGE_VERSION "\r\n"
                   "Upgrade: websocket\r\n"
                   "Connection: Upgrade\r\n"
                   "Sec-WebSocket-Version: 13\r\n");
  g_string_append_printf (request, "Sec-WebSocket-Key: %s\r\n", handshake->key);
  if (cookie != NULL)
    g_string_append_printf (request, "Cookie: %s\r\n", cookie);
  g_string_append (request, "\r\n");
  handshake->request = g_string_free (request, FALSE);

  handshake->client = g_socket_client_new ();
  g_socket_client_set_tls (handshake->client, secure);
  if (secure)
    g_signal_connect (handshake->client, "event", G_CALLBACK (on_client_event), handshake);

  address = g_network_address_new (g_uri_get_host (uri), port > 0 ? port : (secure ? 443 : 80));
  g_socket_client_connect_async (handshake->client, address, cancellable,
                                 on_connected, g_steal_pointer (&task));
}

StellarWebsocket *
_stellar_websocket_connect_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
