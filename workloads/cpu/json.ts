import { CHECKSUM_SEED, mixString } from '../checksum.js';
import { randomInt, seededRandom, seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Records and serialise/parse round trips per task (about 3 / 13 / 31 / 130 ms). */
const SHAPE: Record<SizeName, { records: number; rounds: number }> = {
  xs: { records: 500, rounds: 1 },
  s: { records: 2000, rounds: 2 },
  m: { records: 500, rounds: 24 },
  l: { records: 2000, rounds: 24 },
};

export interface JsonInput {
  seed: number;
  records: number;
  rounds: number;
}

interface Row {
  id: number;
  name: string;
  email: string;
  tags: string[];
  score: number;
  active: boolean;
  address: { city: string; zip: string; geo: [number, number] };
}

const CITIES = ['Lisbon', 'Osaka', 'Quito', 'Tromsø', 'Lagos', 'Perth', 'Montréal', 'Gdańsk'];

function records(seed: number, count: number): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, id) => {
    const n = randomInt(random, 1_000_000);
    return {
      id,
      name: `user-${n.toString(36)}`,
      email: `u${n}@example.org`,
      tags: Array.from({ length: 1 + (n % 4) }, (_, t) => `tag${(n >> t) % 50}`),
      score: Math.round(random() * 1e6) / 100,
      active: (n & 1) === 0,
      address: {
        city: CITIES[n % CITIES.length] as string,
        zip: String(10000 + (n % 89999)),
        geo: [random() * 180 - 90, random() * 360 - 180],
      },
    };
  });
}

/**
 * JSON serialise/parse round trips, changing the data each round. Like CPython's json C
 * accelerator, the native parse and stringify hold the lock; checkpoints fall between rounds.
 */
export const json: Workload<JsonInput> = {
  ...described('json'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, ...SHAPE[size] }));
  },
  run({ seed, records: count, rounds }: JsonInput, ctx: TaskContext) {
    let data = records(seed, count);
    let text = '';
    for (let round = 0; round < rounds; round++) {
      ctx.checkpoint();
      text = JSON.stringify(data);
      data = JSON.parse(text) as Row[];
      for (const row of data) row.score = Math.round((row.score * 1.01 + round) * 100) / 100;
    }
    return mixString(CHECKSUM_SEED, text.slice(-4096)) ^ text.length;
  },
};
