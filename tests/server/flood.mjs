// Control-API writers that bypass Primus to hit the socket directly: chat
// floods (pre-framed, written in large bursts) and a frame cut in the middle.
const BATCH_BYTES = 256 * 1024;

// Header of an unmasked, final WebSocket frame (server to client).
export function frameHeader(length, opcode = 0x1) {
  if (length < 126) return Buffer.from([0x80 | opcode, length]);
  if (length < 65536) {
    const header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

// Sends `count` chat frames from 0 into `room`: message "flood <i>" (i from 1),
// padded with dots to make each frame `size` bytes when size is given.
export async function flood(ctx, room, count, size) {
  const started = Date.now();
  const members = [...ctx.connections.values()].filter((c) => c.rooms.indexOf(room) > -1 && c.ws && c.ws._socket);
  const head = '{"message":"flood ';
  const tail = `","room":${JSON.stringify(room)},"from":0,"context":"user","sentAt":${Date.now()}}`;
  const logging = ctx.frames.enabled;

  let batch = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    await Promise.all(members.map((c) => write(c.ws._socket, chunk)));
  };

  for (let i = 1; i <= count; i++) {
    let text = head + i;
    if (size) {
      const pad = size - (text.length + tail.length);
      if (pad > 0) text += '.'.repeat(pad);
    }
    text += tail;
    const payload = Buffer.from(text);
    const header = frameHeader(payload.length);
    batch.push(header, payload);
    batchBytes += header.length + payload.length;
    if (logging) for (const c of members) ctx.frames.add(c.id, 'out', text);
    if (batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return { sent: count, recipients: members.length, ms: Date.now() - started };
}

// Resolves once the socket took the data (or died).
function write(socket, chunk) {
  if (socket.destroyed) return Promise.resolve();
  if (socket.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.removeListener('drain', done);
      socket.removeListener('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

// Writes the header of a text frame announcing `length` bytes plus half of
// the payload, then drops the TCP connection.
export function resetMidFrame(ctx, conn, length) {
  const socket = conn.ws && conn.ws._socket;
  if (!socket || socket.destroyed) return false;
  const payload = Buffer.from(`"${'x'.repeat(Math.max(0, length - 2))}"`);
  const partial = payload.subarray(0, Math.floor(payload.length / 2));
  ctx.frames.add(conn.id, 'out', partial.toString(), { partial: true, announced: payload.length });
  socket.write(Buffer.concat([frameHeader(payload.length), partial]), () => socket.destroy());
  return true;
}
