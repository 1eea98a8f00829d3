// One Stellar WebSocket connection (what Stellar builds for each Primus spark).
import { randomUUID } from 'node:crypto';
import { serializeError } from './errors.mjs';

export class Connection {
  constructor(ctx, spark, ws, fingerprint) {
    this.ctx = ctx;
    this.spark = spark;
    this.ws = ws; // the raw `ws` socket under the spark
    this.id = randomUUID();
    this.fingerprint = fingerprint ?? null;
    this.remoteIP = spark.address.ip;
    this.remotePort = spark.address.port;
    this.connectedAt = Date.now();
    this.rooms = [];
    this.params = {};
    this.messageCount = 0;
    this.totalActions = 0;
    this.pendingActions = 0;
    this.destroyed = false;
  }

  // Stellar's sendMessage: default context "response"; a response without an
  // explicit count gets the connection's count as it is NOW (the verb race).
  sendMessage(message, messageCount) {
    if (message.error) message.error = serializeError(message.error);
    if (!message.context) message.context = 'response';
    if (!messageCount) messageCount = this.messageCount;
    if (message.context === 'response' && !message.messageCount) message.messageCount = messageCount;
    this.spark.write(message);
  }

  details() {
    return {
      id: this.id,
      fingerprint: this.fingerprint,
      remoteIP: this.remoteIP,
      remotePort: this.remotePort,
      params: this.params,
      connectedAt: this.connectedAt,
      rooms: this.rooms,
      totalActions: this.totalActions,
      pendingActions: this.pendingActions,
    };
  }

  // What the control API shows.
  summary() {
    return {
      id: this.id,
      fingerprint: this.fingerprint,
      query: { ...this.spark.query },
      cookie: this.spark.headers.cookie ?? null,
      rooms: [...this.rooms],
      messageCount: this.messageCount,
      remotePort: this.remotePort,
      offeredExtensions: this.spark.headers['sec-websocket-extensions'] ?? null,
      extensions: this.ws ? Object.keys(this.ws._extensions) : [],
    };
  }

  // Leaves every room and forgets the connection (the spark is gone or going).
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const room of [...this.rooms]) this.ctx.rooms.removeMember(this, room);
    this.ctx.connections.delete(this.id);
  }

  // quit/exit and kicks: "primus::server::close", then a close frame.
  goodbye() {
    this.destroy();
    this.spark.end();
  }
}
