import type { ProgressEvent } from '../measure/runner.js';

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

/**
 * A one-line progress bar on stderr with the current workload, strategy and an estimate of the time
 * left. Only on a terminal: piped stderr gets nothing, so logs stay clean.
 */
export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  enabled: boolean,
  now: () => number = () => performance.now(),
): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, clear() {} };
  const started = now();
  let shown = false;
  return {
    update(event) {
      if (event.type !== 'batch') return;
      const fraction = event.total > 0 ? event.done / event.total : 0;
      const filled = Math.round(fraction * BAR_WIDTH);
      const elapsed = (now() - started) / 1000;
      const left = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : Number.NaN;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      const what = event.extra ? 'another round, not settled yet' : `~${formatSeconds(left)} left`;
      stream.write(
        `\r\x1b[2K${bar} ${event.done}/${event.total} ${event.workload} · ${event.strategy} ×${event.threads} · ${what}`,
      );
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
