import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPythonPath } from '../src/config/python-path.js';

describe('a --python path', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A bin folder with an executable python3.9 and, beside it, `python3` holding `content`. */
  function install(content: string): string {
    const root = mkdtempSync(join(tmpdir(), 'gil-bench-python-path-'));
    dirs.push(root);
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'bin', 'python3.9'), '#!/bin/sh\n');
    chmodSync(join(root, 'bin', 'python3.9'), 0o755);
    writeFileSync(join(root, 'bin', 'python3'), content);
    return root;
  }

  it('runs the interpreter a symbolic link left as a plain file names', () => {
    const root = install('python3.9');
    expect(checkPythonPath('bin/python3', root)).toBe(join('bin', 'python3.9'));
    expect(checkPythonPath('bin/python3.9', root)).toBe('bin/python3.9');
  });

  it('given the bin folder, names the link inside it, not a bin/ inside bin/', () => {
    const root = install('python3.9');
    expect(() => checkPythonPath('bin/', root)).toThrow(
      /^--python: "bin\/" is a folder; give the interpreter itself, e\.g\. --python bin\/python3$/,
    );
  });

  it('refuses a plain file that names nothing runnable beside it, in one line', () => {
    for (const content of ['python3.8', 'import sys\nprint(sys.version)\n', '../../usr/bin/python3']) {
      const root = install(content);
      expect(() => checkPythonPath('bin/python3', root)).toThrow(
        /^--python: "bin\/python3" is not executable; give a Python interpreter/,
      );
    }
  });
});
