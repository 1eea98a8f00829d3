// Stellar's web server on the main port (everything Primus does not claim):
// actions under /api, OPTIONS/TRACE, and static files from the public folder.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import querystring from 'node:querystring';
import qs from 'qs';
import { ActionProcessor } from './actions.mjs';
import { errorsFor, serializeError } from './errors.mjs';
import { fingerprintFor } from './fingerprint.mjs';
import { DIRECTORY_FILE, etagFor, findFile, mimeFor } from './static-files.mjs';

const DEFAULT_HEADERS = [
  ['X-Powered-By', 'Stellar API'],
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Allow-Methods', 'HEAD, GET, POST, PUT, PATCH, DELETE, OPTIONS, TRACE'],
  ['Access-Control-Allow-Headers', 'Content-Type'],
];
const ROUTED_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const FILE_CACHE_SECONDS = 60;

export function createHttpHandler(ctx) {
  return (req, res) => {
    handle(ctx, req, res).catch((err) => {
      ctx.log.error(`HTTP ${req.method} ${req.url}: ${err.stack}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}

async function handle(ctx, req, res) {
  const { fingerprint, setCookie } = fingerprintFor(req);
  const { remoteIP, remotePort } = remoteAddress(req);
  const conn = {
    id: `${fingerprint}-${randomUUID()}`,
    fingerprint,
    remoteIP,
    remotePort,
    connectedAt: Date.now(),
    params: {},
    messageCount: undefined,
    totalActions: 0,
    pendingActions: 0,
    req,
    res,
    method: req.method.toUpperCase(),
    status: 200,
    // Response headers in Stellar's order; duplicates resolved at send time.
    headers: [],
  };
  if (setCookie) conn.headers.push(['Set-Cookie', setCookie]);
  conn.headers.push(['Content-Type', 'application/json; charset=utf-8']);
  conn.headers.push(...DEFAULT_HEADERS);

  const queryStart = req.url.indexOf('?');
  const pathname = queryStart < 0 ? req.url : req.url.slice(0, queryStart);
  const search = queryStart < 0 ? '' : req.url.slice(queryStart + 1);
  const parts = pathname.split('/');
  while (parts[0] === '') parts.shift();
  if (parts[parts.length - 1] === '') parts.pop();

  let mode = 'file';
  if (parts[0] === 'api') {
    mode = 'api';
    parts.shift();
  } else if (parts[0] === 'stellar-client') {
    mode = 'client-lib';
    parts.shift();
  } else if (parts[0] === 'public') {
    parts.shift();
  }

  if (conn.method === 'OPTIONS') return send(conn, '');
  if (mode === 'api') {
    await readParams(ctx, conn, search, parts);
    if (conn.method === 'TRACE') return send(conn, JSON.stringify(requesterInformation(conn), null, 2));
    return runAction(ctx, conn);
  }
  if (mode === 'client-lib') return serveFile(ctx, conn, 'stellar-client.js');
  let file = parts.map(safeDecode).join('/');
  if (file === '' || file.endsWith('/')) file += DIRECTORY_FILE;
  return serveFile(ctx, conn, file);
}

function remoteAddress(req) {
  let remoteIP = req.socket.remoteAddress;
  let remotePort = req.socket.remotePort;
  const forwarded = req.headers['x-forwarded-for'];
  if (forwarded) {
    const first = forwarded.split(',')[0].trim();
    if (first.includes('.') || !first.includes(':')) {
      const [ip, port] = first.replace('::ffff:', '').split(':');
      if (ip) remoteIP = ip;
      if (port) remotePort = port;
    } else {
      remoteIP = first;
    }
    if (req.headers['x-forwarded-port']) remotePort = req.headers['x-forwarded-port'];
  }
  return { remoteIP, remotePort };
}

// Query string first, then the body (its keys override the query's), then the
// /api/<action> route when no known action was named.
async function readParams(ctx, conn, search, parts) {
  fillParams(conn, qs.parse(search));
  const contentType = conn.req.headers['content-type'];
  if (conn.method !== 'GET' && conn.method !== 'HEAD' && contentType) {
    const fields = parseBody(contentType, await conn.req.rawBody);
    if (fields) fillParams(conn, fields);
  }
  const named = conn.params.action;
  if (named === undefined || !ctx.actions.has(String(named))) {
    let method = conn.method.toLowerCase();
    if (method === 'head') method = 'get';
    if (ROUTED_METHODS.includes(method) && parts.length === 1 && ctx.actions.has(parts[0])) {
      conn.params.action = parts[0];
    }
  }
}

// JSON and urlencoded bodies; anything unparsable is ignored, as Stellar does.
function parseBody(contentType, body) {
  const text = body ? body.toString('utf8') : '';
  if (/json/i.test(contentType)) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    const fields = {};
    for (const key in value) fields[key] = value[key];
    return fields;
  }
  if (/application\/x-www-form-urlencoded/i.test(contentType)) return { ...querystring.parse(text) };
  return null;
}

// An array-like hash (keys 0..n-1) becomes params.payload.
function fillParams(conn, hash) {
  const keys = Object.keys(hash);
  const arrayLike = keys.length > 0 && keys.every((k, i) => k === String(i));
  const source = arrayLike ? { payload: keys.map((k) => hash[k]) } : hash;
  for (const key of Object.keys(source)) conn.params[key] = source[key];
}

function runAction(ctx, conn) {
  new ActionProcessor(ctx, conn, (processor) => completeResponse(conn, processor)).process();
}

function requesterInformation(conn) {
  return { id: conn.id, fingerprint: conn.fingerprint, remoteIP: conn.remoteIP, receivedParams: { ...conn.params } };
}

function completeResponse(conn, processor) {
  const response = processor.response;
  const stopTime = Date.now();
  response.serverInformation = {
    serverName: 'Stellar API',
    apiVersion: '0.0.1',
    requestDuration: stopTime - conn.connectedAt,
    currentTime: stopTime,
  };
  response.requesterInformation = requesterInformation(conn);
  if (response.error) {
    if (processor.actionStatus === 'unknown_action') conn.status = 404;
    else if (processor.actionStatus === 'server_error') conn.status = 500;
    else conn.status = 400;
    response.error = serializeError(response.error);
  }
  let body = JSON.stringify(response, null, 2);
  if (conn.params.callback) {
    conn.headers.push(['Content-Type', 'application/javascript']);
    body = `${conn.params.callback}(${body});`;
  }
  send(conn, body);
}

// Stellar keeps the LAST value of a repeated header (Set-Cookie excepted),
// which also fixes the order the headers go out in.
function cleanHeaders(conn) {
  const seen = new Set();
  const cleaned = [];
  for (const [key, value] of conn.headers.reverse()) {
    const lower = key.toLowerCase();
    if (seen.has(lower) && lower !== 'set-cookie') continue;
    seen.add(lower);
    cleaned.push([key, value]);
  }
  conn.headers = cleaned;
}

function writeHead(conn) {
  const grouped = new Map();
  for (const [key, value] of conn.headers) {
    const lower = key.toLowerCase();
    if (lower === 'set-cookie') {
      const entry = grouped.get(lower) ?? [key, []];
      entry[1].push(value);
      grouped.set(lower, entry);
    } else {
      grouped.set(lower, [key, value]);
    }
  }
  conn.res.statusCode = conn.status;
  for (const [key, value] of grouped.values()) conn.res.setHeader(key, value);
}

function send(conn, body) {
  const text = conn.method === 'HEAD' ? '' : String(body);
  cleanHeaders(conn);
  conn.headers.push(['Content-Length', Buffer.byteLength(text)]);
  writeHead(conn);
  conn.res.end(text);
}

async function serveFile(ctx, conn, file) {
  const found = await findFile(ctx.opts.publicDir, file, ctx.generatedFiles);
  if (!found) return missingFile(ctx, conn, file);

  conn.headers.push(['Content-Type', mimeFor(found.path)]);
  conn.headers.push(['Cache-Control', `max-age=${FILE_CACHE_SECONDS}, must-revalidate, public`]);
  cleanHeaders(conn);

  const since = conn.req.headers['if-modified-since'];
  if (since) {
    const modified = Math.floor(found.stats.mtimeMs / 1000) * 1000;
    if (modified <= new Date(since).getTime()) {
      conn.status = 304;
      writeHead(conn);
      return conn.res.end();
    }
  } else {
    conn.headers.push(['ETag', etagFor(found.stats)]);
  }
  conn.headers.push(['Content-Length', found.stats.size]);
  writeHead(conn);
  if (conn.method === 'HEAD') return conn.res.end();
  if (found.content) return conn.res.end(found.content);
  createReadStream(found.path).pipe(conn.res);
  return undefined;
}

// Stellar 1.4.6 never answers a request for a missing static file; POST
// /config {"missingFileStatus":404} makes it answer instead.
function missingFile(ctx, conn, file) {
  const status = ctx.config.missingFileStatus;
  if (!status) {
    ctx.log.debug(`static file '${file}' not found: leaving the request unanswered (as Stellar 1.4.6 does)`);
    return;
  }
  conn.status = status;
  send(conn, JSON.stringify(errorsFor(ctx.legacy).fileNotFound()));
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
