import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBin, tempDir } from './helpers.js';

describe('a workload file with a syntax error', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('outside a "type": "module" package, is refused with its file:line:column', async () => {
    // A temp folder has no package.json: Node checks a .js file there as CommonJS, and says nothing.
    const file = join(dir.path, 'bad.js');
    await writeFile(file, "export const name = 'bad';\nconst y = 1 2;\n");
    const ran = await runBin(['run', '--workload', file, '--no-save'], { cwd: dir.path });
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toBe(`error: ${file}:2:13: cannot import it: Unexpected number`);
  });
});
