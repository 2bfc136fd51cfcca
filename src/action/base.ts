/**
 * Which version the pull request is judged against. By default the merge base of the checked-out
 * commit and the base branch: for the merge commit GitHub checks out on `pull_request` that is the
 * base branch's commit it was merged onto, and for a checkout of the branch's own head it is where
 * the branch left the base, so in both cases only the pull request's own changes are measured.
 */
import { describeError, UsageError } from '../errors.js';

/** The parts of the workflow's event the base depends on (`@actions/github`'s context). */
export interface BaseEvent {
  eventName: string;
  payload: {
    pull_request?: { base?: { sha?: string; ref?: string }; [key: string]: unknown };
    before?: string;
    [key: string]: unknown;
  };
}

/** Asks the repository for the merge base of two commits (GitHub's compare API). */
export type MergeBaseOf = (base: string, head: string) => Promise<string>;

export interface Base {
  /** What to check out: a commit, a branch or a tag. */
  ref: string;
  /** The base in words, for the report. */
  label: string;
  /** Why the default could not be followed exactly, for the log. */
  note?: string;
}

const short = (sha: string): string => (/^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha);

/** The base: the `base-ref` input when given, else the pull request's merge base, else the push's previous commit. */
export async function resolveBase(
  input: string,
  event: BaseEvent,
  head: string,
  mergeBaseOf: MergeBaseOf,
): Promise<Base> {
  if (input !== '') return { ref: input, label: `\`${input}\`` };
  const pr = event.payload.pull_request;
  if (pr?.base?.sha) {
    const branch = pr.base.ref ?? 'the base branch';
    try {
      const sha = await mergeBaseOf(pr.base.sha, head);
      return { ref: sha, label: `\`${branch}\` (merge base ${short(sha)})` };
    } catch (error) {
      // The base branch's commit is the merge base of GitHub's own merge commit: the right base
      // whenever the job checked out the default ref.
      return {
        ref: pr.base.sha,
        label: `\`${branch}\` (${short(pr.base.sha)})`,
        note: `could not ask for the merge base (${describeError(error)}); comparing with the base branch's commit ${short(pr.base.sha)}`,
      };
    }
  }
  const before = event.payload.before;
  if (event.eventName === 'push' && before && !/^0+$/.test(before))
    return { ref: before, label: `\`${short(before)}\` (the commit before this push)` };
  throw new UsageError(
    `input base-ref is needed on a ${event.eventName || 'run outside GitHub'} event: the branch, tag or commit to compare with`,
  );
}
