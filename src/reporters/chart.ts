/** Terminal plots: one glyph per value, eight heights, no overplotting and no marks to decode. */

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A sparkline: one column per value, its height `value / max` in eighths (a gap where there is no
 * value). Lines drawn against the same `max` compare, so stacked one above the other they form a
 * small bar chart per point.
 */
export function sparkline(values: readonly (number | null | undefined)[], max: number): string {
  return values
    .map((v) => {
      if (v === null || v === undefined || !Number.isFinite(v) || !(max > 0)) return ' ';
      const level = Math.min(LEVELS.length, Math.max(1, Math.round((v / max) * LEVELS.length)));
      return LEVELS[level - 1] as string;
    })
    .join('');
}
