/**
 * A sweep as an SVG line chart for the HTML report: speedup against the swept parameter, a line per
 * strategy over the band of its 95% intervals, sequential's 1× dashed, the ideal dotted, each
 * crossing ringed, and each line named at its end rather than in a legend. Drawn twice, for a
 * phone's width and for a wide screen, so that its text stays 12 px on both; the stylesheet shows
 * one. Colours come from the stylesheet too, so both follow the light or dark scheme.
 */
import { crossingsOf, crossingWords, pointLabel, type Sweep, type SweepSeries } from '../analysis/sweep.js';
import { formatRatio } from './format.js';
import { escapeXml, textWidth } from './svg.js';
import { axisTicks, pointPosition, spreadLabels, tickText, xAxisLabel } from './sweep-chart-scale.js';

/** The two drawings: the narrow one fits a 390 px phone with the page's margins. */
const SIZES = {
  narrow: { width: 352, height: 300, ticks: 10 },
  wide: { width: 760, height: 360, ticks: 8 },
} as const;

const LEFT = 40;
const TOP = 14;
const BOTTOM = 46;

const round = (x: number): string => (Math.round(x * 10) / 10).toString();
const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** The class that gives a strategy its colour (light and dark, in SWEEP_STYLE). */
const seriesClass = (name: string): string => `series s-${name.replace(/[^a-z-]/g, '')}`;

function chartTop(sweep: Sweep): number {
  const values = sweep.series.flatMap((s) => s.values.filter(known));
  const highs = sweep.series.flatMap((s) => (s.intervals ?? []).flatMap((i) => (i ? [i.high] : [])));
  const highest = Math.max(1, ...values);
  // An interval more than twice the highest speedup runs off the top, rather than flattening every line.
  return Math.max(highest, Math.min(2 * highest, Math.max(0, ...highs)));
}

/** What a point's tooltip says: "async at 50% I/O: 1.77× (1.29–2.42)". */
function pointTitle(sweep: Sweep, series: SweepSeries, i: number): string {
  const v = series.values[i];
  const interval = series.intervals?.[i];
  const range =
    interval && interval.low !== interval.high ? ` (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})` : '';
  return `${series.label ?? series.name} at ${pointLabel(sweep.parameter, sweep.points[i] as number)}: ${known(v) ? formatRatio(v) : '–'}${range}`;
}

/** One drawing of the chart, `size` wide. */
function drawing(sweep: Sweep, size: keyof typeof SIZES): string {
  const { width, height, ticks: most } = SIZES[size];
  const right = Math.max(...sweep.series.map((s) => textWidth(s.label ?? s.name))) + 14;
  const plot = { left: LEFT, right: width - right, top: TOP, bottom: height - BOTTOM };
  const ticks = axisTicks(chartTop(sweep), most);
  const top = ticks[ticks.length - 1] ?? 1;
  // Points sit a little in from the plot's edges, so the first and last whiskers are not on the axes.
  const inset = 10;
  const x = (position: number): number => plot.left + inset + position * (plot.right - plot.left - 2 * inset);
  const y = (v: number): number => plot.bottom - (Math.min(v, top) / top) * (plot.bottom - plot.top);
  const xs = sweep.points.map((_, i) => x(pointPosition(sweep, i)));

  const grid = ticks
    .map(
      (t) =>
        `<line class="grid" x1="${plot.left}" x2="${plot.right}" y1="${round(y(t))}" y2="${round(y(t))}"/>` +
        `<text class="muted" x="${plot.left - 6}" y="${round(y(t) + 4)}" text-anchor="end">${tickText(t)}</text>`,
    )
    .join('');
  const reference = `<line class="reference" x1="${plot.left}" x2="${plot.right}" y1="${round(y(1))}" y2="${round(y(1))}"/>`;
  const xAxis =
    `<line class="axis" x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>` +
    `<line class="axis" x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}"/>` +
    sweep.points
      .map(
        (p, i) =>
          `<line class="axis" x1="${round(xs[i] ?? 0)}" x2="${round(xs[i] ?? 0)}" y1="${plot.bottom}" y2="${plot.bottom + 4}"/>` +
          `<text x="${round(xs[i] ?? 0)}" y="${plot.bottom + 17}" text-anchor="middle">${escapeXml(xAxisLabel(sweep.parameter, p))}</text>`,
      )
      .join('') +
    `<text class="muted" x="${round((plot.left + plot.right) / 2)}" y="${height - 8}" text-anchor="middle">${
      sweep.parameter === 'io-ratio' ? "share of each task's time spent waiting" : 'threads'
    }</text>`;

  // Bands first, so that every line is drawn over every band.
  const bands = sweep.series.map((series) => {
    const spans: string[] = [];
    let run: number[] = [];
    const flush = (): void => {
      if (run.length > 1 || (run.length === 1 && size === 'wide')) {
        const upper = run.map((i) => `${round(xs[i] ?? 0)},${round(y(series.intervals?.[i]?.high ?? 0))}`);
        const lower = [...run]
          .reverse()
          .map((i) => `${round(xs[i] ?? 0)},${round(y(series.intervals?.[i]?.low ?? 0))}`);
        spans.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}"/>`);
      }
      run = [];
    };
    series.values.forEach((v, i) => {
      const interval = series.intervals?.[i];
      if (known(v) && interval && interval.low !== interval.high) run.push(i);
      else flush();
    });
    flush();
    return spans.length > 0 ? `<g class="${seriesClass(series.name)}">${spans.join('')}</g>` : '';
  });
  const ends: (number | undefined)[] = [];
  const lines = sweep.series.map((series) => {
    const points = series.values.flatMap((v, i) => (known(v) ? [{ i, px: xs[i] ?? 0, py: y(v) }] : []));
    ends.push(points[points.length - 1]?.py);
    const path = `<polyline class="${series.name === 'ideal' ? 'ideal' : 'line'}" points="${points.map((p) => `${round(p.px)},${round(p.py)}`).join(' ')}"/>`;
    const whiskers = points
      .map((p) => {
        const interval = series.intervals?.[p.i];
        return interval && interval.low !== interval.high
          ? `<line class="whisker" x1="${round(p.px)}" x2="${round(p.px)}" y1="${round(y(interval.low))}" y2="${round(y(interval.high))}"/>`
          : '';
      })
      .join('');
    const dots =
      series.name === 'ideal'
        ? ''
        : points
            .map(
              (p) =>
                `<circle cx="${round(p.px)}" cy="${round(p.py)}" r="3.5"><title>${escapeXml(pointTitle(sweep, series, p.i))}</title></circle>`,
            )
            .join('');
    return `<g class="${seriesClass(series.name)}" data-series="${escapeXml(series.name)}">${path}${whiskers}${dots}</g>`;
  });
  const crossings = crossingsOf(sweep.parameter, sweep.points, sweep.series)
    .map((c) => {
      const cx = round(x(pointPosition(sweep, c.index)));
      const cy = round(y(c.y));
      return `<circle class="crossing" data-crossing="" cx="${cx}" cy="${cy}" r="7"><title>${escapeXml(crossingWords(c, sweep.series))}</title></circle>`;
    })
    .join('');
  // Each line's name at its end, moved up or down only as far as two names need to be apart.
  const at = spreadLabels(ends, 15, plot.top + 4, plot.bottom - 2);
  const names = sweep.series
    .map((series, s) => {
      const end = ends[s];
      const ly = at[s];
      if (end === undefined || ly === undefined) return '';
      const lastX = xs[series.values.findLastIndex(known)] ?? plot.right;
      const leader =
        Math.abs(ly - end) > 3
          ? `<line class="leader" x1="${round(lastX + 5)}" x2="${round(plot.right + 4)}" y1="${round(end)}" y2="${round(ly)}"/>`
          : '';
      return `<g class="${seriesClass(series.name)}">${leader}<text class="series-name" x="${round(plot.right + 6)}" y="${round(ly + 4)}">${escapeXml(series.label ?? series.name)}</text></g>`;
    })
    .join('');
  return (
    `<svg class="chart sweep-${size}" data-chart="sweep" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(sweepCaption(sweep))}">` +
    `${grid}${reference}${xAxis}${bands.join('')}${lines.join('')}${crossings}${names}</svg>`
  );
}

/** What the chart shows, in words: its caption and its accessible name. */
export function sweepCaption(sweep: Sweep): string {
  const on = sweep.runtime ? ` on ${sweep.runtime}` : '';
  return sweep.parameter === 'threads'
    ? `${sweep.workload}${on}: speedup vs sequential by thread count, with 95% intervals (dotted: ideal; dashed: 1×, sequential)`
    : `${sweep.workload}${on}: speedup vs sequential by share of waiting, with 95% intervals (dashed: 1×, sequential)`;
}

/** The chart, drawn for a phone and for a wide screen, its caption, and its crossings in words. */
export function sweepChartSvg(sweep: Sweep): string {
  const crossings = sweep.crossovers.length > 0 ? sweep.crossovers : ['no strategy overtakes another in this range'];
  const ringed = sweep.crossovers.length > 0 ? ' (ringed on the chart)' : '';
  // What the chart shows beyond the crossings: points above the ideal, and where each pool stops scaling.
  const words = [...crossings, ...(sweep.beyondIdeal ?? []), ...(sweep.shortOfIdeal ?? [])];
  return (
    `<figure class="sweep-chart" data-sweep-chart="${escapeXml(sweep.workload)}">${drawing(sweep, 'narrow')}${drawing(sweep, 'wide')}` +
    `<figcaption>${escapeXml(sweepCaption(sweep))}</figcaption>` +
    `<ul class="crossovers">${words.map((w, i) => `<li>${escapeXml(w)}${i === 0 ? escapeXml(ringed) : ''}</li>`).join('')}</ul></figure>`
  );
}

/**
 * The sweep charts' styles: which drawing shows at which width, and each strategy's colour, one
 * shade for a light page and a lighter one for a dark page.
 */
export const SWEEP_STYLE = `.sweep-chart svg.sweep-narrow{display:none}
@media (max-width:560px){.sweep-chart svg.sweep-narrow{display:block}.sweep-chart svg.sweep-wide{display:none}}
.sweep-chart .series{color:#7c3aed}
.sweep-chart .s-gil-threads{color:#dc2626}.sweep-chart .s-async{color:#b45309}.sweep-chart .s-workers{color:#15803d}.sweep-chart .s-async-offload{color:#2563eb}.sweep-chart .s-sequential{color:#6b7280}.sweep-chart .s-ideal{color:var(--muted)}
@media (prefers-color-scheme:dark){.sweep-chart .s-gil-threads{color:#f87171}.sweep-chart .s-async{color:#fbbf24}.sweep-chart .s-workers{color:#4ade80}.sweep-chart .s-async-offload{color:#60a5fa}.sweep-chart .s-sequential{color:#9ca3af}}
.sweep-chart .line{fill:none;stroke:currentColor;stroke-width:2.5}
.sweep-chart .ideal{fill:none;stroke:currentColor;stroke-width:2;stroke-dasharray:2 4;stroke-linecap:round}
.sweep-chart .band{fill:currentColor;fill-opacity:.1;stroke:none}
.sweep-chart svg.chart .whisker{stroke:currentColor;stroke-width:1;stroke-opacity:.55}
.sweep-chart circle{fill:currentColor}
.sweep-chart .crossing{fill:none;stroke:var(--fg);stroke-width:1.5}
.sweep-chart .grid{stroke:var(--rule)}
.sweep-chart .leader{stroke:currentColor;stroke-width:1;stroke-opacity:.6}
.sweep-chart svg.chart text.series-name{fill:currentColor;font-weight:600}
.sweep-chart .crossovers{margin:.25rem 0 0;padding-left:1.2rem;font-size:.9rem}`;
