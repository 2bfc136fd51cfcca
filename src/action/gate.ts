/**
 * The gate itself: gil-bench's A/B run (`run --workload HEAD --against BASE --fail-on-regression N`)
 * in a child process, once per Python interpreter (else once), its table and comparison going to the
 * job's log and its JSON result read back.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, UsageError } from '../errors.js';
import type { SuiteResult } from '../results/types.js';
import type { RunReport } from './report.js';

export interface GatePlan {
  /** The pull request's checkout, where gil-bench runs. */
  workspace: string;
  /** The base version's checkout. */
  baseDir: string;
  workload: string;
  thresholdPct: number;
  pairs?: number;
  pythons: readonly string[];
  options: readonly string[];
  /** Where the JSON results go. */
  outDir: string;
}

/** The command's shim, from this file in src/action/ (tests) or in dist/src/action/ (the action). */
const BIN = fileURLToPath(
  new URL(
    import.meta.url.includes('/dist/src/') ? '../../../bin/gil-bench.js' : '../../bin/gil-bench.js',
    import.meta.url,
  ),
);

/** Lines of gil-bench's stderr kept for the report of a run that failed. */
const TAIL = 12;

/**
 * The environment of the measured code, which is the pull request's: the action's inputs (the
 * token among them) are not handed on.
 */
function measuredEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_') && name !== 'GITHUB_TOKEN'),
  );
}

/** gil-bench with its stdout on ours (the job's log); stderr on ours too, its last lines kept. */
function gilBench(args: string[], cwd: string): Promise<{ code: number; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: measuredEnv(),
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    // The end of stderr, kept whole: lines may be cut between chunks.
    let end = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      end = (end + chunk.toString('utf8')).slice(-16_000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const tail = end.trim().split('\n').slice(-TAIL).join('\n');
      resolve({ code: code ?? (signal ? 128 : 1), tail: tail || `ended by ${signal ?? 'exit'}` });
    });
  });
}

async function readResult(path: string): Promise<SuiteResult | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SuiteResult;
  } catch (error) {
    throw new Error(`could not read gil-bench's result ${path}: ${describeError(error)}`);
  }
}

/** Every run of the gate, in order. A workload the base version lacks is skipped, not failed. */
export async function runGate(plan: GatePlan): Promise<RunReport[]> {
  const head = join(plan.workspace, plan.workload);
  if (!existsSync(head)) throw new UsageError(`input workload: no such file in this version: ${plan.workload}`);
  const base = join(plan.baseDir, plan.workload);
  if (!existsSync(base)) {
    return [
      {
        skipped: true,
        note: `The base version has no \`${plan.workload}\`: nothing to compare with (a workload this pull request adds).`,
      },
    ];
  }
  await mkdir(plan.outDir, { recursive: true });
  const runs: RunReport[] = [];
  for (const python of plan.pythons.length > 0 ? plan.pythons : [undefined]) {
    const json = join(plan.outDir, python ? `result-${python.replace(/[^\w.-]+/g, '-')}.json` : 'result.json');
    const args = [
      'run',
      '--workload',
      head,
      '--against',
      base,
      '--fail-on-regression',
      String(plan.thresholdPct),
      ...(plan.pairs !== undefined ? ['--pairs', String(plan.pairs)] : []),
      ...(python ? ['--python', python] : []),
      ...plan.options,
      '--no-save',
      '--format',
      'json',
      '--output',
      json,
    ];
    // A result left by an earlier gate of the same name must not stand for this one.
    await rm(json, { force: true });
    const { code, tail } = await gilBench(args, plan.workspace);
    const result = await readResult(json);
    runs.push({
      ...(python ? { python } : {}),
      code,
      ...(result ? { result, json } : {}),
      ...(result?.comparison ? { comparison: result.comparison } : {}),
      // What went wrong, in gil-bench's words, when the gate did not decide.
      ...(code !== 0 && code !== result?.comparison?.decision.exitCode ? { note: tail } : {}),
    });
  }
  return runs;
}
