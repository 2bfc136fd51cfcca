/**
 * A plan: what a run measures, as the one loop (run/scheduler.ts) reads it. A run is variants ×
 * workloads × strategies × thread counts; a variant is what differs between otherwise identical
 * runs (a version of the workload module, an interpreter, the simulation beside CPython). The plan
 * hands the loop one unit at a time: the variants of one workload measured side by side, their
 * rounds taking turns, so the machine's drift falls on each alike. A plain run is one unit per
 * workload with one variant; an A/B run one unit per process pair. What comes next may depend on
 * what was measured (the A/B gate's further looks), so a plan is asked after each unit.
 */
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import type { FinishReport, OpenOptions } from '../engine/protocol.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { MAIN_THREAD_STRATEGIES } from '../strategies/names.js';

/** One variant of a workload within a unit. */
export interface Member {
  /** What sets this variant apart (a version, an interpreter); '' in a plain run. */
  variant: string;
  /** The variant as its cells record it (cell.variant), where the result keeps several side by side. */
  label?: string;
  spec: WorkloadSpec;
  /** The configuration the engine opens the workload with. */
  config: RunConfig;
  open?: OpenOptions;
  /** An engine of its own, started with the unit and closed with it; else the run's shared engine. */
  ownEngine: boolean;
}

/** The variants of one workload, measured side by side. */
export interface Unit {
  members: Member[];
  /** The planned turns, in order: each is one round of that member's cells. */
  turns: number[];
  /** Batches per cell in each turn: more than one only with --order sequential. */
  iterations: number;
  /** Only these cells (strategy/threads) and sequential beside them; every cell when undefined. */
  keys?: ReadonlySet<string>;
  /** Its batches lie beyond the planned total. */
  extra: boolean;
  /** Further rounds for unsettled cells, and the regression gate's rounds, after the planned turns. */
  adaptive: boolean;
  /**
   * Start and warm up the members at once (untimed; it halves the start's cost). Otherwise one
   * after the other, and the first that sizes its batch fixes the task count of the others, which
   * must run the same work (a twin is other code, sized on its own).
   */
  startTogether: boolean;
  /** One traced batch per lock-guarded cell after the rounds (--trace, --lanes). */
  trace: boolean;
}

/** What one member of a unit measured. */
export interface MemberMeasure {
  member: Member;
  cells: CellResult[];
  checksums: FinishReport['checksums'];
  sizing?: NonNullable<SuiteResult['sizing']>[number];
  yardstick?: NonNullable<SuiteResult['yardsticks']>[number];
}

/** A unit as measured. */
export interface UnitMeasure {
  unit: Unit;
  members: MemberMeasure[];
  /** The regression gate's looks taken in this unit: 1 unless it re-measured. */
  looks: number;
  /** The engine died: what its rounds reported is kept, the cells still running say why they stopped. */
  crash?: string;
  /** The signal stopped the run within this unit. */
  stopped: boolean;
}

export interface Plan {
  /** The run's configuration: the result's. */
  readonly config: RunConfig;
  /** Timed batches planned so far, for progress; a plan may raise it as it goes. */
  readonly total: number;
  /** The next unit, given every unit measured so far; undefined when the plan is done. */
  next(measured: readonly UnitMeasure[]): Unit | undefined;
  /** The gate's looks the run took, when the plan counts them itself. */
  looks?(): number;
}

/** Cells per workload: main-thread strategies once, the others once per thread count. */
export function cellsPerWorkload(config: Pick<RunConfig, 'strategies' | 'threads'>): number {
  return config.strategies.reduce(
    (n, strategy) => n + (MAIN_THREAD_STRATEGIES.includes(strategy) ? 1 : config.threads.length),
    0,
  );
}

/** The turns of `rounds` rounds among `members`, A B B A …: each round reverses the last one's order. */
export function alternatingTurns(members: number, rounds: number): number[] {
  const order = Array.from({ length: members }, (_, i) => i);
  const turns: number[] = [];
  for (let r = 0; r < rounds; r++) turns.push(...(r % 2 === 0 ? order : [...order].reverse()));
  return turns;
}

/**
 * The variants a workload is measured in: a Python module under each interpreter of --python
 * LIST (each labelled for its cells by the interpreter as given, shortened to its file name where
 * that is still unique); a --twin under each simulated lock mode of `twinGils` (--gil none beside
 * the run's where a listed interpreter is free-threaded); anything else once, as configured.
 */
export function variantsOf(config: RunConfig, spec: WorkloadSpec): Pick<Member, 'variant' | 'label' | 'config'>[] {
  const pythons = config.pythons;
  if (spec.twinOf !== undefined && config.twinGils)
    return config.twinGils.map((gil) => ({ variant: `gil ${gil}`, label: `gil ${gil}`, config: { ...config, gil } }));
  if (!pythons || !spec.file?.endsWith('.py')) return [{ variant: '', config }];
  const short = pythons.map((command) => command.split('/').pop() ?? command);
  const labels = new Set(short).size === short.length ? short : pythons;
  return pythons.map((python, i) => ({
    variant: python,
    label: labels[i] as string,
    config: { ...config, python },
  }));
}

/**
 * A plain run: one unit per workload, measured in the run's shared engine, with further rounds
 * for unsettled cells and the gate's rounds. With --order sequential a cell takes all its batches
 * in one turn.
 */
export function plainPlan(config: RunConfig, open?: OpenOptions): Plan {
  const ordered = config.order === 'sequential';
  const membersOf = (spec: WorkloadSpec): Member[] => {
    const variants = variantsOf(config, spec).map((variant) => withFixedTasks(variant, spec));
    // The Node engine holds one workload open at a time: simulated variants of one unit need one each.
    const ownEngine = variants.length > 1 && !spec.file?.endsWith('.py');
    return variants.map((variant) => ({ ...variant, spec, ownEngine, ...(open ? { open } : {}) }));
  };
  const units = twinned(config.workloads);
  return {
    config,
    total: cellsPerWorkload(config) * config.iterations * config.workloads.reduce((n, w) => n + membersOf(w).length, 0),
    next(measured) {
      const specs = units[measured.length];
      if (!specs) return undefined;
      const members = specs.flatMap(membersOf);
      return {
        members,
        // Several variants take turns round by round (A B B A …); with --order sequential, all at once.
        turns: ordered ? members.map((_, i) => i) : alternatingTurns(members.length, config.iterations),
        iterations: ordered ? config.iterations : 1,
        extra: false,
        adaptive: true,
        startTogether: false,
        trace: config.trace === true,
      };
    },
  };
}

/** A configuration that runs `tasks` a batch, not a count sized by time: the one way a count is fixed. */
export function withTasks(config: RunConfig, tasks: number): RunConfig {
  const { batchMs: _sizedBy, ...fixed } = config;
  return { ...fixed, tasks };
}

/** A variant of a workload whose task count is fixed (a baseline's): its batch is not sized by time. */
function withFixedTasks<V extends Pick<Member, 'config'>>(variant: V, spec: WorkloadSpec): V {
  return spec.tasks === undefined ? variant : { ...variant, config: withTasks(variant.config, spec.tasks) };
}

/**
 * The run's workloads, each with its twin (`twinOf`) beside it in one unit: the simulation and
 * CPython then take turns round by round and meet the machine in the same minutes.
 */
export function twinned(workloads: readonly WorkloadSpec[]): WorkloadSpec[][] {
  const units: WorkloadSpec[][] = [];
  for (const spec of workloads) {
    const host = spec.twinOf === undefined ? undefined : units.find((unit) => unit[0]?.name === spec.twinOf);
    if (host) host.push(spec);
    else units.push([spec]);
  }
  return units;
}
