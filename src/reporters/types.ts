import type { SuiteResult } from '../results/types.js';

export interface RenderOptions {
  /** Decided once by the CLI (NO_COLOR, --no-color, a non-terminal stdout). */
  color: boolean;
}

/** Turns a result into text. A pure function of its input: no clock, no file, no argv. */
export interface Reporter {
  readonly name: string;
  /** True when the output is meant for programs (stdout carries nothing else). */
  readonly machine: boolean;
  render(result: SuiteResult, options: RenderOptions): string;
}
