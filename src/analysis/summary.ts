/**
 * A run at a glance: one matrix of workloads × strategies and a few sentences of the lesson, all
 * drawn from the verdicts the analysis stored on each cell and the facts they rest on. Reporters
 * render it; nothing here is composed for one run in particular.
 */
import { roundTo } from '../support/round.js';
import { adviceSentences } from './advice.js';
import { interpreterSentences } from './interpreters.js';
import { MAIN_THREAD_STRATEGIES, type StrategyName } from '../strategies/names.js';
import { cellPhrase, cellTitle, strategyTitle } from '../results/cell-id.js';
import { completedReferenceOf } from '../results/reference.js';
import type { CellFacts, CellResult, Direction, SuiteResult, VerdictClass } from '../results/types.js';
import { fixed, latencyOpening, listed, opening, spread, why, workOf, type Work } from './summary-words.js';

export type { Figure, Summary, SummaryCell, SummaryRow, Tone } from './summary-types.js';
import type { Figure, Summary, SummaryRow, Tone } from './summary-types.js';

const FIGURE: Record<CellResult['focus'], Figure> = {
  throughput: 'speedup',
  'io-latency': 'io-p50',
  'loop-lag': 'loop-lag-p99',
};
const GOOD_LATENCY: readonly VerdictClass[] = ['no-convoy', 'loop-responsive'];
const BAD_LATENCY: readonly VerdictClass[] = ['convoy', 'loop-blocked', 'loop-needs-lock'];

/** A verdict at a glance: by its direction, or for latency cells by the mechanism it names. */
export function toneOf(cell: CellResult): Tone {
  const verdict = cell.verdict;
  if (!verdict || verdict.direction === 'failed' || verdict.direction === 'wrong') return 'failed';
  if (cell.focus !== 'throughput') {
    if (GOOD_LATENCY.includes(verdict.class)) return 'gain';
    return BAD_LATENCY.includes(verdict.class) ? 'loss' : 'unsure';
  }
  const tones: Partial<Record<Direction, Tone>> = { faster: 'gain', same: 'same', slower: 'loss' };
  return tones[verdict.direction] ?? 'unsure';
}

function figureOf(cell: CellResult | undefined, figure: Figure): number | undefined {
  if (cell?.state !== 'completed') return undefined;
  if (figure === 'io-p50') return cell.io?.p50;
  if (figure === 'loop-lag-p99') return cell.host?.loopLagP99;
  return cell.speedup?.value;
}

/** The cell of a strategy at the matrix's thread count; main-thread strategies have one at any count. */
function pick(cells: readonly CellResult[], strategy: StrategyName, threads: number): CellResult | undefined {
  const own = cells.filter((c) => c.strategy === strategy);
  return own.find((c) => c.threads === threads) ?? (MAIN_THREAD_STRATEGIES.includes(strategy) ? own[0] : undefined);
}

/**
 * A clause's outcome: a gain, or none (no measurable difference and slower are one outcome here,
 * so that a strategy held back by one mechanism is one clause; the range shows which it was).
 */
type Outcome = 'gain' | 'none' | 'unsure' | 'failed';
const OUTCOME_OF: Record<Tone, Outcome> = {
  gain: 'gain',
  same: 'none',
  loss: 'none',
  unsure: 'unsure',
  failed: 'failed',
};
const OUTCOME_ORDER: readonly Outcome[] = ['gain', 'none', 'unsure', 'failed'];

/**
 * What happened to a clause's cells, on which rows (`where`, "" when on every row), before the
 * reason; latency clauses let the reason say it.
 */
function happened(
  result: Outcome,
  cells: readonly CellResult[],
  figure: Figure,
  where: string,
  title: (strategy: StrategyName) => string,
): string {
  if (result === 'failed')
    return `${cells.some((c) => c.state === 'mismatch') ? 'gave wrong results' : 'failed'}${where}`;
  if (figure !== 'speedup') return '';
  const speedups = cells.map((c) => c.speedup?.value).filter((x): x is number => Number.isFinite(x));
  const range = `${spread(speedups, fixed(2))}×${where}`;
  if (result === 'gain') return `gained ${range}`;
  if (result === 'unsure') {
    if (speedups.length === 0) return `had no speedup${where}`;
    const klass = cells[0]?.verdict?.class;
    if (klass === 'measurement-fault') return `measured ${range}, beyond what the cores and the work allow`;
    if (klass === 'machine-busy' || klass === 'still-warming') return `measured ${range}, cannot tell`;
    return klass === 'too-noisy'
      ? `measured ${range}, too noisy to tell`
      : `measured ${range}, too few batches to tell`;
  }
  const slower = cells.filter((c) => toneOf(c) === 'loss');
  if (slower.length === cells.length) return `ran slower, ${range}`;
  const holdOne = cells.every((c) => c.speedup !== undefined && c.speedup.low <= 1 && c.speedup.high >= 1);
  const none = holdOne ? `made no measurable difference${where}` : `made no measurable gain, ${range}`;
  if (slower.length === 0) return none;
  // The rows the matrix marks ▼ are named, so that the words agree with the marks; and, where the
  // clause joins strategies, which of them on which rows: the others' intervals held 1 there.
  const rowsOf = (of: readonly CellResult[]): string => listed([...new Set(of.map(cellTitle))]);
  if (new Set(cells.map((c) => c.strategy)).size === 1)
    return `made no measurable gain, ${range}, and ran slower on ${rowsOf(slower)}`;
  const byStrategy = new Map<string, CellResult[]>();
  for (const c of slower) byStrategy.set(title(c.strategy), [...(byStrategy.get(title(c.strategy)) ?? []), c]);
  const each = [...byStrategy].map(([who, own]) => ({ who, rows: rowsOf(own) }));
  const slowerWords = each.every((e) => e.rows === each[0]?.rows)
    ? `${listed(each.map((e) => e.who))} ran slower on ${each[0]?.rows ?? ''}`
    : `${each.map((e) => `${e.who} ran slower on ${e.rows}`).join(' and ')}`;
  return `made no measurable gain, ${range}, and ${slowerWords}`;
}

interface Clause {
  outcome: Outcome;
  klass: VerdictClass;
  strategies: StrategyName[];
  rows: string[];
  cells: CellResult[];
}

/**
 * The clauses of one sentence: each strategy's cells grouped by outcome and by the mechanism their
 * verdicts cite; strategies with the same outcome, for the same reason, on the same rows share one.
 */
function clauses(
  entries: ReadonlyArray<{ row: string; cell: CellResult }>,
  rows: readonly string[],
  figure: Figure,
  title: (strategy: StrategyName) => string,
) {
  const own = new Map<string, Clause>();
  for (const { row, cell } of entries) {
    const result = OUTCOME_OF[toneOf(cell)];
    const klass = cell.verdict?.class ?? (result === 'failed' ? 'failed' : 'unexplained');
    const key = `${cell.strategy}/${result}/${klass}`;
    const clause = own.get(key) ?? { outcome: result, klass, strategies: [cell.strategy], rows: [], cells: [] };
    clause.rows.push(row);
    clause.cells.push(cell);
    own.set(key, clause);
  }
  const shared = new Map<string, Clause>();
  for (const clause of own.values()) {
    // Strategies that could run a different number of tasks at once (one event loop waits on all
    // of them, a pool on as many as it has threads) stay apart, even for the same reason.
    const concurrency = clause.cells[0]?.verdict?.facts.concurrency ?? 0;
    const key = `${clause.outcome}/${clause.klass}/${concurrency}/${clause.rows.join('\u0000')}`;
    const into = shared.get(key);
    if (into) {
      into.strategies.push(...clause.strategies);
      into.cells.push(...clause.cells);
    } else shared.set(key, { ...clause, strategies: [...clause.strategies], cells: [...clause.cells] });
  }
  // Gains first, then no gain; within each, a strategy's clauses together, the one explained first.
  const order = [...new Set(entries.map((e) => e.cell.strategy))];
  const rank = (c: Clause): number[] => [
    OUTCOME_ORDER.indexOf(c.outcome),
    order.indexOf(c.strategies[0] ?? 'sequential'),
    c.klass === 'unexplained' ? 1 : 0,
  ];
  const before = (a: Clause, b: Clause): number => {
    const [x, y] = [rank(a), rank(b)];
    return x.map((v, i) => v - (y[i] ?? 0)).find((d) => d !== 0) ?? 0;
  };
  return [...shared.values()].sort(before).map((clause) => {
    const where = clause.rows.length < rows.length ? ` on ${listed(clause.rows)}` : '';
    const what = happened(clause.outcome, clause.cells, figure, where, title);
    const reason =
      clause.outcome === 'failed' ? (clause.cells[0]?.verdict?.reason ?? '') : why(clause.klass, clause.cells);
    // "workers gained 1.9×, as threads computed in parallel"; a latency clause has no outcome of its own.
    // A fault or a noisy interval is said, not explained: its words follow a colon.
    const told = ['measurement-fault', 'too-noisy', 'machine-busy', 'still-warming'].includes(clause.klass);
    const joint =
      !what || clause.outcome === 'failed' || told ? ': ' : clause.klass === 'unexplained' ? ', but ' : ', as ';
    return `${listed(clause.strategies.map(title))}${what ? ` ${what}` : where}${joint}${reason}`;
  });
}

/**
 * The run at a glance: the matrix at the largest thread count, and one sentence per kind of work
 * (and per latency workload) saying which strategies gained, which did not, and why, in the
 * words of the mechanisms their verdicts cite and the range of the figures those rest on.
 */
export function summarise(result: SuiteResult): Summary {
  const threads = Math.max(...result.config.threads);
  const strategies = [...new Set(result.cells.map((c) => c.strategy))].filter((s) => s !== 'sequential');
  const titles = [...new Set(result.cells.map(cellTitle))];
  const title = (strategy: StrategyName): string => strategyTitle(strategy, result.cells, result.config.gil);
  const columns = strategies.map(title);
  const rows: SummaryRow[] = [];
  const picked: Array<{ row: SummaryRow; cells: (CellResult | undefined)[]; facts?: CellFacts }> = [];
  for (const title of titles) {
    const own = result.cells.filter((c) => cellTitle(c) === title);
    const figure = FIGURE[own[0]?.focus ?? 'throughput'];
    const chosen = strategies.map((s) => pick(own, s, threads));
    const reference = own[0] ? completedReferenceOf(result.cells, own[0]) : undefined;
    const referenceFigure = figure === 'speedup' ? undefined : figureOf(reference, figure);
    // A Python row's single-thread cost: its for loop's time a task, comparable across interpreters.
    const taskMs =
      own[0]?.runtime && reference?.stats && reference.tasks > 0 ? reference.stats.median / reference.tasks : undefined;
    const row: SummaryRow = {
      title,
      figure,
      ...(referenceFigure === undefined ? {} : { reference: referenceFigure }),
      ...(taskMs === undefined ? {} : { taskMs: roundTo(taskMs, 4) }),
      cells: chosen.map((cell) => {
        if (!cell) return null;
        const value = figureOf(cell, figure);
        return {
          ...(value === undefined ? {} : { value }),
          ...(figure === 'speedup' && cell.speedup ? { low: cell.speedup.low, high: cell.speedup.high } : {}),
          // A loop blocked shows in the worst op, not the median: the cell shows the figure its mark reads on.
          ...(figure === 'io-p50' && cell.verdict?.class === 'loop-blocked' && cell.io ? { max: cell.io.max } : {}),
          direction: cell.verdict?.direction ?? 'unknown',
          tone: toneOf(cell),
        };
      }),
    };
    rows.push(row);
    const facts = chosen.find((c) => c?.verdict)?.verdict?.facts ?? reference?.verdict?.facts;
    picked.push({ row, cells: chosen, ...(facts ? { facts } : {}) });
  }
  const sentences: string[] = [];
  const byWork = new Map<Work, typeof picked>();
  for (const entry of picked.filter((p) => p.row.figure === 'speedup')) {
    const work = workOf(entry.facts);
    byWork.set(work, [...(byWork.get(work) ?? []), entry]);
  }
  for (const [work, entries] of byWork) {
    const entryCells = entries.flatMap((e) =>
      e.cells.filter((c): c is CellResult => c !== undefined).map((cell) => ({ row: e.row.title, cell })),
    );
    const parts = clauses(
      entryCells,
      entries.map((e) => e.row.title),
      'speedup',
      title,
    );
    if (parts.length > 0)
      sentences.push(
        `${opening(
          work,
          entries.map((e) => {
            const cell = e.cells.find((c) => c !== undefined);
            return { title: cell ? cellPhrase(cell) : e.row.title, ...(e.facts ? { facts: e.facts } : {}) };
          }),
        )}: ${parts.join('; ')}.`,
      );
  }
  for (const entry of picked.filter((p) => p.row.figure !== 'speedup')) {
    const entryCells = entry.cells
      .filter((c): c is CellResult => c !== undefined)
      .map((cell) => ({ row: entry.row.title, cell }));
    const parts = clauses(entryCells, [entry.row.title], entry.row.figure, title);
    if (parts.length > 0) sentences.push(`${latencyOpening(entry.row)}: ${parts.join('; ')}.`);
  }
  // Said for the simulation's names only: a Python run's own columns already use Python's words.
  const analogues = strategies
    .map((s) => result.cells.find((c) => c.strategy === s && c.verdict && !c.runtime)?.verdict?.analogue)
    .map((analogue, i) => (analogue ? `${columns[i] ?? ''} is ${analogue}` : undefined))
    .filter((x): x is string => x !== undefined);
  sentences.push(...adviceSentences(result), ...interpreterSentences(result));
  if (analogues.length > 0) sentences.push(`In Python, ${listed(analogues)}.`);
  return {
    strategies,
    threads,
    swept: result.config.threads.length > 1,
    ...(columns.some((name, i) => name !== strategies[i]) ? { columns } : {}),
    ...(strategies.includes('async') ? { asyncAtOnce: result.config.asyncLimit ?? ('all' as const) } : {}),
    rows,
    sentences,
  };
}
