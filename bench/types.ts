/** One figure the self-benchmark measures, with its target. */
export interface Probe {
  /** What is measured, as the README table names it. */
  figure: string;
  unit: string;
  /** The target, in words, e.g. "≤ 150 ns". */
  target: string;
  /** Measures once; the runner repeats and takes the median. */
  measure(): Promise<number>;
  /** Absent for a row that only stands beside another for comparison. */
  pass?(median: number): boolean;
  /** Repetitions (default 5). */
  reps?: number;
  /** Takes minutes: skipped with --short. */
  long?: boolean;
}

export interface ProbeResult {
  figure: string;
  unit: string;
  target: string;
  median: number;
  min: number;
  max: number;
  values: number[];
  /** Undefined for a comparison row. */
  pass: boolean | undefined;
}
