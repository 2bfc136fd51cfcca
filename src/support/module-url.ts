import { Worker } from 'node:worker_threads';

/**
 * Worker threads on Node 20 load JavaScript only. Compiled code finds its sibling `.js` next to
 * itself; when the sources run directly as TypeScript (under the test runner) the sibling lives in
 * the compiled tree, `dist/`, which the `pretest` build keeps up to date.
 */
export function compiledModuleUrl(relative: string, base: string): URL {
  const url = new URL(relative, base);
  if (!base.endsWith('.ts')) return url;
  const href = url.href;
  const root = href.lastIndexOf('/src/') >= 0 ? href.lastIndexOf('/src/') : href.lastIndexOf('/workloads/');
  return new URL(`${href.slice(0, root)}/dist${href.slice(root)}`);
}

let checkedArgv: string[] | undefined;

/**
 * Node options for worker threads: the parent's, less those a worker refuses — `--input-type`
 * (which breaks a worker started by `node --input-type=module -e …`) and per-process options such as
 * V8 heap sizes, which Node reports by name when a worker is created with them.
 */
export function workerExecArgv(): string[] {
  if (checkedArgv) return checkedArgv;
  const argv = process.execArgv;
  let accepted = argv.filter((arg, i) => !arg.startsWith('--input-type') && argv[i - 1] !== '--input-type');
  if (accepted.length > 0) {
    try {
      void new Worker('', { eval: true, execArgv: accepted }).terminate();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      const refused = (error as Error).message.split(': ').slice(1).join(': ').split(', ');
      accepted = accepted.filter((arg) => !refused.includes(arg));
    }
  }
  checkedArgv = accepted;
  return accepted;
}
