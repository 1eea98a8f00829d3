// In-order record of every WebSocket data frame, both directions, read through
// GET /frames. Sequence numbers keep growing across clears so that a reader's
// cursor (`since`) stays valid.
export class FrameLog {
  constructor(enabled) {
    this.enabled = enabled;
    this.frames = [];
    this.nextSeq = 1;
  }

  // data: a string (text frame) or a Buffer (binary frame, stored as base64).
  add(conn, dir, data, extra) {
    if (!this.enabled) return;
    const binary = typeof data !== 'string';
    const entry = {
      seq: this.nextSeq++,
      conn: conn ?? null,
      dir,
      type: binary ? 'binary' : 'text',
      data: binary ? toBuffer(data).toString('base64') : data,
      time: Date.now(),
    };
    if (extra) Object.assign(entry, extra);
    this.frames.push(entry);
  }

  // Frames whose seq is >= since; `next` is the cursor for the following call.
  since(since) {
    const from = Number.isFinite(since) ? since : 0;
    let lo = 0;
    let hi = this.frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.frames[mid].seq < from) lo = mid + 1;
      else hi = mid;
    }
    return { frames: this.frames.slice(lo), next: this.nextSeq };
  }

  clear() {
    this.frames = [];
  }
}

function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (Array.isArray(data)) return Buffer.concat(data.map(toBuffer));
  return Buffer.from(String(data));
}
