// Starts test servers and talks to them: control API calls, a WebSocket
// client with a frame queue (answering heartbeats unless told not to), and
// raw HTTP requests.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const WebSocket = require('ws');
export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function startServer(args = []) {
  const proc = spawn(process.execPath, [path.join(SERVER_DIR, 'server.mjs'), '--exit-with-stdin', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const info = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in time; stderr: ${stderr}`)), 10000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(out.slice(0, newline)));
        } catch (err) {
          reject(new Error(`bad first stdout line: ${out}`));
        }
      }
    });
    exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening; stderr: ${stderr}`)));
  });
  return {
    ...info,
    proc,
    exited,
    get stderr() { return stderr; },
    wsUrl: info.url.replace(/^http/, 'ws'),
    control: (method, pathname, body) => control(info.controlUrl, method, pathname, body),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.stdin.end();
      return exited;
    },
  };
}

export async function control(base, method, pathname, body) {
  const res = await fetch(base + pathname, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class WsClient {
  constructor(url, { headers, autoPong = true } = {}) {
    this.autoPong = autoPong;
    this.frames = [];
    this.waiters = [];
    this.pings = [];
    this.closed = null;
    this.closeWaiters = [];
    this.upgrade = null;
    this.ws = new WebSocket(url, { headers });
    this.ws.on('upgrade', (res) => { this.upgrade = res; });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
      this.ws.once('close', () => reject(new Error('closed before open')));
    });
    this.opened.catch(() => {});
    this.ws.on('error', () => {});
    this.ws.on('message', (data) => this.onFrame(data));
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason ?? '') };
      for (const resolve of this.closeWaiters.splice(0)) resolve(this.closed);
      for (const waiter of this.waiters.splice(0)) waiter(null);
    });
  }

  onFrame(data) {
    if (typeof data === 'string' && data.startsWith('"primus::ping::')) {
      this.pings.push(data);
      if (this.autoPong) this.send(data.replace('primus::ping::', 'primus::pong::'));
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(data);
    else this.frames.push(data);
  }

  // Frames sent in one tick leave in one write, as the captured client's
  // back-to-back frames did: the server then reads them together, and a
  // loaded machine cannot reorder what it answers at once and what after a
  // hop.
  send(data) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const socket = this.ws._socket;
    if (!socket.writableCorked) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    this.ws.send(data);
  }

  // The next non-heartbeat frame, or null after `timeout` ms or on close.
  next(timeout = 5000) {
    if (this.frames.length > 0) return Promise.resolve(this.frames.shift());
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(null);
      }, timeout);
      this.waiters.push(waiter);
    });
  }

  async nextJson(timeout) {
    const frame = await this.next(timeout);
    if (frame === null || typeof frame !== 'string') return frame;
    try {
      return JSON.parse(frame);
    } catch {
      return frame;
    }
  }

  waitClose(timeout = 5000) {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeout);
      this.closeWaiters.push((closed) => {
        clearTimeout(timer);
        resolve(closed);
      });
    });
  }

  close(code) {
    this.ws.close(code);
  }
}

// A raw HTTP request; resolves {status, headers, rawHeaders, body(Buffer)} or
// null when nothing came back within `timeout` ms.
export function request(baseUrl, { method = 'GET', path: target, headers = {}, body, timeout = 5000 }) {
  return new Promise((resolve, reject) => {
    const url = new URL(target, baseUrl);
    const req = http.request(url, { method, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) });
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, timeout);
    req.on('error', (err) => {
      clearTimeout(timer);
      if (err.code === 'ECONNRESET' && req.destroyed) return;
      reject(err);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}
