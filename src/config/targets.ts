import { extname, isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { didYouMean } from './suggest.js';

/** A --format / --output pair as given on the command line, in order. */
export interface RawTarget {
  format?: string;
  output?: string;
}

/** Where one rendering of the result goes: a file, or stdout when `path` is absent. */
export interface OutputTarget {
  format: string;
  path?: string;
}

const BY_EXTENSION: Record<string, string> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.csv': 'csv',
  '.html': 'html',
  '.htm': 'html',
};

/**
 * Turns the command line's --format/--output pairs (and --json) into targets. Each --output takes
 * the --format just before it, or one guessed from its extension; at most one format goes to stdout,
 * and the table goes there when nothing else does (or, with `tableByDefault` off, when nothing goes anywhere).
 */
export function resolveTargets(
  raw: readonly RawTarget[],
  json: boolean,
  formats: readonly string[],
  cwd: string,
  tableByDefault = true,
): OutputTarget[] {
  const targets: OutputTarget[] = [];
  for (const { format, output } of raw) {
    const name = format ?? (output ? BY_EXTENSION[extname(output).toLowerCase()] : undefined);
    if (!name)
      throw new UsageError(
        `--output ${output ?? ''}: cannot tell the format from the file name; give --format before it`,
      );
    if (!formats.includes(name))
      throw new UsageError(`--format must be one of ${formats.join(', ')} (got "${name}")${didYouMean(name, formats)}`);
    targets.push(
      output ? { format: name, path: isAbsolute(output) ? output : resolve(cwd, output) } : { format: name },
    );
  }
  if (json) targets.push({ format: 'json' });
  const toStdout = targets.filter((t) => t.path === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(
      `only one format can go to stdout (got ${toStdout.map((t) => t.format).join(' and ')}); send the others to files with --output`,
    );
  }
  if (toStdout.length === 0 && (tableByDefault || targets.length === 0)) targets.unshift({ format: 'table' });
  return targets;
}
