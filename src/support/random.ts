/**
 * A small seeded PRNG (mulberry32). Inputs and resampling derive from a seed so that a run can be
 * repeated exactly; `Math.random` cannot be seeded.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** An integer in [0, n) drawn from `random`. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/**
 * One input per task, each from its own seed drawn from the run's seed: tasks differ from each
 * other, and a run repeats exactly.
 */
export function seededTasks<T>(tasks: number, seed: number, make: (taskSeed: number, task: number) => T): T[] {
  const random = seededRandom(seed);
  return Array.from({ length: tasks }, (_, task) => make(randomInt(random, 1_000_000), task));
}

/** The items in an order drawn from `random` (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
