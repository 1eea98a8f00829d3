// The main HTTP(S) server: Stellar's web server and WebSocket server on one
// port, which the control API can stop ("crash") and start again.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createHttpHandler } from './http-api.mjs';
import { installHttpLog } from './http-log.mjs';
import { attachWebSocket } from './websocket.mjs';

export class MainServer {
  constructor(ctx) {
    this.ctx = ctx;
    const { opts } = ctx;
    const handler = createHttpHandler(ctx);
    this.secure = Boolean(opts.tlsCert);
    this.server = this.secure
      ? https.createServer({ cert: fs.readFileSync(opts.tlsCert), key: fs.readFileSync(opts.tlsKey) }, handler)
      : http.createServer(handler);
    // Order matters: Primus takes over the request listeners registered so far
    // (our handler becomes its fallback); the log listener then goes in front.
    attachWebSocket(ctx, this.server);
    installHttpLog(ctx, this.server);

    this.sockets = new Set();
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('tlsClientError', (err) => ctx.log.debug(`TLS client error: ${err.message}`));
    this.port = opts.port;
    this.listening = false;
  }

  // A URL clients can use (a wildcard address is reached through loopback).
  get url() {
    const { host } = this.ctx.opts;
    let shown = host;
    if (host === '0.0.0.0') shown = '127.0.0.1';
    else if (host === '::') shown = '[::1]';
    else if (host.includes(':')) shown = `[${host}]`;
    return `${this.secure ? 'https' : 'http'}://${shown}:${this.port}`;
  }

  listen() {
    if (this.listening) return Promise.resolve(this.port);
    return new Promise((resolve, reject) => {
      const onError = (err) => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.port, this.ctx.opts.host, () => {
        this.server.removeListener('error', onError);
        this.port = this.server.address().port; // keep the port picked by `--port 0`
        this.listening = true;
        resolve(this.port);
      });
    });
  }

  // Like a crash: no close frames, no "primus::server::close", nothing answered.
  stop() {
    if (this.listening) this.server.close();
    this.listening = false;
    for (const socket of this.sockets) socket.destroy();
  }
}
