/** The regression gate's options (--metric, --threshold, --fail-on-regression), checked. */
import { UsageError } from '../errors.js';
import { OPTIONS } from './options.js';

/** Options shared by `compare` and by benchmark commands given --baseline. */
export interface GateOptions {
  metric?: string;
  threshold?: string;
  failOnRegression?: string | boolean;
  format?: string;
  color?: boolean;
}

export interface Gate {
  metrics: CompareMetric[];
  thresholdPct: number;
  /** When set, regressions and undecidable data change the exit code, and undecided cells are re-measured. */
  enforce: boolean;
}

/** What the gate can judge: each strategy's speedup over sequential, each cell's own time. */
export const COMPARE_METRICS = ['speedup', 'time'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

export const DEFAULT_THRESHOLD_PCT = Number(OPTIONS.threshold.default);
const METRICS: Record<string, CompareMetric[]> = { both: ['speedup', 'time'], speedup: ['speedup'], time: ['time'] };

function percent(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1000)
    throw new UsageError(`${flag} must be a percentage above 0 (got "${raw}")`);
  return value;
}

/** Checks --metric, --threshold and --fail-on-regression. */
export function resolveGate(raw: GateOptions): Gate {
  const metrics = METRICS[raw.metric ?? OPTIONS.metric.default];
  if (!metrics) throw new UsageError(`--metric must be one of both, speedup, time (got "${raw.metric}")`);
  const enforce = raw.failOnRegression !== undefined && raw.failOnRegression !== false;
  const thresholdPct =
    typeof raw.failOnRegression === 'string'
      ? percent('--fail-on-regression', raw.failOnRegression)
      : raw.threshold !== undefined
        ? percent('--threshold', raw.threshold)
        : DEFAULT_THRESHOLD_PCT;
  return { metrics, thresholdPct, enforce };
}
