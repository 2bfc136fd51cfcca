/**
 * A --python that names a path is checked before any interpreter starts: a folder (a virtual
 * environment, a Python install) or a file that cannot run would otherwise end in a raw `spawn`
 * error. A bare name (python3.12) is looked up on PATH when it runs, and its answer checked there.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve as resolvePath, sep } from 'node:path';
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

/** A symbolic link's target, up to this long, where a copy left the link as a plain file. */
const LINK_FILE_BYTES = 256;

/**
 * The interpreter a plain file stands for when it holds nothing but a sibling's name: a symbolic
 * link stored as a file (git with core.symlinks off, some archives and copies leave them so, e.g.
 * bin/python3 holding "python3.9"). Undefined for anything else.
 */
function linkFileTarget(raw: string, path: string): string | undefined {
  try {
    if (statSync(path).size > LINK_FILE_BYTES) return undefined;
    const name = readFileSync(path, 'utf8').trim();
    if (name === '' || name.includes('\n') || name.includes('/') || name.includes('\0')) return undefined;
    const target = join(dirname(raw), name);
    return executable(resolvePath(dirname(path), name)) ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a --python path before any interpreter starts and returns the one to run: the path as
 * given, or the interpreter a link stored as a file names. Refuses a path that is not a file this
 * process can run, saying what to give instead.
 */
export function checkPythonPath(raw: string, cwd: string): string {
  if (!raw.includes('/') && !raw.includes(sep)) return raw;
  const path = resolvePath(cwd, raw);
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`--python: "${raw}": no such file; give a Python interpreter, e.g. --python python3`);
  }
  if (folder) {
    // An interpreter inside it, or a link to one left as a plain file (the bin/ of a copied build).
    const runs = (candidate: string): boolean =>
      executable(resolvePath(cwd, candidate)) || linkFileTarget(candidate, resolvePath(cwd, candidate)) !== undefined;
    const inside = INSIDE.map((name) => join(raw, name)).find(runs);
    throw new UsageError(
      `--python: "${raw}" is a folder; give the interpreter itself, e.g. --python ${inside ?? join(raw, 'bin', 'python3')}`,
    );
  }
  if (executable(path)) return raw;
  const target = linkFileTarget(raw, path);
  if (target !== undefined) return target;
  throw new UsageError(
    `--python: "${raw}" is not executable; give a Python interpreter, e.g. --python python3 (or chmod +x it)`,
  );
}
