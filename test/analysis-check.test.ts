import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { checkShapes, type ShapeCheck } from '../src/analysis/check.js';
import { scenario, type Sketch, type World } from './fixtures/scenario.js';

const run = (world: World, sketch: Sketch): ShapeCheck[] => checkShapes(analyse(scenario(world, sketch)));
const only = (checks: ShapeCheck[]): Pick<ShapeCheck, 'rule' | 'status' | 'why'> | undefined => {
  const [first] = checks;
  return first && { rule: first.rule, status: first.status, ...(first.why ? { why: first.why } : {}) };
};

describe('check: each rule applies only where the measurements meet its premise', () => {
  it('CPU work under the lock: passes when it gains nothing, fails when it gains', () => {
    const cpu: World = { workload: 'primes' };
    expect(
      only(run(cpu, { strategy: 'gil-threads', threads: 2, speedup: [0.98, 0.97, 0.99], lockHeld: 0.97 })),
    ).toEqual({
      rule: 'CPU work under the lock gains nothing',
      status: 'pass',
    });
    // A lock that failed to serialise: the rule catches it.
    expect(
      only(run(cpu, { strategy: 'gil-threads', threads: 2, speedup: [1.6, 1.5, 1.7], lockHeld: 0.97 }))?.status,
    ).toBe('fail');
  });

  it('fails only when the whole interval is past the bound; a few waits widen what the lock rule allows', () => {
    const noisy = run({}, { strategy: 'gil-threads', threads: 2, speedup: [1.19, 1.02, 1.31], lockHeld: 0.95 });
    expect(only(noisy)?.status).toBe('pass');
    // 13% waiting: overlapping it with the other thread's turn allows 1 / (0.87 + 0.13 / 2), with a tenth to spare.
    const waits = run(
      { wait: 0.13, aloneIoP50: 2.6 },
      { strategy: 'gil-threads', threads: 2, speedup: [1.07, 1.04, 1.1], inFlight: 0.4, lockHeld: 0.95 },
    );
    expect(waits[0]?.expected).toBe(`≤ ${(1.1 / (0.87 + 0.13 / 2)).toFixed(2)}×`);
    expect(waits[0]?.status).toBe('pass');
  });

  it('does not apply the lock rule under --gil none, or to work that waits', () => {
    expect(
      only(run({ gil: 'none' }, { strategy: 'gil-threads', threads: 2, speedup: [1.91, 1.88, 1.94], busy: 1.9 })),
    ).toEqual({
      rule: 'CPU work under the lock gains nothing',
      status: 'n/a',
      why: 'no lock under --gil none',
    });
    const awaits = run(
      { wait: 0.25, aloneIoP50: 1.1 },
      { strategy: 'gil-threads', threads: 2, speedup: [1.11, 1.05, 1.16], inFlight: 1.4, lockHeld: 0.8 },
    );
    expect(only(awaits)?.status).toBe('n/a');
    expect(only(awaits)?.why).toMatch(/not mostly CPU under the lock \(waits 25%, native 0%\)/);
  });

  it('does not apply the lock rule at one thread, where nothing can take turns', () => {
    // A lone thread that ran faster than the main thread (a quieter core) is no sign of a broken lock.
    const lone = run({}, { strategy: 'gil-threads', threads: 1, speedup: [1.25, 1.2, 1.3], lockHeld: 0.97 });
    expect(only(lone)).toEqual({ rule: 'CPU work under the lock gains nothing', status: 'n/a', why: 'one thread' });
  });

  it('parallel workers: not applicable at one thread; fails when the cores went unused', () => {
    expect(only(run({}, { strategy: 'workers', threads: 1, speedup: [0.95, 0.93, 0.97] }))?.why).toBe('one thread');
    const unused = run({}, { strategy: 'workers', threads: 2, speedup: [1.02, 1.0, 1.04], busy: 1.02 });
    expect(only(unused)).toEqual({ rule: 'parallel workers use the free cores', status: 'fail' });
    expect(unused[0]?.expected).toBe('≥ 1.20×');
  });

  it('waits overlap: applies where waits dominate and are real, with a bound from the measured profile', () => {
    const sleep: World = { wait: 0.97, aloneIoP50: 10.4 };
    const ok = run(sleep, { strategy: 'async', tasks: 8, speedup: [7.4, 7.2, 7.6], inFlight: 7.5 });
    expect(only(ok)).toEqual({ rule: 'waits overlap', status: 'pass' });
    // 8 tasks at once, 97% waiting, CPU one at a time: ideal 1 / (0.03 + 0.97/8) = 6.6×, half of it 3.3×.
    expect(ok[0]?.expected).toBe('≥ 3.31×');
    const serial = run(sleep, { strategy: 'gil-threads', threads: 2, speedup: [0.9, 0.85, 0.95], inFlight: 0.95 });
    expect(serial.find((check) => check.rule === 'waits overlap')?.status).toBe('fail');
    expect(only(run({ wait: 0.97, aloneIoP50: 0.4 }, { strategy: 'async', speedup: [1.2, 1.1, 1.3] }))?.why).toBe(
      'each wait is short (0.40 ms): nothing to overlap',
    );
  });

  it('finds nothing to check in a latency-only result', () => {
    const convoy = run(
      { focus: 'io-latency', wait: 0.1, aloneIoP50: 5.3 },
      { strategy: 'gil-threads', threads: 2, tasks: 2, lockHeld: 0.9, ioP50: 10.5 },
    );
    expect(convoy).toEqual([]);
  });
});
