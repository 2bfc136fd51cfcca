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

/**
 * Node options for worker threads: the parent's, less the ones only a main script can take
 * (`--input-type`, which breaks a worker started by `node --input-type=module -e …`).
 */
export function workerExecArgv(): string[] {
  const argv = process.execArgv;
  return argv.filter((arg, i) => !arg.startsWith('--input-type') && argv[i - 1] !== '--input-type');
}
