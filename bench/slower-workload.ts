/**
 * Slowed copies of the word-count example, for the A/B gate's figures and tests: a known slowdown
 * that changes no checksum.
 */

/**
 * A copy of word-count `share` slower per task that changes no result, in every strategy or only
 * off the main thread: the same counting again, into a map thrown away, over that share of the
 * words, and the timer's wait longer by as much on average (a timer keeps whole milliseconds, so
 * a share of the tasks waits one more).
 */
export function slower(wordCount: string, where: string, share: number): string {
  const wait = 'await ctx.io(() => new Promise((resolve) => setTimeout(resolve, 2)));';
  if (!wordCount.includes(wait)) throw new Error("word-count's wait has changed: update slower()");
  // Task i of a batch (its seed is the run's times 1000, plus i) waits one more millisecond when
  // the running count of 2 × share crosses a whole number: evenly spread, the same in every strategy.
  const f = 2 * share;
  const longer = `(${where}) && Math.floor(((seed % 1000) + 1) * ${f}) > Math.floor((seed % 1000) * ${f})`;
  return wordCount
    .replace(wait, `await ctx.io(() => new Promise((resolve) => setTimeout(resolve, ${longer} ? 3 : 2)));`)
    .replace(
      'export async function run({ seed, words }, ctx) {',
      [
        `import { isMainThread } from 'node:worker_threads';`,
        `export let sink = 0;`,
        `export async function run({ seed, words }, ctx) {`,
        `  if (${where}) {`,
        `    let s = seed >>> 0;`,
        `    const extra = new Map();`,
        `    for (let i = 0; i < words * ${share}; i++) {`,
        `      if (i % 1000 === 0) ctx.checkpoint();`,
        `      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;`,
        `      const word = WORDS[s % WORDS.length];`,
        `      extra.set(word, (extra.get(word) ?? 0) + 1);`,
        `    }`,
        `    sink += extra.size;`,
        `  }`,
      ].join('\n'),
    );
}
