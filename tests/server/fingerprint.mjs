// Session fingerprints, as Stellar's web server and 1.x WebSocket server take
// them (browser_fingerprint 1.0.4 semantics).
import { createHash, randomBytes } from 'node:crypto';

export const COOKIE_KEY = 'sessionID';
const COOKIE_LIFETIME_MS = 3600 * 1000;

// Naive split on ';' and '=' (a value holding '=' is cut there, as in Stellar).
export function parseCookies(header) {
  const cookies = {};
  if (header === undefined || header === null) return cookies;
  for (const cookie of String(header).split(';')) {
    const parts = cookie.split('=');
    cookies[parts[0].trim()] = (parts[1] || '').trim();
  }
  return cookies;
}

// Returns { fingerprint, setCookie } where setCookie is null unless a new
// fingerprint was made. Sources, in order: the sessionID cookie, then the
// `x-sessionid` header. Stellar also looks up a `sessionID` header, but under
// the camel-case name, which never matches Node's lower-cased header names:
// a plain `sessionID:` header is ignored, as on the real server.
export function fingerprintFor(req) {
  const cookies = parseCookies(req.headers.cookie);
  if (cookies[COOKIE_KEY] != null) return { fingerprint: cookies[COOKIE_KEY], setCookie: null };
  if (req.headers[`x-${COOKIE_KEY}`.toLowerCase()] != null) {
    return { fingerprint: req.headers[`x-${COOKIE_KEY}`.toLowerCase()], setCookie: null };
  }
  const hash = createHash('sha1');
  hash.update(randomBytes(16));
  hash.update(String(Date.now()));
  hash.update(JSON.stringify(req.headers));
  hash.update(`${req.socket.remoteAddress}:${req.socket.remotePort}`);
  const fingerprint = hash.digest('hex');
  const expires = new Date(Date.now() + COOKIE_LIFETIME_MS).toUTCString();
  return { fingerprint, setCookie: `${COOKIE_KEY}=${fingerprint};path=/;expires=${expires};` };
}
