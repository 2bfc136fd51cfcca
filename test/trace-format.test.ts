import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/config/types.js';
import { runSuite } from '../src/run/run-suite.js';
import type { CellTrace } from '../src/measure/traced-batch.js';
import { chromeTraceEvents, SPAN_NAMES, type TraceEvent } from '../src/reporters/chrome-trace.js';
import type { SuiteResult } from '../src/results/types.js';
import { ROOT, runBin, tempDir, tinyConfig } from './helpers.js';

/** A real run with the traced batch: every cell's whole trace, and the result that keeps a window of it. */
async function traced(overrides: Partial<RunConfig>): Promise<{ result: SuiteResult; traces: CellTrace[] }> {
  const traces: CellTrace[] = [];
  const result = await runSuite(
    tinyConfig({
      strategies: ['sequential', 'gil-threads'],
      tasks: 4,
      iterations: 1,
      maxIterations: 1,
      trace: true,
      ...overrides,
    }),
    { onTrace: (trace) => void traces.push(trace) },
  );
  return { result, traces };
}

const PHASES = new Set(['X', 'B', 'E', 'i', 'C', 'M']);

/** Everything the format asks of these events, as a list of what is wrong (empty when nothing is). */
function formatProblems(events: readonly TraceEvent[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, number>();
  const open = new Map<string, Array<{ name: string; ts: number; inner: number }>>();
  for (const [i, e] of events.entries()) {
    const where = `event ${i} (${e.ph} ${e.name})`;
    if (typeof e.name !== 'string' || !PHASES.has(e.ph)) problems.push(`${where}: name or ph`);
    if (!Number.isFinite(e.ts) || e.ts < 0) problems.push(`${where}: ts ${e.ts}`);
    if (!Number.isInteger(e.pid) || !Number.isInteger(e.tid)) problems.push(`${where}: pid/tid`);
    if (e.ph === 'M') continue;
    if (e.ph === 'X' && !(Number.isFinite(e.dur) && (e.dur ?? -1) >= 0)) problems.push(`${where}: dur ${e.dur}`);
    if (e.ph === 'i' && e.s !== 't') problems.push(`${where}: instant scope`);
    if (e.ph === 'C' && !Object.values(e.args ?? {}).every((v) => typeof v === 'number' && v >= 0))
      problems.push(`${where}: counter args`);
    // Counters have a track per process and name; everything else, per thread.
    const track = e.ph === 'C' ? `${e.pid}/C/${e.name}` : `${e.pid}/${e.tid}`;
    if (e.ts < (last.get(track) ?? 0)) problems.push(`${where}: ts goes back on track ${track}`);
    last.set(track, e.ts);
    const stack = open.get(track) ?? [];
    open.set(track, stack);
    if (e.ph === 'B') stack.push({ name: e.name, ts: e.ts, inner: e.ts });
    else if (e.ph === 'E') {
      const begun = stack.pop();
      if (!begun || begun.name !== e.name) problems.push(`${where}: ends what did not begin`);
      else if (begun.inner > e.ts + 0.001) problems.push(`${where}: a slice inside it ends after it`);
    } else if (e.ph === 'X') {
      const top = stack[stack.length - 1];
      if (top) top.inner = Math.max(top.inner, e.ts + (e.dur ?? 0));
    }
  }
  for (const [track, stack] of open) if (stack.length > 0) problems.push(`track ${track}: ${stack.length} unended`);
  return problems;
}

/** Each track's time in slices named `names`, over the batch's wall time. */
function shares(events: readonly TraceEvent[], batchMs: number, names: readonly string[]): Map<number, number> {
  const held = new Map<number, number>();
  for (const e of events)
    if (e.ph === 'X' && names.includes(e.name)) held.set(e.tid, (held.get(e.tid) ?? 0) + (e.dur ?? 0));
  return new Map([...held].map(([tid, us]) => [tid, us / 1000 / batchMs]));
}

/** The longest time two tracks both held the lock, ms: a lock has one holder at a time. */
function longestOverlap(events: readonly TraceEvent[]): number {
  const spans = events.filter((e) => e.ph === 'X' && e.name === SPAN_NAMES.holding);
  let worst = 0;
  for (const a of spans)
    for (const b of spans)
      if (a.tid < b.tid)
        worst = Math.max(worst, Math.min(a.ts + (a.dur ?? 0), b.ts + (b.dur ?? 0)) - Math.max(a.ts, b.ts));
  return worst / 1000;
}

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'suite-result.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

describe('the trace of a batch', () => {
  it.each([
    ['cpu primes, cpython lock', { workloads: [{ name: 'primes' }] }],
    ['cpu primes, legacy lock', { workloads: [{ name: 'primes' }], gil: 'legacy' as const }],
    [
      'mixed convoy, both lock-guarded strategies',
      {
        suite: 'mixed' as const,
        workloads: [{ name: 'convoy' }],
        strategies: ['sequential' as const, 'gil-threads' as const, 'async-offload' as const],
      },
    ],
  ])(
    '%s: follows the Chrome Trace Event Format and reconciles with the lock metrics of the same batch',
    async (_, overrides) => {
      const { result, traces } = await traced(overrides);
      const locked = result.cells.filter((c) => c.strategy !== 'sequential');
      expect(traces.map((t) => t.cell.strategy)).toEqual(locked.map((c) => c.strategy));
      for (const [pid, { cell, timeline }] of traces.entries()) {
        expect(timeline.dropped).toBe(0);
        const events = chromeTraceEvents(`${cell.workload} / ${cell.strategy}`, timeline, pid + 1);
        expect(formatProblems(events)).toEqual([]);
        // The lock figures read no clock between a release and the next take (the uncontended path
        // stays cheap), so they count a thread preempted there as holding; the trace shows that
        // stretch apart ("no GIL held, not waiting"), added back here to compare like with like.
        const held = shares(events, timeline.batchMs, [SPAN_NAMES.holding]);
        const counted = shares(events, timeline.batchMs, [SPAN_NAMES.holding, SPAN_NAMES.running]);
        const pool = timeline.threads.filter((t) => t.role === 'pool');
        expect(pool).toHaveLength(cell.threads);
        for (const thread of pool) {
          // Within 2 percentage points of the share the thread's tasks reported.
          const reported = thread.reported?.holdShare ?? Number.NaN;
          const fromTrace = counted.get(thread.thread + 1) ?? 0;
          expect({ thread: thread.thread, within2pp: Math.abs(fromTrace - reported) < 0.02 }).toEqual({
            thread: thread.thread,
            within2pp: true,
          });
          expect(held.get(thread.thread + 1) ?? 0).toBeLessThan(reported + 0.02);
        }
        // One holder at a time, in the trace and in the figures.
        expect(longestOverlap(events)).toBeLessThan(0.05);
        // (The reported shares may sum past 1 by the preempted stretches they count as holding.)
        expect([...held.values()].reduce((sum, share) => sum + share, 0)).toBeLessThan(1.02);
        // A counter of the threads waiting, never more than there are threads.
        const waiting = events.filter((e) => e.ph === 'C').map((e) => Number(e.args?.['waiting']));
        expect(Math.max(...waiting)).toBeLessThanOrEqual(timeline.threads.length);
      }
      // The result keeps a window of each traced batch, as its schema says.
      for (const cell of locked) expect(cell.timeline?.toMs).toBeGreaterThan(cell.timeline?.fromMs ?? Infinity);
      validate(JSON.parse(JSON.stringify(result)));
      expect(validate.errors ?? []).toEqual([]);
    },
  );

  it("shows the event loop's callbacks taking the lock under async-offload", async () => {
    const { traces } = await traced({
      suite: 'mixed',
      workloads: [{ name: 'responsiveness' }],
      strategies: ['sequential', 'async-offload'],
    });
    const loop = traces[0]?.timeline.threads.find((t) => t.role === 'loop');
    expect(loop?.tasks.length).toBeGreaterThan(0);
    expect(loop?.spans.some((s) => s.state === 'holding')).toBe(true);
    const events = chromeTraceEvents('responsiveness / async-offload', traces[0]?.timeline as CellTrace['timeline'], 1);
    expect(formatProblems(events)).toEqual([]);
    expect(events.some((e) => e.tid === 0 && e.ph === 'B' && e.name === 'loop callback')).toBe(true);
  });

  it('keeps the traced batch out of the timed figures: a traced run has as many timed batches as an untraced one', async () => {
    const { result } = await traced({ iterations: 2, maxIterations: 2 });
    expect(result.cells.map((c) => c.samples.length)).toEqual([2, 2]);
    expect(result.config.trace).toBe(true);
  });
});

describe('gil-bench --trace FILE --lanes', () => {
  it('writes a trace Perfetto can open and prints a strip per thread', async () => {
    const dir = await tempDir();
    try {
      const file = join(dir.path, 'run.trace.json');
      const saved = join(dir.path, 'result.json');
      const ran = await runBin(
        [
          'cpu',
          '-w',
          'primes',
          '-s',
          'gil-threads',
          '--size',
          'xs',
          '-n',
          '4',
          '-i',
          '1',
          '--warmup',
          '0',
          '--no-probe',
          '--no-save',
          '--quiet',
          '--trace',
          file,
          '--lanes',
          '--format',
          'json',
          '--output',
          saved,
        ],
        { cwd: dir.path },
      );
      expect(ran.code).toBe(0);
      const trace = JSON.parse(await readFile(file, 'utf8')) as {
        traceEvents: TraceEvent[];
        otherData: { cells: unknown[] };
      };
      expect(formatProblems(trace.traceEvents)).toEqual([]);
      expect(trace.otherData.cells).toHaveLength(1);
      expect(ran.stderr).not.toMatch(/trace of/); // --quiet
      const strips = ran.stdout.split('\n').filter((line) => /^thread \d /.test(line));
      expect(strips).toHaveLength(2);
      expect(ran.stdout).toMatch(/primes \/ gil-threads ×2: .*traced batch/);
      // Fitted to 80 columns when stdout is not a terminal.
      for (const line of strips) expect(line.length).toBeLessThanOrEqual(80);
      // A saved result keeps the window: `report` prints the same strips again.
      const again = await runBin(['report', saved, '--lanes', 'primes/gil-threads']);
      expect(again.code).toBe(0);
      expect(again.stdout.split('\n').filter((line) => /^thread \d /.test(line))).toEqual(strips);
      const none = await runBin(['report', saved, '--lanes', 'gil-threads/4t']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(
        /^error: --lanes: .* has no traced cell matching "gil-threads\/4t" \(run with --trace or --lanes\)\n$/,
      );
    } finally {
      await dir.remove();
    }
  });
});
