/**
 * A --python that names a path is checked before any interpreter starts: a folder (a virtual
 * environment, a Python install) or a file that cannot run would otherwise end in a raw `spawn`
 * error. A bare name (python3.12) is looked up on PATH when it runs, and its answer checked there.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join, resolve as resolvePath, sep } from 'node:path';
import { UsageError } from '../errors.js';

/** Where an interpreter sits inside a folder given for one: a virtual environment, then an install. */
const INSIDE = [join('bin', 'python3'), join('bin', 'python'), 'python3', 'python', 'python.exe'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Refuses a --python path that is not a file this process can run, saying what to give instead. */
export function checkPythonPath(raw: string, cwd: string): void {
  if (!raw.includes('/') && !raw.includes(sep)) return;
  const path = resolvePath(cwd, raw);
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`--python: "${raw}": no such file; give a Python interpreter, e.g. --python python3`);
  }
  if (folder) {
    const inside = INSIDE.map((name) => join(raw, name)).find((candidate) => executable(resolvePath(cwd, candidate)));
    throw new UsageError(
      `--python: "${raw}" is a folder; give the interpreter itself, e.g. --python ${inside ?? join(raw, 'bin', 'python3')}`,
    );
  }
  if (!executable(path))
    throw new UsageError(
      `--python: "${raw}" is not executable; give a Python interpreter, e.g. --python python3 (or chmod +x it)`,
    );
}
