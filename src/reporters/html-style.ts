/**
 * The HTML report's stylesheet: light and dark (prefers-color-scheme), and a narrow layout for a
 * phone (below 560 px: optional columns hidden, intervals under their figure, charts scaled to the
 * screen). Colours of chart text and axes come from here, so they follow the scheme.
 */
export const STYLE = `:root{color-scheme:light dark;--fg:#111827;--bg:#ffffff;--muted:#6b7280;--rule:#e5e7eb;--axis:#9ca3af;--gain:#15803d;--loss:#b91c1c;--unsure:#a16207;--note-bg:#f3f4f6;--warn-bg:#fffbeb;--warn:#92400e}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--bg:#0f172a;--muted:#9ca3af;--rule:#334155;--axis:#64748b;--gain:#4ade80;--loss:#f87171;--unsure:#facc15;--note-bg:#1e293b;--warn-bg:#2a2212;--warn:#fcd34d}}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.25rem;color:var(--fg);background:var(--bg)}
h1{font-size:1.5rem;margin:.5rem 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--rule)}
.meta,figcaption,.legend{color:var(--muted);font-size:.85rem}
.wide{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.25rem .6rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
th{font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
th.num{white-space:normal}
tr.cell td{border-bottom:none;padding-bottom:0}
tr.why td{color:var(--muted);font-size:.9rem;padding-top:.1rem}
.gain{color:var(--gain)}.loss{color:var(--loss)}.unsure{color:var(--unsure)}.failed{color:var(--loss);font-weight:600}
.lesson{padding-left:1.2rem}.lesson li{margin:.35rem 0}
.notices{list-style:none;padding:.5rem .9rem;border-radius:6px;background:var(--note-bg)}
.notices li{margin:.25rem 0}.notices .warning{color:var(--warn)}
.notices:has(.warning){background:var(--warn-bg)}
.charts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
figure{margin:.5rem 0;max-width:100%}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{font:12px system-ui,sans-serif;fill:var(--fg)}
svg.chart .muted{fill:var(--muted)}
svg.chart .axis{stroke:var(--axis)}
svg.chart .reference{stroke:var(--axis);stroke-dasharray:4 3}
svg.chart .whisker{stroke:var(--fg);stroke-width:1.5}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}
@media (max-width:560px){body{font-size:14px;padding:.75rem}td,th{padding:.2rem .35rem}.opt{display:none}.ci{display:block;font-size:.85em}.matrix{font-size:11.5px}.matrix td,.matrix th{padding:.2rem .15rem}.matrix td:first-child{overflow-wrap:anywhere;hyphens:auto}.matrix .ci,.matrix .unit{display:none}}`;
