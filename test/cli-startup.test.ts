import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runBin, tempDir } from './helpers.js';

// What a command loads before it answers: --help, list and a bad flag must not wait for the pool
// library or any workload's code (they answer from the option table and the catalogue).
describe('what a quick answer loads', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => (dir = await tempDir()));
  afterAll(() => dir.remove());

  async function loaded(args: string[], name: string): Promise<{ code: number | null; urls: string[] }> {
    const log = join(dir.path, `${name}.log`);
    const ran = await runBin(args, {
      env: { IMPORT_LOG: log, NODE_OPTIONS: `--import ${fixture('record-imports.mjs')}` },
    });
    return { code: ran.code, urls: readFileSync(log, 'utf8').trim().split('\n') };
  }

  const heavy = (url: string): boolean =>
    /\/piscina\//.test(url) || /\/workloads\/(cpu|io|mixed)\//.test(url) || /\/strategies\/(?!names)/.test(url);

  it.each([
    ['help', ['--help'], 0],
    ['cpu-help', ['cpu', '--help'], 0],
    ['list', ['list'], 0],
    ['list-json', ['list', '--json'], 0],
    ['bad-flag', ['cpu', '--threads', 'x'], 2],
    ['bad-workload', ['cpu', '--workloads', 'nope'], 2],
  ])('%s loads no pool and no workload code', async (name, args, code) => {
    const got = await loaded(args, name);
    expect(got.code).toBe(code);
    // The log saw the entry point, so an empty list would not pass for a clean one.
    expect(got.urls.some((url) => url.endsWith('/cli/main.js'))).toBe(true);
    expect(got.urls.filter(heavy)).toEqual([]);
  });

  // The help screens answer from the option table alone: no checks, no V8 flags, no results code.
  it.each([
    ['help-only', ['--help']],
    ['cpu-help-only', ['cpu', '--help']],
    ['help-cmd', ['help', 'run']],
  ])('%s loads only the grammar, the option table and the examples', async (name, args) => {
    const got = await loaded(args, name);
    expect(got.code).toBe(0);
    const ours = got.urls
      .filter((url) => url.includes('/dist/') || url.startsWith('node:'))
      .map((url) => url.replace(/.*\/dist\//, ''));
    expect([...new Set(ours)].sort()).toEqual([
      'node:fs',
      'node:module',
      'src/cli/commander.js',
      'src/cli/examples.js',
      'src/cli/io.js',
      'src/cli/main.js',
      'src/cli/program.js',
      'src/config/defaults.js',
      'src/config/formats.js',
      'src/config/options.js',
      'src/errors.js',
      'src/version.js',
      'workloads/contract-error.js',
    ]);
  });

  it('a run does load them, so the check above can see them', async () => {
    const got = await loaded(
      ['run', '--workloads', 'fib', '--quick', '--iterations', '1', '--no-save', '--quiet'],
      'run',
    );
    expect(got.code).toBe(0);
    expect(got.urls.some((url) => url.includes('/piscina/'))).toBe(true);
    expect(got.urls.some((url) => url.includes('/workloads/cpu/fib.js'))).toBe(true);
  });
});
