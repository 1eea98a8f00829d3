// bench-node-common.mjs: what the Node benchmark programs share, as
// bench-common.c does for the C ones: the clock, the result line and the
// command line.

const WATCHDOG_MS = 300000;

export const MESSAGE = 'The quick brown fox jumps over the lazy dog'; // as BENCH_MESSAGE

export function sample() {
  const cpu = process.cpuUsage();
  return { wall: process.hrtime.bigint(), user: cpu.user, system: cpu.system };
}

// One JSON line on stdout: what was measured between two samples.
export function printResult(kind, operations, start, end) {
  process.stdout.write(`${JSON.stringify({
    kind,
    operations,
    wall_us: Math.max(1, Number((end.wall - start.wall) / 1000n)),
    cpu_us: end.user - start.user + end.system - start.system,
    user_us: end.user - start.user,
    sys_us: end.system - start.system,
    peak_rss_kb: process.resourceUsage().maxRSS,
  })}\n`);
}

function positive(text, what) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`Not a positive number for ${what}: ${text}\n`);
    process.exit(2);
  }
  return value;
}

// Runs `roundtrip URL IN_FLIGHT COUNT WARMUP` or `flood URL COUNT PAUSE_MS`,
// under a watchdog: anything slower is broken, not slow.
export function runMain(name, { roundTrips, flood }) {
  const argv = process.argv.slice(2);
  const main = async () => {
    setTimeout(() => {
      process.stderr.write(`${name}: the benchmark did not finish in time\n`);
      process.exit(1);
    }, WATCHDOG_MS).unref();

    if (argv.length === 5 && argv[0] === 'roundtrip') {
      await roundTrips(argv[1], positive(argv[2], 'IN_FLIGHT'), positive(argv[3], 'COUNT'),
        positive(argv[4], 'WARMUP'));
    } else if (argv.length === 4 && argv[0] === 'flood') {
      await flood(argv[1], positive(argv[2], 'COUNT'), positive(argv[3], 'PAUSE_MS'));
    } else {
      process.stderr.write(`Usage: ${name}.mjs roundtrip URL IN_FLIGHT COUNT WARMUP\n`
        + `       ${name}.mjs flood URL COUNT PAUSE_MS\n`);
      process.exit(2);
    }
    process.exit(0);
  };

  main().catch((error) => {
    process.stderr.write(`${name}: ${error && error.stack ? error.stack : JSON.stringify(error)}\n`);
    process.exit(1);
  });
}
