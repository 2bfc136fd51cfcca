import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveResult } from '../src/results/store.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { tempDir } from './helpers.js';

describe('saveResult', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('writes <timestamp>-<suite>.json, complete, with no temp file left', async () => {
    const path = await saveResult(suiteFixture, join(dir.path, 'nested', 'results'));
    expect(path).toMatch(/2026-11-25T10-00-00-000Z-cpu\.json$/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(suiteFixture);
    expect(await readdir(join(dir.path, 'nested', 'results'))).toEqual(['2026-11-25T10-00-00-000Z-cpu.json']);
  });

  it('never clobbers: runs saved at the same moment get distinct files', async () => {
    const paths = await Promise.all([1, 2, 3].map(() => saveResult(suiteFixture, dir.path)));
    expect(new Set(paths).size).toBe(3);
    expect((await readdir(dir.path)).sort()).toEqual([
      '2026-11-25T10-00-00-000Z-cpu-2.json',
      '2026-11-25T10-00-00-000Z-cpu-3.json',
      '2026-11-25T10-00-00-000Z-cpu.json',
    ]);
  });

  it('marks an interrupted run in its name', async () => {
    expect(await saveResult({ ...suiteFixture, partial: true }, dir.path)).toMatch(/-cpu-partial\.json$/);
  });
});
