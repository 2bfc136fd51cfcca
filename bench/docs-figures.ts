/**
 * The figures quoted in docs/ and the README, measured and written in place:
 * `npm run docs:figures -- SECTION…`. Each section runs gil-bench as a user would (a child process,
 * the built CLI), and replaces the text between `<!-- figures:SECTION -->` and
 * `<!-- /figures:SECTION -->` in its file with what it measured, how, when and where. Nothing is
 * typed in by hand. Sections take minutes each: run them on a quiet machine, one at a time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineFacts } from '../src/measure/environment.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { median } from '../src/stats/summary.js';
import { slower } from './slower-workload.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'gil-bench.js');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** gil-bench in a child process, in `cwd`. */
function gilBench(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A run's JSON result, read from the file gil-bench wrote. */
async function resultOf(args: string[], cwd: string): Promise<{ ran: Ran; result: SuiteResult }> {
  const file = join(cwd, `r-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const ran = await gilBench([...args, '--no-save', '--quiet', '--format', 'json', '--output', file], cwd);
  const result = JSON.parse(await readFile(file, 'utf8')) as SuiteResult;
  return { ran, result };
}

const fixed = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const range = (values: number[], digits = 2): string =>
  `${fixed(median(values), digits)} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
const cellKey = (c: CellResult): string => `${c.workload}/${c.strategy}/${c.threads}t`;

function provenance(section: string, how: string): string {
  const env = machineFacts();
  return `_Measured ${new Date().toISOString().slice(0, 10)} on ${env.cpuModel}, ${env.availableParallelism} cores, Node ${process.version}, by \`npm run docs:figures -- ${section}\` (${how})._`;
}

/** Replaces the marked section of a file with `body`. */
async function writeSection(file: string, section: string, body: string): Promise<void> {
  const path = join(ROOT, file);
  const text = await readFile(path, 'utf8');
  const open = `<!-- figures:${section} -->`;
  const close = `<!-- /figures:${section} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`${file} has no ${open} … ${close} section`);
  await writeFile(path, `${text.slice(0, start + open.length)}\n${body.trim()}\n${text.slice(end)}`);
  process.stderr.write(`wrote ${section} into ${file}\n`);
}

type Section = (dir: string) => Promise<void>;

const SECTIONS: Record<string, Section> = {
  /** The README's opening: a newcomer's `gil-bench cpu`, as printed at 100 columns. */
  async readme(dir) {
    const ran = await gilBench(['cpu', '--no-save'], dir, { COLUMNS: '100' });
    await writeSection('README.md', 'readme', `\`\`\`\n${ran.stdout.trimEnd()}\n\`\`\``);
  },

  /** How faithful the simulation is: `gil-bench calibrate`, five runs, medians with their range. */
  async fidelity(dir) {
    // FIDELITY_RUNS names a folder of calibrate results already measured (say, alternating with
    // another version's runs); else five runs are made now.
    const from = process.env['FIDELITY_RUNS'];
    const runs: SuiteResult[] = [];
    if (from) {
      for (const file of (await readdir(from)).filter((f) => f.endsWith('.json')).sort())
        runs.push(JSON.parse(await readFile(join(from, file), 'utf8')) as SuiteResult);
    } else for (let i = 0; i < 5; i++) runs.push((await resultOf(['calibrate'], dir)).result);
    const cal = runs.map((r) => r.calibration).filter((c) => c !== undefined);
    const first = cal[0];
    if (!first) throw new Error('calibrate gave no calibration');
    const rows = first.rows.map((row, i) => {
      const f = cal.map((c) => c.rows[i]?.fidelity ?? Number.NaN);
      const sim = cal.map((c) => c.rows[i]?.simulatedSpeedup ?? Number.NaN);
      const real = cal.map((c) => c.rows[i]?.realSpeedup ?? Number.NaN);
      const consistent = cal.filter((c) => c.rows[i]?.agreement === 'consistent').length;
      return `| ${row.workload} | \`${row.simulated}\` | \`${row.real}\` | ${range(sim)} | ${range(real)} | ${range(f)}${row.checked ? '' : ' ·'} | ${consistent} of ${cal.length} |`;
    });
    const checked = cal.flatMap((c) => c.rows.filter((r) => r.checked && r.agreement !== undefined));
    const share = checked.filter((r) => r.agreement === 'consistent').length;
    const legacy = cal.map((c) => c.legacy).filter((l) => l !== undefined);
    const legacyLine =
      legacy.length > 0
        ? `- the old GIL, 2 threads against one after another: \`--gil legacy\` ${range(legacy.map((l) => l.simulated.value))}, CPython ${legacy[0]?.python ?? ''} ${range(legacy.map((l) => l.real.value))}; consistent in ${legacy.filter((l) => l.agreement === 'consistent').length} of ${legacy.length} runs`
        : '- the old GIL: no CPython 2.7 was found';
    const lag = (pick: (c: (typeof cal)[number]) => number): string => range(cal.map(pick));
    await writeSection(
      'docs/fidelity.md',
      'fidelity',
      [
        provenance(
          'fidelity',
          `${runs.length} runs of \`gil-bench calibrate\` at ${first.threads} threads against ${first.python.implementation} ${first.python.version}; median (min–max)`,
        ),
        '',
        '| workload | gil-bench | CPython | simulated | real | fidelity | intervals overlap |',
        '|:---|:---|:---|---:|---:|---:|---:|',
        ...rows,
        '',
        '`·` marks pairs the simulation is not expected to match (shown for context). Intervals overlap: the runs in which the two 95% intervals (each from its own rounds) overlap, the pair then judged consistent.',
        '',
        `- expected pairs consistent: ${share} of ${checked.length} (${fixed((100 * share) / Math.max(1, checked.length), 0)}%) over the runs`,
        '',
        `- convoy, extra wait per I/O op beside a CPU-bound thread: simulated ${lag((c) => c.convoy.simulatedExtraMs)} ms, CPython ${lag((c) => c.convoy.realExtraMs)} ms, fidelity ${lag((c) => c.convoy.fidelity)}`,
        `- event-loop heartbeat with CPU offloaded (async-offload vs asyncio.to_thread): p50 fidelity ${lag((c) => c.loopLag.offloadFidelityP50)}, p99 fidelity ${lag((c) => c.loopLag.offloadFidelity)}`,
        legacyLine,
      ].join('\n'),
    );
  },

  /** The convoy in switch intervals at --switch-interval 1 and 5, three runs each. */
  async convoy(dir) {
    const lines: string[] = [];
    for (const interval of [1, 5]) {
      const extra: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { result } = await resultOf(['mixed', '-w', 'convoy', '--switch-interval', String(interval)], dir);
        const cell = result.cells.find((c) => c.strategy === 'gil-threads');
        extra.push(((cell?.verdict?.facts.ioExtraMs ?? Number.NaN) as number) / interval);
      }
      lines.push(`| ${interval} ms | ${range(extra)} |`);
    }
    await writeSection(
      'docs/measurement.md',
      'convoy',
      [
        provenance('convoy', '`gil-bench mixed -w convoy --switch-interval N`, 3 runs each; median (min–max)'),
        '',
        '| switch interval | extra wait per I/O op, in switch intervals |',
        '|---:|---:|',
        ...lines,
      ].join('\n'),
    );
  },

  /** A --quick run and a default run agree on the lock-guarded cells, at 2 and 4 threads. */
  async quick(dir) {
    const args = ['cpu', '-s', 'gil-threads,async-offload', '-t', '2,4'];
    const speedups = async (extra: string[]): Promise<Map<string, number>> => {
      const { result } = await resultOf([...args, ...extra], dir);
      return new Map(result.cells.filter((c) => c.speedup).map((c) => [cellKey(c), c.speedup?.value ?? Number.NaN]));
    };
    const quick: Array<Map<string, number>> = [];
    const full: Array<Map<string, number>> = [];
    for (let i = 0; i < 3; i++) {
      quick.push(await speedups(['--quick']));
      full.push(await speedups([]));
    }
    const keys = [...(full[0]?.keys() ?? [])].filter((k) => !k.includes('/sequential/'));
    const rows = keys.map((key) => {
      const q = median(quick.map((m) => m.get(key) ?? Number.NaN));
      const f = median(full.map((m) => m.get(key) ?? Number.NaN));
      return `| ${key} | ${fixed(q)}× | ${fixed(f)}× | ${fixed((Math.abs(q - f) / f) * 100, 1)}% |`;
    });
    await writeSection(
      'docs/measurement.md',
      'quick',
      [
        provenance(
          'quick',
          '`gil-bench cpu -s gil-threads,async-offload -t 2,4`, with and without `--quick`, 3 runs each, alternating; medians',
        ),
        '',
        '| cell | --quick | default | apart |',
        '|:---|---:|---:|---:|',
        ...rows,
      ].join('\n'),
    );
  },

  /**
   * The saved-baseline gate on a history: five saves of `gil-bench cpu`, then ten runs of
   * unchanged code against them with `--fail-on-regression 15`.
   */
  async gate(dir) {
    const results = ['--quiet', '--results-dir', join(dir, 'results')];
    for (let i = 0; i < 5; i++) await gilBench(['cpu', '--save-baseline', 'main', ...results], dir);
    const codes: number[] = [];
    const detects: number[] = [];
    const caught = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const file = join(dir, `gate-${i}.json`);
      const ran = await gilBench(
        ['cpu', '--baseline', 'main', '--fail-on-regression', '15', ...results, '--format', 'json', '--output', file],
        dir,
      );
      codes.push(ran.code);
      const result = JSON.parse(await readFile(file, 'utf8')) as SuiteResult;
      for (const change of result.comparison?.changes ?? [])
        for (const m of change.metrics) {
          if (m.label === 'regressed') caught.add(`${change.id} ${m.metric}`);
          if (m.detectable !== undefined && Number.isFinite(m.detectable)) detects.push(m.detectable * 100);
        }
    }
    await writeSection(
      'docs/measurement.md',
      'gate',
      [
        provenance(
          'gate',
          'five saves of `gil-bench cpu --save-baseline main`, then ten runs of the same code against them',
        ),
        '',
        '| trial | exit codes of the ten runs | regressed metrics named | smallest detectable change per metric, median (range) |',
        '|:---|:---|:---|---:|',
        `| \`gil-bench cpu --baseline main --fail-on-regression 15\`, unchanged, after five saves | ${codes.join(' ')} | ${[...caught].join(', ') || '–'} | ${range(detects, 0)}% |`,
      ].join('\n'),
    );
  },

  /**
   * The A/B gate: word-count against itself (A/A), against copies made slower, and an I/O workload
   * against itself, ten runs each with `--fail-on-regression 15`; what it costs beside a plain
   * run, and how --pairs and --alternate trade time for the smallest detectable change.
   */
  async ab(dir) {
    const example = (file: string): Promise<string> => readFile(join(ROOT, 'workloads', 'examples', file), 'utf8');
    const wordCount = await example('word-count.js');
    await writeFile(join(dir, 'word-count.js'), wordCount);
    await writeFile(join(dir, 'lookups.js'), await example('lookups.js'));
    await writeFile(join(dir, 'slower-20.js'), slower(wordCount, 'true', 0.2));
    await writeFile(join(dir, 'slower-20-off-main.js'), slower(wordCount, '!isMainThread', 0.2));
    await writeFile(join(dir, 'slower-10.js'), slower(wordCount, 'true', 0.1));
    const timed = async (args: string[]): Promise<{ ran: Ran; ms: number }> => {
      const start = performance.now();
      const ran = await gilBench(args, dir);
      return { ran, ms: performance.now() - start };
    };
    // A plain run of the base beside every A/B run, so each ratio meets the machine of its moment.
    const plainMs = new Map<string, number[]>();
    const plainRun = async (base: string): Promise<number> => {
      const { ms } = await timed(['run', '--workload', join(dir, base), '--quiet', '--no-save']);
      plainMs.set(base, [...(plainMs.get(base) ?? []), ms]);
      return ms;
    };
    interface Trial {
      codes: number[];
      caught: Set<string>;
      detects: number[];
      ms: number[];
      /** The time change each run measured, by strategy: how much slower the head really was. */
      changes: Map<string, number[]>;
      /** Each A/B run's wall time over the plain run's beside it. */
      ratios: number[];
    }
    const trial = async (
      head: string,
      base: string,
      runs: number,
      extra: string[] = [],
      threshold = '15',
    ): Promise<Trial> => {
      const out: Trial = { codes: [], caught: new Set(), detects: [], ms: [], changes: new Map(), ratios: [] };
      for (let i = 0; i < runs; i++) {
        const file = join(dir, `ab-${i}.json`);
        const plain = await plainRun(base);
        const { ran, ms } = await timed([
          'run',
          '--workload',
          join(dir, head),
          '--against',
          join(dir, base),
          '--fail-on-regression',
          threshold,
          ...extra,
          '--quiet',
          '--no-save',
          '--format',
          'json',
          '--output',
          file,
        ]);
        out.codes.push(ran.code);
        out.ms.push(ms);
        out.ratios.push(ms / plain);
        const result = JSON.parse(await readFile(file, 'utf8')) as SuiteResult;
        const metrics = (result.comparison?.changes ?? []).flatMap((c) => c.metrics.map((m) => ({ id: c.id, m })));
        for (const { id, m } of metrics) {
          const cell = id.split('/').slice(1).join('/');
          if (m.label === 'regressed') out.caught.add(`${cell} ${m.metric}`);
          if (m.metric === 'time') out.changes.set(cell, [...(out.changes.get(cell) ?? []), m.change * 100]);
        }
        // The run's resolution: its worst metric's smallest detectable change.
        const worst = Math.max(...metrics.map(({ m }) => m.detectable ?? Number.NaN).filter(Number.isFinite));
        if (Number.isFinite(worst)) out.detects.push(worst * 100);
      }
      return out;
    };
    const row = (label: string, t: Trial): string => {
      const exits = (code: number): number => t.codes.filter((c) => c === code).length;
      const change = (cell: string): string => {
        const values = t.changes.get(cell) ?? [];
        return values.length > 0 ? `${fixed(median(values), 0)}%` : '–';
      };
      return `| ${label} | ${change('sequential/1t')} · ${change('workers/2t')} | ${t.codes.join(' ')} | ${exits(0)} · ${exits(1)} · ${exits(3)} | ${[...t.caught].join(', ') || '–'} | ${range(t.detects, 0)}% | ${fixed(median(t.ms) / 1000, 1)} s · ${range(t.ratios, 1)}× |`;
    };
    const rows = [
      row('word-count against itself (A/A)', await trial('word-count.js', 'word-count.js', 10)),
      row('lookups (waits on I/O) against itself (A/A)', await trial('lookups.js', 'lookups.js', 10)),
      row('word-count 20% slower in every strategy', await trial('slower-20.js', 'word-count.js', 10)),
      row('word-count 20% slower only off the main thread', await trial('slower-20-off-main.js', 'word-count.js', 10)),
      row(
        'word-count 10% slower in every strategy, gated at 5%',
        await trial('slower-10.js', 'word-count.js', 10, [], '5'),
      ),
    ];
    const trade = [
      row('A/A, `--pairs 4`', await trial('word-count.js', 'word-count.js', 3, ['--pairs', '4'])),
      row('A/A, `--pairs 12`', await trial('word-count.js', 'word-count.js', 3, ['--pairs', '12'])),
      row(
        'A/A, `--alternate processes`',
        await trial('word-count.js', 'word-count.js', 5, ['--alternate', 'processes']),
      ),
    ];
    const head =
      '| trial | time change measured, median: sequential · workers | exit codes | exits 0 · 1 · 3 | regressed metrics named | smallest detectable change (worst metric of a run), median (range) | wall time, median · ÷ the plain run beside it, median (range) |';
    await writeSection(
      'docs/measurement.md',
      'ab',
      [
        provenance(
          'ab',
          `ten runs of each trial with \`--against\` and \`--fail-on-regression 15\` unless it says otherwise, each beside a plain run of its base version, which took ${[
            ...plainMs,
          ]
            .map(
              ([base, ms]) =>
                `${range(
                  ms.map((x) => x / 1000),
                  1,
                )} s for ${base.replace(/\.js$/, '')}`,
            )
            .join(' and ')}`,
        ),
        '',
        head,
        '|:---|:---|:---|:---|:---|---:|---:|',
        ...rows,
        '',
        'Time against resolution (A/A runs of word-count):',
        '',
        head,
        '|:---|:---|:---|:---|:---|---:|---:|',
        ...trade,
      ].join('\n'),
    );
  },
  /** The Python examples under real CPython: each strategy's speedup and verdict, quick and default. */
  async python(dir) {
    const examples = ['count_primes.py', 'digest.py', 'naps.py', 'naps_blocking.py'];
    const runs = 3;
    const rows: string[] = [];
    for (const preset of [['--quick'], []]) {
      for (const file of examples) {
        const speedups = new Map<string, number[]>();
        const verdicts = new Map<string, Set<string>>();
        let title = file;
        for (let i = 0; i < runs; i++) {
          const { result } = await resultOf(
            ['run', '--workload', join(ROOT, 'workloads', 'examples', file), ...preset],
            dir,
          );
          for (const cell of result.cells) {
            if (cell.strategy === 'sequential') continue;
            title = `${cell.workload} (${cell.runtime?.name ?? '?'} ${cell.runtime?.version ?? '?'})`;
            speedups.set(cell.strategy, [...(speedups.get(cell.strategy) ?? []), cell.speedup?.value ?? Number.NaN]);
            verdicts.set(cell.strategy, (verdicts.get(cell.strategy) ?? new Set()).add(cell.verdict?.class ?? '–'));
          }
        }
        const cell = (strategy: string): string =>
          `${range(speedups.get(strategy) ?? [])}× ${[...(verdicts.get(strategy) ?? [])].join(', ')}`;
        rows.push(
          `| ${title} | ${preset.join(' ') || 'default'} | ${['gil-threads', 'async', 'workers', 'async-offload'].map(cell).join(' | ')} |`,
        );
      }
    }
    await writeSection(
      'docs/measurement.md',
      'python',
      [
        provenance(
          'python',
          `${runs} runs of each example with \`gil-bench run --workload workloads/examples/FILE\`, 2 threads and processes`,
        ),
        '',
        '| workload | preset | threading (gil-threads) | asyncio (async) | process pool (workers) | asyncio.to_thread (async-offload) |',
        '|:---|:---|:---|:---|:---|:---|',
        ...rows,
        '',
        'Each cell: the speedup over the for loop, median (range) of the runs, and the verdicts’ mechanisms.',
      ].join('\n'),
    );
  },
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  if (asked.length === 0 || asked.some((name) => !(name in SECTIONS))) {
    process.stderr.write(`Usage: npm run docs:figures -- ${Object.keys(SECTIONS).join('|')} …\n`);
    process.exitCode = 2;
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'gil-bench-figures-'));
  try {
    for (const name of asked) await SECTIONS[name]?.(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
