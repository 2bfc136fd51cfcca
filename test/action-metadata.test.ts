/**
 * action.yml: valid against the action metadata schema, and in step with the script behind it
 * (every input it hands on is one the script reads, every output it maps is one the script sets).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

let action = '';
beforeAll(async () => {
  action = await readFile(join(ROOT, 'action.yml'), 'utf8');
});

/** The keys of a top-level section (two-space indented), in order. */
function keysOf(yaml: string, section: string): string[] {
  const body = yaml.split(new RegExp(`^${section}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? '';
  return [...body.matchAll(/^ {2}([\w-]+):/gm)].map((m) => m[1] ?? '');
}

const all = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((m) => m[1] ?? '');

describe('action.yml', () => {
  it('validates against the action metadata schema', () => {
    expect(validateAction(action).errors).toEqual([]);
  });

  it('is checked for real: a run step without its shell is refused', () => {
    const broken = action.replace(/^ {6}shell: bash\n/m, '');
    expect(broken).not.toBe(action);
    expect(validateAction(broken).errors.length).toBeGreaterThan(0);
  });

  it('hands the script only the inputs it declares, and every one it declares is used', async () => {
    const inputs = keysOf(action, 'inputs');
    expect(inputs).toEqual(expect.arrayContaining(['workload', 'base-ref', 'threshold', 'pairs', 'undecided']));
    const passed = all(action, /^\s+INPUT_([A-Z-]+):/gm).map((name) => name.toLowerCase());
    for (const name of passed) expect(inputs).toContain(name);
    for (const name of inputs) expect(`${passed.join(' ')} ${action}`).toMatch(new RegExp(`inputs\\.${name}\\b`));
    // What the script reads is what action.yml hands on.
    const script = [
      await readFile(join(ROOT, 'src', 'action', 'inputs.ts'), 'utf8'),
      await readFile(join(ROOT, 'src', 'action', 'main.ts'), 'utf8'),
    ].join('\n');
    const read = all(script, /(?:read|core\.getInput)\('([\w-]+)'\)/g);
    expect(read.length).toBeGreaterThan(8);
    for (const name of read) expect(passed).toContain(name);
  });

  it('maps outputs the script sets', async () => {
    const main = await readFile(join(ROOT, 'src', 'action', 'main.ts'), 'utf8');
    const set = all(main, /core\.setOutput\('([\w-]+)'/g);
    const used = all(action, /steps\.(?:gate|base)\.outputs\.([\w-]+)/g);
    expect(keysOf(action, 'outputs')).toEqual(
      expect.arrayContaining(['verdict', 'regressed', 'detectable', 'json', 'markdown']),
    );
    for (const name of used) expect(set).toContain(name);
  });

  it('never runs on pull_request_target, in its own workflows either', async () => {
    const workflow = await readFile(join(ROOT, '.github', 'workflows', 'bench.yml'), 'utf8');
    expect(validateWorkflow(workflow).errors).toEqual([]);
    expect(workflow).toContain('uses: ./');
    expect(workflow).toMatch(/pull-requests: write/);
    expect(`${action}\n${workflow}`).not.toContain('pull_request_target');
  });
});
