import { describe, expect, it } from 'vitest';
import { loadWorkload } from '../workloads/loader.js';
import { createAsync } from '../src/strategies/async.js';
import { GilPools } from '../src/strategies/gil/pool-set.js';
import type { Batch, StrategyOptions } from '../src/strategies/types.js';
import { buildTimeline } from '../src/measure/timeline.js';
import { renderLanesText } from '../src/reporters/lanes-text.js';
import type { CellResult, Timeline } from '../src/results/types.js';
import { suiteFixture } from './fixtures/suite-result.js';

const OPTIONS: StrategyOptions = {
  threads: 1,
  gilPools: new GilPools(),
  gil: 'cpython',
  switchIntervalMs: 5,
  wake: 'fifo',
  taskTimeoutMs: 30_000,
  workerMemoryMb: 0,
};

/** Three tasks of rounds half computing (~5 ms), half awaiting a 5 ms timer: they must take turns. */
async function ratioBatch(): Promise<Batch> {
  const ref = { name: 'ratio' };
  const workload = await loadWorkload(ref);
  return { ref, workload, inputs: workload.inputs({ tasks: 3, size: 'xs', seed: 7, ioRatio: 0.5 }), env: {} };
}

async function tracedTimeline(): Promise<Timeline> {
  const strategy = createAsync(OPTIONS);
  const batch = await ratioBatch();
  const start = performance.now();
  const outcome = await strategy.run({ ...batch, trace: true });
  const wall = performance.now() - start;
  expect(outcome.failures).toEqual([]);
  return buildTimeline(outcome.trace ?? [], { origin: performance.timeOrigin, start }, wall);
}

describe("async's lanes: a lane per task on the one event loop", () => {
  it('records nothing in a timed batch: only the traced batch pays for tracing', async () => {
    const outcome = await createAsync(OPTIONS).run(await ratioBatch());
    expect(outcome.trace).toBeUndefined();
    expect(outcome.checksums.every((c) => typeof c === 'number')).toBe(true);
  });

  it('shows the tasks taking turns: one runs at a time, the others wait at await meanwhile', async () => {
    const timeline = await tracedTimeline();
    expect(timeline.threads.map((t) => [t.role, t.thread])).toEqual([
      ['task', 0],
      ['task', 1],
      ['task', 2],
    ]);
    const states = new Set(timeline.threads.flatMap((t) => t.spans.map((s) => s.state)));
    expect([...states].sort()).toEqual(['awaiting', 'turn']);
    const turns = timeline.threads
      .flatMap((t) => t.spans.filter((s) => s.state === 'turn').map((s) => ({ ...s, task: t.thread })))
      .sort((a, b) => a.from - b.from);
    // Each task computes 3 rounds of about 5 ms: at least three turns each.
    for (const task of [0, 1, 2]) expect(turns.filter((t) => t.task === task).length).toBeGreaterThanOrEqual(3);
    // One loop: no two turns overlap (beyond the clock's rounding).
    for (let i = 1; i < turns.length; i++)
      expect(turns[i]!.from).toBeGreaterThanOrEqual((turns[i - 1] as { to: number }).to - 0.01);
    // Interleaved at await: another task's turn starts before a task's last one, while that task awaits.
    const switches = turns.filter((t, i) => i > 0 && t.task !== turns[i - 1]?.task).length;
    expect(switches).toBeGreaterThanOrEqual(4);
    const awaiting = (task: number, at: number): boolean =>
      timeline.threads[task]?.spans.some((s) => s.state === 'awaiting' && s.from <= at && s.to >= at) ?? false;
    const overlapped = turns.filter((t) =>
      [0, 1, 2].some((other) => other !== t.task && awaiting(other, (t.from + t.to) / 2)),
    );
    expect(overlapped.length).toBeGreaterThanOrEqual(3);
  });

  it('prints a strip per task, its turns and its awaits, with a key in those words', async () => {
    const timeline = await tracedTimeline();
    const cell = {
      ...(suiteFixture.cells[0] as CellResult),
      workload: 'ratio',
      strategy: 'async' as const,
      threads: 1,
    };
    const text = renderLanesText(cell, timeline, suiteFixture.config, { width: 80, color: false });
    const strips = text.split('\n').filter((line) => /^task \d/.test(line));
    expect(strips).toHaveLength(3);
    for (const strip of strips) expect(strip).toMatch(/█.*·.*█/);
    expect(text).toContain('one event loop: a task runs until it awaits');
    expect(text).toContain('█ its turn on the event loop');
    expect(text).toContain('· waiting at await');
    expect(text).not.toContain('GIL');
  });
});
