import type { SizeName, Workload } from './types.js';

/**
 * What each built-in workload is, without its code: enough to list them, check a command line and
 * plan a run before any workload (or the pool library) is loaded, so `--help`, `list` and a bad
 * flag answer at once. Each workload module spreads its own entry; a test holds the two lists equal.
 */
export type WorkloadInfo = Pick<Workload, 'name' | 'kind' | 'focus' | 'parameter' | 'description' | 'sizes'>;

/** How long the loopback servers of `http` and `tcp` take to answer. */
export const LOOPBACK_LATENCY_MS = 10;

/** The convoy's I/O task: its short waits, and how many per size. */
export const CONVOY_WAIT_MS = 5;
export const CONVOY_IO_OPS: Readonly<Record<SizeName, number>> = { xs: 5, s: 10, m: 20, l: 40 };

const PRIMES_SIZES = {
  xs: 'primes below 150k',
  s: 'primes below 350k',
  m: 'primes below 700k',
  l: 'primes below 1.8M',
};

/** Every built-in workload, in the order they are run and listed. */
export const CATALOGUE: readonly WorkloadInfo[] = [
  {
    name: 'primes',
    kind: 'cpu',
    description: 'count primes by trial division (pure JavaScript, like a pure-Python loop)',
    sizes: PRIMES_SIZES,
  },
  {
    name: 'fib',
    kind: 'cpu',
    description: 'naive recursive Fibonacci (function-call heavy pure JavaScript)',
    sizes: { xs: 'fib(27)', s: 'fib(31)', m: 'fib(33)', l: 'fib(36)' },
  },
  {
    name: 'sha256',
    kind: 'cpu',
    description: 'SHA-256 written in JavaScript over seeded bytes (the interpreter does the hashing)',
    sizes: { xs: '256 KiB', s: '1 MiB', m: '4 MiB', l: '15 MiB' },
  },
  {
    name: 'matmul',
    kind: 'cpu',
    description:
      'dense matrix multiply in JavaScript (float arithmetic in tight loops, like pure-Python lists, not NumPy)',
    sizes: { xs: '100 × 100', s: '175 × 175', m: '270 × 270', l: '430 × 430' },
  },
  {
    name: 'json',
    kind: 'cpu',
    description:
      'JSON serialise/parse round trips of generated records (native code that keeps the lock, like json in CPython)',
    sizes: { xs: '500 records × 1', s: '2,000 records × 2', m: '500 records × 24', l: '2,000 records × 24' },
  },
  {
    name: 'regex',
    kind: 'cpu',
    description: 'scan generated log lines with five regular expressions (the regex engine keeps the lock, like re)',
    sizes: { xs: '700 lines', s: '5k lines', m: '15k lines', l: '35k lines' },
  },
  {
    name: 'native-hash',
    kind: 'cpu',
    description:
      'SHA-256 by node:crypto, releasing the lock like hashlib does: native work runs in parallel even under the GIL',
    sizes: { xs: '4 × 1 MiB', s: '16 × 1 MiB', m: '64 × 1 MiB', l: '256 × 1 MiB' },
  },
  {
    name: 'sleep',
    kind: 'io',
    description: 'rounds of a little CPU then a 10 ms timer wait (pure latency, like time.sleep / asyncio.sleep)',
    sizes: { xs: '5 × 10 ms', s: '5 × 10 ms', m: '10 × 10 ms', l: '20 × 10 ms' },
  },
  {
    name: 'files',
    kind: 'io',
    description: 'rounds of a little CPU then write, fsync and read back a 16 KiB file in a private temp folder',
    sizes: { xs: '5 files', s: '5 files', m: '10 files', l: '20 files' },
  },
  {
    name: 'http',
    kind: 'io',
    description: `rounds of a little CPU then a GET to a loopback server that answers after ${LOOPBACK_LATENCY_MS} ms`,
    sizes: { xs: '5 requests', s: '5 requests', m: '10 requests', l: '20 requests' },
  },
  {
    name: 'tcp',
    kind: 'io',
    description: `rounds of a little CPU then a TCP echo round trip to a loopback peer that answers after ${LOOPBACK_LATENCY_MS} ms`,
    sizes: { xs: '5 round trips', s: '5 round trips', m: '10 round trips', l: '20 round trips' },
  },
  {
    name: 'convoy',
    kind: 'mixed',
    focus: 'io-latency',
    description: `one CPU-bound task beside one I/O task of short ${CONVOY_WAIT_MS} ms waits; shows each I/O operation's latency`,
    sizes: {
      xs: `${CONVOY_IO_OPS.xs} waits beside primes below 1M`,
      s: `${CONVOY_IO_OPS.s} waits beside primes below 1.8M`,
      m: `${CONVOY_IO_OPS.m} waits beside primes below 3.5M`,
      l: `${CONVOY_IO_OPS.l} waits beside primes below 6M`,
    },
  },
  {
    name: 'responsiveness',
    kind: 'mixed',
    focus: 'loop-lag',
    description: 'CPU tasks while a 1 ms heartbeat runs on the main event loop; shows how late the heartbeat fires',
    sizes: PRIMES_SIZES,
  },
  {
    name: 'ratio',
    kind: 'mixed',
    parameter: 'ioRatio',
    description:
      'synthetic rounds of ~10 ms split between CPU and waiting by --io-ratio (0 = all CPU, 1 = all waiting)',
    sizes: { xs: '3 rounds', s: '5 rounds', m: '8 rounds', l: '20 rounds' },
  },
];

/** A built-in workload's entry, by name. */
export function infoOf(name: string): WorkloadInfo | undefined {
  return CATALOGUE.find((w) => w.name === name);
}

/** The entry a workload module spreads: its name must be in the catalogue. */
export function described(name: string): WorkloadInfo {
  const info = infoOf(name);
  if (!info) throw new Error(`no catalogue entry for workload "${name}"`);
  return info;
}
