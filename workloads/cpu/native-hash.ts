import { createHash } from 'node:crypto';
import { seededBytes } from '../bytes.js';
import { seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';
import { digestChecksum } from './sha256.js';

/** 1 MiB updates per task (about 3 / 10 / 40 / 150 ms on a core with SHA extensions). */
const ROUNDS: Record<SizeName, number> = { xs: 4, s: 16, m: 64, l: 256 };
const CHUNK = 1 << 20;
const PATTERN = 64;
/**
 * One buffer per thread, refilled by each task (tasks run synchronously, so they never share it
 * mid-task): a fresh 1 MiB per task is garbage that V8 collects only after tens of MB of it.
 */
const chunk = new Uint8Array(CHUNK);

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
  ...described('native-hash'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, rounds: ROUNDS[size] }));
  },
  run({ seed, rounds }: NativeHashInput, ctx: TaskContext) {
    // A seeded 64-byte pattern, repeated: cheap to make in any language (the Python twin makes the
    // same bytes), and SHA-256 costs the same on any bytes.
    chunk.set(seededBytes(seed, PATTERN));
    for (let filled = PATTERN; filled < CHUNK; filled *= 2) chunk.copyWithin(filled, 0, filled);
    const hash = createHash('sha256');
    for (let round = 0; round < rounds; round++) {
      ctx.checkpoint();
      ctx.native(() => hash.update(chunk));
    }
    return digestChecksum(hash.digest());
  },
};
