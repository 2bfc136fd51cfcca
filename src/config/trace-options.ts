/**
 * `--trace FILE` and `--lanes [CELL]`: both ask for the traced batch; the first writes it to a file,
 * the second prints one cell's strips. Lock-guarded strategies are traced, and async's tasks on the loop.
 */
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isStrategyName, TRACED_STRATEGIES, type StrategyName } from '../strategies/names.js';
import type { RunConfigData } from './schema.js';

/** Which traced cell `--lanes` prints: each part narrows the choice; none means the first traced cell. */
export interface LaneChoice {
  workload?: string;
  strategy?: StrategyName;
  threads?: number;
}

export interface TraceOptions {
  /** Where `--trace` writes the trace (absolute). */
  tracePath?: string;
  lanes?: LaneChoice;
}

const TRACED = `${TRACED_STRATEGIES.slice(0, -1).join(', ')} or ${TRACED_STRATEGIES[TRACED_STRATEGIES.length - 1] ?? ''}`;

/**
 * Reads `--lanes`' cell: "gil-threads", "primes/async-offload", "convoy/gil-threads/2t", the parts
 * told apart by what they are (a strategy's name, a thread count, else a workload).
 */
export function parseLaneChoice(raw: string | boolean | undefined): LaneChoice | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) return {};
  const parts = raw.split('/').map((part) => part.trim());
  if (parts.some((part) => part === '') || parts.length > 3)
    throw new UsageError(`--lanes takes STRATEGY, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt (got "${raw}")`);
  const choice: LaneChoice = {};
  for (const part of parts) {
    if (/^\d+t?$/.test(part)) choice.threads = Number.parseInt(part, 10);
    else if (isStrategyName(part)) {
      if (!TRACED_STRATEGIES.includes(part))
        throw new UsageError(
          `--lanes: only ${TRACED} are traced: the lock's threads and the loop's tasks (got "${part}")`,
        );
      choice.strategy = part;
    } else choice.workload = part;
  }
  return choice;
}

/** Checks --trace and --lanes against the run they trace; the run is to be traced when either is given. */
export function resolveTracing(
  raw: { trace?: string; lanes?: string | boolean },
  run: Pick<RunConfigData, 'strategies' | 'workloads' | 'threads'>,
  cwd: string,
): TraceOptions {
  const lanes = parseLaneChoice(raw.lanes);
  if (raw.trace === undefined && lanes === undefined) return {};
  const flag = raw.trace !== undefined ? '--trace' : '--lanes';
  if (raw.trace !== undefined && raw.trace.trim() === '') throw new UsageError('--trace needs a file name');
  if (!run.strategies.some((s) => TRACED_STRATEGIES.includes(s)))
    throw new UsageError(`${flag} traces the lock and the event loop: add ${TRACED} to --strategies`);
  if (lanes?.strategy && !run.strategies.includes(lanes.strategy))
    throw new UsageError(`--lanes: ${lanes.strategy} is not among --strategies`);
  if (lanes?.workload !== undefined && !run.workloads.some((w) => w.name === lanes.workload))
    throw new UsageError(
      `--lanes: no workload "${lanes.workload}" in this run (${run.workloads.map((w) => w.name).join(', ')})`,
    );
  if (lanes?.threads !== undefined && !run.threads.includes(lanes.threads))
    throw new UsageError(`--lanes: ${lanes.threads} threads is not among --threads (${run.threads.join(', ')})`);
  return {
    ...(raw.trace !== undefined ? { tracePath: isAbsolute(raw.trace) ? raw.trace : resolve(cwd, raw.trace) } : {}),
    ...(lanes ? { lanes } : {}),
  };
}
