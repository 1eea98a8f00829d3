#!/usr/bin/env node
// tcp-echo-server.mjs: a raw TCP echo server, the kernel floor's peer: no
// WebSocket, no framing, no JSON. Prints {"listening":true,"url":...} once
// listening and exits when stdin closes.
import net from 'node:net';

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (data) => socket.write(data));
  // A client that exits resets the socket.
  socket.on('error', () => socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ listening: true, url: `tcp://127.0.0.1:${port}` })}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
