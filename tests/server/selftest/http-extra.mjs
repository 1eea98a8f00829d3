// HTTP behaviours beyond http-scenario.log: binary static files, HEAD and
// If-Modified-Since, fingerprint sources, body parsing, TRACE, error statuses.
import fs from 'node:fs';
import path from 'node:path';
import { Checks } from './checks.mjs';
import { request, SERVER_DIR } from './harness.mjs';

const json = (res) => JSON.parse(res.body.toString('utf8'));

export async function checkHttpExtra(tap, server) {
  const get = (target, options = {}) => request(server.url, { path: target, ...options });
  let c = new Checks();
  const png = fs.readFileSync(path.join(SERVER_DIR, 'public', 'stellar.png'));
  const res = await get('/public/stellar.png');
  c.equal('status', res.status, 200);
  c.equal('content type', res.headers['content-type'], 'image/png');
  c.ok('bytes', res.body.equals(png), `${res.body.length} bytes`);
  const head = await get('/hello.txt', { method: 'HEAD' });
  c.equal('HEAD', [head.status, head.headers['content-length'], head.body.length], [200, '38', 0]);
  const cached = await get('/hello.txt', { headers: { 'If-Modified-Since': new Date(Date.now() + 60000).toUTCString() } });
  c.equal('If-Modified-Since', cached.status, 304);
  tap.result('http: binary static file, HEAD, If-Modified-Since', c.problems);

  c = new Checks();
  const byX = await get('/api?action=status', { headers: { 'X-SessionID': 'from-x-header' } });
  c.equal('x-sessionid used', json(byX).requesterInformation.fingerprint, 'from-x-header');
  c.equal('no Set-Cookie with x-sessionid', byX.headers['set-cookie'], undefined);
  const byHeader = await get('/api?action=status', { headers: { sessionID: 'plain-header' } });
  c.ok('a plain sessionID header is ignored (as on Node with Stellar)', json(byHeader).requesterInformation.fingerprint !== 'plain-header' && byHeader.headers['set-cookie']);
  tap.result('http: fingerprint from x-sessionid; a sessionID header is ignored', c.problems);

  c = new Checks();
  const post = (target, body, type = 'application/json') => request(server.url, { method: 'POST', path: target, body, headers: { 'Content-Type': type } });
  c.equal('invalid JSON ignored', json(await post('/api?action=echo', '{not json')).params, { action: 'echo', apiVersion: 1 });
  c.equal('body overrides the query', json(await post('/api?action=echo&message=q&x=1', '{"message":"b"}')).params, { action: 'echo', message: 'b', x: '1', apiVersion: 1 });
  c.equal('array body becomes payload', json(await post('/api?action=echo', '[1,2]')).params, { action: 'echo', payload: [1, 2], apiVersion: 1 });
  c.equal('nested query', json(await get('/api?action=echo&a[b]=1&list[]=x&list[]=y')).params, { action: 'echo', a: { b: '1' }, list: ['x', 'y'], apiVersion: 1 });
  const trace = await get('/api?x=1', { method: 'TRACE' });
  c.equal('TRACE', [trace.status, json(trace).receivedParams], [200, { x: '1' }]);
  tap.result('http: body parsing, query nesting, TRACE', c.problems);

  c = new Checks();
  const expectError = async (target, status, error) => {
    const r = await get(target);
    c.equal(target, [r.status, json(r).error], [status, error]);
    return r;
  };
  await expectError('/api/doesNotExist', 404, { code: '004', message: 'Unknown action (undefined) or invalid apiVersion' });
  await expectError('/api?action=status&apiVersion=2', 404, { code: '004', message: 'Unknown action (status) or invalid apiVersion' });
  await expectError('/api?action=privateAction', 400, { code: '002', message: "The action 'privateAction' is private" });
  const partial = await expectError('/api?action=partialError', 400, 'boom');
  c.equal('partial field kept', json(partial).partial, 1);
  await expectError('/api?action=sum&a=1', 400, { b: 'The b field is required.' });
  await expectError('/api?action=sum&a=1&b=x', 400, { b: { code: '003', message: "Param 'b' has an invalid type, expected integer" } });
  c.equal('sum', json(await get('/api/sum?a=2&b=40')).result, 42);
  tap.result('http: 404/400 statuses and error shapes', c.problems);
}
