import { cellId } from './cell-id.js';
import type { Estimator } from '../config/types.js';
import { estimatorOf } from './estimator.js';
import type { SuiteResult } from './types.js';

export interface MergedMachine {
  /** What the column is called: the run's --label, else its host and what sets it apart. */
  label: string;
  /** The file the run was read from, when there is one. */
  file?: string;
  cpuModel: string;
  cores: number;
  node: string;
  /** The capacity probe, where the run had one. */
  freeCores?: number;
  /** What the run's speedups compare (older results: medians). */
  estimator: Estimator;
  /**
   * Where the run measured something other than the first run: another GIL mode, switch interval,
   * thread count or size. Its speedups are then not the same quantity.
   */
  differences: string[];
}

export interface MergedRow {
  /** `primes/gil-threads/2t`. */
  id: string;
  /** Speedup vs sequential on each machine; undefined where the cell is missing or failed. */
  speedups: (number | undefined)[];
}

export interface Merged {
  machines: MergedMachine[];
  rows: MergedRow[];
}

/** "Intel Core i7-9750H" for "Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz". */
export function shortCpu(model: string): string {
  const clocked = /@/.test(model);
  const short = model
    .replace(/\((R|TM|tm|r)\)/g, '')
    .replace(/\s*@.*$/, '')
    .replace(/\b(Processor|\d+-Core)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "… CPU @ 2.60GHz": the word before the clock speed says nothing.
  return clocked ? short.replace(/\s+CPU$/, '') : short;
}

/** What a run measured, part by part, in words; the parts that tell runs apart name a column. */
const CONFIG_PARTS: ReadonlyArray<[name: string, show: (r: SuiteResult) => string]> = [
  ['GIL mode', (r) => (r.config.gil === 'none' ? 'no GIL' : `GIL ${r.config.gil}`)],
  ['switch interval', (r) => `switch ${r.config.switchIntervalMs} ms`],
  ['thread count', (r) => `threads ${r.config.threads.join(',')}`],
  ['size', (r) => `size ${r.config.size}`],
];
const OTHER_PARTS: ReadonlyArray<(r: SuiteResult) => string> = [
  (r) => r.config.suite,
  (r) => `${r.config.tasks} tasks`,
  (r) => `Node ${r.environment.node}`,
  (r) => r.environment.platform,
];

/** A run's own label, or its host with whatever of its setup differs among the runs merged. */
function labels(results: readonly SuiteResult[]): string[] {
  const host = (r: SuiteResult): string =>
    `${shortCpu(r.environment.cpuModel)}, ${r.environment.availableParallelism} cores`;
  const parts = [host, ...CONFIG_PARTS.map(([, show]) => show), ...OTHER_PARTS];
  const telling = parts.filter((part) => new Set(results.map(part)).size > 1);
  const derived = results.map((r) => [host(r), ...telling.filter((p) => p !== host).map((p) => p(r))].join(' · '));
  const own = results.map((r, i) => r.label ?? derived[i] ?? '');
  // Two columns never share a name: the time each run started tells them apart.
  return own.map((label, i) =>
    own.indexOf(label) === own.lastIndexOf(label)
      ? label
      : `${label} · ${(results[i]?.startedAt ?? '').slice(0, 16).replace('T', ' ')}`,
  );
}

/** Where a run measured something other than the reference run, in words. */
function differencesFrom(reference: SuiteResult, run: SuiteResult): string[] {
  return CONFIG_PARTS.flatMap(([name, show]) =>
    show(run) === show(reference) ? [] : [`another ${name}: ${show(run)}, the first run ${show(reference)}`],
  );
}

/**
 * Lines up several runs (a CI matrix) cell by cell: speedups are comparable across machines when
 * the runs measured the same thing, and each run that did not is flagged.
 */
export function mergeResults(runs: ReadonlyArray<{ result: SuiteResult; label?: string; file?: string }>): Merged {
  const ids: string[] = [];
  for (const { result } of runs)
    for (const cell of result.cells) if (!ids.includes(cellId(cell))) ids.push(cellId(cell));
  const named = labels(runs.map((run) => run.result));
  const [first] = runs;
  return {
    machines: runs.map(({ label, file, result }, i) => ({
      label: label ?? named[i] ?? '',
      ...(file ? { file } : {}),
      cpuModel: result.environment.cpuModel,
      cores: result.environment.availableParallelism,
      node: result.environment.node,
      estimator: estimatorOf(result),
      ...(result.environment.capacity ? { freeCores: result.environment.capacity.freeCores } : {}),
      differences: first ? differencesFrom(first.result, result) : [],
    })),
    rows: ids.map((id) => ({
      id,
      speedups: runs.map(({ result }) => {
        const cell = result.cells.find((c) => cellId(c) === id);
        return cell?.state === 'completed' ? cell.speedup?.value : undefined;
      }),
    })),
  };
}
