import type { SuiteResult } from '../results/types.js';

export interface RenderOptions {
  /** Decided once by the CLI (NO_COLOR, --no-color, a non-terminal stdout). */
  color: boolean;
  /**
   * Columns the output must fit, decided once by the CLI from the terminal (a wide default when
   * stdout is not one). Only the terminal table reads it; machine formats ignore it.
   */
  width?: number;
  /** Every workload's table and each strategy's reasoning, not only the summary (--details). */
  details?: boolean;
}

/** Turns a result into text. A pure function of its input: no clock, no file, no argv. */
export interface Reporter {
  readonly name: string;
  /** True when the output is meant for programs (stdout carries nothing else). */
  readonly machine: boolean;
  render(result: SuiteResult, options: RenderOptions): string;
}
