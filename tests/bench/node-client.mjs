#!/usr/bin/env node
// node-client.mjs: the Node anchor, the same workloads as bench-client driven
// through Stellar's JavaScript client semantics on the real Primus client.
//
//   node node-client.mjs roundtrip URL IN_FLIGHT COUNT WARMUP
//   node node-client.mjs flood URL COUNT PAUSE_MS
//
// With STELLAR_CLIENT_JS set to the src/client.js of a Stellar checkout, the
// same workloads run through that file, Stellar's own client, instead.
//
// Prints one JSON line in bench-client's format. CPU is process.cpuUsage()
// (user + system, the whole Node process) over the measured window.
import { createRequire } from 'node:module';
import { MESSAGE, printResult, runMain, sample } from './bench-node-common.mjs';
import { StellarJsClient } from './stellar-js-client.mjs';
import { loadStellarOwnClient } from './stellar-own-client.mjs';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const Primus = require('primus');
const Socket = Primus.createSocket({ transformer: 'websockets', parser: 'json' });

const OWN_CLIENT = process.env.STELLAR_CLIENT_JS;
const KIND = OWN_CLIENT ? 'node-stellar' : 'node';

// The server pings rarely in a benchmark: do not time it out in between.
function newClient(url, simultaneousActions) {
  const options = { url, simultaneousActions, pingTimeout: false };
  if (OWN_CLIENT) {
    const defaults = { apiPath: '/api', defaultRoom: 'defaultRoom', url, simultaneousActions };
    const StellarClient = loadStellarOwnClient(OWN_CLIENT, Socket, defaults);
    return new StellarClient(options);
  }
  return new StellarJsClient(Socket, options);
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
  printResult(KIND, count, start, end);
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
  printResult(KIND, count - 1, start, end);
}

runMain('node-client', { roundTrips, flood });
