/**
 * The lanes chart of the HTML report, after Beazley's pictures of the GIL: one lane per thread over
 * a short window of a traced batch, coloured by what the thread was doing, with drop requests and
 * vain wake-ups marked. Plain SVG: no script, no external asset.
 */
import type { CellResult, SuiteResult, ThreadTimeline, Timeline } from '../results/types.js';
import { cellLabel } from '../results/cell-id.js';
import { escapeXml } from './svg.js';
import {
  heldWords,
  laneName,
  MARK_KEY,
  onTheLoop,
  shownLanes,
  STATE_KEY,
  stateEntry,
  tracedCells,
  windowTitle,
} from './lanes-key.js';

const TOP = 8;
const LANE = 22;
const GAP = 10;
const LEGEND_ROW = 18;

/** A drawing's width and margins: one for a wide screen, one for a phone, so the text stays 12 px. */
interface Frame {
  name: 'wide' | 'narrow';
  width: number;
  left: number;
  right: number;
  plot: number;
  /** About this many ticks on the time axis. */
  ticks: number;
}

const frame = (name: Frame['name'], width: number, left: number, right: number, ticks: number): Frame => ({
  name,
  width,
  left,
  right,
  plot: width - left - right,
  ticks,
});

const FRAMES: readonly Frame[] = [frame('narrow', 352, 66, 66, 4), frame('wide', 1000, 100, 80, 8)];

type GilMode = SuiteResult['config']['gil'];

/** A tick step of 1, 2 or 5 × 10^k ms giving about `count` ticks. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

const fixed = (x: number): string => x.toFixed(2);

function lane(thread: ThreadTimeline, y: number, x: (ms: number) => number, f: Frame): string {
  const name = laneName(thread);
  const tasks = thread.tasks
    .map(
      (task) =>
        `<rect x="${fixed(x(task.from))}" y="${y}" width="${fixed(Math.max(0.5, x(task.to) - x(task.from)))}" height="${LANE}" fill="#f3f4f6"/>`,
    )
    .join('');
  const spans = thread.spans
    .map((span) => {
      const entry = stateEntry(span.state);
      return `<rect data-state="${span.state}" x="${fixed(x(span.from))}" y="${y + 3}" width="${fixed(Math.max(0.5, x(span.to) - x(span.from)))}" height="${LANE - 6}" fill="${entry.colour}"/>`;
    })
    .join('');
  // One path per kind of instant: a tick each, however many there are.
  const marks = MARK_KEY.map((entry) => {
    const group = thread.marks.find((m) => m.kind === entry.kind);
    if (!group) return '';
    const tick = (at: number): string =>
      entry.kind === 'vain-wakeup'
        ? `M${fixed(x(at))} ${y + LANE / 2}v${LANE / 2}`
        : entry.kind === 'drop-request'
          ? `M${fixed(x(at) - 3.5)} ${y - 4}h7l-3.5 6z`
          : `M${fixed(x(at) - 3.5)} ${y + LANE + 4}h7l-3.5 -6z`;
    const filled = entry.kind !== 'vain-wakeup';
    return `<path data-mark="${entry.kind}" d="${group.at.map(tick).join('')}" ${filled ? `fill="${entry.colour}"` : `stroke="${entry.colour}" stroke-width="1"`}><title>${escapeXml(`${entry.words}: ${group.at.length}`)}</title></path>`;
  }).join('');
  return (
    `<g data-lane="${escapeXml(name)}"><text x="${f.left - 8}" y="${y + LANE / 2 + 4}" text-anchor="end">${escapeXml(name)}</text>` +
    `${tasks}${spans}${marks}<text x="${f.width - f.right + 6}" y="${y + LANE / 2 + 4}" class="muted">${escapeXml(heldWords(thread))}</text></g>`
  );
}

function axis(timeline: Timeline, y: number, x: (ms: number) => number, f: Frame): string {
  const step = tickStep(timeline.toMs - timeline.fromMs, f.ticks);
  const ticks: string[] = [];
  for (let at = Math.ceil(timeline.fromMs / step) * step; at <= timeline.toMs + 1e-9; at += step) {
    const label = Number(at.toFixed(3));
    ticks.push(
      `<line x1="${fixed(x(at))}" x2="${fixed(x(at))}" y1="${y}" y2="${y + 4}" stroke="#9ca3af"/><text x="${fixed(x(at))}" y="${y + 16}" text-anchor="middle" class="muted">${label}</text>`,
    );
  }
  return (
    `<line x1="${f.left}" x2="${f.left + f.plot}" y1="${y}" y2="${y}" stroke="#9ca3af"/>${ticks.join('')}` +
    `<text x="${f.left + f.plot + 8}" y="${y + 16}" class="muted">ms</text>`
  );
}

/** Each instant's shape in the legend, as drawn on a lane: a tick, a triangle above, a triangle below. */
const MARK_SHAPES: Record<string, string> = Object.fromEntries(
  MARK_KEY.map((e) => [
    e.kind,
    e.kind === 'vain-wakeup'
      ? `d="M6 -10v11" stroke="${e.colour}"`
      : e.kind === 'drop-request'
        ? `d="M2.5 -9h7l-3.5 6z" fill="${e.colour}"`
        : `d="M2.5 -1h7l-3.5 -6z" fill="${e.colour}"`,
  ]),
);

/** The key: the states and instants this chart shows, in the legend's order, in as many rows as it needs. */
function legend(timeline: Timeline, y: number, f: Frame): { svg: string; rows: number } {
  // A state drawn less than a pixel wide in all needs no words.
  const pixel = (timeline.toMs - timeline.fromMs) / f.plot;
  const drawn = new Map<string, number>();
  for (const span of timeline.threads.flatMap((t) => t.spans))
    drawn.set(span.state, (drawn.get(span.state) ?? 0) + span.to - span.from);
  const states = new Set([...drawn].filter(([, ms]) => ms >= pixel).map(([state]) => state));
  const marks = new Set(timeline.threads.flatMap((t) => t.marks.map((m) => m.kind)));
  const items = [
    // The lock's two states always, where there is a lock: "no waiting" is a finding too.
    ...STATE_KEY.filter(
      (e) => states.has(e.kind) || (!onTheLoop(timeline) && (e.kind === 'holding' || e.kind === 'waiting')),
    ).map(
      (e) =>
        `<rect x="0" y="-9" width="12" height="10" fill="${e.colour}"/><text x="16" y="0">${escapeXml(e.words)}</text>`,
    ),
    ...MARK_KEY.filter((e) => marks.has(e.kind)).map(
      (e) => `<path ${MARK_SHAPES[e.kind]}/><text x="16" y="0">${escapeXml(e.words)}</text>`,
    ),
    `<rect x="0" y="-9" width="12" height="10" fill="#f3f4f6" stroke="#d1d5db"/><text x="16" y="0">in a task</text>`,
  ];
  // Laid out left to right, wrapping, at a width estimated from the words.
  let at = 0;
  let row = 0;
  const svg = items
    .map((item) => {
      const width = 30 + 6.5 * (item.replace(/<[^>]*>/g, '').length || 8);
      // On a phone the key starts at the left edge: its words need the width.
      const start = f.name === 'narrow' ? 4 : f.left;
      if (at + width > f.width - start && at > 0) {
        at = 0;
        row++;
      }
      const placed = `<g transform="translate(${start + at} ${y + row * LEGEND_ROW})">${item}</g>`;
      at += width;
      return placed;
    })
    .join('');
  return { svg, rows: row + 1 };
}

/** One drawing of a cell's lanes in a frame: the lanes, the axis in ms, the key. */
function drawing(cell: CellResult, timeline: Timeline, f: Frame, caption: string): string {
  const span = Math.max(1e-6, timeline.toMs - timeline.fromMs);
  const x = (ms: number): number => f.left + ((ms - timeline.fromMs) / span) * f.plot;
  const { threads } = shownLanes(timeline);
  const lanes = threads.map((thread, i) => lane(thread, TOP + i * (LANE + GAP), x, f)).join('');
  const axisY = TOP + threads.length * (LANE + GAP);
  const key = legend(timeline, axisY + 40, f);
  const height = axisY + 34 + key.rows * LEGEND_ROW;
  return (
    `<svg class="chart lanes-${f.name}" data-chart="lanes" data-cell="${escapeXml(cellLabel(cell))}" viewBox="0 0 ${f.width} ${height}" width="${f.width}" height="${height}" role="img" aria-label="${escapeXml(caption)}">` +
    `${lanes}${axis(timeline, axisY, x, f)}${key.svg}</svg>`
  );
}

/** One cell's lanes, with its legend and an axis in ms from the start of its traced batch. */
export function lanesChart(cell: CellResult, timeline: Timeline, gil: GilMode): string {
  const { hidden } = shownLanes(timeline);
  const mode = onTheLoop(timeline) ? 'one event loop: each task runs until it awaits' : `GIL ${gil}`;
  const more = hidden > 0 ? `; ${hidden} more tasks not drawn` : '';
  const caption = `${windowTitle(cell, timeline)}, ${mode}${more}${timeline.dropped > 0 ? `; ${timeline.dropped} events lost (buffer full)` : ''}`;
  return `<figure class="lanes">${FRAMES.map((f) => drawing(cell, timeline, f, caption)).join('')}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

/** The lanes of every traced cell of a workload, or nothing when the run was not traced. */
export function lanesCharts(cells: readonly CellResult[], gil: GilMode): string {
  const traced = tracedCells(cells);
  if (traced.length === 0) return '';
  return `<div class="lanes-charts">${traced.map((cell) => lanesChart(cell, cell.timeline, gil)).join('')}</div>`;
}

/** Which drawing of the lanes shows: the phone's below 560 px, the wide one above. */
export const LANES_STYLE = `.lanes svg.lanes-narrow{display:none}
@media (max-width:560px){.lanes svg.lanes-narrow{display:block}.lanes svg.lanes-wide{display:none}}`;
