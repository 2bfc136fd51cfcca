/**
 * Private temp folders that must not outlive the process. Their owner removes them as usual; should
 * the process exit first (a second Ctrl-C quits at once, without the clean-up), whatever is still
 * registered is removed synchronously on the way out: an 'exit' listener can do nothing async.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

function removeAllNow(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** A new folder under the system's temp folder (mode 0700), and how to remove it. */
export async function privateTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (live.size === 0) process.once('exit', removeAllNow);
  live.add(dir);
  return {
    dir,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      live.delete(dir);
      if (live.size === 0) process.off('exit', removeAllNow);
    },
  };
}
