#!/usr/bin/env node
// echo-server.mjs: a trivial WebSocket echo server, the floor's peer. Built on
// the same `ws` the Stellar test server uses; no Primus, no JSON. Prints
// {"listening":true,"url":...} once listening and exits when stdin closes.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const WebSocket = require('ws');

const server = new WebSocket.Server({ host: '127.0.0.1', port: 0, perMessageDeflate: false }, () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ listening: true, url: `ws://127.0.0.1:${port}/` })}\n`);
});
server.on('connection', (ws) => {
  ws.on('message', (data) => ws.send(data));
  // A client that exits without the closing handshake resets the socket.
  ws.on('error', () => ws.terminate());
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
