/**
 * The A/B run's options (--against, --pairs, --alternate), checked: the same workload module in two
 * versions, measured side by side in one job.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import { AGAINST_DEFAULTS, ALTERNATIONS, type Alternation } from './defaults.js';
import { integer, oneOf } from './parse.js';
import type { RunConfig, WorkloadSpec } from './types.js';

export { AGAINST_DEFAULTS, ALTERNATIONS, type Alternation } from './defaults.js';
const MAX_PAIRS = 100;

export interface AgainstOptions {
  against?: string;
  pairs?: string;
  gateBudget?: string;
  alternate?: string;
  workload?: string[];
  workloads?: string;
  ioRatio?: string;
  baseline?: string;
  saveBaseline?: string;
  trace?: string;
  lanes?: string | boolean;
  warmupTime?: string;
}

export interface AgainstPlan {
  base: WorkloadSpec;
  head: WorkloadSpec;
  /** Pairs before the first look; even, so that each version goes first as often. */
  pairs: number;
  /** Timed rounds per version in each pair. */
  rounds: number;
  alternation: Alternation;
  /** Looks it may take in all: the first after the planned pairs, each further one after more. */
  looks: number;
  /** Pairs in the first further look (half the planned ones, even); each later look doubles them. */
  furtherPairs: number;
  /** Milliseconds from the start after which no further look begins, and which caps each one's pairs. */
  budgetMs: number;
  /** The configuration each engine runs: the run's, with the A/B warm-up unless --warmup-time is given. */
  config: RunConfig;
}

/** The A/B plan, or undefined without --against; every misuse is a one-line usage error. */
export function resolveAgainst(raw: AgainstOptions, run: RunConfig, cwd: string): AgainstPlan | undefined {
  if (raw.against === undefined) {
    if (raw.pairs !== undefined) throw new UsageError('--pairs needs --against FILE');
    if (raw.gateBudget !== undefined) throw new UsageError('--gate-budget needs --against FILE');
    if (raw.alternate !== undefined) throw new UsageError('--alternate needs --against FILE');
    return undefined;
  }
  const conflict = [
    [raw.workloads !== undefined, '--workloads'],
    [raw.ioRatio !== undefined, '--io-ratio'],
    [raw.baseline !== undefined, '--baseline'],
    [raw.saveBaseline !== undefined, '--save-baseline'],
    [raw.trace !== undefined || raw.lanes !== undefined, '--trace and --lanes'],
  ].find(([given]) => given);
  if (conflict) throw new UsageError(`--against compares two versions of one --workload FILE: drop ${conflict[1]}`);
  if (run.pythons)
    throw new UsageError('--against compares two versions under one interpreter: give --python just one');
  const head = run.workloads.length === 1 ? run.workloads[0] : undefined;
  if (!head?.file || (raw.workload ?? []).length !== 1)
    throw new UsageError('--against needs exactly one --workload FILE: the version to judge');
  const path = isAbsolute(raw.against) ? raw.against : resolvePath(cwd, raw.against);
  if (!existsSync(path)) throw new UsageError(`--against: no such file: ${raw.against}`);
  const requested = integer('--pairs', raw.pairs, AGAINST_DEFAULTS.pairs, 2, MAX_PAIRS);
  // Even: each version goes first in as many pairs as the other.
  const pairs = requested + (requested % 2);
  const budgetSeconds = integer('--gate-budget', raw.gateBudget, AGAINST_DEFAULTS.budgetSeconds, 0, 3600);
  return {
    base: { name: raw.against, file: path },
    head,
    pairs,
    rounds: run.iterations,
    alternation: oneOf('--alternate', raw.alternate, ALTERNATIONS, AGAINST_DEFAULTS.alternation),
    looks: budgetSeconds === 0 ? 1 : AGAINST_DEFAULTS.looks,
    furtherPairs: Math.max(2, 2 * Math.round(pairs / 4)),
    budgetMs: budgetSeconds * 1000,
    config: raw.warmupTime === undefined ? { ...run, warmupMs: AGAINST_DEFAULTS.warmupMs } : run,
  };
}
