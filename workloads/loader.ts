import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkloadContractError } from './contract-error.js';
import { findWorkload } from './index.js';
import { SIZES, type Workload, type WorkloadFocus, type WorkloadKind } from './types.js';

/** Names a workload so that any thread can load it: a built-in by name, or a user's module file. */
export interface WorkloadRef {
  name: string;
  /** Absolute path of a user workload module; absent for built-ins. */
  file?: string;
}

export { WorkloadContractError };

const KINDS: readonly WorkloadKind[] = ['cpu', 'io', 'mixed'];
const FOCUSES: readonly WorkloadFocus[] = ['throughput', 'io-latency', 'loop-lag'];

/** Checks a module's exports against the contract and returns them as a Workload. */
export function checkContract(file: string, exports: Record<string, unknown>): Workload {
  const source = (
    typeof exports['default'] === 'object' && exports['default'] !== null ? exports['default'] : exports
  ) as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new WorkloadContractError(`${file}: ${what}`);
  };
  const name = source['name'];
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/i.test(name))
    fail('export "name" must be a non-empty string of letters, digits and dashes');
  if (!KINDS.includes(source['kind'] as WorkloadKind)) fail(`export "kind" must be one of ${KINDS.join(', ')}`);
  if (typeof source['run'] !== 'function') fail('export "run" is not a function');
  if (typeof source['inputs'] !== 'function') fail('export "inputs" is not a function');
  if (source['setup'] !== undefined && typeof source['setup'] !== 'function') fail('export "setup" is not a function');
  const description = typeof source['description'] === 'string' ? source['description'] : `user workload from ${file}`;
  const sizes = source['sizes'];
  return {
    name: name as string,
    kind: source['kind'] as WorkloadKind,
    ...(FOCUSES.includes(source['focus'] as WorkloadFocus) ? { focus: source['focus'] as WorkloadFocus } : {}),
    description,
    ...(typeof sizes === 'object' && sizes !== null && SIZES.every((s) => s in sizes)
      ? { sizes: sizes as Workload['sizes'] }
      : {}),
    inputs: oneInputPerTask(file, source['inputs'] as Workload['inputs']),
    run: source['run'] as Workload['run'],
    ...(source['setup'] ? { setup: source['setup'] as NonNullable<Workload['setup']> } : {}),
  };
}

/**
 * A user's `inputs` held to the contract: one input per task asked for. A shorter list would run
 * fewer tasks than the threads expect and be reported as a finding ("nothing can overlap").
 */
function oneInputPerTask(file: string, given: Workload['inputs']): Workload['inputs'] {
  return (options) => {
    const made: unknown = given(options);
    if (Array.isArray(made) && made.length === options.tasks) return made;
    const got = Array.isArray(made) ? `${made.length} input${made.length === 1 ? '' : 's'}` : typeOf(made);
    throw new WorkloadContractError(
      `${definedAt(file, given)}: inputs() returned ${got} for ${options.tasks} tasks; return one input per task`,
    );
  };
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}

/** "file:line" of a function defined in `file` (its source text found there), else the file alone. */
function definedAt(file: string, fn: (...args: never[]) => unknown): string {
  try {
    const text = readFileSync(resolve(file), 'utf8');
    const at = text.indexOf(fn.toString());
    return at < 0 ? file : `${file}:${text.slice(0, at).split('\n').length}`;
  } catch {
    return file;
  }
}

/**
 * Where a module's syntax error is, as "file:line:column". A failed import() says what is wrong but
 * not where; Node's syntax check of the same file shows the line and a caret under the column.
 * Undefined when the check finds nothing (the error is in a module the file imports).
 */
export function syntaxErrorAt(path: string): string | undefined {
  const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  const found = locate(checked.stderr ?? '', `${path}:`);
  if (found) return `${path}${found}`;
  // Outside a "type": "module" package Node checks a .js file as CommonJS and may print nothing;
  // the same text checked as a module, from stdin, says where.
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const asModule = spawnSync(process.execPath, ['--input-type=module', '--check'], {
    input: text,
    encoding: 'utf8',
    timeout: 10_000,
  });
  const inModule = locate(asModule.stderr ?? '', '[stdin]:');
  return inModule ? `${path}${inModule}` : undefined;
}

/** ":line:column" from a syntax check's output, whose first line names the file as `prefix` + line. */
function locate(stderr: string, prefix: string): string | undefined {
  const lines = stderr.split('\n');
  const index = lines.findIndex((line) => line.startsWith(prefix));
  const line = index >= 0 ? /:(\d+)$/.exec(lines[index] ?? '')?.[1] : undefined;
  if (!line) return undefined;
  const caret = lines[index + 2]?.indexOf('^') ?? -1;
  return caret >= 0 ? `:${line}:${caret + 1}` : `:${line}`;
}

/** Imports a user workload file and checks it. */
export async function importWorkloadFile(file: string): Promise<Workload> {
  const path = resolve(file);
  const typescript = /\.[cm]?ts$/.test(path);
  // Node strips TypeScript types itself only from 22.6 on (process.features.typescript).
  if (typescript && !(process.features as { typescript?: unknown }).typescript) {
    throw new WorkloadContractError(
      `${file}: this Node.js (${process.version}) cannot load TypeScript; compile it to .js, or use Node ≥ 22.6`,
    );
  }
  // Checked first: Node's own message names the module that imported the file, which is ours.
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new WorkloadContractError(`${file}: no such file`);
  if (!found.isFile()) throw new WorkloadContractError(`${file}: is a folder, not a workload module`);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const at = error instanceof SyntaxError ? syntaxErrorAt(path) : undefined;
    throw new WorkloadContractError(`${at ?? file}: cannot import it: ${reason}`);
  }
  return checkContract(file, exports);
}

const cache = new Map<string, Promise<Workload>>();

/** Loads the workload a ref names, once per thread. */
export function loadWorkload(ref: WorkloadRef): Promise<Workload> {
  const key = ref.file ?? `builtin:${ref.name}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = ref.file
      ? importWorkloadFile(ref.file)
      : Promise.resolve(findWorkload(ref.name) ?? Promise.reject(new Error(`unknown workload "${ref.name}"`)));
    cache.set(key, loaded);
  }
  return loaded;
}
