/**
 * The guide in the HTML report: under the chart of an I/O-share sweep, one decision per region of
 * the sweep and each workload of the user's placed on it, the same sentences the terminal prints.
 */
import { guideOf } from '../analysis/guide.js';
import type { SuiteResult } from '../results/types.js';
import { regionSpan } from './guide-text.js';
import { escapeXml } from './svg.js';

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** The regions' decisions as a list, or nothing when the result has no I/O-share sweep. */
export function guideHtml(result: SuiteResult): string {
  const guide = guideOf(result);
  if (!guide) return '';
  const regions = guide.regions.map(
    (region) =>
      `<li><strong>${escapeXml(`${region.name} (${regionSpan(region)})`)}:</strong> ${escapeXml(region.sentence)}</li>`,
  );
  const own = guide.workloads.map((place) => {
    const share = place.waitShare === undefined ? '' : `, which waited ${pct(place.waitShare)} of its sequential run`;
    return `<p class="guide-own"><strong>${escapeXml(place.workload)}</strong>${escapeXml(share)}: ${escapeXml(place.sentence)}</p>`;
  });
  return (
    `<h3>Threads or asyncio? One decision per region</h3><ol class="guide" data-guide="">${regions.join('')}</ol>${own.join('')}` +
    `<p class="legend">Each decision rests on this run's speedups and their 95% intervals alone: a strategy gains where its whole interval lies above 1×.</p>`
  );
}

export const GUIDE_STYLE = `.guide{padding-left:1.4rem}.guide li{margin:.4rem 0}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}`;
