#!/usr/bin/env node
// Stellar 1.4.6 compatible test server: entry point. Prints one JSON line on
// stdout once listening; everything else goes to stderr.
import { registerActions } from './actions.mjs';
import { createContext } from './context.mjs';
import { createControlServer } from './control.mjs';
import { demoActions, DEMO_ROOMS, startBot } from './demo.mjs';
import { generateDocs } from './docs.mjs';
import { MainServer } from './main-server.mjs';
import { parseOptions, USAGE } from './options.mjs';
import { createProxy } from './proxy.mjs';
import { testActions } from './test-actions.mjs';

const BOOT_ROOMS = ['defaultRoom', 'anotherRoom'];
// What the documentation's index page says about the project.
const PROJECT = { name: 'stellar-test-server', version: '1.0.0', description: 'Stellar 1.4.6 compatible test server' };
// On SIGTERM/SIGINT, Stellar answers actions with an error-less reply for a
// moment, then its sockets just drop (no close frames, in-flight actions lost).
const SHUTDOWN_GRACE_MS = 50;

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }

  const ctx = createContext(opts);
  registerActions(ctx, testActions);
  registerActions(ctx, demoActions);
  if (opts.docs) ctx.generatedFiles = generateDocs(ctx, PROJECT);
  for (const room of opts.demo ? ['defaultRoom', ...DEMO_ROOMS] : BOOT_ROOMS) ctx.rooms.create(room);

  const main = new MainServer(ctx);
  const control = createControlServer(ctx, main);
  const port = await main.listen();
  const controlPort = await new Promise((resolve, reject) => {
    control.once('error', reject);
    control.listen(opts.controlPort, '127.0.0.1', () => resolve(control.address().port));
  });
  let proxyPort = null;
  if (opts.proxy) {
    const proxy = createProxy(ctx);
    proxyPort = await new Promise((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(0, '127.0.0.1', () => resolve(proxy.address().port));
    });
  }
  if (opts.demo) startBot(ctx);

  const exit = (why) => {
    ctx.log.info(`exiting (${why})`);
    main.stop();
    control.close();
    process.exit(0);
  };
  const shutdown = (why) => {
    if (ctx.shuttingDown) return;
    ctx.shuttingDown = true;
    setTimeout(() => exit(why), SHUTDOWN_GRACE_MS);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (opts.exitWithStdin) {
    // The harness holds the other end of stdin: if it goes away, so do we.
    process.stdin.on('end', () => exit('stdin closed'));
    process.stdin.on('error', () => exit('stdin error'));
    process.stdin.resume();
  }

  process.stdout.write(`${JSON.stringify({
    listening: true,
    url: main.url,
    port,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    ...(proxyPort ? { proxyUrl: `http://127.0.0.1:${proxyPort}` } : {}),
  })}\n`);
  ctx.log.info(`${opts.legacy ? 'legacy (Stellar 1.1, Primus 6)' : 'Stellar 1.4.6 (Primus 8)'} server on ${main.url}`);
}

main().catch((err) => {
  process.stderr.write(`[stellar-test-server] error: ${err.stack}\n`);
  process.exit(1);
});
