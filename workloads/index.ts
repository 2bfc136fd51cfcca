import { fibonacci } from './cpu/fib.js';
import { primes } from './cpu/primes.js';
import { http } from './io/http.js';
import { timerSleep } from './io/sleep.js';
import { convoy } from './mixed/convoy.js';
import type { Workload } from './types.js';

export type { Workload, WorkloadKind, TaskContext, SizeName, InputOptions, WorkloadSetup } from './types.js';
export { SIZES } from './types.js';

/** Every built-in workload, in the order they are run and listed. */
export const builtinWorkloads: readonly Workload[] = [primes, fibonacci, timerSleep, http, convoy] as readonly Workload[];

/** Finds a built-in workload by name. */
export function findWorkload(name: string): Workload | undefined {
  return builtinWorkloads.find((w) => w.name === name);
}
