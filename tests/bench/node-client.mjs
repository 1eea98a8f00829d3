#!/usr/bin/env node
// node-client.mjs: the Node anchor, the same workloads as bench-client driven
// through Stellar's JavaScript client semantics on the real Primus client.
//
//   node node-client.mjs roundtrip URL IN_FLIGHT COUNT WARMUP
//   node node-client.mjs flood URL COUNT PAUSE_MS
//
// Prints one JSON line in bench-client's format. CPU is process.cpuUsage()
// (user + system, the whole Node process) over the measured window.
import { createRequire } from 'node:module';
import { StellarJsClient } from './stellar-js-client.mjs';

const MESSAGE = 'The quick brown fox jumps over the lazy dog'; // as BENCH_MESSAGE
const WATCHDOG_MS = 300000;

const require = createRequire(new URL('../server/package.json', import.meta.url));
const Primus = require('primus');
const Socket = Primus.createSocket({ transformer: 'websockets', parser: 'json' });

function sample() {
  const cpu = process.cpuUsage();
  return { wall: process.hrtime.bigint(), user: cpu.user, system: cpu.system };
}

function printResult(operations, start, end) {
  const wallUs = Math.max(1, Number((end.wall - start.wall) / 1000n));
  process.stdout.write(`${JSON.stringify({
    kind: 'node',
    operations,
    wall_us: wallUs,
    cpu_us: end.user - start.user + end.system - start.system,
    user_us: end.user - start.user,
    sys_us: end.system - start.system,
    peak_rss_kb: process.resourceUsage().maxRSS,
  })}\n`);
}

function positive(text, what) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`Not a positive number for ${what}: ${text}\n`);
    process.exit(2);
  }
  return value;
}

// The server pings rarely in a benchmark: do not time it out in between.
function newClient(url, simultaneousActions) {
  return new StellarJsClient(Socket, { url, simultaneousActions, pingTimeout: false });
}

async function roundTrips(url, inFlight, count, warmup) {
  // The queue's off-by-one lets simultaneousActions - 1 through: one more
  // keeps exactly IN_FLIGHT requests on the wire, as the library does.
  const client = newClient(url, inFlight + 1);
  await client.connect();

  const total = warmup + count + inFlight - 1;
  let issued = 0;
  let completed = 0;
  let start;
  let end;

  await new Promise((resolve, reject) => {
    const issue = () => {
      issued++;
      client.action('echo', { message: MESSAGE }).then((response) => {
        if (response.echo === undefined) throw new Error('The echo reply has no echo');
        completed++;
        if (completed === warmup) start = sample();
        else if (completed === warmup + count) end = sample();
        if (issued < total) issue();
        else if (completed === total) resolve();
      }).catch(reject);
    };
    for (let i = 0; i < inFlight; i++) issue();
  });

  client.disconnect();
  printResult(count, start, end);
}

async function flood(url, count, pauseMs) {
  const client = newClient(url, 5);
  await client.connect();
  await client.join('defaultRoom');

  let received = 0;
  let textBytes = 0;
  let start;
  let end;

  const done = new Promise((resolve) => {
    // A realistic handler: it reads the message's text.
    client.on('say', (frame) => {
      if (typeof frame.message === 'string') textBytes += frame.message.length;
      if (received++ === 0) start = sample();
      if (received === count) {
        end = sample();
        resolve();
      }
    });
  });

  process.stdout.write('{"ready":true}\n');
  // Not reading while the server writes, as bench-client does.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
  await done;

  client.disconnect();
  if (textBytes === 0) throw new Error('the flood carried no text');
  printResult(count - 1, start, end);
}

async function main(argv) {
  setTimeout(() => {
    process.stderr.write('node-client: the benchmark did not finish in time\n');
    process.exit(1);
  }, WATCHDOG_MS).unref();

  if (argv.length === 5 && argv[0] === 'roundtrip') {
    await roundTrips(argv[1], positive(argv[2], 'IN_FLIGHT'), positive(argv[3], 'COUNT'),
      positive(argv[4], 'WARMUP'));
  } else if (argv.length === 4 && argv[0] === 'flood') {
    await flood(argv[1], positive(argv[2], 'COUNT'), positive(argv[3], 'PAUSE_MS'));
  } else {
    process.stderr.write('Usage: node-client.mjs roundtrip URL IN_FLIGHT COUNT WARMUP\n'
      + '       node-client.mjs flood URL COUNT PAUSE_MS\n');
    process.exit(2);
  }
  process.exit(0);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`node-client: ${error && error.stack ? error.stack : JSON.stringify(error)}\n`);
  process.exit(1);
});
