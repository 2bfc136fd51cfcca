/**
 * Small SVG chart builders for the HTML report: plain strings, no scripts, no external assets.
 * Each chart is as wide as its labels need (text widths estimated generously), so no label is
 * clipped; the page scales a chart down to the screen, never a label out of it. Colours of text
 * and axes come from the page's stylesheet, so they follow its light or dark scheme.
 */

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One colour per strategy, the same in every chart, readable on a light and a dark page. */
export const SERIES_COLOURS: Record<string, string> = {
  sequential: '#6b7280',
  'gil-threads': '#dc2626',
  async: '#d97706',
  workers: '#16a34a',
  'async-offload': '#2563eb',
  ideal: '#9ca3af',
};
const colourOf = (name: string): string => SERIES_COLOURS[name] ?? '#7c3aed';

/** Chart text size, px; the page's stylesheet sets the same. */
export const FONT_PX = 12;

/** An upper estimate of a label's width at FONT_PX in a sans-serif (wide faces such as DejaVu Sans included). */
export function textWidth(text: string): number {
  return Math.ceil([...text].length * FONT_PX * 0.66) + 2;
}

const round = (x: number): string => (Math.round(x * 10) / 10).toString();

function svg(id: string, width: number, height: number, caption: string, body: string): string {
  return (
    `<figure><svg class="chart" data-chart="${escapeXml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(caption)}">` +
    `${body}</svg><figcaption>${escapeXml(caption)}</figcaption></figure>`
  );
}

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
  options: { unit: string; reference?: number; caption: string; digits?: number },
): string {
  const rowHeight = 26;
  const top = 10;
  const plot = 240;
  const valueText = (bar: Bar): string => `${bar.value.toFixed(options.digits ?? 2)}${options.unit}`;
  const left = Math.max(40, ...bars.map((b) => textWidth(b.label))) + 12;
  const width = left + plot + Math.max(40, ...bars.map((b) => textWidth(valueText(b)))) + 10;
  const max = Math.max(options.reference ?? 0, ...bars.map((b) => b.high ?? b.value)) || 1;
  const x = (v: number): number => left + (Math.max(0, v) / max) * plot;
  const height = top + bars.length * rowHeight + 24;
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const whisker =
      bar.low !== undefined && bar.high !== undefined
        ? `<line class="whisker" x1="${round(x(bar.low))}" x2="${round(x(bar.high))}" y1="${y + 10}" y2="${y + 10}"/>`
        : '';
    return (
      `<g data-series="${escapeXml(bar.series ?? bar.label)}"><text x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeXml(bar.label)}</text>` +
      `<rect x="${left}" y="${y + 2}" width="${round(Math.max(1, x(bar.value) - left))}" height="16" fill="${colourOf(bar.series ?? bar.label)}"/>${whisker}` +
      `<text x="${round(x(bar.high ?? bar.value) + 6)}" y="${y + 14}">${escapeXml(valueText(bar))}</text></g>`
    );
  });
  const reference =
    options.reference === undefined
      ? ''
      : `<line class="reference" x1="${round(x(options.reference))}" x2="${round(x(options.reference))}" y1="${top}" y2="${height - 20}"/>` +
        `<text x="${round(x(options.reference))}" y="${height - 6}" text-anchor="middle" class="muted">${options.reference}${escapeXml(options.unit)}</text>`;
  return svg(id, width, height, options.caption, `${rows.join('')}${reference}`);
}

export interface Stack {
  label: string;
  parts: Array<{ name: string; share: number; colour: string }>;
}

/** Horizontal 100% stacked bars (shares of wall time), with a percentage axis and a legend of the parts shown. */
export function stackedBars(id: string, stacks: readonly Stack[], caption: string): string {
  const rowHeight = 26;
  const top = 10;
  const plot = 240;
  const left = Math.max(40, ...stacks.map((s) => textWidth(s.label))) + 12;
  // A part no thread spent any time in has nothing to show, in the bars or the legend.
  const names = [...new Set(stacks.flatMap((s) => s.parts.filter((p) => p.share >= 0.005).map((p) => p.name)))];
  const legendParts = (stacks[0]?.parts ?? []).filter((p) => names.includes(p.name));
  const axisY = top + stacks.length * rowHeight + 2;
  const legendY = axisY + 34;
  const legendWidth = legendParts.reduce((w, p) => w + 18 + textWidth(p.name) + 12, 0);
  const width = Math.max(left + plot + 20, legendWidth + 10);
  const height = legendY + 16;
  const rows = stacks.map((stack, i) => {
    const y = top + i * rowHeight;
    let at = left;
    const rects = stack.parts
      .filter((part) => names.includes(part.name))
      .map((part) => {
        // Shares measured apart may add up to a little over 1: the bar stops at 100%.
        const w = Math.min(Math.max(0, Math.min(1, part.share)) * plot, left + plot - at);
        const rect = `<rect data-part="${escapeXml(part.name)}" x="${round(at)}" y="${y}" width="${round(w)}" height="16" fill="${part.colour}"><title>${escapeXml(part.name)} ${(part.share * 100).toFixed(0)}%</title></rect>`;
        at += w;
        return rect;
      });
    return `<g data-series="${escapeXml(stack.label)}"><text x="${left - 8}" y="${y + 12}" text-anchor="end">${escapeXml(stack.label)}</text>${rects.join('')}</g>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const x = round(left + share * plot);
    return `<line class="axis" x1="${x}" x2="${x}" y1="${axisY}" y2="${axisY + 4}"/><text x="${x}" y="${axisY + 16}" text-anchor="middle" class="muted">${share * 100}%</text>`;
  });
  const axis = `<g class="x-axis"><line class="axis" x1="${left}" x2="${left + plot}" y1="${axisY}" y2="${axisY}"/>${ticks.join('')}</g>`;
  // The legend under the bars where it fits there, else from the left edge.
  let at = left + legendWidth <= width ? left : 0;
  const legend = legendParts.map((p) => {
    const item = `<rect x="${at}" y="${legendY - 10}" width="10" height="10" fill="${p.colour}"/><text x="${at + 14}" y="${legendY - 1}">${escapeXml(p.name)}</text>`;
    at += 18 + textWidth(p.name) + 12;
    return item;
  });
  return svg(id, width, height, caption, `${rows.join('')}${axis}<g class="legend">${legend.join('')}</g>`);
}
