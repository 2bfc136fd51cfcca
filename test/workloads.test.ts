import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededBytes } from '../workloads/bytes.js';
import { digestChecksum, sha256 } from '../workloads/cpu/sha256.js';
import { builtinWorkloads } from '../workloads/index.js';
import { SIZES } from '../workloads/types.js';

describe('built-in workloads', () => {
  it('SHA-256 in JavaScript gives the same digest as node:crypto', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 64 * 64 + 3, 100_000]) {
      const data = seededBytes(length + 1, length);
      const expected = createHash('sha256').update(data).digest();
      expect({ length, digest: Buffer.from(sha256(data)).toString('hex') }).toEqual({
        length,
        digest: expected.toString('hex'),
      });
    }
    expect(digestChecksum(sha256(new TextEncoder().encode('abc')))).toBe(0xba7816bf);
  });

  /** Workloads whose every task does the same work whatever the seed, and why. */
  const FIXED_WORK: Record<string, string> = { fib: 'the same Fibonacci number in every task, by design' };

  it.each(builtinWorkloads.map((w) => [w.name, w] as const))(
    '%s: inputs come from the seed alone, for every size',
    (_, workload) => {
      for (const size of SIZES) {
        const a = workload.inputs({ tasks: 3, size, seed: 5 });
        expect(workload.inputs({ tasks: 3, size, seed: 5 })).toEqual(a);
        // Another seed, other work: a workload that ignored its seed would pass the line above.
        // Only a workload of fixed work by design may, and then it must.
        const other = expect(workload.inputs({ tasks: 3, size, seed: 6 }), FIXED_WORK[workload.name]);
        if (workload.name in FIXED_WORK) other.toEqual(a);
        else other.not.toEqual(a);
        expect(structuredClone(a)).toEqual(a);
        expect(workload.sizes?.[size]).toBeTruthy();
      }
      expect(workload.description.length).toBeGreaterThan(10);
    },
  );

  it('names are unique', () => {
    const names = builtinWorkloads.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the ratio workload moves work from CPU to waiting', () => {
    const ratio = builtinWorkloads.find((w) => w.name === 'ratio');
    const [cpu] = ratio?.inputs({ tasks: 1, size: 's', seed: 1, ioRatio: 0 }) as Array<{
      chunks: number;
      waitMs: number;
    }>;
    const [io] = ratio?.inputs({ tasks: 1, size: 's', seed: 1, ioRatio: 1 }) as Array<{
      chunks: number;
      waitMs: number;
    }>;
    expect(cpu).toMatchObject({ chunks: 40, waitMs: 0 });
    expect(io).toMatchObject({ chunks: 0, waitMs: 10 });
  });
});
