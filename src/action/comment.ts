/**
 * One comment per gate on the pull request, found again by its hidden marker and edited in place
 * on every push, so that the conversation holds the latest result once rather than one per push.
 */
import type { getOctokit } from '@actions/github';
import { describeError } from '../errors.js';

type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  /** The pull request's number. */
  number: number;
}

export type CommentResult =
  | { state: 'created' | 'updated'; url: string }
  | { state: 'refused' | 'failed'; reason: string }
  | { state: 'off' }
  | { state: 'not-a-pull-request'; event: string };

/** The API's own words: the first line of the error's message, without the error's class name. */
const messageOf = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? '') : describeError(error);

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
};

/**
 * Creates the comment, or edits the one that carries `marker`. A refusal (a read-only token: a
 * pull request from a fork, or a job without `pull-requests: write`) is returned, not thrown: the
 * gate's result stands without its comment.
 */
export async function keepComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<CommentResult> {
  const where = { owner: target.owner, repo: target.repo };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...where,
      issue_number: target.number,
      per_page: 100,
    });
    const mine = comments.find((c) => c.body?.includes(marker));
    if (mine) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: mine.id, body });
      return { state: 'updated', url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.number, body });
    return { state: 'created', url: data.html_url };
  } catch (error) {
    const status = statusOf(error);
    if (status === 401 || status === 403 || status === 404) {
      return {
        state: 'refused',
        reason: `the token may not write to this pull request (HTTP ${status}: ${messageOf(error)}). A pull request from a fork gets a read-only token; otherwise give the job \`permissions: pull-requests: write\``,
      };
    }
    return { state: 'failed', reason: `the comment could not be posted: ${describeError(error)}` };
  }
}

/** What became of the comment, for the job summary and the log. */
export function commentLine(result: CommentResult): string {
  switch (result.state) {
    case 'created':
      return `💬 Posted [the comment](${result.url}) on the pull request.`;
    case 'updated':
      return `💬 Updated [the comment](${result.url}) on the pull request in place.`;
    case 'refused':
      return `💬 **No comment was posted:** ${result.reason}. The gate's result above and the action's outputs stand.`;
    case 'failed':
      return `💬 **No comment was posted:** ${result.reason}. The gate's result above and the action's outputs stand.`;
    case 'off':
      return '💬 No comment: the input `comment` is false.';
    case 'not-a-pull-request':
      return `💬 No comment: this \`${result.event}\` event is not a pull request.`;
  }
}
