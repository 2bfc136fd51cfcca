import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { countdownSpeedup, findLegacyPython, legacyPlan } from '../src/engine/python-legacy.js';
import { describePython, measureConvoy } from '../src/engine/python-twin.js';
import { join } from 'node:path';
import { builtinWorkloads } from '../workloads/index.js';
import { PYTHON3, ROOT, runBin } from './helpers.js';

/** Python processes of this test's own (children of this process), by their command line. */
function pythonChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => /gilbench_(driver|countdown)/.test(line));
}

describe.skipIf(!PYTHON3)('CPython, started one way (skipped: no python3 ≥ 3.9 on PATH)', () => {
  it('reports the interpreter and whether it has a GIL, through the driver', async () => {
    const info = await describePython(PYTHON3 as string);
    expect(info).toMatchObject({ command: 'python3', implementation: 'cpython', gil: true });
    expect(info.version).toMatch(/^3\.\d+\.\d+/);
    expect(info.cpus).toBeGreaterThan(0);
    expect(pythonChildren()).toEqual([]);
  });

  it('measures the convoy in rounds, with progress: a wake-up beside a CPU thread waits about one switch interval', async () => {
    const python = await describePython(PYTHON3 as string);
    const rounds: number[] = [];
    const convoy = await measureConvoy(python, { switchIntervalMs: 5 }, { onRound: (done) => rounds.push(done) });
    expect(rounds).toEqual([1, 2, 3, 4]);
    if ('stopped' in convoy) throw new Error(convoy.stopped);
    // Each 5 ms sleep alone takes about 5 ms; beside pure Python it waits for the GIL too.
    expect(convoy.aloneP50).toBeGreaterThan(4.9);
    expect(convoy.besideP50 - convoy.aloneP50).toBeGreaterThan(2);
    expect(pythonChildren()).toEqual([]);
  }, 60_000);

  it('stops the convoy after the round in flight when its signal is aborted', async () => {
    const python = await describePython(PYTHON3 as string);
    const stop = new AbortController();
    const convoy = await measureConvoy(
      python,
      { switchIntervalMs: 5 },
      {
        signal: stop.signal,
        onRound: () => stop.abort(),
      },
    );
    expect(convoy).toEqual({ stopped: 'stopped' });
    expect(pythonChildren()).toEqual([]);
  }, 60_000);
});

const LEGACY = findLegacyPython().find((command) => command !== 'python2.7');

describe.skipIf(!LEGACY)('CPython 2.7 through the same launcher (skipped: none under pyenv)', () => {
  it('runs the countdown in rounds: two threads cannot compute in parallel under the old GIL', async () => {
    const plan = await legacyPlan(findLegacyPython());
    expect(plan?.version).toMatch(/^2\.7\./);
    if (!plan) return;
    const rounds: number[] = [];
    const speedup = await countdownSpeedup(plan, { quick: true, rounds: 3 }, { onRound: (done) => rounds.push(done) });
    expect(rounds).toEqual([1, 2, 3]);
    // In parallel they would take half the time (2×); under the old GIL they take turns, or battle.
    expect(speedup.value).toBeLessThan(1.5);
    expect(pythonChildren()).toEqual([]);
  }, 60_000);
});

describe('calibrate without Python', () => {
  it('says so in one line, with how to point at one, and exits 2', async () => {
    const ran = await runBin(['calibrate', '--python', '/nonexistent/python3']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.trimEnd()).toBe(
      'error: --python: "/nonexistent/python3": no such file; give a Python interpreter, e.g. --python python3',
    );
  });
});

describe.skipIf(!PYTHON3)("calibrate's CPython twins (skipped: no python3 ≥ 3.9 on PATH)", () => {
  it.each([
    ['primes', 'primes', [{ from: 17, to: 4_017 }]],
    ['fib', 'fibonacci', [{ n: 18 }]],
    ['native-hash', 'native_hash', [{ seed: 7, rounds: 2 }]],
  ])('%s: the same inputs give the same checksums as JavaScript', async (name, twin, inputs) => {
    const workload = builtinWorkloads.find((w) => w.name === name);
    const ctx = { checkpoint() {}, io: <T>(fn: () => Promise<T>) => fn(), native: <T>(fn: () => T) => fn(), env: {} };
    const js = [];
    for (const input of inputs) js.push(await workload?.run(input, ctx));
    const script = `import json, sys; sys.path.insert(0, sys.argv[1]); import calibrate_twins as t; print(json.dumps([t.${twin}(x) for x in json.loads(sys.argv[2])]))`;
    const python = JSON.parse(
      execFileSync(PYTHON3 as string, ['-c', script, join(ROOT, 'workloads', 'python'), JSON.stringify(inputs)], {
        encoding: 'utf8',
      }),
    ) as number[];
    expect(python).toEqual(js);
  });
});
