// Stellar 1.4.6 dies on some client frames (a JSON `null`, the `file` verb
// for an existing file, an `event` verb without params): an uncaught exception
// takes the whole process down about 3 s later. We do the same, loudly, so a
// client that sends such frames makes its tests fail.
const CRASH_DELAY_MS = 3000;
export const CRASH_EXIT_STATUS = 70;

let scheduled = false;

export function crashLater(ctx, reason, conn) {
  process.stderr.write(
    `[stellar-test-server] FATAL: ${reason} (connection ${conn ? conn.id : '?'}). ` +
    `A real Stellar 1.4.6 server dies on this frame: exiting with status ${CRASH_EXIT_STATUS} in ${CRASH_DELAY_MS} ms.\n`);
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => process.exit(CRASH_EXIT_STATUS), CRASH_DELAY_MS);
}
