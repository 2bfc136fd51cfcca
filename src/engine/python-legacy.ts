/**
 * The old GIL beside --gil legacy: where a CPython 2.7 is installed, two threads counting down a
 * pure-Python loop against the same two countdowns one after another (Beazley's 2009 test), in
 * alternating rounds. run/calibration.ts puts the simulation's --gil legacy beside it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Interval } from '../results/types.js';
import { pairedSpeedup } from '../stats/paired.js';

export interface LegacyPlan {
  /** A CPython 2.7 to run. */
  command: string;
  version: string;
}

// Python 2 and 3 alike: the countdown twice in a row, then in two threads at once, `rounds` times.
const COUNTDOWN = `
import json, platform, sys, threading, time
n, rounds = int(sys.argv[1]), int(sys.argv[2])
def count(k):
    while k > 0:
        k -= 1
pairs = []
for _ in range(rounds):
    t = time.time(); count(n); count(n); alone = time.time() - t
    ts = [threading.Thread(target=count, args=(n,)) for _ in range(2)]
    t = time.time()
    for x in ts: x.start()
    for x in ts: x.join()
    pairs.append([alone, time.time() - t])
print(json.dumps({"implementation": platform.python_implementation(), "version": platform.python_version(), "pairs": pairs}))
`;

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

/** Runs the countdown in `command`; its answer, or why it failed. */
function countdown(command: string, n: number, rounds: number, signal?: AbortSignal) {
  return new Promise<{ implementation: string; version: string; pairs: [number, number][] }>((resolve, reject) => {
    execFile(
      command,
      ['-c', COUNTDOWN, String(n), String(rounds)],
      { timeout: 120_000, encoding: 'utf8', ...(signal ? { signal } : {}) },
      (error, stdout) => {
        if (error) return reject(error);
        try {
          resolve(JSON.parse(stdout) as { implementation: string; version: string; pairs: [number, number][] });
        } catch (parse) {
          reject(parse instanceof Error ? parse : new Error(String(parse)));
        }
      },
    );
  });
}

/** The first of the candidates that runs and is CPython 2.7, with its version. */
export async function legacyPlan(candidates: readonly string[]): Promise<LegacyPlan | undefined> {
  for (const command of candidates) {
    const answer = await countdown(command, 1, 1).catch(() => undefined);
    if (answer?.implementation === 'CPython' && answer.version.startsWith('2.7'))
      return { command, version: answer.version };
  }
  return undefined;
}

/** Two threads against one after another on the countdown, in `rounds` alternating rounds: the speedup with its 95% interval. */
export async function countdownSpeedup(
  plan: LegacyPlan,
  { quick, rounds }: { quick: boolean; rounds: number },
  signal?: AbortSignal,
): Promise<Interval> {
  const answer = await countdown(plan.command, quick ? 1_000_000 : 3_000_000, rounds, signal);
  const index = answer.pairs.map((_, i) => i);
  return pairedSpeedup(
    'median',
    { samples: answer.pairs.map(([alone]) => alone), rounds: index },
    { samples: answer.pairs.map(([, both]) => both), rounds: index },
  );
}
