// The frames that kill a real Stellar 1.4.6 (null, file verb) and its SIGTERM
// shutdown, each replayed from its capture against a server of its own.
import path from 'node:path';
import { sleep, startServer } from './harness.mjs';
import { replayLog } from './replay.mjs';

const CRASH_STATUS = 70;

export async function checkCrash(tap, capturesDir, name) {
  const server = await startServer(['--ping-interval', '0']);
  await replayLog(tap, server, path.join(capturesDir, `${name}.log`), { label: name, pingInterval: 0 });
  const exit = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  const problems = [];
  if (!exit) {
    problems.push('the server is still running 5 s later');
    server.proc.kill('SIGKILL');
  } else if (exit.code !== CRASH_STATUS) {
    problems.push(`exit status ${exit.code} (signal ${exit.signal}), expected ${CRASH_STATUS}`);
  }
  if (!/FATAL: .*dies on this frame/.test(server.stderr)) problems.push(`no FATAL line on stderr: ${server.stderr}`);
  tap.result(`${name}: the server process dies about 3 s later with a loud message`, problems);
}

export async function checkShutdown(tap, capturesDir) {
  const server = await startServer(['--ping-interval', '0']);
  await replayLog(tap, server, path.join(capturesDir, 'shutdown.log'), {
    label: 'shutdown',
    pingInterval: 0,
    leftovers: false, // the capture does not say whether late actions get the empty reply
    onSigterm: async () => {
      server.proc.kill('SIGTERM');
      await sleep(15); // let the signal reach the server before the next frame
    },
  });
  const exit = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve(null), 3000))]);
  if (!exit) server.proc.kill('SIGKILL');
  tap.result('shutdown: SIGTERM ends the process with status 0', exit && exit.code === 0 ? [] : [`exit: ${JSON.stringify(exit)}`]);
}
