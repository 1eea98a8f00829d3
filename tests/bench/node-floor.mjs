#!/usr/bin/env node
// node-floor.mjs: the floor under the Node anchor, a bare `ws` client with
// no Primus and no JSON, doing what bench-floor does (see bench-floor.c).
//
//   node node-floor.mjs roundtrip URL IN_FLIGHT COUNT WARMUP
//   node node-floor.mjs flood URL COUNT PAUSE_MS      (URL: ws://host:port/primus)
//
// Prints one JSON line in bench-client's format.
import { createRequire } from 'node:module';
import { MESSAGE, printResult, runMain, sample } from './bench-node-common.mjs';

const ECHO_FRAME = `{"event":"action","params":{"message":"${MESSAGE}","action":"echo"}}`;
const JOIN_FRAME = '{"event":"roomJoin","room":"defaultRoom"}';
// How the answer to the join and the flood's frames begin: anything else
// (the welcome, a heartbeat) is not counted.
const REPLY_PREFIX = '{"status"';
const FLOOD_PREFIX = '{"message":"flood ';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const WebSocket = require('ws');

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => {
      ws.on('close', () => {
        process.stderr.write('node-floor: the server closed the connection\n');
        process.exit(1);
      });
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

async function roundTrips(url, inFlight, count, warmup) {
  const ws = await open(url);
  const total = warmup + count + inFlight - 1;
  let issued = 0;
  let completed = 0;
  let start;
  let end;

  await new Promise((resolve) => {
    const issue = () => {
      issued++;
      ws.send(ECHO_FRAME);
    };
    ws.on('message', () => {
      completed++;
      if (completed === warmup) start = sample();
      else if (completed === warmup + count) end = sample();
      if (issued < total) issue();
      else if (completed === total) resolve();
    });
    for (let i = 0; i < inFlight; i++) issue();
  });

  ws.removeAllListeners('close');
  ws.terminate();
  printResult('node-floor', count, start, end);
}

async function flood(url, count, pauseMs) {
  const ws = await open(url);
  let received = 0;
  let start;
  let end;
  let joined;
  const ready = new Promise((resolve) => { joined = resolve; });

  const done = new Promise((resolve) => {
    ws.on('message', (data) => {
      if (data.startsWith(REPLY_PREFIX)) {
        joined();
        return;
      }
      if (!data.startsWith(FLOOD_PREFIX)) return;
      received++;
      if (received === 1) start = sample();
      else if (received === count) {
        end = sample();
        resolve();
      }
    });
  });

  ws.send(JOIN_FRAME);
  await ready;
  process.stdout.write('{"ready":true}\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
  await done;

  ws.removeAllListeners('close');
  ws.terminate();
  printResult('node-floor', count - 1, start, end);
}

runMain('node-floor', { roundTrips, flood });
