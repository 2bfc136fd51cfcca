/** The words of a comparison: how the two runs differ, and what the gate decided. */
import type { CellChange, ChangeLabel, Comparison, SuiteResult } from '../results/types.js';

/** Lines naming how two runs differ in machine or configuration. */
export function describeDifferences(base: SuiteResult, head: SuiteResult): string[] {
  const lines: string[] = [];
  const envKeys = ['node', 'platform', 'arch', 'cpuModel', 'availableParallelism', 'cgroupCpuLimit'] as const;
  for (const key of envKeys) {
    if (base.environment[key] !== head.environment[key])
      lines.push(`environment.${key}: ${String(base.environment[key])} → ${String(head.environment[key])}`);
  }
  // Either run may lack a key a newer version added.
  const configKeys = new Set([...Object.keys(base.config), ...Object.keys(head.config)] as Array<
    keyof SuiteResult['config']
  >);
  for (const key of configKeys) {
    const a = JSON.stringify(base.config[key]) ?? '(absent)';
    const b = JSON.stringify(head.config[key]) ?? '(absent)';
    if (a !== b) lines.push(`config.${key}: ${a} → ${b}`);
  }
  return lines;
}

const percent = (x: number): string => `${Math.abs(x * 100).toFixed(0)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${percent(x)}`;

/** The gate's decision: 1 if anything regressed, else 3 if anything is undecided, else 0; and why, in one sentence. */
export function decide(changes: readonly CellChange[], thresholdPct: number, looks: number): Comparison['decision'] {
  const named = (label: ChangeLabel): string[] =>
    changes.flatMap((c) =>
      c.metrics
        .filter((m) => m.label === label)
        .map((m) => {
          const change = `${m.metric} ${Number.isFinite(m.change) ? signed(m.change) : '?'}`;
          // An undecided metric says what this runner could have resolved.
          const detectable =
            label === 'inconclusive' && m.detectable !== undefined && Number.isFinite(m.detectable)
              ? `; detects ${percent(m.detectable)}+`
              : '';
          return `${c.id} (${change}${detectable})`;
        }),
    );
  const regressed = named('regressed');
  if (regressed.length > 0) {
    return { exitCode: 1, summary: `regressed by ${thresholdPct}% or more: ${regressed.join(', ')}` };
  }
  const undecided = named('inconclusive');
  if (undecided.length > 0) {
    return {
      exitCode: 3,
      summary: `cannot decide after ${looks} look${looks === 1 ? '' : 's'}: ${undecided.join(', ')}`,
    };
  }
  return {
    exitCode: 0,
    summary: `no cell changed by ${thresholdPct}% or more (${changes.length} cells, ${looks} look${looks === 1 ? '' : 's'})`,
  };
}
