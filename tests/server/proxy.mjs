// A forward proxy, for testing that clients honour their proxy settings:
// CONNECT tunnels, and plain HTTP requests with absolute URIs, WebSocket
// upgrades included. Every request it forwards goes into ctx.proxyLog.
import http from 'node:http';
import net from 'node:net';

// Headers meant for the proxy itself, never forwarded.
const PROXY_HEADERS = new Set(['proxy-connection', 'proxy-authorization']);

export function createProxy(ctx) {
  const server = http.createServer((req, res) => {
    const target = parseTarget(req.url);
    if (!target) {
      res.writeHead(400).end();
      return;
    }
    record(ctx, req, target);
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: target.path,
      headers: forwardedHeaders(req),
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.statusMessage, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req, socket, head) => {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url);
    if (!match) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    record(ctx, req, { host: req.url });
    tunnel(socket, head, match[1], Number(match[2]), 'HTTP/1.1 200 Connection Established\r\n\r\n');
  });

  // An upgrade sent to the proxy with an absolute URI: forwarded as the
  // request it is, then both ways as raw bytes.
  server.on('upgrade', (req, socket, head) => {
    const target = parseTarget(req.url);
    if (!target) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    record(ctx, req, target);
    const lines = [`${req.method} ${target.path} HTTP/1.1`];
    const headers = forwardedHeaders(req);
    for (const name of Object.keys(headers)) lines.push(`${name}: ${headers[name]}`);
    tunnel(socket, head, target.hostname, target.port, null, `${lines.join('\r\n')}\r\n\r\n`);
  });

  return server;
}

function parseTarget(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!['http:', 'ws:'].includes(parsed.protocol)) return null;
  return {
    host: parsed.host,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 80),
    path: `${parsed.pathname}${parsed.search}`,
  };
}

function forwardedHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!PROXY_HEADERS.has(name)) headers[name] = value;
  }
  return headers;
}

function record(ctx, req, target) {
  ctx.proxyLog.push({
    method: req.method,
    target: req.url,
    host: target.host,
    upgrade: req.headers.upgrade ?? null,
    time: Date.now(),
  });
}

function tunnel(socket, head, host, port, answer, request) {
  const upstream = net.connect(port, host, () => {
    if (answer) socket.write(answer);
    if (request) upstream.write(request);
    if (head && head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
}
