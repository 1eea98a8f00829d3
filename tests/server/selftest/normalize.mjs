// Masks the values that legitimately differ between two runs (ids, times,
// ports) so frames and bodies can be compared as JSON text, key order included.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;
const SHA1 = /\b[0-9a-f]{40}\b/g;
const VOLATILE_KEYS = new Set([
  'sentAt', 'connectedAt', 'joinedAt', 'uptime', 'remotePort',
  'sleepStarted', 'sleepEnded', 'sleepDelta', 'requestDuration', 'currentTime', 'pingInterval',
]);

// Connection ids become <uuidN>, numbered in order of first appearance in the
// frames compared. One map numbers the real UUIDs received, another renumbers
// the captures' own <uuidN> placeholders the same way, so both sides agree
// whatever else (HTTP ids...) took numbers in the capture.
export const CAPTURED_UUID = /<uuid\d+>/g;

export class UuidMap {
  constructor(pattern = UUID) {
    this.pattern = pattern;
    this.map = new Map();
  }

  replace(text) {
    return text.replace(this.pattern, (uuid) => {
      if (!this.map.has(uuid)) this.map.set(uuid, `<uuid${this.map.size + 1}>`);
      return this.map.get(uuid);
    });
  }
}

export function normalize(value, { uuids, sha1 = false } = {}) {
  const text = (s) => {
    let out = s;
    if (uuids) out = uuids.replace(out);
    else out = out.replace(UUID, '<uuid>');
    if (sha1) out = out.replace(SHA1, '<sha1>');
    return out
      .replace(/^primus::id::.+$/, 'primus::id::<id>')
      .replace(/^primus::(ping|pong)::\d+$/, 'primus::$1::<time>');
  };
  const walk = (v) => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out = {};
      for (const [key, inner] of Object.entries(v)) {
        out[text(key)] = VOLATILE_KEYS.has(key) && typeof inner === 'number' ? '<volatile>' : walk(inner);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

// Parses a frame or body as JSON when it is JSON; otherwise keeps the text.
export function parseMaybe(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// null when equal; otherwise a two-line diff.
export function compare(expected, actual, { uuids, expectedUuids, sha1 = false } = {}) {
  const e = JSON.stringify(normalize(expected, { uuids: expectedUuids, sha1 }));
  const a = JSON.stringify(normalize(actual, { uuids, sha1 }));
  return e === a ? null : `expected: ${e}\nactual:   ${a}`;
}
