// The control API, endpoint by endpoint, against a fresh modern server.
import { Checks } from './checks.mjs';
import { request, sleep, WsClient } from './harness.mjs';

const WELCOME = { welcome: 'Hello human! Welcome to Stellar', context: 'api' };

async function connect(server, query = '', options) {
  const client = new WsClient(`${server.wsUrl}/primus${query}`, options);
  await client.opened;
  return client;
}

async function ask(client, frame) {
  client.send(JSON.stringify(frame));
  return client.nextJson();
}

export async function checkControl(tap, server, { pingInterval }) {
  const api = server.control;
  let c = new Checks();
  const a = await connect(server, '?sessionID=ctl-a', { headers: { Cookie: 'sessionID=cookie-a' } });
  const b = await connect(server);
  c.equal('welcome a', await a.nextJson(), WELCOME);
  c.equal('welcome b', await b.nextJson(), WELCOME);
  const aId = (await ask(a, { event: 'detailsView' })).data.id;
  const bId = (await ask(b, { event: 'detailsView' })).data.id;
  const conns = await api('GET', '/connections');
  const ca = conns.find((x) => x.id === aId);
  c.equal('connection count', conns.length, 2);
  c.equal('connection a', ca && { ...ca, remotePort: 0, query: { sessionID: ca.query.sessionID }, offeredExtensions: null },
    { id: aId, fingerprint: 'ctl-a', query: { sessionID: 'ctl-a' }, cookie: 'sessionID=cookie-a', rooms: [], messageCount: 1, remotePort: 0,
      offeredExtensions: null, extensions: [] });
  c.ok('connection b has no fingerprint', conns.find((x) => x.id === bId)?.fingerprint === null);
  tap.result('control: GET /connections', c.problems);

  c = new Checks();
  const log = await api('GET', '/frames?since=0');
  const heartbeat = (f) => /^"primus::p[io]ng::/.test(f.data);
  const ofA = log.frames.filter((f) => f.conn === aId && !heartbeat(f)).map((f) => [f.dir, f.type, f.data]);
  c.equal('frames of a', ofA.slice(0, 3), [
    ['out', 'text', JSON.stringify(WELCOME)],
    ['in', 'text', '{"event":"detailsView"}'],
    ['out', 'text', ofA[2]?.[2]],
  ]);
  c.ok('seq increasing', log.frames.every((f, i) => i === 0 || f.seq > log.frames[i - 1].seq));
  c.ok('next cursor', log.next === log.frames[log.frames.length - 1].seq + 1, JSON.stringify(log.next));
  const later = await api('GET', `/frames?since=${log.next}`);
  c.equal('nothing new since the cursor', later.frames.filter((f) => !heartbeat(f)), []);
  c.equal('clear', await api('POST', '/frames/clear'), { ok: true });
  const cleared = await api('GET', '/frames?since=0');
  c.equal('frames cleared', cleared.frames.filter((f) => !heartbeat(f)).length, 0);
  c.ok('sequence numbers keep growing', cleared.next >= later.next);
  tap.result('control: GET /frames, POST /frames/clear', c.problems);

  c = new Checks();
  c.equal('alert', await api('POST', '/alert', { message: 'attention' }), { ok: true, sent: 2 });
  c.equal('a got the alert', await a.nextJson(), { message: 'attention', context: 'alert' });
  c.equal('b got the alert', await b.nextJson(), { message: 'attention', context: 'alert' });
  c.equal('send raw text to a', await api('POST', '/send', { text: '{"context":"response","messageCount":99', conn: aId }), { ok: true, sent: 1 });
  c.equal('a got the exact text', await a.next(), '{"context":"response","messageCount":99');
  c.equal('b got nothing', await b.next(200), null);
  await api('POST', '/send', { text: Buffer.from([0, 1, 2, 255]).toString('base64'), binary: true, conn: bId });
  const binary = await b.next();
  c.ok('b got a binary frame', Buffer.isBuffer(binary) && binary.equals(Buffer.from([0, 1, 2, 255])), String(binary));
  c.equal('send to an unknown connection', (await api('POST', '/send', { text: 'x', conn: 'nope' })).ok, false);
  const frames = (await api('GET', '/frames?since=0')).frames.filter((f) => f.conn === bId && f.type === 'binary');
  c.equal('binary frame logged as base64', frames.map((f) => f.data), ['AAEC/w==']);
  tap.result('control: POST /alert, POST /send (text, binary, one connection)', c.problems);

  c = new Checks();
  c.equal('create room', await api('POST', '/rooms', { name: 'ctlRoom' }), { ok: true });
  c.equal('create it again', (await api('POST', '/rooms', { name: 'ctlRoom' })).ok, false);
  c.equal('a joins', (await ask(a, { event: 'roomJoin', room: 'ctlRoom' })).status, 'OK');
  c.equal('say', await api('POST', '/say', { room: 'ctlRoom', message: 'from the server' }), { ok: true, sent: 1 });
  const said = await a.nextJson();
  c.equal('chat frame from 0', said && { ...said, sentAt: 0 }, { message: 'from the server', room: 'ctlRoom', from: 0, context: 'user', sentAt: 0 });
  const flood = await api('POST', '/flood', { room: 'ctlRoom', count: 2000, size: 200 });
  c.ok('flood answer', flood.ok && flood.sent === 2000 && flood.recipients === 1, JSON.stringify(flood));
  let last = null;
  let inOrder = true;
  for (let i = 1; i <= 2000; i++) {
    last = await a.nextJson(2000);
    if (!last || last.message.slice(0, `flood ${i}.`.length) !== `flood ${i}.` || last.from !== 0) {
      inOrder = false;
      break;
    }
  }
  c.ok('2000 flood frames in order', inOrder, JSON.stringify(last));
  c.ok('flood frame size', last && JSON.stringify(last).length === 200, JSON.stringify(last).length);
  const deleted = await api('POST', '/rooms/delete', { name: 'ctlRoom' });
  c.equal('delete room', deleted, { ok: true });
  const destroy = await a.nextJson();
  c.equal('destroy event', destroy?.message, { event: 'destroy', data: { name: 'ConnectionRoomHasBeenDeleted Error', code: '018', message: 'Room (ctlRoom) has been deleted' } });
  tap.result('control: POST /rooms, /say, /flood, /rooms/delete', c.problems);

  c = new Checks();
  c.equal('oversize', await api('POST', '/oversize', { bytes: 300000 }), { ok: true, sent: 2 });
  const big = await a.next();
  c.ok('a got 300000 bytes of JSON', typeof big === 'string' && big.length === 300000 && typeof JSON.parse(big) === 'string');
  await b.next();
  tap.result('control: POST /oversize', c.problems);

  c = new Checks();
  if (pingInterval) {
    await api('POST', '/pings/pause');
    const before = a.pings.length;
    await sleep(pingInterval * 2.5);
    c.equal('no ping while paused', a.pings.length, before);
    await api('POST', '/pings/resume');
    for (let waited = 0; a.pings.length === before && waited < pingInterval * 6; waited += 50) await sleep(50);
    c.ok('pings again after resume', a.pings.length > before, `${a.pings.length} pings`);
    const beats = (await api('GET', '/frames?since=0')).frames.filter((f) => f.conn === aId && /^"primus::p[io]ng::/.test(f.data));
    c.ok('pings and pongs are in the frame log', beats.some((f) => f.dir === 'out' && f.data.startsWith('"primus::ping::'))
      && beats.some((f) => f.dir === 'in' && f.data.startsWith('"primus::pong::')), JSON.stringify(beats.slice(0, 2)));
  }
  tap.result('control: POST /pings/pause, /pings/resume; heartbeats in the frame log', c.problems);

  c = new Checks();
  c.equal('kick', await api('POST', '/kick'), { ok: true, kicked: 2 });
  c.equal('a got server::close', await a.next(), '"primus::server::close"');
  c.equal('a closed', (await a.waitClose())?.code, 1005);
  await b.waitClose();
  const d = await connect(server);
  await d.next();
  c.equal('drop', await api('POST', '/drop'), { ok: true, dropped: 1 });
  c.equal('dropped: 1006', (await d.waitClose())?.code, 1006);
  c.equal('nothing before the drop', d.frames, []);
  const e = await connect(server);
  await e.next();
  c.equal('reset-mid-frame', await api('POST', '/reset-mid-frame', { bytes: 4096 }), { ok: true, reset: 1 });
  c.equal('reset: 1006, no frame', [(await e.waitClose())?.code, e.frames.length], [1006, 0]);
  tap.result('control: POST /kick, /drop, /reset-mid-frame', c.problems);

  c = new Checks();
  const f = await connect(server);
  await f.next();
  c.equal('stop', await api('POST', '/stop'), { ok: true });
  c.equal('connection dropped', (await f.waitClose())?.code, 1006);
  c.ok('port closed', await refused(server));
  c.ok('start', (await api('POST', '/start')).ok);
  c.equal('same port again', (await request(server.url, { path: '/api?action=status' }))?.status, 200);
  c.equal('restart', await api('POST', '/restart', { after: 300 }), { ok: true, after: 300 });
  c.ok('refused during the restart', await refused(server));
  await sleep(500);
  c.equal('back after the restart', (await request(server.url, { path: '/api?action=status' }))?.status, 200);
  tap.result('control: POST /stop, /start, /restart', c.problems);

  c = new Checks();
  await api('POST', '/http-log/clear');
  c.equal('config', await api('POST', '/config', { welcome: false, missingFileStatus: 404 }), { ok: true, config: { missingFileStatus: 404, welcome: false } });
  const g = await connect(server, '?x=1');
  c.equal('no welcome: the first frame is the reply', (await ask(g, { event: 'roomView', room: 'x' })), { status: 'not member of room x', context: 'response', messageCount: 1 });
  c.equal('missing file answered 404', (await request(server.url, { path: '/nope.txt' }))?.status, 404);
  await api('POST', '/config', { welcome: true, missingFileStatus: null });
  c.equal('missing file not answered by default', await request(server.url, { path: '/nope.txt', timeout: 500 }), null);
  const httpLog = await api('GET', '/http-log');
  c.equal('http-log', httpLog.map((x) => [x.method, x.path, x.query, x.status]), [
    ['GET', '/primus', { x: '1' }, 101], ['GET', '/nope.txt', {}, 404], ['GET', '/nope.txt', {}, null]]);
  g.close();
  tap.result('control: POST /config (welcome, missingFileStatus), GET /http-log', c.problems);
}

async function refused(server) {
  try {
    await request(server.url, { path: '/api?action=status', timeout: 1000 });
    return false;
  } catch (err) {
    return err.code === 'ECONNREFUSED';
  }
}
