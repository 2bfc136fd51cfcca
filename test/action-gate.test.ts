/**
 * The action's gate step, run as the runner runs it, against a stand-in GitHub API on 127.0.0.1:
 * real A/B runs of the word-count example (the same file, then a copy 20% slower), kept short: the
 * sequential strategy's time alone, and thresholds far from what is measured (30% for the A/A, 5%
 * for the 20% slowdown, with more rounds and pairs), so that a loaded machine still decides: there,
 * late timers dilute the slowdown to about 10%, and pairs spread by about 10%.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slower } from '../bench/slower-workload.js';
import { COMMENT_LIMIT } from '../src/action/fit.js';
import { VERDICTS } from '../src/action/outcome.js';
import type { SuiteResult } from '../src/results/types.js';
import { runActionStep, type ActionRunOptions } from './fixtures/action-run.js';
import { startGitHubStandIn, type GitHubStandIn } from './fixtures/github-api.js';
import { ROOT, tempDir } from './helpers.js';

const WORD_COUNT = join(ROOT, 'workloads', 'examples', 'word-count.js');
const WORKLOAD = 'bench/word-count.js';
const PR = 7;
const SHORT = '--strategies sequential --metric time';

describe('the action gates a pull request, against a stand-in API', () => {
  let dir: { path: string; remove(): Promise<void> };
  let api: GitHubStandIn;
  let options: (inputs: Record<string, string>) => ActionRunOptions;

  beforeAll(async () => {
    dir = await tempDir();
    api = await startGitHubStandIn('octo', 'widgets', PR);
    const workspace = join(dir.path, 'workspace');
    await mkdir(join(workspace, 'bench'), { recursive: true });
    await mkdir(join(workspace, '.gil-bench-base', 'bench'), { recursive: true });
    await copyFile(WORD_COUNT, join(workspace, WORKLOAD));
    // The base version: a copy of the same file, where action.yml checks the base out.
    await copyFile(WORD_COUNT, join(workspace, '.gil-bench-base', WORKLOAD));
    options = (inputs) => ({
      dir: dir.path,
      workspace,
      event: {
        name: 'pull_request',
        payload: { pull_request: { number: PR, base: { ref: 'main', sha: 'a'.repeat(40) } } },
      },
      inputs: { workload: WORKLOAD, token: 'stand-in-token', ...inputs },
      env: {
        GITHUB_API_URL: api.url,
        GIL_BENCH_BASE_DIR: join(workspace, '.gil-bench-base'),
        GIL_BENCH_BASE_LABEL: '`main` (merge base aaaaaaa)',
      },
    });
  });

  afterAll(async () => {
    await api?.close();
    await dir?.remove();
  });

  it('an A/A run is unchanged, with one comment; a 20% slower head regresses, exits 1 and edits that comment', async () => {
    const aa = await runActionStep(
      'gate',
      options({ threshold: '30', pairs: '4', options: `${SHORT} --iterations 10` }),
    );
    expect(aa.code, aa.stderr).toBe(0);
    expect(aa.outputs.verdict).toBe('unchanged');
    expect(aa.outputs.regressed).toBe('');
    expect(Number(aa.outputs.detectable)).toBeGreaterThan(0);
    // The JSON result and the Markdown report are where the outputs say.
    const result = JSON.parse(await readFile(aa.outputs.json ?? '', 'utf8')) as SuiteResult;
    expect(result.comparison?.decision.exitCode).toBe(0);
    expect(await readFile(aa.outputs.markdown ?? '', 'utf8')).toBe(aa.summary);
    expect(aa.summary).toMatch(
      /^## ✅ gil-bench: `bench\/word-count\.js` unchanged against `main` \(merge base aaaaaaa\)$/m,
    );
    expect(aa.summary).toContain(`**This runner detects** changes of ${aa.outputs.detectable}% or more`);
    expect(aa.summary).toContain('💬 Posted [the comment]');
    expect(api.comments).toHaveLength(1);
    const first = api.comments[0];
    expect(first?.body).toContain('<!-- gil-bench-action:bench-bench-word-count.js -->');
    expect(first?.body).toContain('unchanged against `main` (merge base aaaaaaa)');
    expect(first?.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(aa.outputs['comment-url']).toBe(first?.html_url);
    // The token is the input's, sent as GitHub expects it.
    expect(api.requests.find((r) => r.method === 'POST')?.authorization).toBe('token stand-in-token');

    // The next push: the same workload, 20% slower per task.
    const workspace = options({}).workspace;
    await writeFile(join(workspace, WORKLOAD), slower(await readFile(WORD_COUNT, 'utf8'), 'true', 0.2));
    const slow = await runActionStep(
      'gate',
      options({ threshold: '5', pairs: '8', options: `${SHORT} --iterations 20` }),
    );
    expect(slow.code, slow.stderr).toBe(1);
    expect(slow.outputs.verdict).toBe('regressed');
    expect(slow.outputs.regressed).toBe('word-count/sequential/1t time');
    expect(slow.stdout).toMatch(/::error::.*regress/);
    expect(api.comments).toHaveLength(1);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(api.comments[0]?.body).toContain('regressed against `main` (merge base aaaaaaa)');
    expect(api.comments[0]?.body).toContain('- ❌ **Regressed:** `word-count/sequential/1t time` +');
    expect(slow.summary).toContain('💬 Updated [the comment]');
  }, 180_000);

  it('reports a run gil-bench refused in its own words, and skips a workload the base lacks', async () => {
    const workspace = options({}).workspace;
    const broken = await readFile(join(ROOT, 'test', 'fixtures', 'bad-contract-workload.js'), 'utf8');
    await writeFile(join(workspace, 'bench', 'broken.js'), broken);
    await writeFile(join(workspace, '.gil-bench-base', 'bench', 'broken.js'), broken);
    const failed = await runActionStep('gate', options({ workload: 'bench/broken.js', comment: 'false' }));
    expect(failed.code).toBe(1);
    expect(failed.outputs.verdict).toBe('failed');
    expect(failed.outputs.json).toBe('');
    expect(failed.summary).toMatch(/^## ❌ gil-bench: `bench\/broken\.js` failed against/);
    expect(failed.summary).toContain('gil-bench could not measure (exit 2):\n\n```\nerror: ');
    expect(failed.summary).toContain('bench/broken.js: export "run" is not a function\n```');
    expect(failed.summary).toContain('💬 No comment: the input `comment` is false.');

    await writeFile(join(workspace, 'bench', 'new.js'), broken);
    const skipped = await runActionStep('gate', options({ workload: 'bench/new.js' }));
    expect(skipped.code, skipped.stdout).toBe(0);
    expect(skipped.outputs.verdict).toBe('skipped');
    expect(skipped.summary).toContain('The base version has no `bench/new.js`: nothing to compare with');
  });

  it('with a read-only token, still sets its outputs and its summary, and says why there is no comment', async () => {
    api.readOnly = true;
    const before = api.comments.map((c) => c.body);
    const tiny = '--strategies sequential --metric time --iterations 2 --tasks 2 --warmup 0';
    const ran = await runActionStep(
      'gate',
      options({ threshold: '30', pairs: '2', undecided: 'pass', options: tiny, name: 'fork' }),
    );
    api.readOnly = false;
    expect(VERDICTS).toContain(ran.outputs.verdict);
    expect(ran.code, ran.stderr).toBe(['regressed', 'failed'].includes(ran.outputs.verdict ?? '') ? 1 : 0);
    expect(existsSync(ran.outputs.json ?? '')).toBe(true);
    expect(ran.outputs.detectable).toMatch(/^\d+$/);
    expect(ran.outputs['comment-url']).toBe('');
    expect(ran.summary).toMatch(
      new RegExp(`^## .* gil-bench: \`bench/word-count\\.js\` ${ran.outputs.verdict} against`),
    );
    expect(ran.summary).toContain('**No comment was posted:** the token may not write to this pull request (HTTP 403');
    expect(ran.summary).toContain('A pull request from a fork gets a read-only token');
    expect(ran.stdout).toContain('No comment was posted');
    // The write was tried and refused; nothing changed.
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST' });
    expect(api.comments.map((c) => c.body)).toEqual(before);
  }, 120_000);
});
