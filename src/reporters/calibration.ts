import Table from 'cli-table3';
import type { Calibration } from '../results/types.js';
import { formatMs, formatRatio, palette } from './format.js';

/** Fidelity within ±15% is shown plain, beyond it in colour. */
const CLOSE = 0.15;
const close = (f: number): boolean => Number.isFinite(f) && Math.abs(f - 1) <= CLOSE;

function python(cal: Calibration): string {
  return `${cal.python.implementation} ${cal.python.version}${cal.python.gil ? '' : ' (free-threaded: threads are compared with --gil none)'} via ${cal.python.command}`;
}

/** "1.82× (1.70–1.95)": a speedup with its interval, where the row has one. */
function withInterval(value: number, interval: readonly [number, number] | undefined): string {
  if (!interval || !interval.every(Number.isFinite)) return formatRatio(value);
  return `${formatRatio(value)} (${interval[0].toFixed(2)}–${interval[1].toFixed(2)})`;
}

function legacyLine(cal: Calibration): string | undefined {
  const old = cal.legacy;
  if (!old) return undefined;
  const interval = (x: { value: number; low: number; high: number }): string =>
    `${formatRatio(x.value)} (${x.low.toFixed(2)}–${x.high.toFixed(2)})`;
  return `the old GIL, 2 threads against one after another: --gil legacy ${interval(old.simulated)} vs CPython ${old.python} ${interval(old.real)}: ${old.agreement}`;
}

/** How many pairs could not be judged: their intervals overlap only because one is wide. */
function noisy(rows: Calibration['rows']): string {
  const count = rows.filter((r) => r.agreement === 'too-noisy').length;
  return count > 0 ? `, ${count} too noisy to judge` : '';
}

function agreements(cal: Calibration): string {
  const checked = cal.rows.filter((r) => r.checked && r.agreement);
  const consistent = checked.filter((r) => r.agreement === 'consistent').length;
  return checked.length > 0
    ? `${consistent} of ${checked.length} expected pairs consistent (their 95% intervals overlap, each narrow enough to tell 15%)${noisy(checked)}`
    : '';
}

function worstLine(cal: Calibration): string {
  if (!cal.worst) return 'no expected pair was measured';
  return `worst expected pair: ${cal.worst.workload} ${cal.worst.simulated} vs ${cal.worst.real}, fidelity ${cal.worst.fidelity.toFixed(2)}`;
}

/** The calibration for the terminal: simulated vs real speedups side by side, then convoy and lag. */
export function renderCalibrationText(cal: Calibration, color: boolean, width = 120): string {
  // The intervals take 12 columns each: below 110 the table keeps its verdict on them, not the figures.
  const wide = width >= 110;
  const shown = (value: number, at: readonly [number, number] | undefined): string =>
    wide ? withInterval(value, at) : formatRatio(value);
  const c = palette(color);
  // Narrow, the CPython column goes too: each strategy's counterpart is fixed (threads, asyncio, …).
  const columns = (cells: string[]): string[] => (wide ? cells : cells.filter((_, i) => i !== 2));
  const table = new Table({
    head: columns(['workload', 'gil-bench', 'CPython', `simulated ×${cal.threads}`, 'real', 'fidelity', 'intervals']),
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: columns(['left', 'left', 'left', 'right', 'right', 'right', 'left']) as Array<'left' | 'right'>,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of cal.rows) {
    const fidelity = row.fidelity.toFixed(2) + (row.checked ? '' : ' ·');
    table.push(
      columns([
        row.workload,
        row.simulated,
        row.real,
        shown(row.simulatedSpeedup, row.simulatedInterval),
        shown(row.realSpeedup, row.realInterval),
        close(row.fidelity) ? fidelity : c.yellow(fidelity),
        row.agreement === 'apart' || row.agreement === 'too-noisy' ? c.yellow(row.agreement) : (row.agreement ?? ''),
      ]),
    );
  }
  const { convoy, loopLag } = cal;
  return [
    c.bold(`How faithful is the simulation: gil-bench beside real ${python(cal)}`),
    table.toString(),
    c.dim(
      'fidelity = simulated ÷ real speedup vs sequential; intervals: consistent when the two 95% intervals overlap and each is narrow enough to tell 15%, too-noisy when they overlap only because one is wider; · marks pairs outside the ±15% expectation set',
    ),
    `convoy: each I/O op waits ${formatMs(convoy.simulatedExtraMs)} longer beside a CPU-bound thread (simulated) vs ${formatMs(convoy.realExtraMs)} (CPython): fidelity ${convoy.fidelity.toFixed(2)}`,
    `event-loop heartbeat with CPU work offloaded (async-offload vs asyncio.to_thread): p50 ${formatMs(loopLag.simulatedOffloadP50)} vs ${formatMs(loopLag.realOffloadP50)} (fidelity ${loopLag.offloadFidelityP50.toFixed(2)}), p99 ${formatMs(loopLag.simulatedOffloadP99)} vs ${formatMs(loopLag.realOffloadP99)} (fidelity ${loopLag.offloadFidelity.toFixed(2)})`,
    `event-loop heartbeat p99, CPU work on the loop (async vs asyncio): ${formatMs(loopLag.simulatedDirectP99)} vs ${formatMs(loopLag.realDirectP99)}`,
    `CPython process pool start-up (not in the times): ${formatMs(cal.processStartupMs)}`,
    ...[legacyLine(cal), agreements(cal)].filter((line): line is string => Boolean(line)),
    c.bold(worstLine(cal)),
  ].join('\n');
}

/** The same as a Markdown section. */
export function renderCalibrationMarkdown(cal: Calibration): string {
  const rows = cal.rows.map(
    (r) =>
      `| ${r.workload} | \`${r.simulated}\` | \`${r.real}\` | ${withInterval(r.simulatedSpeedup, r.simulatedInterval)} | ${withInterval(r.realSpeedup, r.realInterval)} | ${r.fidelity.toFixed(2)}${r.checked ? '' : ' ·'} | ${r.agreement ?? ''} |`,
  );
  return [
    `### How faithful is the simulation (${python(cal)})`,
    '',
    `| Workload | gil-bench | CPython | Simulated ×${cal.threads} | Real | Fidelity | Intervals |`,
    '|:---|:---|:---|---:|---:|---:|:---|',
    ...rows,
    '',
    `- convoy, extra per I/O op: ${formatMs(cal.convoy.simulatedExtraMs)} simulated vs ${formatMs(cal.convoy.realExtraMs)} real (fidelity ${cal.convoy.fidelity.toFixed(2)})`,
    `- heartbeat with CPU offloaded: p50 ${formatMs(cal.loopLag.simulatedOffloadP50)} vs ${formatMs(cal.loopLag.realOffloadP50)} (fidelity ${cal.loopLag.offloadFidelityP50.toFixed(2)}), p99 ${formatMs(cal.loopLag.simulatedOffloadP99)} vs ${formatMs(cal.loopLag.realOffloadP99)} (fidelity ${cal.loopLag.offloadFidelity.toFixed(2)}); on the loop, p99: ${formatMs(cal.loopLag.simulatedDirectP99)} vs ${formatMs(cal.loopLag.realDirectP99)}`,
    ...[legacyLine(cal), agreements(cal)].filter((line): line is string => Boolean(line)).map((line) => `- ${line}`),
    `- ${worstLine(cal)}`,
    '',
  ].join('\n');
}
