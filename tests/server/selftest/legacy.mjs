// Legacy mode (Stellar <= 1.1 on Primus 6): roomAdd, no event verb, 1.x error
// texts, Cookie fingerprint, client-initiated heartbeat.
import { Checks } from './checks.mjs';
import { request, sleep, WsClient } from './harness.mjs';

export async function checkLegacy(tap, server, { timeout }) {
  let c = new Checks();
  const spec = await request(server.url, { path: '/primus/spec' });
  c.equal('/primus/spec', JSON.parse(spec.body), {
    timeout, pathname: '/primus', version: '6.1.0', parser: 'json', transformer: 'websockets',
  });
  tap.result('legacy: /primus/spec has Primus 6 "timeout" and no pingInterval', c.problems);

  c = new Checks();
  const a = new WsClient(`${server.wsUrl}/primus?sessionID=from-query`, { headers: { Cookie: 'theme=dark; sessionID=legacy-fp' } });
  await a.opened;
  c.equal('welcome', await a.nextJson(), { welcome: 'Hello human! Welcome to Stellar', context: 'api' });
  a.send('{"event":"detailsView"}');
  const details = await a.nextJson();
  c.equal('fingerprint from the Cookie header', details?.data?.fingerprint, 'legacy-fp');
  tap.result('legacy: welcome, fingerprint read from the Cookie header (not the query)', c.problems);

  c = new Checks();
  const id = details?.data?.id;
  const exchange = async (frame) => {
    a.send(JSON.stringify(frame));
    return a.nextJson();
  };
  c.equal('roomAdd', await exchange({ event: 'roomAdd', room: 'defaultRoom' }),
    { status: 'OK', context: 'response', data: true, messageCount: 2 });
  c.equal('roomAdd again', await exchange({ event: 'roomAdd', room: 'defaultRoom' }),
    { status: { code: '017', message: 'Connection already in this room (defaultRoom)' }, context: 'response', data: false, messageCount: 3 });
  c.equal('roomAdd of a missing room', await exchange({ event: 'roomAdd', room: 'noSuchRoom' }),
    { status: { code: '019', message: 'Room (noSuchRoom) does not exist' }, context: 'response', data: false, messageCount: 4 });
  c.equal('roomLeave of a room not joined', await exchange({ event: 'roomLeave', room: 'anotherRoom' }),
    { status: { code: '016', message: 'Connection not in this room (anotherRoom)' }, context: 'response', data: false, messageCount: 5 });
  c.equal('roomJoin', await exchange({ event: 'roomJoin', room: 'anotherRoom' }),
    { status: { code: '014', message: 'Verb not found or not allowed (roomJoin)' }, context: 'response', data: null, messageCount: 6 });
  c.equal('event', await exchange({ event: 'event', params: { room: 'defaultRoom', event: 'x', data: 1 } }),
    { status: { code: '014', message: 'Verb not found or not allowed (event)' }, context: 'response', data: null, messageCount: 7 });
  c.equal('say', await exchange({ event: 'say', room: 'defaultRoom', message: 'hi' }),
    { status: 'OK', context: 'response', messageCount: 8 });
  const chat = await a.nextJson();
  c.equal('own chat frame', chat && { ...chat, sentAt: 0 }, { message: 'hi', room: 'defaultRoom', from: id, context: 'user', sentAt: 0 });
  c.equal('say to a room not joined', await exchange({ event: 'say', room: 'anotherRoom', message: 'hi' }),
    { status: { code: '016', message: 'Connection not in this room (anotherRoom)' }, context: 'response', messageCount: 9 });
  c.equal('errorThrow (1.x: at once, no error key)', await exchange({ event: 'action', params: { action: 'errorThrow' } }),
    { context: 'response', messageCount: 10 });
  tap.result('legacy: roomAdd accepted, roomJoin/event rejected with 014, 1.x error texts', c.problems);

  c = new Checks();
  a.send('"primus::ping::123"');
  c.equal('pong', await a.next(1000), '"primus::pong::123"');
  c.equal('the ping is not counted', (await exchange({ event: 'detailsView' }))?.messageCount, 11);
  await server.control('POST', '/pings/pause');
  a.send('"primus::ping::456"');
  c.equal('no pong while paused', await a.next(400), null);
  await server.control('POST', '/pings/resume');
  a.send('"primus::ping::789"');
  c.equal('pong after resume', await a.next(1000), '"primus::pong::789"');
  tap.result('legacy: client pings answered with pongs (and not while paused)', c.problems);

  c = new Checks();
  const quiet = new WsClient(`${server.wsUrl}/primus`);
  await quiet.opened;
  const started = Date.now();
  // `a` keeps talking (any frame resets the idle timer); `quiet` says nothing.
  const chatter = setInterval(() => a.send('"primus::ping::1"'), timeout / 4);
  const closed = await quiet.waitClose(timeout * 3);
  clearInterval(chatter);
  const elapsed = Date.now() - started;
  c.ok('silent connection closed', closed !== null, `still open after ${timeout * 3} ms`);
  if (closed) {
    c.equal('close code', closed.code, 1005);
    c.ok('closed after the timeout', elapsed >= timeout - 100 && elapsed < timeout + 1500, `after ${elapsed} ms`);
  }
  c.ok('talking connection still open', a.closed === null);
  tap.result(`legacy: a connection silent for ${timeout} ms is closed, a talking one stays`, c.problems);
  a.close();
  await sleep(50);
}
