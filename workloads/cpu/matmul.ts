import { seededRandom, seededTasks } from '../../src/support/random.js';
import { CHECKSUM_SEED, mix } from '../checksum.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Matrix side per size (about 2.5 / 11 / 40 / 150 ms on a 2020s core). */
const SIDE: Record<SizeName, number> = { xs: 100, s: 175, m: 270, l: 430 };

export interface MatmulInput {
  seed: number;
  n: number;
}

function seededMatrix(seed: number, n: number): Float64Array {
  const random = seededRandom(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < m.length; i++) m[i] = random() * 2 - 1;
  return m;
}

/** C = A × B for dense n × n matrices, in i-k-j order, with a checkpoint per row of C. */
export function multiply(a: Float64Array, b: Float64Array, n: number, checkpoint: () => void): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    checkpoint();
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k] as number;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[row + j] = (c[row + j] as number) + aik * (b[bk + j] as number);
    }
  }
  return c;
}

export const matmul: Workload<MatmulInput> = {
  ...described('matmul'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, n: SIDE[size] }));
  },
  run({ seed, n }: MatmulInput, ctx: TaskContext) {
    const c = multiply(seededMatrix(seed, n), seededMatrix(seed + 1, n), n, ctx.checkpoint);
    // Every element's exact bits go into the checksum: the same operations in the same order give them.
    let hash = CHECKSUM_SEED;
    const words = new Uint32Array(c.buffer);
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ (words[i] as number), 0x0100_0193) >>> 0;
    return mix(hash, n);
  },
};
