// Command-line parsing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const USAGE = `Usage: node server.mjs [options]
  --port N              main port (default 0 = a free port; 8080 with --demo)
  --host ADDR           listen address (default 127.0.0.1)
  --control-port N      control API port on 127.0.0.1 (default 0 = a free port)
  --legacy              behave like Stellar <= 1.1 (Primus 6, roomAdd, 1.x texts)
  --demo                demo rooms, sample actions and a chat bot
  --ping-interval MS    Primus 8 server ping interval (default 30000, 0 = none)
  --legacy-timeout MS   Primus 6 idle timeout in --legacy mode (default 35000)
  --action-timeout MS   Stellar actionTimeout (default 30000)
  --tls-cert PEM        serve HTTPS/WSS with this certificate ...
  --tls-key PEM         ... and this key
  --public-dir DIR      static files folder (default: public/ beside this file)
  --no-docs             do not generate the action documentation (docs/)
  --no-frame-log        do not record frames (floods, benchmarks)
  --compression         offer permessage-deflate (Primus's compression option)
  --proxy               also run a CONNECT/HTTP forward proxy (proxyUrl)
  --exit-with-stdin     exit when stdin reaches end-of-file
  --verbose             log more to stderr
  --help                show this text`;

const NUMERIC = { '--port': 'port', '--control-port': 'controlPort', '--ping-interval': 'pingInterval',
  '--legacy-timeout': 'legacyTimeout', '--action-timeout': 'actionTimeout' };
const STRING = { '--host': 'host', '--tls-cert': 'tlsCert', '--tls-key': 'tlsKey', '--public-dir': 'publicDir' };
const FLAGS = { '--legacy': ['legacy', true], '--demo': ['demo', true], '--no-frame-log': ['frameLog', false],
  '--no-docs': ['docs', false], '--compression': ['compression', true], '--proxy': ['proxy', true],
  '--exit-with-stdin': ['exitWithStdin', true], '--verbose': ['verbose', true], '--help': ['help', true] };

export function parseOptions(argv) {
  const opts = {
    port: undefined, host: '127.0.0.1', controlPort: 0, legacy: false, demo: false,
    pingInterval: 30000, legacyTimeout: 35000, actionTimeout: 30000, tlsCert: null, tlsKey: null,
    publicDir: path.join(HERE, 'public'), docs: true, frameLog: true, compression: false, proxy: false,
    exitWithStdin: false, verbose: false, help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg in NUMERIC) {
      const text = value();
      const number = Number(text);
      if (!Number.isInteger(number) || number < 0) throw new Error(`${arg}: not a non-negative integer: ${text}`);
      opts[NUMERIC[arg]] = number;
    } else if (arg in STRING) {
      opts[STRING[arg]] = value();
    } else if (arg in FLAGS) {
      opts[FLAGS[arg][0]] = FLAGS[arg][1];
    } else {
      throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (opts.port === undefined) opts.port = opts.demo ? 8080 : 0;
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
  if (opts.port > 65535 || opts.controlPort > 65535) throw new Error('port out of range');
  opts.publicDir = path.resolve(opts.publicDir);
  return opts;
}
