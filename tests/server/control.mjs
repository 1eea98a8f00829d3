// Control API for the tests: plain HTTP + JSON on its own loopback port.
// Every POST answers {"ok":true,...} or {"ok":false,"error":...}.
import http from 'node:http';
import { flood, resetMidFrame } from './flood.mjs';

export function createControlServer(ctx, main) {
  const routes = {
    'GET /frames': (body, query) => ctx.frames.since(Number(query.get('since') ?? 0)),
    'POST /frames/clear': () => { ctx.frames.clear(); return ok(); },
    'GET /connections': () => [...ctx.connections.values()].map((c) => c.summary()),
    'GET /http-log': () => ctx.httpLog,
    'GET /proxy-log': () => ctx.proxyLog,
    'POST /http-log/clear': () => { ctx.httpLog.length = 0; return ok(); },
    'GET /status': () => ({
      listening: main.listening,
      url: main.url,
      port: main.port,
      legacy: ctx.legacy,
      connections: ctx.connections.size,
      pingsPaused: ctx.pings.paused,
      config: ctx.config,
    }),
    'GET /rooms': () => ctx.rooms.list().map((name) => ctx.rooms.status(name)),

    'POST /drop': () => ok({ dropped: eachConnection(ctx, (c) => c.ws._socket.destroy()) }),
    'POST /kick': () => ok({ kicked: eachConnection(ctx, (c) => c.goodbye()) }),
    'POST /pings/pause': () => { ctx.websocket.pausePings(); return ok(); },
    'POST /pings/resume': () => { ctx.websocket.resumePings(); return ok(); },
    'POST /stop': () => { main.stop(); return ok(); },
    'POST /start': async () => ok({ port: await main.listen() }),
    'POST /restart': (body) => {
      const after = Number(body.after ?? 0);
      main.stop();
      setTimeout(() => main.listen().catch((err) => ctx.log.error(`restart failed: ${err.message}`)), after);
      return ok({ after });
    },

    'POST /alert': (body) => ok({ sent: eachConnection(ctx, (c) => c.sendMessage({ message: body.message, context: 'alert' })) }),
    'POST /send': (body) => {
      if (typeof body.text !== 'string') return fail('"text" (string) is required');
      const data = body.binary ? Buffer.from(body.text, 'base64') : body.text;
      const targets = selectConnections(ctx, body.conn);
      if (!targets) return fail(`no connection ${body.conn}`);
      // `fragments`: the message in that many frames (continuation frames
      // after the first), split evenly; a part may be empty.
      const fragments = body.fragments ?? 1;
      if (!Number.isInteger(fragments) || fragments < 1) return fail('"fragments" must be an integer >= 1');
      const size = Math.ceil(data.length / fragments);
      for (const c of targets) {
        for (let i = 0; i < fragments; i++) {
          const part = data.slice(i * size, (i + 1) * size);
          c.ws.send(part, { binary: Boolean(body.binary), fin: i === fragments - 1 });
        }
      }
      return ok({ sent: targets.length });
    },
    'POST /oversize': (body) => {
      const bytes = Number(body.bytes);
      if (!Number.isInteger(bytes) || bytes < 2) return fail('"bytes" must be an integer >= 2');
      const text = `"${'x'.repeat(bytes - 2)}"`; // a valid JSON string of exactly `bytes` bytes
      return ok({ sent: eachConnection(ctx, (c) => c.ws.send(text)) });
    },
    'POST /raw': (body) => {
      if (typeof body.bytes !== 'string') return fail('"bytes" (base64) is required');
      const bytes = Buffer.from(body.bytes, 'base64');
      const targets = selectConnections(ctx, body.conn);
      if (!targets) return fail(`no connection ${body.conn}`);
      for (const c of targets) c.ws._socket.write(bytes);
      return ok({ sent: targets.length });
    },
    'POST /freeze': () => {
      // The server stops pinging and reading: what the client sends, a close
      // frame included, is never read nor answered.
      ctx.websocket.pausePings();
      return ok({ frozen: eachConnection(ctx, (c) => c.ws._socket.pause()) });
    },
    'POST /faults/handshake': (body) => {
      const kinds = ['accept', 'extension', 'protocol'];
      if (!kinds.includes(body.kind)) return fail(`"kind" must be one of ${kinds.join(', ')}`);
      const times = body.times ?? 1;
      if (!Number.isInteger(times) || times < 0) return fail('"times" must be a non-negative integer');
      ctx.faults.handshake = { kind: body.kind, times };
      return ok();
    },
    'POST /reset-mid-frame': (body) => {
      const length = Number(body.bytes ?? 1024);
      return ok({ reset: eachConnection(ctx, (c) => resetMidFrame(ctx, c, length)) });
    },

    'POST /say': (body) => {
      if (!ctx.rooms.exists(body.room)) return fail(`no room ${body.room}`);
      const sent = ctx.rooms.deliver(body.room, body.message, body.from ?? 0);
      return ok({ sent });
    },
    'POST /flood': async (body) => {
      if (!ctx.rooms.exists(body.room)) return fail(`no room ${body.room}`);
      const count = Number(body.count);
      if (!Number.isInteger(count) || count < 0) return fail('"count" must be a non-negative integer');
      return ok(await flood(ctx, body.room, count, Number(body.size) || 0));
    },
    'POST /rooms': (body) => {
      if (typeof body.name !== 'string' || body.name === '') return fail('"name" (string) is required');
      return ctx.rooms.create(body.name) ? ok() : fail(`room ${body.name} already exists`);
    },
    'POST /rooms/delete': (body) => (ctx.rooms.destroy(body.name) ? ok() : fail(`no room ${body.name}`)),
    'POST /config': (body) => {
      if ('missingFileStatus' in body) {
        const status = body.missingFileStatus;
        if (status !== null && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
          return fail('"missingFileStatus" must be an HTTP status or null');
        }
        ctx.config.missingFileStatus = status;
      }
      if ('welcome' in body) ctx.config.welcome = Boolean(body.welcome);
      return ok({ config: ctx.config });
    },
  };

  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://control');
    const route = routes[`${req.method} ${url.pathname}`];
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      if (!route) return reply(res, 404, fail(`unknown endpoint ${req.method} ${url.pathname}`));
      let body = {};
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return reply(res, 400, fail('the body is not valid JSON'));
        }
      }
      try {
        const result = await route(body ?? {}, url.searchParams);
        return reply(res, result && result.ok === false ? 400 : 200, result);
      } catch (err) {
        ctx.log.error(`control ${req.method} ${url.pathname}: ${err.stack}`);
        return reply(res, 500, fail(err.message));
      }
    });
  });
}

function ok(extra) {
  return { ok: true, ...extra };
}

function fail(error) {
  return { ok: false, error };
}

function reply(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// Runs fn on every connection that still has a socket; returns how many.
function eachConnection(ctx, fn) {
  let count = 0;
  for (const conn of [...ctx.connections.values()]) {
    if (!conn.ws || conn.ws.readyState !== conn.ws.OPEN) continue;
    fn(conn);
    count++;
  }
  return count;
}

function selectConnections(ctx, id) {
  const all = [...ctx.connections.values()].filter((c) => c.ws && c.ws.readyState === c.ws.OPEN);
  if (id === undefined || id === null) return all;
  const conn = ctx.connections.get(id);
  return conn && conn.ws && conn.ws.readyState === conn.ws.OPEN ? [conn] : null;
}
