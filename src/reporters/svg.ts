/** Small SVG chart builders for the HTML report: plain strings, no scripts, no external assets. */

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One colour per strategy, the same in every chart. */
export const SERIES_COLOURS: Record<string, string> = {
  sequential: '#6b7280',
  'gil-threads': '#dc2626',
  async: '#d97706',
  workers: '#16a34a',
  'async-offload': '#2563eb',
  ideal: '#9ca3af',
};
const colourOf = (name: string): string => SERIES_COLOURS[name] ?? '#7c3aed';

export interface Bar {
  label: string;
  /** The strategy, for its colour; the label when absent. */
  series?: string;
  value: number;
  /** Optional interval drawn as a whisker. */
  low?: number;
  high?: number;
}

/** Horizontal bars, one per label, with a reference line (e.g. 1× = sequential). */
export function barChart(
  id: string,
  bars: readonly Bar[],
  options: { unit: string; reference?: number; caption: string },
): string {
  const rowHeight = 26;
  const left = 120;
  const width = 520;
  const top = 10;
  const max = Math.max(options.reference ?? 0, ...bars.map((b) => b.high ?? b.value)) * 1.1 || 1;
  const x = (v: number): number => left + (v / max) * (width - left - 60);
  const height = top + bars.length * rowHeight + 24;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const whisker =
      bar.low !== undefined && bar.high !== undefined
        ? `<line x1="${x(bar.low)}" x2="${x(bar.high)}" y1="${y + 10}" y2="${y + 10}" stroke="#111827" stroke-width="1.5"/>`
        : '';
    return (
      `<g data-series="${escapeXml(bar.series ?? bar.label)}"><text x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeXml(bar.label)}</text>` +
      `<rect x="${left}" y="${y + 2}" width="${Math.max(1, x(bar.value) - left)}" height="16" fill="${colourOf(bar.series ?? bar.label)}"/>${whisker}` +
      `<text x="${x(bar.high ?? bar.value) + 6}" y="${y + 14}">${bar.value.toFixed(2)}${escapeXml(options.unit)}</text></g>`
    );
  });
  const reference =
    options.reference === undefined
      ? ''
      : `<line x1="${x(options.reference)}" x2="${x(options.reference)}" y1="${top}" y2="${height - 20}" stroke="#6b7280" stroke-dasharray="4 3"/>` +
        `<text x="${x(options.reference)}" y="${height - 6}" text-anchor="middle" class="muted">${options.reference}${escapeXml(options.unit)}</text>`;
  return `<figure><svg class="chart" data-chart="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.caption)}">${rows.join('')}${reference}</svg><figcaption>${escapeXml(options.caption)}</figcaption></figure>`;
}

export interface Stack {
  label: string;
  parts: Array<{ name: string; share: number; colour: string }>;
}

/** Horizontal 100% stacked bars (shares of wall time). */
export function stackedBars(id: string, stacks: readonly Stack[], caption: string): string {
  const rowHeight = 26;
  const left = 160;
  const width = 560;
  const span = width - left - 20;
  const height = stacks.length * rowHeight + 40;
  const rows = stacks.map((stack, i) => {
    const y = 10 + i * rowHeight;
    let at = left;
    const rects = stack.parts.map((part) => {
      const w = Math.max(0, Math.min(1, part.share)) * span;
      const rect = `<rect data-part="${escapeXml(part.name)}" x="${at}" y="${y}" width="${w}" height="16" fill="${part.colour}"><title>${escapeXml(part.name)} ${(part.share * 100).toFixed(0)}%</title></rect>`;
      at += w;
      return rect;
    });
    return `<g data-series="${escapeXml(stack.label)}"><text x="${left - 8}" y="${y + 12}" text-anchor="end">${escapeXml(stack.label)}</text>${rects.join('')}</g>`;
  });
  const legendParts = stacks[0]?.parts ?? [];
  const legend = legendParts.map(
    (p, i) =>
      `<rect x="${left + i * 110}" y="${height - 22}" width="10" height="10" fill="${p.colour}"/><text x="${left + i * 110 + 14}" y="${height - 13}">${escapeXml(p.name)}</text>`,
  );
  return `<figure><svg class="chart" data-chart="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(caption)}">${rows.join('')}${legend.join('')}</svg><figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

export interface Line {
  name: string;
  values: (number | undefined)[];
  dashed?: boolean;
}

/** Lines over evenly spaced points (a sweep), y from 0. */
export function lineChartSvg(id: string, xLabels: readonly string[], lines: readonly Line[], caption: string): string {
  const width = 560;
  const height = 260;
  const left = 50;
  const bottom = 40;
  const top = 10;
  const right = 130;
  const max = Math.max(1, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== undefined))) * 1.1;
  const x = (i: number): number =>
    left + (xLabels.length === 1 ? 0 : (i / (xLabels.length - 1)) * (width - left - right));
  const y = (v: number): number => height - bottom - (v / max) * (height - bottom - top);
  const axes =
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#9ca3af"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#9ca3af"/>` +
    xLabels
      .map((l, i) => `<text x="${x(i)}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(l)}</text>`)
      .join('') +
    [0, max / 2, max]
      .map((v) => `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}×</text>`)
      .join('');
  const paths = lines.map((line, li) => {
    const points = line.values.flatMap((v, i) => (v === undefined ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
    const colour = colourOf(line.name);
    const dots = line.values
      .map((v, i) => (v === undefined ? '' : `<circle cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${colour}"/>`))
      .join('');
    const legend = `<text x="${width - right + 12}" y="${top + 14 + li * 18}" fill="${colour}">${escapeXml(line.name)}</text>`;
    return `<g data-series="${escapeXml(line.name)}"><polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${line.dashed ? ' stroke-dasharray="5 4"' : ''}/>${dots}${legend}</g>`;
  });
  return `<figure><svg class="chart" data-chart="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(caption)}">${axes}${paths.join('')}</svg><figcaption>${escapeXml(caption)}</figcaption></figure>`;
}
