/**
 * A baseline's history: the last few saves of a name, kept beside it in
 * `baselines/NAME.history/`, so the gate can measure the spread between runs of the same code.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { loadResult } from './load.js';
import { saveResult } from './store.js';
import type { SuiteResult } from './types.js';

/** Saves kept per name: enough for a spread, few enough that an old runner's days age out. */
export const HISTORY_KEEP = 5;

export function historyDir(resultsDir: string, name: string): string {
  return join(resultsDir, 'baselines', `${name}.history`);
}

/** Adds a save to the history and drops the oldest beyond HISTORY_KEEP. */
export async function addToHistory(result: SuiteResult, resultsDir: string, name: string): Promise<void> {
  const dir = historyDir(resultsDir, name);
  await saveResult(result, dir);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const old of files.slice(0, Math.max(0, files.length - HISTORY_KEEP))) await unlink(join(dir, old));
}

/** The history's saves, oldest first; none when the name has no history. */
export async function loadHistory(resultsDir: string, name: string): Promise<SuiteResult[]> {
  const dir = historyDir(resultsDir, name);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(files.slice(-HISTORY_KEEP).map((f) => loadResult(join(dir, f))));
}
