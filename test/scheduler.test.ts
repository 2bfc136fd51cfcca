import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/config/types.js';
import { advisorFor } from '../src/run/advisor.js';
import { schedule } from '../src/run/scheduler.js';
import type { ProgressEvent } from '../src/run/types.js';
import type { Advisor } from '../src/run/workload-rounds.js';
import { FakeClock, fakeEngine, type FakeLog, type FakeOptions, type Script } from './fixtures/fake-engine.js';
import { tinyConfig } from './helpers.js';

const SEQ = 'primes/sequential/1t';
const ASYNC = 'primes/async/1t';

function config(overrides: Partial<RunConfig> = {}): RunConfig {
  return tinyConfig({ strategies: ['sequential', 'async'], iterations: 4, maxIterations: 100, ...overrides });
}

/** Sequential always takes 100 ms; async alternates 10 and 100 ms, so its speedup never settles. */
const jittery: Script = (id, batch) => (id === SEQ ? 100 : batch % 2 === 0 ? 10 : 100);
const steady: Script = (id) => (id === SEQ ? 100 : 50);

async function run(
  cfg: RunConfig,
  script: Script,
  extra: {
    advisor?: Advisor;
    signal?: AbortSignal;
    onBatch?(id: string, n: number): void;
    crashAtRound?: number;
    sizing?: FakeOptions['sizing'];
  } = {},
) {
  const log: FakeLog = { requests: [], engines: 0 };
  const clock = new FakeClock();
  const events: ProgressEvent[] = [];
  const scheduled = await schedule(cfg, {
    engine: fakeEngine({ script, clock, ...extra }, log),
    advisor: extra.advisor ?? advisorFor(cfg),
    clock,
    onProgress: (event) => events.push(event),
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  const samples = (id: string) =>
    scheduled.result.cells.find((c) => `${c.workload}/${c.strategy}/${c.threads}t` === id)?.samples ?? [];
  return { ...scheduled, log, events, samples, clock };
}

describe('the scheduler, on a fake engine and a fake clock', () => {
  it('gives an unsettled cell further rounds, with sequential beside it, until they have cost a fifth of the planned time', async () => {
    // Planned: 4 rounds, 620 ms timed. Further rounds may add 124 ms: the first adds 110, the second 200.
    const { samples, log, result } = await run(config(), jittery);
    expect(samples(ASYNC)).toEqual([10, 100, 10, 100, 10, 100]);
    expect(samples(SEQ)).toHaveLength(6);
    expect(result.cells.map((c) => c.rounds)).toEqual([
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
    ]);
    const extra = log.requests.filter((r) => r.op === 'round' && r.extra);
    expect(extra).toHaveLength(2);
    for (const r of extra) expect([...(r.cells ?? [])].sort()).toEqual([ASYNC, SEQ]);
  });

  it('stops further rounds at --max-iterations', async () => {
    const { samples } = await run(config({ maxIterations: 5 }), jittery);
    expect(samples(ASYNC)).toHaveLength(5);
  });

  it('gives a settled cell no further round', async () => {
    const { samples, log } = await run(config(), steady);
    expect(samples(ASYNC)).toEqual([50, 50, 50, 50]);
    expect(log.requests.some((r) => r.extra)).toBe(false);
  });

  it("with --time, gives unsettled cells further rounds until the workload's share is spent", async () => {
    // Timed per round, sequential with async: 110, 200, 110, 200, 110 → 730, past the 700 ms share.
    const { samples } = await run(config({ iterations: 2, timeMs: 700 }), jittery);
    expect(samples(ASYNC)).toEqual([10, 100, 10, 100, 10]);
    expect(samples(SEQ)).toHaveLength(5);
    // Two workloads share the budget: each gets half.
    const shared = await run(
      config({ iterations: 2, timeMs: 1400, workloads: [...tinyConfig().workloads, { name: 'fib' }] }),
      jittery,
    );
    expect(shared.samples(ASYNC)).toHaveLength(5);
    // A settled cell stops at once, however much budget is left.
    expect((await run(config({ iterations: 2, timeMs: 100_000 }), steady)).samples(ASYNC)).toEqual([50, 50]);
  });

  it('decides how long warm-up lasts: passes until the warm-up count is reached and the passes stop getting faster', async () => {
    const log: FakeLog = { requests: [], engines: 0 };
    // Each cell's passes take 3, 2, 1.99 ms: the third is asked for because the second was still clearly faster.
    const warm = (_id: string, pass: number): number => [3, 2, 1.99, 1.98][pass] ?? 1;
    await schedule(config({ warmup: 2, warmupMs: 1 }), {
      engine: fakeEngine({ script: steady, warm }, log),
      advisor: advisorFor(config()),
    });
    const passes = log.requests.filter((r) => r.op === 'warm-up').map((r) => r.cells?.length ?? 0);
    // The first asks only how warm the cells are; then three passes of both cells.
    expect(passes).toEqual([0, 2, 2, 2]);
    const firstRound = log.requests.findIndex((r) => r.op === 'round');
    expect(log.requests.slice(0, firstRound).filter((r) => r.op === 'warm-up')).toHaveLength(4);
  });

  it('records the batch size warm-up chose, in the result and in every cell', async () => {
    const sizing = { taskMs: 2.5, batchMs: 100, tasks: 40 };
    const { result } = await run(config({ batchMs: 100 }), steady, { sizing });
    expect(result.sizing).toEqual([{ workload: 'primes', ...sizing }]);
    expect(result.cells.map((c) => c.tasks)).toEqual([40, 40]);
    expect((await run(config(), steady)).result.sizing).toBeUndefined();
  });

  it("runs the gate's rounds for the cells it names, within half the workload's timed time, and counts its looks", async () => {
    const asked: number[] = [];
    const advisor: Advisor = {
      unsettled: () => [],
      gate: {
        looks: 3,
        plan(_run, look) {
          asked.push(look);
          return look === 2 ? { ids: [ASYNC], rounds: 30 } : { ids: [], rounds: 0 };
        },
      },
    };
    // 600 ms timed in the planned rounds: the gate may add 300, i.e. two rounds of 150.
    const { samples, looks } = await run(config(), steady, { advisor });
    expect(samples(ASYNC)).toHaveLength(6);
    expect(samples(SEQ)).toHaveLength(6);
    expect(asked).toEqual([2, 3]);
    expect(looks).toBe(2);
  });

  it('on Ctrl-C between rounds, asks for no further round and keeps the batches measured, marked partial', async () => {
    const stop = new AbortController();
    let batches = 0;
    const { result, log, samples } = await run(config(), steady, {
      signal: stop.signal,
      onBatch: () => {
        if (++batches === 4) stop.abort();
      },
    });
    expect(result.partial).toBe(true);
    expect(samples(SEQ)).toHaveLength(2);
    expect(samples(ASYNC)).toHaveLength(2);
    expect(log.requests.filter((r) => r.op === 'round')).toHaveLength(2);
    // The workload is still finished and closed: its figures come from the engine, its pools end.
    expect(log.requests.slice(-2).map((r) => r.op)).toEqual(['finish', 'close']);
  });

  it('on Ctrl-C within a round, keeps the batch in flight and skips the rest of the round', async () => {
    const stop = new AbortController();
    let batches = 0;
    const { result, samples } = await run(config(), steady, {
      signal: stop.signal,
      onBatch: () => {
        if (++batches === 3) stop.abort();
      },
    });
    expect(result.partial).toBe(true);
    expect(samples(SEQ).length + samples(ASYNC).length).toBe(3);
  });

  it("keeps what a crashed engine's process measured, marks its cells errored, and measures the next workload on a fresh engine", async () => {
    const cfg = config({ workloads: [{ name: 'primes' }, { name: 'fib' }] });
    const { result, log } = await run(cfg, steady, { crashAtRound: 2 });
    const primes = result.cells.filter((c) => c.workload === 'primes');
    expect(primes.map((c) => [c.state, c.samples.length])).toEqual([
      ['errored', 2],
      ['errored', 2],
    ]);
    expect(primes[0]?.error).toBe("EngineCrashError: the engine's process ended by SIGKILL");
    expect(result.cells.filter((c) => c.workload === 'fib').map((c) => c.state)).toEqual(['completed', 'completed']);
    expect(log.engines).toBe(2);
    expect(result.partial).toBe(false);
  });

  it('measures a twin beside the workload it names, in one unit: their rounds take turns A B B A', async () => {
    const cfg = config({
      warmup: 0,
      workloads: [{ name: 'primes' }, { name: 'fib' }, { name: 'twin_primes', twinOf: 'primes' }],
    });
    const { log, result } = await run(cfg, steady);
    const planned = log.requests
      .filter((r) => r.op === 'round' && !r.extra)
      .map((r) => (r.cells ?? [])[0]?.split('/')[0]);
    expect(planned).toEqual([
      ...['primes', 'twin_primes', 'twin_primes', 'primes', 'primes', 'twin_primes', 'twin_primes', 'primes'],
      ...['fib', 'fib', 'fib', 'fib'],
    ]);
    expect(result.cells.map((c) => c.workload)).toEqual([
      'primes',
      'primes',
      'twin_primes',
      'twin_primes',
      'fib',
      'fib',
    ]);
  });

  it('counts the planned batches for progress and flags the further ones', async () => {
    const { events } = await run(config({ warmup: 0 }), jittery);
    expect(events[0]).toEqual({ type: 'start', batches: 8 });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches.filter((e) => !e.extra).map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(batches.filter((e) => e.extra)).toHaveLength(4);
  });

  it('stamps the result with the clock it was given', async () => {
    const { result } = await run(config(), steady);
    expect(result.startedAt).toBe('2026-12-02T00:00:00.000Z');
    // 8 batches: 4 × 100 + 4 × 50 ms on the fake clock.
    expect(result.finishedAt).toBe('2026-12-02T00:00:00.600Z');
  });
});
