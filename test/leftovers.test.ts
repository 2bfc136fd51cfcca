import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuite } from '../src/run/run-suite.js';
import { eventually, osThreadCount, tinyConfig, ownTmpdir, removeOwnTmpdir } from './helpers.js';

// A TMPDIR of this file's own: no other test file's temp folders appear in it.
const OWN_TMP = ownTmpdir();
afterAll(() => removeOwnTmpdir(OWN_TMP));
const ourTempFolders = (): string[] => readdirSync(OWN_TMP).filter((name) => name.startsWith('gil-bench-files-'));
/** Sockets, servers and open files of this process (the test runner's own pipes are counted before). */
const ioHandles = (): string[] =>
  process
    .getActiveResourcesInfo()
    .filter((kind) => /TCP|Pipe|FSReq|FileHandle/.test(kind))
    .sort();

describe('a run leaves nothing behind', () => {
  it('no temp folder, socket, server or worker thread survives the I/O suite', async () => {
    const foldersBefore = ourTempFolders();
    const threadsBefore = osThreadCount();
    const handlesBefore = ioHandles();
    const result = await runSuite(
      tinyConfig({
        suite: 'io',
        workloads: [{ name: 'files' }, { name: 'http' }, { name: 'tcp' }],
        tasks: 2,
        iterations: 1,
      }),
    );
    expect(result.cells.every((cell) => cell.state === 'completed')).toBe(true);
    expect(ourTempFolders()).toEqual(foldersBefore);
    await eventually(() => ioHandles().length <= handlesBefore.length);
    expect(ioHandles()).toEqual(handlesBefore);
    await eventually(() => osThreadCount() <= threadsBefore);
    expect(osThreadCount()).toBeLessThanOrEqual(threadsBefore);
  });
});
