import { fibonacci } from './cpu/fib.js';
import { json } from './cpu/json.js';
import { matmul } from './cpu/matmul.js';
import { nativeHash } from './cpu/native-hash.js';
import { primes } from './cpu/primes.js';
import { regex } from './cpu/regex.js';
import { sha256Js } from './cpu/sha256.js';
import { files } from './io/files.js';
import { http } from './io/http.js';
import { timerSleep } from './io/sleep.js';
import { tcp } from './io/tcp.js';
import { convoy } from './mixed/convoy.js';
import { ratio } from './mixed/ratio.js';
import { responsiveness } from './mixed/responsiveness.js';
import type { Workload } from './types.js';

export type {
  Workload,
  WorkloadKind,
  WorkloadFocus,
  TaskContext,
  SizeName,
  InputOptions,
  WorkloadSetup,
} from './types.js';
export { SIZES } from './types.js';

/** Every built-in workload, in the order they are run and listed. */
export const builtinWorkloads: readonly Workload[] = [
  primes,
  fibonacci,
  sha256Js,
  matmul,
  json,
  regex,
  nativeHash,
  timerSleep,
  files,
  http,
  tcp,
  convoy,
  responsiveness,
  ratio,
] as readonly Workload[];

/** Finds a built-in workload by name. */
export function findWorkload(name: string): Workload | undefined {
  return builtinWorkloads.find((w) => w.name === name);
}
