/**
 * The A/B run as a plan for the one loop (run/scheduler.ts): two versions of one workload, each a
 * variant in engines of its own (never two versions in one process), measured in process pairs,
 * the pair being the unit. Within a pair the versions take turns round by round (A B B A …, so
 * the host's changing speed falls on both) or, with alternation "processes", each runs all its
 * rounds in turn; successive pairs swap which version goes first. After the planned pairs, the
 * advisor names the cells still open and further pairs measure only those (with sequential beside
 * them), twice as many at each look (the spread shrinks as the square root of the pairs), up to the
 * planned looks and within the time budget: no look starts past it, and each takes only the pairs
 * the last look's pace says will fit. It never prints and never judges.
 */
import type { AgainstPlan, Alternation } from '../config/against.js';
import type { RunConfig } from '../config/types.js';
import type { PairMeasure } from '../analysis/paired-compare.js';
import { cellId } from '../results/cell-id.js';
import type { SuiteResult } from '../results/types.js';
import { cellsPerWorkload, withTasks, type Member, type Plan, type Unit, type UnitMeasure } from './plan.js';
import { runPlan, type ScheduleOptions } from './scheduler.js';
import { systemClock } from './types.js';

export type Version = 'base' | 'head';
export type { Alternation };

/** The pairs to measure: the A/B plan as the options resolved it, less the configuration (given apart). */
export type PairPlan = Omit<AgainstPlan, 'config'>;

/** What the plan asks of analysis between looks: the cells (by id) more pairs could settle. */
export interface PairAdvisor {
  open(pairs: readonly PairMeasure[], look: number): string[];
}

export interface PairsScheduled {
  pairs: PairMeasure[];
  looks: number;
  /** The task count both versions ran, chosen by the first pair's first version where batches are sized by time. */
  tasks: number;
  sizing?: NonNullable<SuiteResult['sizing']>[number];
  /** What the run spent, from its start, against its budget for further looks. */
  spentMs: number;
  budgetMs: number;
  /** Why the pairs stopped early, when they did: the signal, or an engine that died. */
  stopped?: 'signal' | 'crash';
  crash?: string;
  /** The run as the loop recorded it: its configuration, machine and times (its cells are both versions'). */
  run: SuiteResult;
}

/** The order of turns in a pair: A B B A A B … for rounds, A…A B…B for processes. */
export function turnOrder(first: Version, rounds: number, alternation: Alternation): Version[] {
  const second: Version = first === 'base' ? 'head' : 'base';
  if (alternation === 'processes')
    return [...Array<Version>(rounds).fill(first), ...Array<Version>(rounds).fill(second)];
  const turns: Version[] = [];
  for (let r = 0; r < rounds; r++) turns.push(...(r % 2 === 0 ? [first, second] : [second, first]));
  return turns;
}

/** A pair of two versions as the plan's unit, and the pair it measured. */
class PairsPlan implements Plan {
  total: number;
  private look = 1;
  private looksTaken = 0;
  /** Pairs to measure in the current look, and the cells they are limited to. */
  private left: number;
  private keys: ReadonlySet<string> | undefined;
  readonly pairs: PairMeasure[] = [];
  private counted = 0;
  private readonly startedAt: number;
  /** When the current look began, and the cells each of its pairs measures. */
  private lookStartedAt: number;
  private lookPairs: number;
  private lookCells: number;
  /** The task count every engine runs, once the first version's sizing pass has chosen it. */
  tasks: number;
  sizing?: PairsScheduled['sizing'];

  constructor(
    readonly config: RunConfig,
    private readonly plan: PairPlan,
    private readonly advisor: PairAdvisor,
    readonly now: () => number,
  ) {
    this.total = plan.pairs * 2 * plan.rounds * cellsPerWorkload(config);
    this.left = plan.pairs;
    this.tasks = config.tasks;
    this.startedAt = this.lookStartedAt = now();
    this.lookPairs = plan.pairs;
    this.lookCells = cellsPerWorkload(config);
  }

  spent(): number {
    return this.now() - this.startedAt;
  }

  /**
   * The pairs the next look takes for `cells` cells: twice the last look's further pairs, as many
   * as the last look's pace per cell says fit in what is left of the budget; even, at least 2.
   */
  private nextLookPairs(cells: number): number {
    const wanted = this.plan.furtherPairs * 2 ** (this.look - 1);
    const perCell = (this.now() - this.lookStartedAt) / Math.max(1, this.lookPairs * this.lookCells);
    const left = this.plan.budgetMs - this.spent();
    const fit = perCell > 0 ? Math.floor(left / (perCell * cells)) : wanted;
    const pairs = Math.min(wanted, fit - (fit % 2));
    return pairs >= 2 ? pairs : 0;
  }

  next(measured: readonly UnitMeasure[]): Unit | undefined {
    for (; this.counted < measured.length; this.counted++) {
      const unit = measured[this.counted] as UnitMeasure;
      if (unit.crash) return undefined;
      this.take(unit);
    }
    if (this.left === 0) {
      this.looksTaken = this.look;
      if (this.look === this.plan.looks || this.spent() >= this.plan.budgetMs) return undefined;
      const ids = this.advisor.open(this.pairs, this.look);
      if (ids.length === 0) return undefined;
      const pairs = this.nextLookPairs(ids.length + 1);
      if (pairs === 0) return undefined;
      this.look++;
      this.left = pairs;
      [this.lookStartedAt, this.lookPairs, this.lookCells] = [this.now(), pairs, ids.length + 1];
      // The versions may name their workload otherwise: further pairs pick cells by strategy and threads.
      const head = this.pairs[0]?.head ?? [];
      this.keys = new Set(head.filter((c) => ids.includes(cellId(c))).map((c) => `${c.strategy}/${c.threads}`));
      this.total += this.left * 2 * this.plan.rounds * (ids.length + 1);
    }
    this.left--;
    return this.unit(measured.length);
  }

  looks(): number {
    return Math.max(1, this.looksTaken);
  }

  private unit(index: number): Unit {
    const first: Version = index % 2 === 0 ? 'base' : 'head';
    const second: Version = first === 'base' ? 'head' : 'base';
    const member = (version: Version): Member => {
      const spec = version === 'base' ? this.plan.base : this.plan.head;
      // Before the first sizing, the first engine sizes its batch and fixes the count for the rest.
      const config = index === 0 ? this.config : withTasks(this.config, this.tasks);
      // Neither version is judged in yardsticks: the pair itself cancels the runner's speed.
      return {
        variant: version,
        spec,
        config: { ...config, workloads: [spec] },
        open: { yardstick: false },
        ownEngine: true,
      };
    };
    const members = [member(first), member(second)];
    return {
      members,
      turns: turnOrder(first, this.plan.rounds, this.plan.alternation).map((v) => (v === first ? 0 : 1)),
      iterations: 1,
      ...(this.keys ? { keys: this.keys } : {}),
      extra: index >= this.plan.pairs,
      adaptive: false,
      // Untimed: once the task count is fixed, both engines start and warm up at once.
      startTogether: index > 0,
      trace: false,
    };
  }

  /** A measured pair, unless the signal cut it short: then its versions did not take the same turns. */
  private take(unit: UnitMeasure): void {
    if (unit.stopped) return;
    const of = (version: Version) => unit.members.find((m) => m.member.variant === version);
    const base = of('base');
    const head = of('head');
    if (!base || !head) return;
    const sized = unit.members.find((m) => m.sizing)?.sizing;
    if (sized && !this.sizing) {
      this.sizing = sized;
      this.tasks = sized.tasks;
    }
    const name = head.cells[0]?.workload;
    this.pairs.push({
      first: unit.unit.members[0]?.variant === 'base' ? 'base' : 'head',
      // A version may name its workload otherwise: the cells pair by strategy and threads.
      base: base.cells.map((cell) => (name ? { ...cell, workload: name } : cell)),
      head: head.cells,
      checksums: { base: base.checksums, head: head.checksums },
    });
  }
}

/** Runs the pairs and returns what each measured. */
export async function schedulePairs(
  config: RunConfig,
  plan: PairPlan,
  options: Omit<ScheduleOptions, 'advisor'> & { advisor: PairAdvisor },
): Promise<PairsScheduled> {
  // The loop's own clock times the budget, so a test's fake clock moves both.
  const clock = options.clock ?? systemClock;
  const pairsPlan = new PairsPlan(config, plan, options.advisor, () => clock.now());
  const { advisor: _pairs, ...rest } = options;
  // Pairs run their planned rounds only: no cell is re-measured within a pair.
  const { result, units } = await runPlan(pairsPlan, { ...rest, advisor: { unsettled: () => [] } });
  const crash = units.find((u) => u.crash)?.crash;
  return {
    pairs: pairsPlan.pairs,
    looks: pairsPlan.looks(),
    spentMs: pairsPlan.spent(),
    budgetMs: plan.budgetMs,
    tasks: pairsPlan.tasks,
    ...(pairsPlan.sizing ? { sizing: pairsPlan.sizing } : {}),
    ...(result.partial
      ? { stopped: 'signal' as const }
      : crash !== undefined
        ? { stopped: 'crash' as const, crash }
        : {}),
    run: result,
  };
}
