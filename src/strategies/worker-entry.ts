/**
 * The module piscina runs in each thread of the `workers` strategy. Tasks run with no lock at all,
 * as in separate interpreters (multiprocessing).
 */
import { threadId } from 'node:worker_threads';
import { loadWorkload, type WorkloadRef } from '../../workloads/loader.js';
import { unlockedContext } from './main-thread.js';
import type { NativeTally } from './types.js';
import { markStarted } from './task-start.js';
import { gcTimer } from '../support/gc-time.js';

export interface PiscinaTask {
  ref: WorkloadRef;
  input: unknown;
  env: Record<string, unknown>;
  /** Marked when this thread starts the task, which starts its timeout (task-start.ts). */
  started?: SharedArrayBuffer;
}

export interface PiscinaReply {
  checksum: number;
  ioLatencies: number[];
  native: NativeTally;
  /** Garbage collection in this thread during the task, ms. */
  gcMs: number;
}

export default async function runTask({ ref, input, env, started }: PiscinaTask): Promise<PiscinaReply> {
  markStarted(started);
  const workload = await loadWorkload(ref);
  const sink = { ioLatencies: [] as number[], native: { calls: 0, ms: 0 } };
  const gc = gcTimer();
  const checksum = Number(await workload.run(input, unlockedContext(env, sink)));
  return { checksum, ...sink, gcMs: gc.stop() };
}

const blocker = new Int32Array(new SharedArrayBuffer(4));

/** Occupies this thread for `ms` so that N concurrent calls land on N distinct threads. */
export function occupy(ms: number): number {
  Atomics.wait(blocker, 0, 0, ms);
  return threadId;
}

/** A task's input back as it came, with no work: what handing a task to a thread and back costs. */
export function echo(input: unknown): unknown {
  return input;
}
