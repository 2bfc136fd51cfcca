import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from './types.js';

/** `2026-11-25T19-40-12-345Z`: sortable, and legal in file names everywhere. */
function stamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

/**
 * Writes `content` to `path` atomically: a temp file in the same folder, then a hard link to the
 * final name. A crash leaves no half-written file, and an existing file is never overwritten.
 * Returns false when the name is taken.
 */
async function writeNew(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Replaces `path` with `content` atomically: a temp file in the same folder, then a rename. Readers
 * see the old file or the new one, never a half-written one.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Saves a run as `<dir>/<timestamp>-<suite>.json` and returns the path. */
export async function saveResult(result: SuiteResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = `${stamp(result.startedAt)}-${result.suite}${result.partial ? '-partial' : ''}`;
  const content = `${JSON.stringify(result, null, 2)}\n`;
  // Two runs started in the same millisecond get distinct names instead of clobbering each other.
  for (let n = 1; n < 100; n++) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}.json`);
    if (await writeNew(path, content)) return path;
  }
  throw new Error(`could not find a free file name for ${base}.json in ${dir}`);
}
