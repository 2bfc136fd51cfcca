import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { UsageError } from '../errors.js';
import { resultJsonSchema } from './schema.js';
import { SCHEMA_VERSION, type SuiteResult } from './types.js';

let validator: ValidateFunction | undefined;
function validate(data: unknown): ValidateFunction['errors'] {
  validator ??= new Ajv({ allErrors: false, strict: true, validateFormats: false }).compile(resultJsonSchema());
  validator(data);
  return validator.errors;
}

/** Named baselines live here, inside the results folder. */
export function baselinePath(resultsDir: string, name: string): string {
  return join(resultsDir, 'baselines', `${name}.json`);
}

/**
 * A baseline name (`main`, `v1.2`) or a file path (`./base.json`, `run.csv`): a slash or a file
 * extension (a dot and a suffix that starts with a letter) makes a path, so a mistyped file is
 * reported as that file, not as a baseline of that name.
 */
export function resolveResultPath(nameOrPath: string, resultsDir: string): string {
  return /[\\/]|\.[a-z][a-z0-9]*$/i.test(nameOrPath) ? nameOrPath : baselinePath(resultsDir, nameOrPath);
}

/** Another format gil-bench writes, recognised by its extension or its first line, for a clear refusal. */
function otherFormat(path: string, text: string): string | undefined {
  const extension = extname(path).toLowerCase();
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  if (extension === '.csv' || /^[\w ]+(,[\w ]*)+\r?$/.test(first)) return 'CSV';
  if (extension === '.html' || extension === '.htm' || /^<(!doctype|html)/i.test(first)) return 'HTML';
  if (extension === '.md' || extension === '.markdown' || /^(#|\|)/.test(first)) return 'Markdown';
  return undefined;
}

/**
 * Reads a saved result and checks it against the schema. Every failure is a UsageError whose one
 * line names the file and, for a wrong shape, the field.
 */
export async function loadResult(path: string): Promise<SuiteResult> {
  const name = path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${name}: no such file`
        : code === 'EISDIR'
          ? `${name}: is a folder, not a result file`
          : `${name}: cannot read it (${code ?? 'error'})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const format = otherFormat(path, text);
    const reason =
      text.trim() === ''
        ? 'the file is empty'
        : format
          ? `this is ${format}, which gil-bench cannot read back: only a JSON result can stand for a run (a file in bench-results/, or one written with --format json)`
          : `not valid JSON, perhaps truncated (${(error as Error).message})`;
    throw new UsageError(`${name}: ${reason}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError(`${name}: not a gil-bench result (expected a JSON object)`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number')
    throw new UsageError(`${name}: not a gil-bench result (field "schemaVersion" is missing)`);
  if (version > SCHEMA_VERSION) {
    throw new UsageError(
      `${name}: schemaVersion ${version} is newer than this gil-bench reads (${SCHEMA_VERSION}); update gil-bench`,
    );
  }
  if (version !== SCHEMA_VERSION)
    throw new UsageError(`${name}: unknown schemaVersion ${version} (this gil-bench reads ${SCHEMA_VERSION})`);
  const errors = validate(data);
  const first = errors?.[0];
  if (first) {
    const field = first.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    throw new UsageError(`${name}: field "${field}" ${first.message ?? 'is invalid'}`);
  }
  return data as SuiteResult;
}
