/**
 * The action's inputs (action.yml), checked: each misuse is one line naming the input, before
 * anything is measured.
 */
import { isAbsolute, normalize } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULT_THRESHOLD_PCT } from '../config/gate.js';
import { decimal, integer, oneOf } from '../config/parse.js';

/** What to do when the gate cannot decide (gil-bench's exit 3). */
export const POLICIES = ['warn', 'fail', 'pass'] as const;
export type Policy = (typeof POLICIES)[number];

/**
 * Options the action sets itself: given again in `options`, they would contradict it (or, for the
 * output options, move the result the action reads).
 */
const OWN_OPTIONS = [
  '--workload',
  '--against',
  '--fail-on-regression',
  '--threshold',
  '--pairs',
  '--python',
  '--format',
  '-f',
  '--output',
  '-o',
  '--json',
  '--save',
  '--no-save',
  '--save-baseline',
  '--baseline',
];

export interface ActionInputs {
  /** The workload module, relative to the repository's root. */
  workload: string;
  thresholdPct: number;
  pairs?: number;
  undecided: Policy;
  /** Python interpreters, one gate each; empty for a JavaScript workload. */
  pythons: string[];
  /** Further gil-bench options, one word each. */
  options: string[];
  comment: boolean;
  token: string;
  /** Names this gate's comment and artifact, so that several gates in one workflow keep theirs apart. */
  key: string;
}

/** One input's raw text, as `@actions/core` reads it (trimmed, '' when not given). */
export type InputReader = (name: string) => string;

const given = (text: string): string | undefined => (text === '' ? undefined : text);

/** A workload path inside the repository: relative, and not climbing out of it. */
function workloadPath(raw: string): string {
  if (raw === '') throw new UsageError('input workload is required: the workload module, e.g. bench/workload.js');
  const path = normalize(raw);
  if (isAbsolute(path) || path.startsWith('..'))
    throw new UsageError(`input workload must be a path inside the repository (got "${raw}")`);
  if (!/\.(m?js|py)$/.test(path))
    throw new UsageError(`input workload must be a JavaScript (.js, .mjs) or Python (.py) module (got "${raw}")`);
  return path;
}

function boolean(name: string, raw: string, fallback: boolean): boolean {
  if (raw === '') return fallback;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  throw new UsageError(`input ${name} must be true or false (got "${raw}")`);
}

/** Every input, checked; `job` (GITHUB_JOB) names the gate when `name` is not given. */
export function readInputs(read: InputReader, job = 'gate'): ActionInputs {
  const workload = workloadPath(read('workload'));
  const thresholdPct = decimal('input threshold', read('threshold') || String(DEFAULT_THRESHOLD_PCT), 0, 0, 1000);
  if (thresholdPct <= 0)
    throw new UsageError(`input threshold must be a percentage above 0 (got "${read('threshold')}")`);
  const pairsRaw = given(read('pairs'));
  const pythons = read('python')
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  if (pythons.length > 0 && !workload.endsWith('.py'))
    throw new UsageError(`input python needs a Python workload (got workload "${workload}")`);
  const options = read('options')
    .split(/\s+/)
    .filter((o) => o !== '');
  const own = options.find((o) => OWN_OPTIONS.includes(o.split('=')[0] ?? o));
  if (own) throw new UsageError(`input options must not give ${own}: the action sets it (see its inputs)`);
  const name = read('name') || `${job}-${workload}`;
  return {
    workload,
    thresholdPct,
    ...(pairsRaw !== undefined ? { pairs: integer('input pairs', pairsRaw, 6, 2, 100) } : {}),
    undecided: oneOf('input undecided', given(read('undecided')), POLICIES, 'warn'),
    pythons,
    options,
    comment: boolean('comment', read('comment'), true),
    token: read('token'),
    key: name.replace(/[^\w.-]+/g, '-'),
  };
}
