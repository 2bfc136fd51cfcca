/** The shape of a run at a glance (see summary.ts): data of the result, as its schema defines it. */
export type { Figure, Summary, SummaryCell, SummaryRow, Tone } from '../results/types.js';
