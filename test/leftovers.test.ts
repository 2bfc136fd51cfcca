import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../src/run/run-suite.js';
import { eventually, osThreadCount, tinyConfig } from './helpers.js';

const ourTempFolders = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('gil-bench-files-'));
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
