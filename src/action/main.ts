/**
 * The GitHub Action's steps (action.yml): `base` finds the version to compare with, `gate` runs
 * gil-bench's A/B gate and reports it. Like `cli/main.ts` for the command, this is the one place the
 * action touches the process: its inputs, outputs and summary (`@actions/core`), the event and the
 * REST API (`@actions/github`), and its exit code.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { describeError, EXIT, UsageError } from '../errors.js';
import { resolveBase } from './base.js';
import { commentLine, keepComment, type CommentResult } from './comment.js';
import { COMMENT_LIMIT, fitMarkdown } from './fit.js';
import { runGate } from './gate.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { detectableOutput, outcomeOf, regressedOutput } from './outcome.js';
import { commentMarker, renderReport, type ReportContext } from './report.js';

const workspace = (): string => process.env.GITHUB_WORKSPACE || process.cwd();

/** The commit checked out in the workspace, else the one the event names. */
function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace(), encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return context.sha;
  }
}

/** `base`: the ref the next step checks out beside this version, and its label for the report. */
async function baseStep(): Promise<number> {
  const token = core.getInput('token');
  const base = await resolveBase(core.getInput('base-ref'), context, headCommit(), async (from, to) => {
    if (!token) throw new Error('the input token is empty');
    const { data } = await getOctokit(token).rest.repos.compareCommitsWithBasehead({
      ...context.repo,
      basehead: `${from}...${to}`,
    });
    return data.merge_base_commit.sha;
  });
  if (base.note) core.notice(base.note);
  core.info(`gil-bench: comparing with ${base.label}`);
  core.setOutput('ref', base.ref);
  core.setOutput('label', base.label);
  return EXIT.ok;
}

/** The comment, kept up to date when asked for and possible; what became of it otherwise. */
async function comment(inputs: ActionInputs, body: string): Promise<CommentResult> {
  if (!inputs.comment) return { state: 'off' };
  const number = context.payload.pull_request?.number;
  if (typeof number !== 'number') return { state: 'not-a-pull-request', event: context.eventName || 'local' };
  if (!inputs.token) return { state: 'refused', reason: 'the input token is empty' };
  return keepComment(getOctokit(inputs.token), { ...context.repo, number }, commentMarker(inputs.key), body);
}

function runUrl(): string | undefined {
  if (!process.env.GITHUB_REPOSITORY || !Number.isFinite(context.runId)) return undefined;
  return `${context.serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${context.runId}`;
}

/** `gate`: measure, then outputs, comment, summary, annotation; exit 1 when the step should fail. */
async function gateStep(): Promise<number> {
  const inputs = readInputs((name) => core.getInput(name), context.job);
  const baseDir = process.env.GIL_BENCH_BASE_DIR;
  if (!baseDir)
    throw new UsageError('GIL_BENCH_BASE_DIR is not set: the gate runs after action.yml checks out the base');
  const outDir = join(process.env.RUNNER_TEMP || tmpdir(), 'gil-bench', inputs.key);
  const runs = await core.group(`gil-bench: ${inputs.workload} against the base version`, () =>
    runGate({ ...inputs, workspace: workspace(), baseDir, outDir }),
  );
  const outcome = outcomeOf(runs, inputs.undecided);
  const artifact = `gil-bench-${inputs.key}`;
  const markdown = join(outDir, 'report.md');
  core.setOutput('verdict', outcome.verdict);
  core.setOutput('regressed', regressedOutput(runs));
  core.setOutput('detectable', detectableOutput(runs));
  core.setOutput('json', runs.flatMap((r) => (r.json ? [r.json] : [])).join('\n'));
  core.setOutput('markdown', markdown);
  core.setOutput('artifact', artifact);
  core.setOutput('dir', outDir);

  const url = runUrl();
  const ctx: ReportContext = {
    workload: inputs.workload,
    base: process.env.GIL_BENCH_BASE_LABEL || 'the base version',
    thresholdPct: inputs.thresholdPct,
    policy: inputs.undecided,
    ...(url ? { runUrl: url } : {}),
    artifact,
  };
  const body = `${commentMarker(inputs.key)}\n${renderReport(runs, outcome, ctx)}`;
  const commented = await comment(
    inputs,
    fitMarkdown(
      body,
      COMMENT_LIMIT,
      `The whole report is in the job summary, and the JSON in the artifact \`${artifact}\`.`,
    ),
  );
  core.setOutput('comment-url', 'url' in commented ? commented.url : '');
  const status = commentLine(commented);
  core.info(status);
  const summary = fitMarkdown(
    renderReport(runs, outcome, { ...ctx, status }),
    COMMENT_LIMIT,
    `The whole comparison is in the JSON artifact \`${artifact}\`.`,
  );
  await mkdir(outDir, { recursive: true });
  await writeFile(markdown, summary);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  if (outcome.annotation) core[outcome.annotation.level](outcome.annotation.text);
  return outcome.fails ? EXIT.failed : EXIT.ok;
}

/** Runs one step of the action; returns its exit code. A bad input is one line, exit 2. */
export async function main(step: string | undefined): Promise<number> {
  try {
    if (step === 'base') return await baseStep();
    if (step === 'gate') return await gateStep();
    throw new UsageError(`unknown step "${step ?? ''}": base or gate`);
  } catch (error) {
    if (step === 'gate') core.setOutput('verdict', 'failed');
    core.error(error instanceof UsageError ? error.message : describeError(error));
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}
