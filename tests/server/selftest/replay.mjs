// Replays a WebSocket capture log (ws-scenario.log, misc.log, ...) against a
// running server: the "=>" frames are sent in log order and each "<=" frame is
// compared (volatile values masked, key order kept) with the next frame this
// connection receives. Heartbeats are answered automatically, except by the
// connections that never answer them in the log, and checked for shape only.
import fs from 'node:fs';
import path from 'node:path';
import { parseWsLog } from './capture.mjs';
import { WsClient } from './harness.mjs';
import { CAPTURED_UUID, compare, parseMaybe, UuidMap } from './normalize.mjs';

const FRAME_TIMEOUT = 5000;
const SILENCE_MS = 300; // the captures waited 1-1.5 s
const HANG_MS = 500;
const isPing = (frame) => /^"primus::ping::\d+"$/.test(frame);
const isPong = (frame) => /^"primus::pong::\d+"$/.test(frame);

export async function replayLog(tap, server, file, { label, pingInterval, onSigterm, leftovers = true }) {
  const sections = parseWsLog(fs.readFileSync(file, 'utf8'));
  const events = sections.flatMap((s) => s.events);
  // Connections that get pings in the log but never answer them.
  const silent = new Set(events.filter((e) => e.kind === 'receive' && isPing(e.frame)).map((e) => e.conn));
  for (const e of events) if (e.kind === 'send' && isPong(e.frame)) silent.delete(e.conn);
  // Connections whose upgrade is never answered in the log.
  const opening = new Set(events.filter((e) => e.kind === 'upgrade' || e.kind === 'open').map((e) => e.conn));

  const clients = new Map();
  const uuids = new UuidMap();
  const expectedUuids = new UuidMap(CAPTURED_UUID);
  const lastPing = new Map();
  let compared = 0;

  for (const section of sections) {
    const problems = [];
    let checks = 0;
    for (const ev of section.events) {
      const client = clients.get(ev.conn);
      if (!client && ev.kind !== 'connect' && ev.kind !== 'sigterm') continue; // FETCH lines, notes
      switch (ev.kind) {
        case 'connect': {
          checks++;
          const url = ev.url.replace(/^ws:\/\/[^/]+/, server.wsUrl);
          const c = new WsClient(url, { autoPong: !silent.has(ev.conn) });
          clients.set(ev.conn, c);
          if (opening.has(ev.conn)) {
            try {
              await c.opened;
            } catch (err) {
              problems.push(`${ev.conn}: could not connect to ${url}: ${err.message}`);
            }
          } else {
            // Never answered by the real server: must neither open nor fail.
            const outcome = await Promise.race([
              c.opened.then(() => 'opened', (err) => `failed (${err.message})`),
              new Promise((resolve) => setTimeout(() => resolve(null), HANG_MS)),
            ]);
            if (outcome) problems.push(`${ev.conn}: upgrade to ${url} ${outcome}; the real server never answers it`);
            c.ws.terminate();
          }
          break;
        }
        case 'upgrade':
          if (!client.upgrade || client.upgrade.statusCode !== ev.status) {
            problems.push(`${ev.conn}: upgrade status ${client.upgrade?.statusCode}, expected ${ev.status}`);
          }
          break;
        case 'open':
          if (client.ws.extensions !== ev.extensions || client.ws.protocol !== ev.protocol) {
            problems.push(`${ev.conn}: extensions="${client.ws.extensions}" protocol="${client.ws.protocol}", expected "${ev.extensions}"/"${ev.protocol}"`);
          }
          break;
        case 'send':
          // A pong answering the ping just logged was already sent by the client.
          if (isPong(ev.frame) && lastPing.get(ev.conn) === ev.frame.replace('pong', 'ping')) break;
          client.send(ev.frame);
          break;
        case 'receive': {
          if (isPing(ev.frame)) {
            lastPing.set(ev.conn, ev.frame);
            break;
          }
          checks++;
          compared++;
          const frame = await client.next(FRAME_TIMEOUT);
          if (frame === null) {
            problems.push(`${ev.conn}: no frame within ${FRAME_TIMEOUT} ms, expected ${ev.frame}`);
            break;
          }
          const diff = compare(parseMaybe(ev.frame), parseMaybe(frame), { uuids, expectedUuids });
          if (diff) problems.push(`${ev.conn}: frame mismatch\n${diff}`);
          break;
        }
        case 'silence': {
          checks++;
          const frame = await client.next(SILENCE_MS);
          if (frame !== null) problems.push(`${ev.conn}: expected no reply, got ${frame}`);
          break;
        }
        case 'client-close':
          client.close(ev.code);
          break;
        case 'sigterm':
          await onSigterm();
          break;
        case 'closed': {
          checks++;
          const wait = silent.has(ev.conn) ? 3 * pingInterval + 2000 : FRAME_TIMEOUT;
          const closed = await client.waitClose(wait);
          if (!closed) problems.push(`${ev.conn}: still open after ${wait} ms, expected close ${ev.code}`);
          else if (closed.code !== ev.code) problems.push(`${ev.conn}: closed with ${closed.code}, expected ${ev.code}`);
          if (silent.has(ev.conn)) problems.push(...heartbeatProblems(ev.conn, clients, silent));
          break;
        }
        default:
          break;
      }
    }
    if (checks > 0) tap.result(`${label}: ${section.title}`, problems);
  }

  const extra = [];
  for (const [name, c] of clients) {
    if (c.frames.length > 0) extra.push(`${name}: ${c.frames.length} unexpected frame(s): ${c.frames.slice(0, 3).join(' ')}`);
    if (!c.closed) c.ws.terminate();
  }
  if (leftovers) tap.result(`${label}: no unexpected frames left (${compared} frames compared)`, extra);
}

// The silent connection was pinged and then dropped (no server::close frame);
// connections that answer pings were pinged too and are still there.
function heartbeatProblems(name, clients, silent) {
  const problems = [];
  const c = clients.get(name);
  if (c.pings.length === 0) problems.push(`${name}: dropped without ever being pinged`);
  if (c.frames.includes('"primus::server::close"')) problems.push(`${name}: got primus::server::close before a heartbeat drop`);
  for (const [other, client] of clients) {
    if (silent.has(other) || !client.upgrade || client.closed) continue;
    if (client.pings.length === 0) problems.push(`${other}: answers pings but was never pinged`);
  }
  return problems;
}
