import { bencherReporter } from './bencher.js';
import { csvReporter } from './csv.js';
import { githubReporter } from './github.js';
import { guideReporter } from './guide-text.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { tableReporter } from './table.js';
import type { Reporter } from './types.js';

/** The single list of output formats: adding one means a file and a line here. */
export const reporters: readonly Reporter[] = [
  tableReporter,
  jsonReporter,
  markdownReporter,
  csvReporter,
  githubReporter,
  bencherReporter,
  htmlReporter,
  guideReporter,
];

export function findReporter(name: string): Reporter | undefined {
  return reporters.find((r) => r.name === name);
}

export type { Reporter, RenderOptions } from './types.js';
