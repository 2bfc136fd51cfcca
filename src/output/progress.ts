import type { StrategyName } from '../strategies/names.js';

/** What a run reports as it goes: its planned batches, then each batch done. */
export type ProgressEvent =
  | { type: 'start'; batches: number }
  | {
      type: 'batch';
      workload: string;
      strategy: StrategyName;
      threads: number;
      done: number;
      total: number;
      extra?: boolean;
    };

export interface Progress {
  update(event: ProgressEvent): void;
  /** Clears the line; call before printing the report. */
  clear(): void;
}

const BAR_WIDTH = 20;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '…';
  return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/** `text` cut to `width` columns, the cut marked with "…". */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}

/** How progress is shown: a bar redrawn in place (on a terminal only), a plain line per batch, or not at all. */
export type ProgressStyle = 'bar' | 'lines' | 'off';

/**
 * The style a command asked for: --quiet turns progress off; the environment variable
 * GIL_BENCH_PROGRESS=lines asks for a plain line per batch on any stderr, terminal or not (a CI
 * log; a script that waits until the run is measuring); otherwise a bar, on a terminal only.
 */
export function progressStyle(quiet: boolean, env: Readonly<Record<string, string | undefined>>): ProgressStyle {
  if (quiet) return 'off';
  return env['GIL_BENCH_PROGRESS'] === 'lines' ? 'lines' : 'bar';
}

/**
 * Progress on stderr: the batches done, the current workload and strategy, and an estimate of the
 * time left. As a bar, only on a terminal: piped stderr gets nothing, so logs stay clean unless
 * plain lines were asked for.
 */
export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  style: ProgressStyle,
  now: () => number = () => performance.now(),
): Progress {
  if (style === 'off' || (style === 'bar' && !stream.isTTY)) return { update() {}, clear() {} };
  const started = now();
  let shown = false;
  return {
    update(event) {
      if (event.type !== 'batch') return;
      const fraction = event.total > 0 ? event.done / event.total : 0;
      const elapsed = (now() - started) / 1000;
      const left = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : Number.NaN;
      const what = event.extra ? 'another round, not settled yet' : `~${formatSeconds(left)} left`;
      const text = `${event.done}/${event.total} ${event.workload} · ${event.strategy} ×${event.threads} · ${what}`;
      if (style === 'lines') {
        stream.write(`${text}\n`);
        return;
      }
      const filled = Math.round(fraction * BAR_WIDTH);
      // Cut to the terminal's width (read each time: it may be resized), one column spare: a line
      // that wraps leaves its first row behind, as \x1b[2K clears only the row the cursor is on.
      const line = fit(`${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${text}`, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
