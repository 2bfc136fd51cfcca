import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addToHistory, HISTORY_KEEP, historyDir, loadHistory } from '../src/results/history.js';
import { runWith } from './fixtures/results.js';
import { tempDir } from './helpers.js';

describe("a baseline's history of saves", () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('keeps the last five saves of a name, oldest first, and drops the older ones', async () => {
    for (let i = 0; i < 7; i++) {
      const run = { ...runWith(1.02, 0.5), startedAt: new Date(Date.UTC(2026, 11, 3, 10, i)).toISOString() };
      await addToHistory(run, dir.path, 'main');
    }
    expect(await readdir(historyDir(dir.path, 'main'))).toHaveLength(HISTORY_KEEP);
    const history = await loadHistory(dir.path, 'main');
    expect(history.map((r) => new Date(r.startedAt).getUTCMinutes())).toEqual([2, 3, 4, 5, 6]);
  });

  it('has no history for a name never saved', async () => {
    expect(await loadHistory(dir.path, 'never')).toEqual([]);
  });
});
