/**
 * Markdown cut to GitHub's size limits, at a line and with what it opened closed, so that a long
 * comparison still renders and says where the rest is.
 */

/** GitHub refuses a comment (and an issue or pull-request body) longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * `markdown` whole when it fits in `limit` characters, else its first lines and a note saying what
 * was left out and where to find it. Lengths count UTF-16 units, which are never fewer than the
 * characters GitHub counts. A cut inside a code fence or a `<details>` block closes it, so the rest
 * of the comment does not render as code or stay folded.
 */
export function fitMarkdown(markdown: string, limit: number, whereWhole: string): string {
  if (markdown.length <= limit) return markdown;
  const lines = markdown.split('\n');
  const noteFor = (kept: number): string =>
    `\n> ✂️ Cut to fit GitHub's limit of ${limit.toLocaleString('en-US')} characters: ${lines.length - kept} of ${lines.length} lines left out. ${whereWhole}\n`;
  // The longest prefix of whole lines that fits with its closers and the note, the fence and the
  // open <details> blocks followed line by line.
  // The note's longest form (the most lines left out) is kept room for.
  const noteRoom = noteFor(0).length;
  let kept = 0;
  let size = 0;
  const state = { fenced: false, open: 0 };
  let closing = '';
  while (kept < lines.length) {
    const line = lines[kept] ?? '';
    const after = step(state, line);
    const closers = closersOf(after);
    if (size + line.length + 1 + closers.length + noteRoom > limit) break;
    Object.assign(state, after);
    closing = closers;
    size += line.length + 1;
    kept += 1;
  }
  return `${lines.slice(0, kept).join('\n')}\n${closing}${noteFor(kept)}`;
}

interface Open {
  fenced: boolean;
  open: number;
}

/** What is open after one more line: a code fence, and the <details> blocks outside code. */
function step(state: Open, line: string): Open {
  if (/^\s*(```|~~~)/.test(line)) return { ...state, fenced: !state.fenced };
  if (state.fenced) return state;
  return { ...state, open: Math.max(0, state.open + count(line, /<details\b/gi) - count(line, /<\/details>/gi)) };
}

const closersOf = (state: Open): string => `${state.fenced ? '```\n' : ''}${'\n</details>\n'.repeat(state.open)}`;

const count = (line: string, pattern: RegExp): number => line.match(pattern)?.length ?? 0;
