import { describe, expect, it } from 'vitest';
import { builtinWorkloads } from '../workloads/index.js';
import { startServer } from '../workloads/io/http.js';
import { callPython, findPython } from '../src/engine/python-bridge.js';
import { PYTHON3, runBin } from './helpers.js';

const ctx = (env: Record<string, unknown> = {}) => ({
  checkpoint() {},
  io: <T>(fn: () => Promise<T>) => fn(),
  native: <T>(fn: () => T) => fn(),
  env,
});

describe.skipIf(!PYTHON3)('the Python twin (skipped: no python3 ≥ 3.9 on PATH)', () => {
  it('reports the interpreter and whether it has a GIL', async () => {
    const info = await findPython(PYTHON3 as string);
    expect(info).toMatchObject({ command: 'python3', implementation: 'cpython', gil: true });
    expect(info.version).toMatch(/^3\.\d+\.\d+/);
  });

  it.each([
    ['primes', [{ from: 17, to: 4_017 }]],
    ['fib', [{ n: 18 }]],
    ['native-hash', [{ seed: 7, rounds: 2 }]],
    ['sleep', [{ seed: 11, rounds: 2, waitMs: 1, cpuSpan: 200 }]],
  ])('%s: the same inputs give the same checksums as JavaScript', async (name, inputs) => {
    const workload = builtinWorkloads.find((w) => w.name === name);
    const js = [];
    for (const input of inputs) js.push(await workload?.run(input, ctx()));
    const python = await callPython<{ checksums: number[] }>(PYTHON3 as string, {
      op: 'checksums',
      workload: name,
      inputs,
    });
    expect(python.checksums).toEqual(js);
  });

  it("http: the same requests to gil-bench's loopback server give the same checksums", async () => {
    const server = await startServer();
    try {
      const inputs = [{ seed: 5, rounds: 2, latencyMs: 1, cpuSpan: 100 }];
      const workload = builtinWorkloads.find((w) => w.name === 'http');
      const js = [await workload?.run(inputs[0], ctx(server.env))];
      const python = await callPython<{ checksums: number[] }>(PYTHON3 as string, {
        op: 'checksums',
        workload: 'http',
        inputs,
        env: server.env,
      });
      expect(python.checksums).toEqual(js);
      // Every CPython strategy does the same work: asyncio's raw HTTP client included.
      const suite = await callPython<{ checksums: Record<string, number[]>; samples: Record<string, number[]> }>(
        PYTHON3 as string,
        {
          op: 'suite',
          workload: 'http',
          threads: 2,
          warmup: 0,
          iterations: 1,
          inputs: [...inputs, { seed: 6, rounds: 2, latencyMs: 1, cpuSpan: 100 }],
          env: server.env,
        },
      );
      expect(Object.keys(suite.samples).sort()).toEqual(['asyncio', 'processes', 'sequential', 'threads', 'to_thread']);
      for (const sums of Object.values(suite.checksums)) expect(sums).toEqual(suite.checksums['sequential']);
      expect(suite.checksums['sequential']?.[0]).toBe(js[0]);
    } finally {
      await server.teardown();
    }
  });
});

describe('calibrate without Python', () => {
  it('says so in one line, with how to point at one, and exits 2', async () => {
    const ran = await runBin(['calibrate', '--python', '/nonexistent/python3']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr.trimEnd()).toBe(
      'error: calibrate needs a Python ≥ 3.9 interpreter: none found as "/nonexistent/python3"; point at one with --python PATH',
    );
  });
});
