// Shared state of one server instance: options, runtime switches, the live
// Stellar connections, chat rooms, actions and the logs read by the control API.
import { FrameLog } from './framelog.mjs';
import { ChatRooms } from './rooms.mjs';

export function createContext(opts) {
  const ctx = {
    opts,
    legacy: opts.legacy,
    startedAt: Date.now(),
    // Runtime switches changed through POST /config.
    config: {
      missingFileStatus: null, // null: a missing static file is never answered
      welcome: true,
    },
    connections: new Map(), // Stellar connection id -> Connection (creation order)
    actions: new Map(), // action name -> definition
    generatedFiles: new Map(), // public-folder path -> { content, mtimeMs }, e.g. the docs
    frames: new FrameLog(opts.frameLog),
    httpLog: [],
    proxyLog: [], // what the --proxy forward proxy forwarded
    // Faults armed through the control API.
    faults: {
      handshake: null, // { kind, times }: the next upgrades get a broken answer
    },
    pings: { paused: false },
    shuttingDown: false,
    log: makeLogger(opts.verbose),
  };
  ctx.rooms = new ChatRooms(ctx);
  return ctx;
}

function makeLogger(verbose) {
  const write = (level, args) => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    process.stderr.write(`[stellar-test-server] ${level}: ${text}\n`);
  };
  return {
    debug: (...args) => { if (verbose) write('debug', args); },
    info: (...args) => { if (verbose) write('info', args); },
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
  };
}
