// An example user workload that mostly waits: each task looks a few keys up in a (simulated)
// remote store, a few milliseconds per call, and merges the answers. Run it with
//   npx gil-bench run --workload workloads/examples/lookups.js
//
// The waits go through ctx.io(), as blocking I/O releases the GIL in CPython: threads and the
// event loop overlap them, and the little CPU work between them barely shows.

export const name = 'lookups';
export const kind = 'io';
export const description = 'look keys up in a remote store (3 ms a call), then merge the answers';

const CALLS_PER_TASK = { xs: 2, s: 4, m: 8, l: 16 };
const WAIT_MS = 3;

/** One input per task, derived only from the seed so every strategy gets the same work. */
export function inputs({ tasks, size, seed }) {
  return Array.from({ length: tasks }, (_, i) => ({ seed: seed * 1000 + i, calls: CALLS_PER_TASK[size] }));
}

/** The store's answer to one key: a deterministic record, as if decoded from the wire. */
function answer(key) {
  const fields = [];
  let state = key >>> 0;
  for (let i = 0; i < 64; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    fields.push(state % 1000);
  }
  return JSON.stringify({ key, fields });
}

export async function run({ seed, calls }, ctx) {
  let checksum = seed >>> 0;
  for (let call = 0; call < calls; call++) {
    const key = (Math.imul(seed, 31) + call) >>> 0;
    const text = await ctx.io(() => new Promise((resolve) => setTimeout(() => resolve(answer(key)), WAIT_MS)));
    ctx.checkpoint();
    const { fields } = JSON.parse(text);
    for (const field of fields) checksum = (Math.imul(checksum, 31) + field) >>> 0;
  }
  return checksum;
}
