// The action documentation generated at boot: the pages' structure, where
// they are served, and servers without it.
import { Checks } from './checks.mjs';
import { request } from './harness.mjs';

const TEST_ACTIONS = ['status', 'echo', 'input-require', 'sleep', 'errorAction', 'errorPromise', 'errorObject',
  'errorThrow', 'privateAction', 'partialError', 'randomNumber', 'time', 'sum', 'greet'];

const text = (res) => (res ? res.body.toString('utf8') : '');

// The names in the sidebar's list, in order.
function listedActions(html) {
  const list = html.match(/<ul class="actionsList">([\s\S]*?)<\/ul>/);
  if (!list) return null;
  return [...list[1].matchAll(/<li><a href="\.\/action_([^"]*)\.html">([^<]*)<\/a><\/li>/g)]
    .map(([, file, name]) => (file === name ? name : `${file}≠${name}`));
}

// The rows of the inputs table: [name, description, default, [validators]].
function inputRows(html) {
  return [...html.matchAll(/<tr>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>\s*<ul class="validators">(.*?)<\/ul>/g)]
    .map(([, name, description, def, validators]) => [name, description, def,
      [...validators.matchAll(/<li class="([^"]*)">([^<]*)<\/li>/g)].map(([, kind, value]) => `${kind}:${value}`)]);
}

export async function checkDocs(tap, server) {
  const get = (target, options = {}) => request(server.url, { path: target, ...options });

  let c = new Checks();
  const index = await get('/docs/');
  c.equal('status and type', [index?.status, index?.headers['content-type']], [200, 'text/html']);
  c.equal('actions listed', listedActions(text(index)), TEST_ACTIONS);
  c.ok('title', text(index).includes('<title>stellar-test-server Docs</title>'));
  c.ok('project', text(index).includes('<h1>Project: stellar-test-server</h1>') && text(index).includes('<h2>v1.0.0</h2>'));
  for (const target of ['/docs', '/docs/index.html', '/public/docs', '/public/docs/', '/public/docs/index.html']) {
    c.equal(`${target} is the index`, text(await get(target)), text(index));
  }
  tap.result('docs: the index lists every action, at /docs/ and /public/docs/', c.problems);

  c = new Checks();
  const sum = text(await get('/public/docs/action_sum.html'));
  c.ok('title', sum.includes('<title>Docs > sum</title>'));
  c.equal('sidebar', listedActions(sum), TEST_ACTIONS);
  c.ok('action title', sum.includes('<h1 class="action-title">sum</h1>'));
  c.equal('versions', [...sum.matchAll(/<h3 class="action-version">Version: (\w+)<\/h3>/g)].map((m) => m[1]), ['1']);
  c.ok('description', /<div class="panel-header">Description<\/div>\s*<div class="panel-block"><p>Adds two integers.<\/p><\/div>/.test(sum));
  c.equal('inputs', inputRows(sum), [['a', 'The first number', 'N/A', ['required:required']],
    ['b', 'The second number', 'N/A', ['required:required']]]);
  c.ok('output example', sum.includes('<code class="json">{\n    "result": 42\n}</code>'));
  const sleep = text(await get('/docs/action_sleep.html'));
  c.equal('a default, not required', inputRows(sleep), [['sleepDuration', 'How long to wait, in milliseconds', '1000', []]]);
  const echo = text(await get('/docs/action_echo.html'));
  c.ok('no inputs', echo.includes('<div class="panel-block"><p>No inputs!</p></div>') && inputRows(echo).length === 0);
  c.ok('no output example', !echo.includes('Output Example'));
  tap.result('docs: an action page has its versions, description, inputs and output example', c.problems);

  c = new Checks();
  for (const [file, type] of [['reset.css', 'text/css'], ['style.css', 'text/css'], ['highlight.js', 'application/javascript']]) {
    const res = await get(`/docs/${file}`);
    c.equal(file, [res?.status, res?.headers['content-type'], res?.body.length > 0], [200, type, true]);
  }
  const cached = await get('/docs/index.html', { headers: { 'If-Modified-Since': new Date(Date.now() + 60000).toUTCString() } });
  c.equal('If-Modified-Since', cached?.status, 304);
  c.equal('a missing page is not answered', await get('/docs/action_nope.html', { timeout: 300 }), null);
  tap.result('docs: the stylesheets and script the pages load; caching; a missing page', c.problems);
}

export async function checkNoDocs(tap, server) {
  const c = new Checks();
  c.equal('/docs/ not answered', await request(server.url, { path: '/docs/', timeout: 500 }), null);
  await server.control('POST', '/config', { missingFileStatus: 404 });
  const missing = await request(server.url, { path: '/public/docs/index.html' });
  c.equal('404 when missing files are answered', missing?.status, 404);
  tap.result('docs: --no-docs serves none', c.problems);
}

export async function checkDemoDocs(tap, server) {
  const c = new Checks();
  const index = await request(server.url, { path: '/docs/' });
  c.equal('actions listed', listedActions(text(index)), TEST_ACTIONS);
  const greet = text(await request(server.url, { path: '/docs/action_greet.html' }));
  c.equal('greet', inputRows(greet), [['name', 'Who to greet', 'N/A', ['required:required']]]);
  tap.result('docs: --demo serves them too', c.problems);
}
