import { describe, expect, it } from 'vitest';
import type { RunConfig, WorkloadSpec } from '../src/config/types.js';
import { PairedAdvisor } from '../src/run/advisor.js';
import { schedulePairs, turnOrder, type PairAdvisor, type PairPlan } from '../src/run/pairs.js';
import { fakeEngine, type FakeLog, type FakeOptions, type Script } from './fixtures/fake-engine.js';
import { tinyConfig } from './helpers.js';

const BASE: WorkloadSpec = { name: 'base.js', file: '/x/base.js' };
const HEAD: WorkloadSpec = { name: 'head.js', file: '/x/head.js' };
const config = (overrides: Partial<RunConfig> = {}): RunConfig =>
  tinyConfig({ suite: 'run', workloads: [HEAD], strategies: ['sequential', 'async'], ...overrides });
const plan = (overrides: Partial<PairPlan> = {}): PairPlan => ({
  base: BASE,
  head: HEAD,
  pairs: 2,
  rounds: 2,
  alternation: 'rounds',
  looks: 1,
  furtherPairs: 2,
  budgetMs: 60_000,
  ...overrides,
});
const none: PairAdvisor = { open: () => [] };
const steady: Script = (id) => (id.includes('sequential') ? 100 : 50);

async function run(
  p: PairPlan,
  extra: Partial<FakeOptions> & { advisor?: PairAdvisor; signal?: AbortSignal; cfg?: RunConfig } = {},
) {
  const log: FakeLog = { requests: [], engines: 0 };
  const scheduled = await schedulePairs(extra.cfg ?? config(), p, {
    engine: fakeEngine({ script: steady, ...extra }, log),
    advisor: extra.advisor ?? none,
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  /** Which version ran each round, in order. */
  const turns = log.requests.filter((r) => r.op === 'round').map((r) => (r.spec === 'base.js' ? 'A' : 'B'));
  return { scheduled, log, turns: turns.join('') };
}

describe('the A/B pairs, on a fake engine', () => {
  it('turns alternate A B B A within a pair, and the first version swaps from pair to pair', () => {
    expect(turnOrder('base', 3, 'rounds').join(' ')).toBe('base head head base base head');
    expect(turnOrder('head', 2, 'processes').join(' ')).toBe('head head base base');
  });

  it('runs each version in engines of its own, two per pair, all closed, taking turns round by round', async () => {
    const { scheduled, log, turns } = await run(plan());
    expect(log.engines).toBe(4);
    expect(log.closed).toBe(4);
    expect(turns).toBe('ABBA' + 'BAAB');
    expect(scheduled.pairs.map((p) => p.first)).toEqual(['base', 'head']);
    // No yardstick in their rounds: neither version is judged in yardsticks.
    const opens = log.requests.filter((r) => r.op === 'open');
    expect(opens.map((r) => r.options?.yardstick)).toEqual([false, false, false, false]);
    expect(scheduled.pairs[0]?.head.map((c) => c.samples)).toEqual([
      [100, 100],
      [50, 50],
    ]);
    expect(scheduled.looks).toBe(1);
  });

  it('with alternation "processes", each version runs all its rounds in turn', async () => {
    expect((await run(plan({ alternation: 'processes' }))).turns).toBe('AABB' + 'BBAA');
  });

  it('both versions run the task count the first version sized its batches to', async () => {
    const sizing = { taskMs: 2, batchMs: 50, tasks: 24 };
    const { log, scheduled } = await run(plan(), { sizing, cfg: config({ batchMs: 50 }) });
    const opens = log.requests.filter((r) => r.op === 'open');
    expect(opens[0]).toMatchObject({ spec: 'base.js', batchMs: 50 });
    for (const open of opens.slice(1)) {
      expect(open.tasks).toBe(24);
      expect(open.batchMs).toBeUndefined();
    }
    expect(scheduled.tasks).toBe(24);
    expect(scheduled.sizing).toMatchObject({ tasks: 24 });
  });

  it('doubles the pairs at each further look, within the time budget', async () => {
    const open: PairAdvisor = { open: () => ['head.js/async/1t'] };
    // A clock the rounds move: each round measured takes 10 ms.
    let log: FakeLog | undefined;
    const rounds = (): number => (log?.requests.filter((r) => r.op === 'round').length ?? 0) * 10;
    const scheduleWith = async (budgetMs: number) => {
      log = { requests: [], engines: 0 };
      return schedulePairs(config(), plan({ looks: 4, budgetMs }), {
        engine: fakeEngine({ script: steady }, log),
        advisor: open,
        clock: { now: rounds, date: () => new Date(0) },
      });
    };
    // Plenty of time: 2 pairs, then 2, 4 and 8 more.
    const ample = await scheduleWith(60_000);
    expect(ample.pairs).toHaveLength(16);
    expect(ample.looks).toBe(4);
    expect(ample.budgetMs).toBe(60_000);
    // The first look's 2 pairs took 80 ms (2 pairs × 2 versions × 2 rounds × 10 ms; 20 ms per pair
    // and cell): a 200 ms budget leaves 120 ms, room for the second look's 2 pairs of 2 cells (80 ms)
    // and then for none of the third's 4.
    const tight = await scheduleWith(200);
    expect(tight.pairs).toHaveLength(4);
    expect(tight.looks).toBe(2);
    expect(tight.spentMs).toBe(160);
    // No budget: one look.
    const none = await scheduleWith(0);
    expect(none.pairs).toHaveLength(2);
    expect(none.looks).toBe(1);
  });

  it('measures further pairs only for the cells still open, with sequential beside them, up to the looks', async () => {
    const asked: number[] = [];
    const advisor: PairAdvisor = {
      open(_pairs, look) {
        asked.push(look);
        return look === 1 ? ['head.js/async/1t'] : [];
      },
    };
    const { scheduled, log } = await run(plan({ looks: 3 }), { advisor });
    expect(asked).toEqual([1, 2]);
    expect(scheduled.pairs).toHaveLength(4);
    expect(scheduled.looks).toBe(2);
    const further = log.requests.filter((r) => r.op === 'round' && r.extra);
    expect(further).toHaveLength(8);
    // Each version's own cells (the versions name their workload otherwise): async and sequential.
    for (const r of further)
      expect((r.cells ?? []).map((id) => id.split('/').slice(1).join('/')).sort()).toEqual([
        'async/1t',
        'sequential/1t',
      ]);
  });

  it('on Ctrl-C within a pair, leaves that pair out, closes every engine, and says it was stopped', async () => {
    const stop = new AbortController();
    let batches = 0;
    const { scheduled, log } = await run(plan({ pairs: 4 }), {
      signal: stop.signal,
      onBatch: () => {
        // Pair 1 has 8 batches (2 versions × 2 rounds × 2 cells): stop in pair 2's third.
        if (++batches === 11) stop.abort();
      },
    });
    expect(scheduled.stopped).toBe('signal');
    expect(scheduled.pairs).toHaveLength(1);
    expect(log.closed).toBe(log.engines);
    expect(log.engines).toBe(4);
  });

  it("keeps the pairs measured when an engine's process dies, and says so", async () => {
    const { scheduled, log } = await run(plan({ pairs: 4 }), { crashEngine: 3, crashAtRound: 1 });
    expect(scheduled.stopped).toBe('crash');
    expect(scheduled.crash).toMatch(/SIGKILL/);
    expect(scheduled.pairs).toHaveLength(1);
    expect(log.closed).toBe(log.engines);
  });
});

describe('the paired gate over the pair loop', () => {
  /** ±4% noise from batch to batch, the same in both versions: what the pairs must see through. */
  const noisy =
    (factor: number): Script =>
    (id, batch) =>
      (id.includes('sequential') ? 100 : 50 * factor) * (1 + 0.04 * Math.sin(batch * 2.1 + id.length));
  /** `luck[k]` scales sequential's batches in the head's k-th process: a spread between processes. */
  const judged = async (factor: number, luck: readonly number[] = [1]) => {
    let heads = 0;
    const advisor = new PairedAdvisor({
      metrics: ['speedup', 'time'],
      thresholdPct: 15,
      plannedLooks: 3,
      alternation: 'rounds',
      baseline: 'base.js',
    });
    const { scheduled } = await run(plan({ pairs: 6, rounds: 4, looks: 2 }), {
      advisor,
      scriptOf: (spec) => {
        if (spec !== HEAD) return noisy(1);
        const process = luck[heads++ % luck.length] as number;
        return (id, batch) => noisy(factor)(id, batch) * (id.includes('sequential') ? process : 1);
      },
    });
    return { scheduled, comparison: advisor.judge(scheduled.pairs, scheduled.looks) };
  };

  it('passes identical versions', async () => {
    expect((await judged(1)).comparison.decision.exitCode).toBe(0);
  });

  it('fails a head 20% slower off the main thread, naming the metric that caught it', async () => {
    const { comparison } = await judged(1.2);
    expect(comparison.decision.exitCode).toBe(1);
    expect(comparison.decision.summary).toMatch(/head\.js\/async\/1t \(speedup −17%\)/);
  });

  it('takes no further look once a metric has regressed: the exit code cannot change', async () => {
    // Sequential's time in the head differs by ±25% from process to process: open after one look.
    const { scheduled, comparison } = await judged(1.2, [1.25, 0.8, 0.8, 1.25, 1.25, 0.8]);
    expect(comparison.decision.exitCode).toBe(1);
    expect(comparison.changes.flatMap((c) => c.metrics.filter((m) => m.label === 'inconclusive'))).not.toEqual([]);
    expect(scheduled.looks).toBe(1);
    expect(scheduled.pairs).toHaveLength(6);
  });
});
