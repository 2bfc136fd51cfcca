import { createHash } from 'node:crypto';
import { seededBytes } from '../bytes.js';
import { seededRandom, randomInt } from '../random.js';
import type { SizeName, TaskContext, Workload } from '../types.js';
import { digestChecksum } from './sha256.js';

/** 1 MiB updates per task (about 3 / 10 / 40 / 150 ms on a core with SHA extensions). */
const ROUNDS: Record<SizeName, number> = { xs: 4, s: 16, m: 64, l: 256 };
const CHUNK = 1 << 20;

export interface NativeHashInput {
  seed: number;
  rounds: number;
}

/**
 * SHA-256 by node:crypto (OpenSSL): native code outside the interpreter. Like `hashlib`, which
 * releases the GIL for updates over 2047 bytes, each 1 MiB update runs with the lock released, so
 * this parallelises even under the GIL, where the JavaScript SHA-256 cannot.
 */
export const nativeHash: Workload<NativeHashInput> = {
  name: 'native-hash',
  kind: 'cpu',
  description: 'SHA-256 by node:crypto, releasing the lock like hashlib does: native work runs in parallel even under the GIL',
  sizes: { xs: '4 × 1 MiB', s: '16 × 1 MiB', m: '64 × 1 MiB', l: '256 × 1 MiB' },
  inputs({ tasks, size, seed }) {
    const random = seededRandom(seed);
    return Array.from({ length: tasks }, () => ({ seed: randomInt(random, 1_000_000), rounds: ROUNDS[size] }));
  },
  run({ seed, rounds }: NativeHashInput, ctx: TaskContext) {
    const chunk = seededBytes(seed, CHUNK);
    const hash = createHash('sha256');
    for (let round = 0; round < rounds; round++) {
      ctx.checkpoint();
      ctx.native(() => hash.update(chunk));
    }
    return digestChecksum(hash.digest());
  },
};
