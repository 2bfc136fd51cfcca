/**
 * Which version the action compares with: the input when given, else the pull request's merge base
 * (asked of the compare API, the stand-in here), else a push's previous commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBase, type BaseEvent } from '../src/action/base.js';
import { runActionStep } from './fixtures/action-run.js';
import { startGitHubStandIn, type GitHubStandIn } from './fixtures/github-api.js';
import { tempDir } from './helpers.js';

const BASE_SHA = 'b'.repeat(40);
const MERGE_BASE = 'c'.repeat(40);
const pullRequest: BaseEvent = {
  eventName: 'pull_request',
  payload: { pull_request: { number: 3, base: { ref: 'main', sha: BASE_SHA } } },
};

describe('the base version', () => {
  it('is the input when given', async () => {
    const never = (): Promise<string> => Promise.reject(new Error('not asked'));
    expect(await resolveBase('v1.2.0', pullRequest, 'head', never)).toEqual({ ref: 'v1.2.0', label: '`v1.2.0`' });
  });

  it("is the pull request's merge base with its base branch, asked for the checked-out commit", async () => {
    const asked: string[] = [];
    const base = await resolveBase('', pullRequest, 'd'.repeat(40), (from, to) => {
      asked.push(`${from}...${to}`);
      return Promise.resolve(MERGE_BASE);
    });
    expect(asked).toEqual([`${BASE_SHA}...${'d'.repeat(40)}`]);
    expect(base).toEqual({ ref: MERGE_BASE, label: '`main` (merge base ccccccc)' });
  });

  it("falls back on the base branch's commit, saying why, when the merge base cannot be asked", async () => {
    const base = await resolveBase('', pullRequest, 'head', () => Promise.reject(new Error('HTTP 500')));
    expect(base).toMatchObject({ ref: BASE_SHA, label: '`main` (bbbbbbb)' });
    expect(base.note).toMatch(
      /^could not ask for the merge base \(HTTP 500\); comparing with the base branch's commit bbbbbbb$/,
    );
  });

  it("is a push's previous commit, and is asked for elsewhere", async () => {
    const none = (): Promise<string> => Promise.reject(new Error('not asked'));
    const push = (before: string): BaseEvent => ({ eventName: 'push', payload: { before } });
    expect(await resolveBase('', push('e'.repeat(40)), 'head', none)).toEqual({
      ref: 'e'.repeat(40),
      label: '`eeeeeee` (the commit before this push)',
    });
    // A new branch's first push has no previous commit.
    await expect(resolveBase('', push('0'.repeat(40)), 'head', none)).rejects.toThrow(
      /^input base-ref is needed on a push event: the branch, tag or commit to compare with$/,
    );
    await expect(resolveBase('', { eventName: 'workflow_dispatch', payload: {} }, 'head', none)).rejects.toThrow(
      /^input base-ref is needed on a workflow_dispatch event/,
    );
  });
});

describe('the base step, against a stand-in API', () => {
  let dir: { path: string; remove(): Promise<void> };
  let api: GitHubStandIn;
  beforeAll(async () => {
    dir = await tempDir();
    api = await startGitHubStandIn('octo', 'widgets', 3);
  });
  afterAll(async () => {
    await api?.close();
    await dir?.remove();
  });

  const step = (inputs: Record<string, string>, event = { name: 'pull_request', payload: pullRequest.payload }) =>
    runActionStep('base', {
      dir: dir.path,
      workspace: dir.path,
      event,
      inputs: { token: 'stand-in-token', ...inputs },
      env: { GITHUB_API_URL: api.url },
    });

  it('outputs the merge base the compare API gives, for the checkout of the next step', async () => {
    api.mergeBase = MERGE_BASE;
    const ran = await step({});
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.outputs).toEqual({ ref: MERGE_BASE, label: '`main` (merge base ccccccc)' });
    // The workspace is no git checkout here: the event's commit stands for it.
    expect(api.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/repos/octo/widgets/compare/${BASE_SHA}...${'1'.repeat(40)}`,
      authorization: 'token stand-in-token',
    });
  });

  it("falls back on the base branch's commit with a notice when the API fails, and refuses a bad event", async () => {
    api.mergeBase = undefined;
    const ran = await step({});
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.outputs.ref).toBe(BASE_SHA);
    expect(ran.stdout).toMatch(
      /^::notice::could not ask for the merge base \(HttpError: stand-in: no merge base set\)/m,
    );
  });
});
