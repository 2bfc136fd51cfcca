/** The Python files shipped in workloads/python/: the driver, and calibrate's twin workload modules. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of workloads/python/NAME, from the sources or from the compiled package. */
export function pythonFile(name: string): string {
  for (const relative of [`./python/${name}`, `../../workloads/python/${name}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`workloads/python/${name} is missing from the package`);
}

/** calibrate's workloads that have a CPython twin, and the twin module of each. */
export const CALIBRATE_TWINS: Readonly<Record<string, string>> = {
  primes: 'calibrate_primes.py',
  fib: 'calibrate_fib.py',
  'native-hash': 'calibrate_native_hash.py',
  sleep: 'calibrate_sleep.py',
};
