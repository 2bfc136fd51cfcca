// An example user workload: run it with
//   npx gil-bench run --workload workloads/examples/word-count.js
//
// A workload module exports a name, a kind ('cpu', 'io' or 'mixed'), an inputs() function that
// makes one structured-cloneable input per task, and a run() function that does one task and
// returns a number: a checksum of its result, which gil-bench compares across strategies.

export const name = 'word-count';
export const kind = 'cpu';
export const description = 'count word frequencies in generated text, then wait for a (simulated) upload';

const WORDS = ['lock', 'thread', 'loop', 'await', 'core', 'task', 'queue', 'switch', 'yield', 'batch'];
const WORDS_PER_TASK = { xs: 20_000, s: 100_000, m: 300_000, l: 1_000_000 };

/** One input per task, derived only from the seed so every strategy gets the same work. */
export function inputs({ tasks, size, seed }) {
  return Array.from({ length: tasks }, (_, i) => ({ seed: seed * 1000 + i, words: WORDS_PER_TASK[size] }));
}

/**
 * One task. `ctx.checkpoint()` lets the simulated GIL switch threads, so call it every few
 * microseconds of CPU work; `ctx.io(fn)` runs a wait with the lock released, as blocking I/O
 * releases the GIL in CPython.
 */
export async function run({ seed, words }, ctx) {
  let state = seed >>> 0;
  const counts = new Map();
  for (let i = 0; i < words; i++) {
    if (i % 1000 === 0) ctx.checkpoint();
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const word = WORDS[state % WORDS.length];
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  await ctx.io(() => new Promise((resolve) => setTimeout(resolve, 2)));
  let checksum = 0;
  for (const word of WORDS) checksum = (Math.imul(checksum, 31) + (counts.get(word) ?? 0)) >>> 0;
  return checksum;
}
