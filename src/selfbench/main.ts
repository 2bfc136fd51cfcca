/**
 * gil-bench's own speed: `npm run bench:self`. A benchmark, not a test: it prints each figure with
 * its target and pass/miss, and saves the table as JSON. It never fails the build.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { median } from '../measure/stats.js';
import { machineFacts } from '../measure/environment.js';
import { checkpointProbe, lockPairProbe } from './lock-probes.js';
import type { Probe, ProbeResult } from './types.js';

const PROBES: readonly Probe[] = [lockPairProbe, checkpointProbe];

async function runProbe(probe: Probe): Promise<ProbeResult> {
  const values: number[] = [];
  for (let rep = 0; rep < (probe.reps ?? 5); rep++) values.push(await probe.measure());
  const mid = median(values);
  return { figure: probe.figure, unit: probe.unit, target: probe.target, median: mid, min: Math.min(...values), max: Math.max(...values), values, pass: probe.pass(mid) };
}

const format = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));

async function main(): Promise<void> {
  const filter = process.argv[2];
  const results: ProbeResult[] = [];
  for (const probe of PROBES) {
    if (filter && !probe.figure.includes(filter)) continue;
    process.stderr.write(`measuring: ${probe.figure}\n`);
    results.push(await runProbe(probe));
  }
  const table = new Table({ head: ['figure', 'median (min – max)', 'target', ''], colAligns: ['left', 'right', 'left', 'left'] });
  for (const r of results) {
    table.push([r.figure, `${format(r.median)} ${r.unit} (${format(r.min)} – ${format(r.max)})`, r.target, r.pass ? 'pass' : 'MISS']);
  }
  process.stdout.write(`${table.toString()}\n`);
  const dir = resolve('bench-results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `self-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify({ environment: machineFacts(), results }, null, 2)}\n`);
  process.stderr.write(`saved to ${path}\n`);
}

await main();
