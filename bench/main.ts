/**
 * gil-bench's own speed: `npm run bench:self`. A benchmark, not a test: it prints each figure with
 * its target and pass/miss, and saves the table as JSON. It never fails the build.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { decideColor } from '../src/config/resolve.js';
import { median } from '../src/stats/summary.js';
import { machineFacts } from '../src/measure/environment.js';
import { cliProbes } from './cli-probes.js';
import { checkpointProbe, lockPairProbe } from './lock-probes.js';
import { strategyProbes } from './strategy-probes.js';
import { agreementProbes } from './agreement-probes.js';
import { traceProbes } from './trace-probes.js';
import type { Probe, ProbeResult } from './types.js';

/** In the order of the README table. */
const PROBES: readonly Probe[] = [
  ...strategyProbes.slice(0, 3),
  lockPairProbe,
  checkpointProbe,
  ...traceProbes,
  ...strategyProbes.slice(3),
  ...cliProbes,
  ...agreementProbes,
];

async function runProbe(probe: Probe): Promise<ProbeResult> {
  const values: number[] = [];
  try {
    for (let rep = 0; rep < (probe.reps ?? 5); rep++) values.push(await probe.measure());
  } catch (error) {
    // One probe that fails must not lose the others' figures.
    process.stderr.write(`  failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return {
      figure: probe.figure,
      unit: probe.unit,
      target: probe.target,
      median: Number.NaN,
      min: Number.NaN,
      max: Number.NaN,
      values,
      pass: false,
    };
  }
  const mid = median(values);
  return {
    figure: probe.figure,
    unit: probe.unit,
    target: probe.target,
    median: mid,
    min: Math.min(...values),
    max: Math.max(...values),
    values,
    pass: probe.pass?.(mid),
  };
}

const format = (x: number): string =>
  Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3);

const USAGE = `Usage: npm run bench:self -- [--short] [--list] [WORD]

Measures gil-bench's own overheads against their targets, prints a table and saves it as JSON
under bench-results/. It takes minutes and the machine to itself.

  WORD      only the figures whose name contains WORD (e.g. async)
  --short   skip the figures that take minutes (default cpu runs, agreement, peak RSS)
  --list    print the figures that would be measured, and measure nothing
  --help    this text
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  const short = args.includes('--short');
  const filter = args.find((a) => !a.startsWith('--'));
  const chosen = PROBES.filter((probe) => !(filter && !probe.figure.includes(filter)) && !(short && probe.long));
  // A dry path: which figures, with their targets, without the minutes of measuring.
  if (args.includes('--list')) {
    for (const probe of chosen) process.stdout.write(`${probe.figure} (target ${probe.target})\n`);
    return;
  }
  const results: ProbeResult[] = [];
  for (const probe of chosen) {
    process.stderr.write(`measuring: ${probe.figure}\n`);
    results.push(await runProbe(probe));
  }
  // Plain when piped or under NO_COLOR, as the CLI's own tables.
  const color = decideColor(undefined, { env: process.env, stdoutIsTTY: process.stdout.isTTY === true });
  const table = new Table({
    head: ['figure', 'median (min – max)', 'target', ''],
    colAligns: ['left', 'right', 'left', 'left'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
  });
  for (const r of results) {
    table.push([
      r.figure,
      `${format(r.median)} ${r.unit} (${format(r.min)} – ${format(r.max)})`,
      r.target,
      r.pass === undefined ? '' : r.pass ? 'pass' : 'MISS',
    ]);
  }
  process.stdout.write(`${table.toString()}\n`);
  const dir = resolve('bench-results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `self-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify({ environment: machineFacts(), results }, null, 2)}\n`);
  process.stderr.write(`saved to ${path}\n`);
}

await main();
