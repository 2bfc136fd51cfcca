/**
 * The file piscina is given for the `workers` strategy: a CommonJS door to `worker-entry.js`.
 *
 * piscina `require`s its file first. Since Node 20.19 that loads an ES module synchronously, and a
 * thread terminated in the middle of that load (a timed-out task's thread, or a crashed task's
 * replacement being torn down with the pool) aborts the whole process with V8's "Empty MaybeLocal"
 * in `CreateRequiredModuleFacade`. Loading the entry with `import()` instead, as here, lets a
 * terminated thread abandon the load like any other work.
 */
import type { PiscinaReply, PiscinaTask } from './worker-entry.js';

type Entry = typeof import('./worker-entry.js');
let entry: Promise<Entry> | undefined;
const load = (): Promise<Entry> => (entry ??= import('./worker-entry.js'));

export default async function runTask(task: PiscinaTask): Promise<PiscinaReply> {
  return (await load()).default(task);
}

export async function occupy(ms: number): Promise<number> {
  return (await load()).occupy(ms);
}

export async function echo(input: unknown): Promise<unknown> {
  return (await load()).echo(input);
}
