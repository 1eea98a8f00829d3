// The faults the control API arms for the client's hostile-server tests, the
// forward proxy and permessage-deflate, against a server started with
// --proxy --compression.
import http from 'node:http';
import { Checks } from './checks.mjs';
import { sleep, WsClient } from './harness.mjs';

async function connect(server) {
  const client = new WsClient(`${server.wsUrl}/primus`);
  await client.opened;
  await client.next(); // the welcome
  return client;
}

// A request to the proxy for an absolute URI; resolves with the status.
function throughProxy(proxyUrl, target) {
  return new Promise((resolve, reject) => {
    const proxy = new URL(proxyUrl);
    const req = http.request({ host: proxy.hostname, port: proxy.port, path: target, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

// A CONNECT tunnel through the proxy, and one raw request over it.
function throughTunnel(proxyUrl, target, path) {
  return new Promise((resolve, reject) => {
    const proxy = new URL(proxyUrl);
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target });
    req.on('connect', (res, socket) => {
      let answer = '';
      socket.on('data', (chunk) => { answer += chunk; });
      socket.on('end', () => resolve({ status: res.statusCode, answer }));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target}\r\nConnection: close\r\n\r\n`);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function checkFaults(tap, server) {
  const api = server.control;
  let c = new Checks();
  const a = await connect(server);
  const [conn] = await api('GET', '/connections');
  c.ok('the client offered permessage-deflate', /permessage-deflate/.test(conn.offeredExtensions ?? ''), conn.offeredExtensions);
  c.equal('and the server took it', conn.extensions, ['permessage-deflate']);
  c.equal('a large frame still arrives whole', await api('POST', '/oversize', { bytes: 100000 }), { ok: true, sent: 1 });
  c.equal('of 100000 bytes', (await a.next())?.length, 100000);
  tap.result('--compression: permessage-deflate', c.problems);

  c = new Checks();
  const frame = Buffer.from([0x81, 0x02, 0x7b, 0x7d]).toString('base64');
  c.equal('raw bytes', await api('POST', '/raw', { bytes: frame }), { ok: true, sent: 1 });
  c.equal('arrive as the frame they are', await a.next(), '{}');
  c.equal('bytes are required', (await api('POST', '/raw', {})).ok, false);
  tap.result('control: POST /raw', c.problems);

  c = new Checks();
  c.equal('arm a broken upgrade answer', await api('POST', '/faults/handshake', { kind: 'accept', times: 1 }), { ok: true });
  const broken = new WsClient(`${server.wsUrl}/primus`);
  c.ok('the next upgrade fails', await broken.opened.then(() => false, () => true));
  const healthy = await connect(server);
  c.ok('the one after it works', healthy.ws.readyState === 1);
  healthy.close();
  c.equal('unknown kinds are refused', (await api('POST', '/faults/handshake', { kind: 'nonsense' })).ok, false);
  tap.result('control: POST /faults/handshake', c.problems);

  c = new Checks();
  c.equal('freeze', await api('POST', '/freeze'), { ok: true, frozen: 1 });
  await api('POST', '/frames/clear');
  a.send('{"event":"detailsView"}');
  a.close(1000);
  await sleep(300);
  const heard = (await api('GET', '/frames?since=0')).frames.filter((f) => f.dir === 'in');
  c.equal('nothing is read from a frozen connection', heard, []);
  c.equal('nor is the close answered', a.closed, null);
  await api('POST', '/pings/resume');
  tap.result('control: POST /freeze', c.problems);

  c = new Checks();
  c.ok('the proxy is announced', typeof server.proxyUrl === 'string', server.proxyUrl);
  const host = new URL(server.url).host;
  c.equal('a plain request through the proxy', await throughProxy(server.proxyUrl, `${server.url}/api?action=status`), 200);
  const tunnelled = await throughTunnel(server.proxyUrl, host, '/api?action=status');
  c.ok('a CONNECT tunnel through the proxy', tunnelled.status === 200 && tunnelled.answer.startsWith('HTTP/1.1 200'),
    tunnelled.answer.slice(0, 40));
  const log = await api('GET', '/proxy-log');
  c.equal('the proxy log', log.map((x) => [x.method, x.host]), [['GET', host], ['CONNECT', host]]);
  tap.result('--proxy: GET /proxy-log', c.problems);
}
