import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededBytes } from '../bytes.js';
import { CHECKSUM_SEED, mix } from '../checksum.js';
import { seededTasks } from '../../src/support/random.js';
import { privateTempDir } from '../../src/support/temp-dirs.js';
import { described } from '../catalogue.js';
import type { SizeName, Workload } from '../types.js';
import { handlerRounds } from './rounds.js';

const ROUNDS: Record<SizeName, number> = { xs: 5, s: 5, m: 10, l: 20 };
const FILE_BYTES = 16 << 10;

export interface FilesInput {
  id: number;
  seed: number;
  rounds: number;
  /** Candidates of CPU work per round (default about 0.3 ms); calibration sets it per language. */
  cpuSpan?: number;
}

/** Writes a file, forces it to disk, and reads it back: the checksum covers what was read. */
async function writeSyncRead(path: string, data: Uint8Array): Promise<number> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const back = await readFile(path);
  let hash = mix(CHECKSUM_SEED, back.length);
  for (let i = 0; i < back.length; i += 64) hash = mix(hash, back[i] as number);
  return hash;
}

/**
 * Real file I/O in a private temp folder (created 0700 by mkdtemp, removed after the run). Node runs
 * file calls on libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), which caps how many overlap.
 */
export const files: Workload<FilesInput> = {
  ...described('files'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed, id) => ({ id, seed: taskSeed, rounds: ROUNDS[size] }));
  },
  async setup() {
    const { dir, remove } = await privateTempDir('gil-bench-files-');
    return { env: { dir }, teardown: remove };
  },
  run({ id, seed, rounds, cpuSpan }: FilesInput, ctx) {
    const dir = String(ctx.env['dir']);
    return handlerRounds(
      ctx,
      seed,
      rounds,
      (round) => writeSyncRead(join(dir, `task${id}-round${round}.dat`), seededBytes(seed + round, FILE_BYTES)),
      cpuSpan,
    );
  },
};
