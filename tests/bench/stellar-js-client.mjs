// stellar-js-client.mjs: the request semantics of Stellar's JavaScript client
// (docs/wire-protocol.md, section 9), on top of the real Primus
// client, so that the Node anchor does the work a Stellar web app does per
// action and per chat frame. Written from that description: a mirror of the
// server's messageCount, a resolver per count, promise-returning actions that
// go through the interceptor chain and the simultaneousActions queue, and
// inbound frames routed by their context.
import { EventEmitter } from 'node:events';

export class StellarJsClient extends EventEmitter {
  // Socket: a Primus client constructor (Primus.createSocket(...)).
  constructor(Socket, options) {
    super();
    this.Socket = Socket;
    this.options = {
      apiPath: '/api',
      defaultRoom: 'defaultRoom',
      simultaneousActions: 5,
      rooms: [],
      ...options,
    };
    this.state = 'disconnected';
    this.messageCount = 0;
    this.callbacks = {};
    this.interceptors = [];
    this.pendingRequestsCounter = 0;
    this.pendingRequestsQueue = [];
    this.client = null;
    this.id = null;
    this.fingerprint = null;
    this.rooms = [];
    this.welcomeMessage = null;
  }

  // Resolves with the detailsView data once the connection is configured.
  connect() {
    this.messageCount = 0;
    if (this.client) this.client.end();

    return new Promise((resolve, reject) => {
      this.client = new this.Socket(this.options.url, this.options);

      this.client.on('open', async () => {
        const details = await this.configure();
        if (this.state !== 'connected') {
          this.state = 'connected';
          resolve(details);
        }
        this.emit('connected');
      });
      this.client.on('error', (error) => {
        reject(error);
        this.emit('error', error);
      });
      this.client.on('reconnect', () => {
        this.messageCount = 0;
        this.emit('reconnect');
      });
      this.client.on('timeout', () => {
        this.state = 'timeout';
        this.emit('timeout');
      });
      this.client.on('end', () => {
        this.messageCount = 0;
        if (this.state !== 'disconnected') {
          this.state = 'disconnected';
          this.emit('disconnected');
        }
      });
      this.client.on('data', (data) => this.handleMessage(data));
    });
  }

  disconnect() {
    this.state = 'disconnected';
    this.client.end();
    this.emit('disconnected');
  }

  async configure() {
    for (const room of this.options.rooms) this.send({ event: 'roomAdd', room });
    const details = await this.detailsView();
    this.id = details.data.id;
    this.fingerprint = details.data.fingerprint;
    this.rooms = details.data.rooms;
    return details.data;
  }

  // Every frame the client sends takes the next count; its reply resolves it.
  send(args) {
    return new Promise((resolve) => {
      this.messageCount++;
      this.callbacks[this.messageCount] = resolve;
      this.client.write(args);
    });
  }

  handleMessage(message) {
    this.emit('message', message);

    if (message.context === 'response') {
      if (typeof this.callbacks[message.messageCount] === 'function') {
        this.callbacks[message.messageCount](message);
      }
      delete this.callbacks[message.messageCount];
    } else if (message.context === 'user') {
      this.emit('say', message);
      if (message.message !== null && typeof message.message === 'object' && message.message.event) {
        this.emit(message.message.event, message.message.data, message);
        this.emit(`[${message.room}].${message.message.event}`, message.message.data, message);
      }
    } else if (message.context === 'alert') {
      this.emit('alert', message);
    } else if (message.welcome && message.context === 'api') {
      this.welcomeMessage = message.welcome;
      this.emit('welcome', message);
    } else if (message.context === 'api') {
      this.emit('api', message);
    }
  }

  // Interceptors run newest first; next(fn) adds a response modifier,
  // next(object) answers, next(x, error) fails; the request itself re-enters
  // next() with its outcome.
  action(actionName, params = {}) {
    return new Promise((resolve, reject) => {
      params.action = actionName;
      const interceptors = this.interceptors.slice(0);
      const modifiers = [];

      const next = (response, error) => {
        if (error !== undefined && error !== null) {
          for (const modifier of modifiers) modifier(error);
          reject(error);
          return;
        }
        if (typeof response === 'function') {
          modifiers.unshift(response);
        } else if (response !== null && typeof response === 'object') {
          for (const modifier of modifiers) modifier(response);
          resolve(response);
          return;
        }

        const interceptor = interceptors.pop();
        if (interceptor === undefined) {
          this.queuedRequest(params).then((result) => next(result), (failure) => next(null, failure));
        } else if (typeof interceptor !== 'function') {
          process.emitWarning('an interceptor is not a function');
          next();
        } else {
          interceptor.call(this, params, next, reject);
        }
      };

      next();
    });
  }

  // The counter grows before the check, so at most simultaneousActions - 1
  // requests are performed at once; the others wait in FIFO order.
  queuedRequest(params) {
    this.pendingRequestsCounter++;
    const perform = () => {
      const done = () => {
        this.pendingRequestsCounter--;
        const waiting = this.pendingRequestsQueue.shift();
        if (waiting) waiting();
      };
      const request = this.state === 'connected' ? this.actionWeb(params) : this.actionHttp(params);
      request.then(done, done);
      return request;
    };

    if (this.pendingRequestsCounter >= this.options.simultaneousActions) {
      return new Promise((resolve) => this.pendingRequestsQueue.push(resolve)).then(perform);
    }
    return perform();
  }

  async actionWeb(params) {
    const response = await this.send({ event: 'action', params });
    if (response.error !== undefined) throw response;
    return response;
  }

  async actionHttp(params) {
    const method = (params.httpMethod || 'POST').toUpperCase();
    let url = `${this.options.url}${this.options.apiPath}?action=${params.action}`;
    const init = { method, mode: 'cors', headers: { 'Content-Type': 'application/json' } };
    if (method === 'GET') {
      for (const key of Object.keys(params)) {
        if (key !== 'action' && key !== 'httpMethod') url += `&${key}=${params[key]}`;
      }
    } else if (method === 'POST') {
      init.body = JSON.stringify(params);
    }
    const response = await fetch(url, init);
    const body = await response.json();
    if (response.status !== 200) throw body;
    return body;
  }

  detailsView() {
    return this.send({ event: 'detailsView' });
  }

  async join(room) {
    await this.send({ event: 'roomJoin', room });
    return this.configure();
  }

  async leave(room) {
    this.rooms = this.rooms.filter((r) => r !== room);
    await this.send({ event: 'roomLeave', room });
    return this.configure();
  }
}
