#!/usr/bin/env node
// Self-test of the test server: replays the Stellar 1.4.6 captures (WebSocket
// and HTTP) and checks legacy mode, the control API and the crash quirks.
// Output: TAP. The captures are tests/data/captures-stellar-1.4.6/ in this repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CAPTURES = path.resolve(HERE, '..', 'data', 'captures-stellar-1.4.6');
const PING_MS = 500;
const ACTION_TIMEOUT_MS = 1000;
const LEGACY_TIMEOUT_MS = 1500;

if (!fs.existsSync(path.join(HERE, 'node_modules', 'primus'))) {
  console.log('Bail out! node_modules missing: run "npm ci" in tests/server (build-aux/setup-debian does)');
  process.exit(1);
}
if (!fs.existsSync(path.join(CAPTURES, 'ws-scenario.log'))) {
  console.log(`Bail out! captures not found in ${CAPTURES}`);
  process.exit(1);
}

const { Recorder, Tap } = await import('./selftest/tap.mjs');
const { startServer } = await import('./selftest/harness.mjs');
const { replayLog } = await import('./selftest/replay.mjs');
const { replayHttpLog } = await import('./selftest/http-replay.mjs');
const { checkHttpExtra } = await import('./selftest/http-extra.mjs');
const { checkLegacy } = await import('./selftest/legacy.mjs');
const { checkControl } = await import('./selftest/control.mjs');
const { checkFaults } = await import('./selftest/faults.mjs');
const { checkCrash, checkShutdown } = await import('./selftest/crash.mjs');
const { checkDocs, checkNoDocs, checkDemoDocs } = await import('./selftest/docs.mjs');

const started = Date.now();
const tap = new Tap();
const servers = [];
const launch = async (args) => {
  const server = await startServer(args);
  servers.push(server);
  return server;
};

// Independent groups run side by side; their results print in this order.
async function captures(out) {
  const server = await launch(['--ping-interval', String(PING_MS), '--action-timeout', String(ACTION_TIMEOUT_MS)]);
  for (const name of ['ws-scenario', 'misc', 'real-client']) {
    await replayLog(out, server, path.join(CAPTURES, `${name}.log`), { label: name, pingInterval: PING_MS });
  }
  await replayHttpLog(out, server, path.join(CAPTURES, 'http-scenario.log'));
  await checkHttpExtra(out, server);
  const exit = await server.stop();
  out.result('the server exits with status 0 when its stdin closes', exit.code === 0 ? [] : [`exit: ${JSON.stringify(exit)}`]);
}

async function legacy(out) {
  const server = await launch(['--legacy', '--legacy-timeout', String(LEGACY_TIMEOUT_MS)]);
  await checkLegacy(out, server, { timeout: LEGACY_TIMEOUT_MS });
  await server.stop();
}

async function control(out) {
  const server = await launch(['--ping-interval', '300']);
  await checkControl(out, server, { pingInterval: 300 });
  await server.stop();
}

async function docs(out) {
  const server = await launch([]);
  await checkDocs(out, server);
  await server.stop();
  const bare = await launch(['--no-docs']);
  await checkNoDocs(out, bare);
  await bare.stop();
  const demo = await launch(['--demo', '--port', '0']);
  await checkDemoDocs(out, demo);
  await demo.stop();
}

async function faults(out) {
  const server = await launch(['--proxy', '--compression']);
  await checkFaults(out, server);
  await server.stop();
}

const groups = [
  captures,
  legacy,
  control,
  docs,
  faults,
  (out) => checkCrash(out, CAPTURES, 'crash-null'),
  (out) => checkCrash(out, CAPTURES, 'crash-file-existing'),
  (out) => checkShutdown(out, CAPTURES),
];
const recorders = groups.map(() => new Recorder());
await Promise.all(groups.map(async (group, i) => {
  try {
    await group(recorders[i]);
  } catch (err) {
    recorders[i].result(`${group.name || 'group'} ran to the end`, [err.stack]);
  }
}));
for (const recorder of recorders) recorder.flushTo(tap);
for (const server of servers) if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
tap.comment(`${tap.count} tests, ${tap.failures} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
tap.plan();
process.exit(tap.failures > 0 ? 1 : 0);
