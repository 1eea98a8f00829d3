// The WebSocket verbs (everything but `action` and `file`), with Stellar's
// timing: detailsView, 014 and a few 1.x checks answer synchronously; room
// verbs answer after an asynchronous hop (Stellar's Redis round trip). Their
// replies carry the connection's count at reply time, so a frame pipelined
// behind a room verb makes both replies carry the same number, as on 1.4.6.
import { errorsFor } from './errors.mjs';

const MODERN_VERBS = ['quit', 'exit', 'roomJoin', 'roomLeave', 'roomView', 'detailsView', 'say', 'event'];
const LEGACY_VERBS = ['quit', 'exit', 'roomAdd', 'roomLeave', 'roomView', 'detailsView', 'say'];

// Stands in for one Redis round trip.
const hop = () => new Promise((resolve) => setTimeout(resolve, 1));

// callback(error, data) sends the reply; it is never called for quit/exit.
export function runVerb(ctx, conn, verb, words, callback) {
  const errors = errorsFor(ctx.legacy);
  const allowed = ctx.legacy ? LEGACY_VERBS : MODERN_VERBS;
  const reply = (error, data) => { if (!conn.destroyed) callback(error, data); };

  if (allowed.indexOf(verb) < 0) return callback(errors.verbNotAllowed(verb), null);

  switch (verb) {
    case 'quit':
    case 'exit':
      conn.goodbye();
      return undefined;
    case 'detailsView':
      return callback(null, conn.details());
    case 'roomJoin':
    case 'roomAdd':
      return join(ctx, errors, conn, words[0], reply);
    case 'roomLeave':
      return leave(ctx, errors, conn, words[0], reply);
    case 'roomView':
      return view(ctx, errors, conn, words[0], reply);
    case 'say': {
      const room = words.shift();
      return broadcast(ctx, errors, conn, room, words.join(' '), reply);
    }
    case 'event': {
      // Throws (and so crashes the server, as Stellar does) when there is no
      // params object; a top-level room makes every field undefined.
      const { room, event, data } = words.shift();
      return broadcast(ctx, errors, conn, room, { event, data }, reply);
    }
    default:
      return callback(errors.verbNotAllowed(verb), null);
  }
}

function join(ctx, errors, conn, room, reply) {
  const already = conn.rooms.indexOf(room) > -1;
  // 1.x answers "already in room" synchronously; 1.2+ from an async function.
  if (already && ctx.legacy) return reply(errors.alreadyInRoom(conn, room), false);
  (async () => {
    if (already) throw errors.alreadyInRoom(conn, room);
    await hop();
    if (!ctx.rooms.exists(room)) throw errors.roomNotExist(room);
    if (!conn.destroyed) ctx.rooms.addMember(conn, room);
    return true;
  })().then((ok) => reply(null, ok), (error) => reply(error, false));
}

function leave(ctx, errors, conn, room, reply) {
  const member = conn.rooms.indexOf(room) > -1;
  if (!member && ctx.legacy) return reply(errors.notInRoom(conn, room), false);
  (async () => {
    if (!member) throw errors.notInRoom(conn, room);
    await hop();
    if (!ctx.rooms.exists(room)) throw errors.roomNotExist(room);
    ctx.rooms.removeMember(conn, room);
    return true;
  })().then((ok) => reply(null, ok), (error) => reply(error, false));
}

function view(ctx, errors, conn, room, reply) {
  if (conn.rooms.indexOf(room) < 0) return reply(`not member of room ${room}`);
  (async () => {
    if (room === undefined || room === null) throw errors.roomRequired();
    await hop();
    if (!ctx.rooms.exists(room)) throw errors.roomNotExist(room);
    return ctx.rooms.status(room);
  })().then((status) => reply(null, status), (error) => reply(error, ctx.legacy ? null : undefined));
}

// The sender gets its OK first; the chat frames (the sender's own copy
// included) follow right after.
function broadcast(ctx, errors, conn, room, message, reply) {
  (async () => {
    if (!room || room.length === 0 || message === null || message.length === 0) throw errors.roomAndMessage();
    if (conn.rooms.indexOf(room) < 0) throw errors.notInRoom(conn, room);
    await hop();
  })().then(() => {
    reply(null);
    ctx.rooms.deliver(room, message, conn.id);
  }, (error) => reply(error));
}
