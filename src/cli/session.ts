/**
 * A measuring command's session: the one place that handles Ctrl-C and SIGTERM, catches code of a
 * workload that throws outside its tasks, shows progress on stderr, and saves a result, whole or
 * partial. Every measuring command (the benchmark commands, compare, check, calibrate) runs its
 * measurement through one, in the command lifecycle (lifecycle.ts).
 */
import type { RunConfig } from '../config/types.js';
import type { CellTrace } from '../engine/protocol.js';
import { describeError, EXIT } from '../errors.js';
import { createProgress, progressStyle, type Progress } from '../output/progress.js';
import { saveResult } from '../results/store.js';
import type { SuiteResult } from '../results/types.js';
import { advisorFor, type GatePlan } from '../run/advisor.js';
import { engineFor } from '../run/engines.js';
import type { PairAdvisor, PairPlan, PairsScheduled } from '../run/pairs.js';
import { schedule, type Scheduled, type ScheduleOptions } from '../run/scheduler.js';
import type { Measurer } from '../run/calibration.js';
import type { ProgressEvent } from '../run/types.js';

/** The streams and environment a session reports to (the CLI's Io has them). */
export interface SessionIo {
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Readonly<Record<string, string | undefined>>;
}

export interface SessionRun {
  gate?: GatePlan;
  onTrace?(trace: CellTrace): void | Promise<void>;
}

type Wiring = Required<Pick<ScheduleOptions, 'signal' | 'onProgress' | 'onEscaped'>>;

export class Session implements Measurer {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | undefined;
  /** Errors a workload threw outside its tasks, one line each. */
  readonly escaped: string[] = [];
  private readonly progress$: Progress;
  private closed = false;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now": skip the clean-up (temp folders still go, as the process exits).
    if (this.received) process.exit(signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint);
    this.received = signal;
    this.progress$.clear();
    this.io.stderr.write(
      `\n${signal} received: stopping after the batch in flight (press Ctrl-C again to quit at once)\n`,
    );
    this.controller.abort();
  };
  private readonly onEscaped = (error: unknown): void => {
    this.escaped.push(describeError(error));
  };

  constructor(
    private readonly io: SessionIo,
    private readonly quiet: boolean,
  ) {
    this.progress$ = createProgress(io.stderr, progressStyle(quiet, io.env));
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    // Code of a workload can throw from a timer or leave a promise rejected outside any task: that
    // must not kill the run with a stack trace. It is reported, and the run ends with exit code 1.
    process.on('uncaughtException', this.onEscaped);
    process.on('unhandledRejection', this.onEscaped);
  }

  /** Aborted on the first Ctrl-C or SIGTERM. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.received !== undefined;
  }

  /** Measures the plan, with progress on stderr and the signals wired to the scheduler. */
  async measure(config: RunConfig, run: SessionRun = {}): Promise<Scheduled> {
    const engine = await engineFor(config);
    return this.drive((wiring) =>
      schedule(config, {
        engine,
        advisor: advisorFor(config, run.gate),
        ...wiring,
        ...(run.onTrace ? { onTrace: run.onTrace } : {}),
      }),
    );
  }

  /**
   * Measures two versions of a workload in process pairs (run/pairs.ts), each version in child
   * engines of its own, with progress on stderr and the signals wired to the pairs' engines.
   */
  async measurePairs(config: RunConfig, plan: PairPlan, advisor: PairAdvisor): Promise<PairsScheduled> {
    // Each version in processes of its own: never two versions in one process.
    const isolated = { isolate: true, ...(config.python !== undefined ? { python: config.python } : {}) };
    const [engine, { schedulePairs }] = await Promise.all([engineFor(isolated), import('../run/pairs.js')]);
    return this.drive((wiring) => schedulePairs(config, plan, { engine, advisor, ...wiring }));
  }

  /** Progress of a measurement beside the scheduler, on the same bar; cleared when it ends. */
  progress(event: ProgressEvent): void {
    this.progress$.update(event);
  }

  /** Runs the loop with the session's signal, progress and escaped errors wired in. */
  private async drive<T>(loop: (wiring: Wiring) => Promise<T>): Promise<T> {
    try {
      return await loop({
        signal: this.signal,
        onProgress: (event) => this.progress$.update(event),
        onEscaped: (message) => this.escaped.push(message),
      });
    } finally {
      this.progress$.clear();
      // Let timers a workload left behind fire now, while their errors are still caught.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Saves a result in `dir`; says where on stderr. Returns false if it could not. */
  async save(result: SuiteResult, dir: string): Promise<boolean> {
    try {
      const path = await saveResult(result, dir);
      if (!this.quiet) this.io.stderr.write(`result saved to ${path}\n`);
      return true;
    } catch (error) {
      this.io.stderr.write(`error: could not save the result in ${dir}: ${describeError(error)}\n`);
      return false;
    }
  }

  /**
   * The exit code a finished run deserves: 130/143 when stopped, 1 when a cell failed, code escaped
   * or the command says something else failed (a save, a file, a side that stopped), else `verdict`.
   */
  exitCode(result: SuiteResult, failed = false, verdict: number = EXIT.ok): number {
    if (result.partial || this.received) return this.received === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
    const broken = failed || this.escaped.length > 0 || result.cells.some((cell) => cell.state !== 'completed');
    return broken ? EXIT.failed : verdict;
  }

  /** Reports escaped errors and releases the process's handlers. */
  close(): void {
    this.progress$.clear();
    if (this.closed) return;
    this.closed = true;
    for (const message of this.escaped) this.io.stderr.write(`error: a workload threw outside its tasks: ${message}\n`);
    // Once stopping, a further Ctrl-C still means "now", up to the process's last moment (without
    // a handler it would kill the process by the default action, without the exit code).
    if (!this.received) {
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
    }
    process.off('uncaughtException', this.onEscaped);
    process.off('unhandledRejection', this.onEscaped);
  }
}
