import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** A baseline name (`main`) or a file path (`./base.json`): names have no slash and no .json. */
export function resolveResultPath(nameOrPath: string, resultsDir: string): string {
  return /[\\/]|\.json$/i.test(nameOrPath) ? nameOrPath : baselinePath(resultsDir, nameOrPath);
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
    const reason =
      text.trim() === '' ? 'the file is empty' : `not valid JSON, perhaps truncated (${(error as Error).message})`;
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
