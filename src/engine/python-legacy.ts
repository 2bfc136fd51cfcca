/**
 * The old GIL beside --gil legacy: where a CPython 2.7 is installed, two threads counting down a
 * pure-Python loop against the same two countdowns one after another (Beazley's 2009 test), in
 * rounds, each a request to the countdown driver (workloads/python/gilbench_countdown.py), which
 * the launcher starts as it starts every CPython. run/calibration.ts puts the simulation's --gil
 * legacy beside it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Interval } from '../results/types.js';
import { pairedSpeedup } from '../stats/paired.js';
import { checkInterpreter, startDriver, type Interpreter } from './python-driver.js';

export type LegacyPlan = Interpreter;

const COUNTDOWN = 'gilbench_countdown.py';

/** The CPython 2.7 installed here (on PATH as python2.7, or under pyenv), if any. */
export function findLegacyPython(env: NodeJS.ProcessEnv = process.env): string[] {
  const found: string[] = [];
  const root = env['PYENV_ROOT'] ?? join(homedir(), '.pyenv');
  const versions = join(root, 'versions');
  if (existsSync(versions))
    for (const version of readdirSync(versions)
      .filter((v) => v.startsWith('2.7'))
      .sort()
      .reverse())
      found.push(join(versions, version, 'bin', 'python2.7'));
  found.push('python2.7');
  return found.filter((command) => command === 'python2.7' || existsSync(command));
}

/** The first of the candidates that runs and is CPython 2.7. */
export async function legacyPlan(candidates: readonly string[]): Promise<LegacyPlan | undefined> {
  for (const command of candidates) {
    const found = await checkInterpreter(command, {
      oldest: [2, 7],
      option: 'CPython 2.7',
      needs: 'the old GIL needs',
    }).catch(() => undefined);
    if (found?.version.startsWith('2.7')) return found;
  }
  return undefined;
}

/**
 * Two threads against one after another on the countdown, in `rounds` rounds: the speedup with
 * its 95% interval. Stops after the round in flight when `signal` is aborted.
 */
export async function countdownSpeedup(
  plan: LegacyPlan,
  { quick, rounds }: { quick: boolean; rounds: number },
  { signal, onRound }: { signal?: AbortSignal; onRound?(done: number, of: number): void } = {},
): Promise<Interval> {
  const driver = await startDriver(plan, COUNTDOWN);
  const alone: number[] = [];
  const both: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      if (signal?.aborted) throw new Error('stopped');
      const got = await driver.request<{ alone: number; both: number }>(
        { op: 'pair', n: quick ? 1_000_000 : 3_000_000 },
        120_000,
        `CPython ${plan.version}'s countdown ran past 120 s`,
      );
      alone.push(got.alone);
      both.push(got.both);
      onRound?.(round + 1, rounds);
    }
  } finally {
    await driver.close();
  }
  const index = alone.map((_, i) => i);
  return pairedSpeedup('median', { samples: alone, rounds: index }, { samples: both, rounds: index });
}
