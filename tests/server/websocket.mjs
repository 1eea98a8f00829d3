// Stellar's WebSocket server: Primus (8, or 6 in legacy mode) on the main HTTP
// server, one Stellar connection per spark, and the frame dispatcher
// (action / file / verbs) with Stellar's messageCount rules.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { ActionProcessor } from './actions.mjs';
import { Connection } from './connection.mjs';
import { crashLater } from './crash.mjs';
import { COOKIE_KEY, parseCookies } from './fingerprint.mjs';
import { findFile } from './static-files.mjs';
import { runVerb } from './verbs.mjs';

const require = createRequire(import.meta.url);
export const WELCOME = 'Hello human! Welcome to Stellar';

export function attachWebSocket(ctx, server) {
  const Primus = require(ctx.legacy ? 'primus-legacy' : 'primus');
  const options = {
    transformer: 'websockets',
    parser: 'json',
    iknowclusterwillbreakconnections: true,
    compression: ctx.opts.compression, // permessage-deflate, when the client offers it
  };
  if (ctx.legacy) options.timeout = ctx.opts.legacyTimeout; // Primus 6: the client pings
  else options.pingInterval = ctx.opts.pingInterval; // Primus 8: the server pings
  const primus = new Primus(server, options);
  const sockets = new WeakMap(); // upgrade request -> raw ws socket

  instrumentTransport(ctx, primus, sockets);
  primus.on('connection', (spark) => onConnection(ctx, spark, sockets.get(spark.request)));
  primus.on('disconnection', (spark) => { if (spark.stellar) spark.stellar.destroy(); });

  ctx.websocket = {
    primus,
    pausePings() {
      ctx.pings.paused = true;
      if (!ctx.legacy && primus.heartbeatInterval) {
        clearInterval(primus.heartbeatInterval);
        primus.heartbeatInterval = null;
      }
    },
    resumePings() {
      ctx.pings.paused = false;
      if (!ctx.legacy && ctx.opts.pingInterval && !primus.heartbeatInterval) {
        primus.heartbeatInterval = setInterval(() => primus.heartbeat(), ctx.opts.pingInterval);
      }
    },
  };
}

// Hooks the raw `ws` sockets as the transformer creates them, so every frame
// is logged exactly as it crosses the wire (heartbeats included).
function instrumentTransport(ctx, primus, sockets) {
  const service = primus.transformer.service;
  const handleUpgrade = service.handleUpgrade.bind(service);
  service.handleUpgrade = (req, socket, head, callback) => {
    if (req.httpLogEntry) req.httpLogEntry.status = 101;
    if (answerBrokenUpgrade(ctx, req, socket)) return;
    handleUpgrade(req, socket, head, (ws) => {
      ws.upgradeReq = req; // Primus 6 was written for ws 2, which exposed the request here
      sockets.set(req, ws);
      wrapSocket(ctx, ws);
      callback(ws);
    });
  };
}

// POST /faults/handshake: a "101 Switching Protocols" that no client may
// accept, then the end of the connection.
function answerBrokenUpgrade(ctx, req, socket) {
  const fault = ctx.faults.handshake;
  if (!fault || fault.times <= 0) return false;
  fault.times--;
  const accept = createHash('sha1')
    .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64');
  const headers = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade'];
  if (fault.kind === 'accept') headers.push(`Sec-WebSocket-Accept: ${Buffer.from('not the key').toString('base64')}`);
  else headers.push(`Sec-WebSocket-Accept: ${accept}`);
  if (fault.kind === 'extension') headers.push('Sec-WebSocket-Extensions: x-never-offered');
  if (fault.kind === 'protocol') headers.push('Sec-WebSocket-Protocol: never-offered');
  socket.end(`${headers.join('\r\n')}\r\n\r\n`);
  ctx.log.info(`broken upgrade answer (${fault.kind})`);
  return true;
}

function wrapSocket(ctx, ws) {
  ws.stellarId = null; // set once the Stellar connection exists
  ws.poisoned = false;

  const emit = ws.emit;
  ws.emit = function emitFrame(event, ...args) {
    if (event === 'message') {
      ctx.frames.add(ws.stellarId, 'in', args[0]);
      // After an exception thrown while handling a frame, the real server's
      // socket is wedged: its next frame kills the connection.
      if (ws.poisoned) {
        if (ws._socket) ws._socket.destroy();
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };

  const send = ws.send;
  ws.send = function sendFrame(data, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    const binary = options && 'binary' in options ? options.binary : typeof data !== 'string';
    // Legacy heartbeat loss: pongs are not sent while pings are "paused".
    if (ctx.legacy && ctx.pings.paused && !binary && String(data).startsWith('"primus::pong::')) {
      if (callback) callback();
      return undefined;
    }
    if (this.readyState === this.OPEN) {
      ctx.frames.add(ws.stellarId, 'out', binary ? Buffer.from(data) : String(data));
    }
    return send.call(this, data, options, callback);
  };
}

function onConnection(ctx, spark, ws) {
  // 1.3+ reads the fingerprint from ?sessionID=, 1.x from the Cookie header.
  const fingerprint = ctx.legacy ? parseCookies(spark.headers.cookie)[COOKIE_KEY] : spark.query[COOKIE_KEY];
  const conn = new Connection(ctx, spark, ws, fingerprint);
  spark.stellar = conn;
  ctx.connections.set(conn.id, conn);
  if (ws) ws.stellarId = conn.id;
  ctx.log.info(`connection ${conn.id} from ${conn.remoteIP}:${conn.remotePort}`);
  if (ctx.config.welcome) conn.sendMessage({ welcome: WELCOME, context: 'api' });
  spark.on('data', (data) => handleData(ctx, conn, data));
}

// One decoded client frame. Whatever reaches this point is counted, except a
// frame that throws before the count (a JSON null).
function handleData(ctx, conn, data) {
  try {
    const verb = data.event;
    delete data.event;
    conn.messageCount++;
    conn.params = {};

    switch (verb) {
      case 'action':
        for (const key in data.params) conn.params[key] = data.params[key];
        new ActionProcessor(ctx, conn, (processor) => {
          conn.sendMessage(processor.response, processor.messageCount);
        }).process();
        break;
      case 'file':
        conn.params = { file: data.file };
        fileVerb(ctx, conn, data.file);
        break;
      default: {
        // Words: the room first, then every other value in key order.
        const words = [];
        if (data.room) {
          words.push(data.room);
          delete data.room;
        }
        for (const key in data) words.push(data[key]);
        runVerb(ctx, conn, verb, words, (error, result) => {
          conn.sendMessage({ status: error || 'OK', context: 'response', data: result });
        });
      }
    }
  } catch (err) {
    if (conn.ws) conn.ws.poisoned = true;
    crashLater(ctx, `uncaught exception while handling a client frame: ${err.message}`, conn);
  }
}

// Never answered: for an existing file Stellar 1.4.6 throws (and dies), for a
// missing one it simply never calls back.
function fileVerb(ctx, conn, file) {
  const name = typeof file === 'string' ? file : '';
  if (!name) return;
  findFile(ctx.opts.publicDir, name).then((found) => {
    if (found) crashLater(ctx, `the WebSocket 'file' verb was used (file '${name}')`, conn);
    else ctx.log.info(`'file' verb for a missing file (${name}): never answered`);
  });
}
