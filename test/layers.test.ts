import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the layer check, with the project's own rules, over a small tree of files. */
async function cruise(files: Record<string, string>): Promise<{ code: number; out: string }> {
  const dir = await tempDir();
  await writeFile(join(dir.path, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext' } }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir.path, path, '..'), { recursive: true });
    await writeFile(join(dir.path, path), text);
  }
  try {
    const { stdout } = await run(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], { cwd: dir.path });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  } finally {
    await dir.remove();
  }
}

describe('the layers of docs/architecture.md', () => {
  it('accept imports that run the right way', async () => {
    const checked = await cruise({
      'src/measure/runner.ts': "import { x } from '../results/types.js';\nexport const y = x;\n",
      'src/results/types.ts': 'export const x = 1;\n',
    });
    expect(checked.code, checked.out).toBe(0);
  }, 30_000);

  it('reject a reporter that imports the measurement, naming the rule', async () => {
    const checked = await cruise({
      'src/reporters/table.ts': "import { y } from '../measure/runner.js';\nexport const z = y;\n",
      'src/measure/runner.ts': 'export const y = 1;\n',
    });
    expect(checked.code).not.toBe(0);
    expect(checked.out).toContain('reporters-not-to-measure: src/reporters/table.ts → src/measure/runner.ts');
  }, 30_000);

  it('reject measurement that asks analysis what to do: only the scheduler consults it', async () => {
    const checked = await cruise({
      'src/measure/rounds.ts': "import { u } from '../analysis/settle.js';\nexport const v = u;\n",
      'src/analysis/settle.ts': 'export const u = 1;\n',
      'src/engine/node-engine.ts': "import { w } from '../run/scheduler.js';\nexport const x = w;\n",
      'src/run/scheduler.ts': 'export const w = 1;\n',
    });
    expect(checked.code).not.toBe(0);
    expect(checked.out).toContain('measure-not-to-analysis: src/measure/rounds.ts → src/analysis/settle.ts');
    expect(checked.out).toContain('engine-not-to-run: src/engine/node-engine.ts → src/run/scheduler.ts');
  }, 30_000);

  it('reject results that load a strategy instead of naming it', async () => {
    const checked = await cruise({
      'src/results/compare.ts': "import { s } from '../strategies/registry.js';\nexport const t = s;\n",
      'src/strategies/registry.ts': 'export const s = 1;\n',
    });
    expect(checked.out).toContain('strategies-only-by-name: src/results/compare.ts → src/strategies/registry.ts');
  }, 30_000);

  it('keep the GitHub Action on top: nothing imports it, and it runs the command rather than measuring', async () => {
    const checked = await cruise({
      'src/reporters/markdown.ts': "import { f } from '../action/fit.js';\nexport const g = f;\n",
      'src/action/fit.ts': 'export const f = 1;\n',
      'src/action/gate.ts': "import { r } from '../run/session.js';\nexport const h = r;\n",
      'src/run/session.ts': 'export const r = 1;\n',
    });
    expect(checked.code).not.toBe(0);
    expect(checked.out).toContain('nothing-to-action: src/reporters/markdown.ts → src/action/fit.ts');
    expect(checked.out).toContain('action-not-to-run: src/action/gate.ts → src/run/session.ts');
  }, 30_000);
});

/** Every source file under `dir` (relative to the root), with its text. */
async function sources(dir: string): Promise<Array<{ path: string; text: string }>> {
  const { readdir, readFile } = await import('node:fs/promises');
  const files = (await readdir(join(ROOT, dir), { recursive: true })).filter((f) => f.endsWith('.ts'));
  return Promise.all(
    files.map(async (f) => ({ path: `${dir}/${f}`, text: await readFile(join(ROOT, dir, f), 'utf8') })),
  );
}

describe('what only one place does', () => {
  it('src/run/ neither prints nor exits: only src/cli/ does', async () => {
    const offending = (await sources('src/run'))
      .filter(({ text }) => /process\.exit|console\.|\.write\(|process\.std(out|err)/.test(text))
      .map(({ path }) => path);
    expect(offending).toEqual([]);
  });

  it('CPython is started in one place: the launcher', async () => {
    // A process started from anything but this Node binary (the action's gil-bench) or git.
    const other = /(?<![.\w]|private )(spawn|execFile|execFileSync|spawnSync|exec)\((?!process\.execPath|'git')/;
    const starting = (await sources('src')).filter(({ text }) => other.test(text)).map(({ path }) => path);
    expect(starting).toEqual(['src/engine/python-driver.ts']);
  });
});
