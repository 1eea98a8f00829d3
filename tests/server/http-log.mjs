// Records every HTTP request reaching the main port (Primus paths and
// WebSocket upgrades included) for GET /http-log, and buffers request bodies
// so the API handler can read them (req.rawBody, a promise of a Buffer).
import qs from 'qs';

export function installHttpLog(ctx, server) {
  server.prependListener('request', (req, res) => {
    const entry = record(ctx, req);
    const chunks = [];
    req.rawBody = new Promise((resolve) => {
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        entry.body = body.toString('utf8');
        resolve(body);
      });
      req.on('error', () => resolve(Buffer.concat(chunks)));
    });
    res.on('finish', () => { entry.status = res.statusCode; });
  });
  server.prependListener('upgrade', (req) => {
    // Completed upgrades get status 101 (see websocket.mjs).
    req.httpLogEntry = record(ctx, req);
  });
}

function record(ctx, req) {
  const queryStart = req.url.indexOf('?');
  const entry = {
    method: req.method,
    path: queryStart < 0 ? req.url : req.url.slice(0, queryStart),
    query: queryStart < 0 ? {} : qs.parse(req.url.slice(queryStart + 1)),
    headers: { ...req.headers },
    body: '',
    status: null,
    time: Date.now(),
  };
  ctx.httpLog.push(entry);
  return entry;
}
