import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);

describe('the published package', () => {
  it('installs from its tarball into an empty folder and runs there', async () => {
    const dir = await tempDir();
    try {
      const { stdout } = await run('npm', ['pack', '--pack-destination', dir.path, '--json', '--ignore-scripts'], {
        cwd: ROOT,
      });
      const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
      const files = packed?.files.map((f) => f.path) ?? [];
      // Only what runs: the shim, the compiled code, the manifest, the docs.
      expect(files).toContain('bin/gil-bench.js');
      expect(files).toContain('dist/src/cli/main.js');
      expect(files).toContain('dist/src/strategies/gil/worker.js');
      // Loaded at run time: the result schema (compare, report) and the Python twin (calibrate).
      expect(files).toContain('schema/suite-result.schema.json');
      expect(files).toContain('workloads/python/gilbench_countdown.py');
      expect(files).toContain('workloads/examples/word-count.js');
      // Nor the self-benchmark: bench/ compiles to dist/bench/, which is not in `files` (nor are
      // its former places under src/, which a build that kept old outputs would still ship).
      expect(
        files.filter(
          (f) =>
            /^(dist\/)?bench\//.test(f) ||
            f.startsWith('dist/src/selfbench/') ||
            f.startsWith('dist/src/results/agreement.') ||
            f.includes('__pycache__'),
        ),
      ).toEqual([]);
      expect(
        files.filter(
          (f) => f.startsWith('test/') || f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
        ),
      ).toEqual([]);

      const project = join(dir.path, 'project');
      await mkdir(project);
      await run('npm', ['init', '-y'], { cwd: project });
      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir.path, packed?.filename ?? '')],
        { cwd: project },
      );
      const help = await run('npx', ['--no-install', 'gil-bench', '--help'], { cwd: project });
      expect(help.stdout).toContain('Usage: gil-bench');
      const tiny = await run(
        'npx',
        [
          '--no-install',
          'gil-bench',
          'cpu',
          '--workloads',
          'primes',
          '--size',
          'xs',
          '--tasks',
          '2',
          '--iterations',
          '1',
          '--warmup',
          '0',
          '--json',
          '--no-save',
        ],
        { cwd: project },
      );
      const result = JSON.parse(tiny.stdout) as { cells: Array<{ state: string }> };
      expect(result.cells.map((c) => c.state)).toEqual([
        'completed',
        'completed',
        'completed',
        'completed',
        'completed',
      ]);
      expect(await readdir(project)).not.toContain('bench-results');
    } finally {
      await dir.remove();
    }
  }, 240_000);
});
