// Chat rooms: what Stellar keeps in Redis (room set, member hashes), kept here
// in memory. Delivery goes to every live connection that is a member, in
// connection creation order, the sender included.
import { errorsFor } from './errors.mjs';

export class ChatRooms {
  constructor(ctx) {
    this.ctx = ctx;
    this.rooms = new Map(); // room name -> Map(member id -> {id, joinedAt})
    this.listeners = []; // hooks called after each delivery (the demo bot)
  }

  list() {
    return [...this.rooms.keys()];
  }

  exists(room) {
    return room !== undefined && room !== null && this.rooms.has(String(room));
  }

  create(room) {
    if (this.exists(room)) return false;
    this.rooms.set(String(room), new Map());
    return true;
  }

  // Stellar announces a deletion to the members with a `destroy` event from 0
  // (1.x sends the bare error object), then removes every member.
  destroy(room) {
    if (!this.exists(room)) return false;
    const error = errorsFor(this.ctx.legacy).roomDeleted(room);
    this.deliver(room, this.ctx.legacy ? error : { event: 'destroy', data: error }, 0);
    for (const id of this.rooms.get(String(room)).keys()) {
      const conn = this.ctx.connections.get(id);
      if (conn) conn.rooms = conn.rooms.filter((r) => r !== room);
    }
    this.rooms.delete(String(room));
    return true;
  }

  addMember(conn, room) {
    this.rooms.get(String(room)).set(conn.id, { id: conn.id, joinedAt: Date.now() });
    conn.rooms.push(room);
  }

  removeMember(conn, room) {
    const members = this.rooms.get(String(room));
    if (members) members.delete(conn.id);
    const index = conn.rooms.indexOf(room);
    if (index > -1) conn.rooms.splice(index, 1);
  }

  // Member entries that are not connections (the demo bot).
  addPseudoMember(id, room) {
    this.rooms.get(String(room))?.set(id, { id, joinedAt: Date.now() });
  }

  status(room) {
    const members = {};
    let count = 0;
    for (const [id, details] of this.rooms.get(String(room)) ?? []) {
      members[id] = { id: details.id, joinedAt: details.joinedAt };
      count++;
    }
    return { room, members, membersCount: count };
  }

  // Sends a chat frame to every member connection; returns how many got it.
  deliver(room, message, from) {
    const payload = { message, room, from, context: 'user', sentAt: Date.now() };
    let sent = 0;
    for (const conn of this.ctx.connections.values()) {
      if (conn.rooms.indexOf(room) < 0) continue;
      conn.sendMessage({ ...payload });
      sent++;
    }
    for (const hook of this.listeners) hook(room, payload);
    return sent;
  }
}
