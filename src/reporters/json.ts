import type { Reporter } from './types.js';

/** The whole result, for programs: the same document that is saved under bench-results/. */
export const jsonReporter: Reporter = {
  name: 'json',
  machine: true,
  render: (result) => `${JSON.stringify(result, null, 2)}\n`,
};
