import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { agreement, AGREEMENT_TOLERANCE, type Agreement } from './agreement.js';
import type { SuiteResult } from '../src/results/types.js';
import { relativeMargin } from '../src/stats/paired.js';
import type { Probe } from './types.js';

const MAIN = new URL('../src/cli/main.js', import.meta.url).href;
const BIN = fileURLToPath(new URL('../../bin/gil-bench.js', import.meta.url));

interface Ran {
  wallMs: number;
  /** Peak resident set of the whole process (every thread), MB. */
  peakRssMb: number;
  /** What it printed: the result as JSON. */
  stdout: string;
}

/** Runs gil-bench in a child process, as a user would, and reports its wall time and peak RSS. */
function runGilBench(args: string[]): Promise<Ran> {
  const script = `const { main } = await import(${JSON.stringify(MAIN)});
process.exitCode = await main(['node', 'gil-bench', ...${JSON.stringify(args)}]);
process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KB ' + process.resourceUsage().maxRSS + '\\n'));`;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const rss = /PEAK_RSS_KB (\d+)/.exec(stderr);
      if (code !== 0 || !rss)
        reject(new Error(`gil-bench ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-300)}`));
      else resolve({ wallMs, peakRssMb: Number(rss[1]) / 1024, stdout });
    });
  });
}

/** Wall time of the real entry point, `bin/gil-bench.js`, as `npx gil-bench` starts it. */
function timeBin(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`exit ${code}`))));
  });
}

const QUIET = ['--no-save', '--quiet', '--format', 'json'];

/** Wall time of `node -e 0`: what any Node command costs before it does anything. */
function timeNode(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`exit ${code}`))));
  });
}

/** Time spent in timed batches, ms: every cell's samples. */
const timedMs = (result: SuiteResult): number =>
  result.cells.reduce((sum, cell) => sum + cell.samples.reduce((s, x) => s + x, 0), 0);

/** The quick runs timed below, kept so that their timed share costs no extra run. */
const quickRuns: Array<{ wallMs: number; result: SuiteResult }> = [];
/** How many of the quick runs each row has read, so that both rows read the same runs. */
const quickRead = { timed: 0, share: 0 };

async function quickCpuRun(): Promise<Ran> {
  const ran = await runGilBench(['cpu', '--quick', ...QUIET]);
  quickRuns.push({ wallMs: ran.wallMs, result: JSON.parse(ran.stdout) as SuiteResult });
  return ran;
}

/** The row's next quick run, made if the wall-time row did not make it (a filter ran the row alone). */
async function nextQuickRun(row: keyof typeof quickRead): Promise<{ wallMs: number; result: SuiteResult }> {
  while (quickRuns.length <= quickRead[row]) await quickCpuRun();
  const run = quickRuns[quickRead[row]++];
  if (!run) throw new Error('no quick run');
  return run;
}

/** The default cpu runs timed below, kept so that agreement between runs costs no extra run. */
const defaultRuns: SuiteResult[] = [];
/** A minute each, on a machine whose speed comes and goes: one run is not a figure. */
const DEFAULT_RUNS = 3;

async function defaultCpuRun(): Promise<Ran> {
  const ran = await runGilBench(['cpu', ...QUIET]);
  defaultRuns.push(JSON.parse(ran.stdout) as SuiteResult);
  return ran;
}

/** How many default runs the ±5% row has read. */
let settledRead = 0;

/** The speedups whose agreement between runs is the measure of trust. */
const AGREEING_STRATEGIES = ['workers', 'gil-threads'];

/** Each pairing of the default runs, [0,1], [0,2], [1,2], …, made once all runs are in. */
let agreements: Agreement[] | undefined;
let nextPairing = 0;

function agreementsOf(runs: readonly SuiteResult[]): Agreement[] {
  return runs.flatMap((a, i) => runs.slice(i + 1).map((b) => agreement(a, b, AGREEING_STRATEGIES)));
}

export const cliProbes: Probe[] = [
  {
    figure: '`gil-bench --help` wall time',
    unit: 'ms',
    target: '≤ 200 ms',
    reps: 9,
    pass: (ms) => ms <= 200,
    measure: () => timeBin(['--help']),
  },
  {
    figure: '`gil-bench --help` wall time ÷ `node -e 0` (pairs, alternating which goes first)',
    unit: '×',
    target: '≤ 1.5×',
    reps: 9,
    pass: (ratio) => ratio <= 1.5,
    measure: async () => {
      const order = Math.random() < 0.5;
      const first = order ? await timeBin(['--help']) : await timeNode();
      const second = order ? await timeNode() : await timeBin(['--help']);
      return order ? first / second : second / first;
    },
  },
  {
    figure: '`gil-bench cpu --quick` wall time',
    unit: 's',
    target: '≤ 8 s',
    reps: 3,
    pass: (s) => s <= 8,
    measure: async () => (await quickCpuRun()).wallMs / 1000,
  },
  {
    figure: '`gil-bench cpu --quick`: timed batches, all workloads',
    unit: 's',
    target: 'about 3 s (2–4.5 s)',
    reps: 3,
    pass: (s) => s >= 2 && s <= 4.5,
    measure: async () => timedMs((await nextQuickRun('timed')).result) / 1000,
  },
  {
    figure: '`gil-bench cpu --quick`: share of the wall time outside timed batches',
    unit: '%',
    target: '≤ 30%',
    reps: 3,
    pass: (share) => share <= 30,
    measure: async () => {
      const run = await nextQuickRun('share');
      return (100 * (run.wallMs - timedMs(run.result))) / run.wallMs;
    },
  },
  {
    figure: 'default `gil-bench cpu` wall time',
    unit: 's',
    target: '≤ 60 s',
    reps: DEFAULT_RUNS,
    long: true,
    pass: (s) => s <= 60,
    measure: async () => (await defaultCpuRun()).wallMs / 1000,
  },
  {
    figure: 'default `gil-bench cpu`: cells whose speedup interval is within ±5%',
    unit: 'cells',
    target: '≥ 17 (of 28), the median of the version before batches were sized by time (aba422c), measured beside it',
    reps: DEFAULT_RUNS,
    long: true,
    pass: (cells) => cells >= 17,
    measure: async () => {
      while (defaultRuns.length <= settledRead) await defaultCpuRun();
      const run = defaultRuns[settledRead++];
      if (!run) throw new Error('no default run');
      // Sequential's own speedup is 1 by definition: only the strategies count.
      return run.cells.filter(
        (cell) => cell.strategy !== 'sequential' && cell.speedup && relativeMargin(cell.speedup) <= 0.05,
      ).length;
    },
  },
  {
    figure: `two default \`gil-bench cpu\` runs: workers and gil-threads speedups within ${AGREEMENT_TOLERANCE * 100}% of each other`,
    unit: 'cells',
    target: 'all',
    // One measurement per pairing.
    reps: (DEFAULT_RUNS * (DEFAULT_RUNS - 1)) / 2,
    long: true,
    pass: (cells) => agreements !== undefined && agreements.every((pairing) => cells >= pairing.cells),
    measure: async () => {
      // Run on its own (a filter), it makes the runs it needs.
      while (defaultRuns.length < DEFAULT_RUNS) await defaultCpuRun();
      agreements ??= agreementsOf(defaultRuns);
      const pairing = agreements[nextPairing++];
      if (!pairing) throw new Error('no pairing of default runs left');
      const apart = pairing.misses.map((m) => `${m.cell} ${m.a.toFixed(3)} vs ${m.b.toFixed(3)}`).join(', ');
      process.stderr.write(`  ${pairing.agreeing} of ${pairing.cells}${apart ? `; apart: ${apart}` : ''}\n`);
      return pairing.agreeing;
    },
  },
  {
    figure: 'peak RSS of a default `gil-bench all`',
    unit: 'MB',
    target: '≤ 300 MB',
    reps: 1,
    long: true,
    pass: (mb) => mb <= 300,
    measure: async () => (await runGilBench(['all', ...QUIET])).peakRssMb,
  },
];

/** Pairs of `cpu --quick` runs, one in this process and one --isolate, alternating which goes first. */
const isolatedPairs: Array<{ inline: SuiteResult; child: SuiteResult }> = [];

async function isolatedPair(): Promise<number> {
  const args = ['cpu', '--quick', ...QUIET];
  const childFirst = isolatedPairs.length % 2 === 1;
  const first = await runGilBench(childFirst ? [...args, '--isolate'] : args);
  const second = await runGilBench(childFirst ? args : [...args, '--isolate']);
  const [inline, child] = childFirst ? [second, first] : [first, second];
  isolatedPairs.push({
    inline: JSON.parse(inline.stdout) as SuiteResult,
    child: JSON.parse(child.stdout) as SuiteResult,
  });
  return child.wallMs / inline.wallMs;
}

/** Cells of a pair whose speedup intervals overlap, in and out of process; and how many were compared. */
function overlapping({ inline, child }: { inline: SuiteResult; child: SuiteResult }): { agree: number; cells: number } {
  let agree = 0;
  let cells = 0;
  for (const a of inline.cells) {
    const b = child.cells.find(
      (c) => c.workload === a.workload && c.strategy === a.strategy && c.threads === a.threads,
    );
    if (!a.speedup || !b?.speedup || a.strategy === 'sequential') continue;
    cells++;
    if (a.speedup.low <= b.speedup.high && b.speedup.low <= a.speedup.high) agree++;
  }
  return { agree, cells };
}

const ISOLATED_PAIRS = 3;
let nextIsolated = 0;

cliProbes.push(
  {
    figure: '`cpu --quick --isolate` wall time ÷ `cpu --quick` (the engine in a child process; pairs alternating)',
    unit: '×',
    target: '≤ 1.10',
    reps: ISOLATED_PAIRS,
    pass: (ratio) => ratio <= 1.1,
    measure: isolatedPair,
  },
  {
    figure: "`cpu --quick --isolate`: cells whose speedup interval overlaps the in-process run's, per pair",
    unit: 'share',
    target: 'all',
    reps: ISOLATED_PAIRS,
    pass: (share) => share >= 1,
    measure: async () => {
      // Run on its own (a filter), it makes the pairs it needs.
      while (isolatedPairs.length < ISOLATED_PAIRS) await isolatedPair();
      const pair = isolatedPairs[nextIsolated++];
      if (!pair) throw new Error('no isolated pair left');
      const { agree, cells } = overlapping(pair);
      process.stderr.write(`  ${agree} of ${cells} cells overlap\n`);
      return agree / cells;
    },
  },
);
