import { randomInt, seededRandom, seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Log lines scanned per task (about 3 / 12 / 40 / 150 ms on a 2020s core). */
const LINES: Record<SizeName, number> = { xs: 700, s: 5_000, m: 15_000, l: 35_000 };
/** Lines between checkpoints. */
const CHUNK = 200;

const PATTERNS = [
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/g, // IPv4 addresses
  /[\w.+-]+@[\w-]+\.[\w.]+/g, // e-mail addresses
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/g, // timestamps
  /"(?:GET|POST|PUT|DELETE) (\/[^\s"]*)/g, // request paths
  / (5\d\d) /g, // server errors
];

export interface RegexInput {
  seed: number;
  lines: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

/** `count` generated log lines, joined: one chunk of a log file. */
function logChunk(random: () => number, first: number, count: number): string {
  const lines: string[] = [];
  for (let i = first; i < first + count; i++) {
    const n = randomInt(random, 1_000_000);
    const status = [200, 200, 200, 201, 304, 404, 500, 503][n % 8];
    lines.push(
      `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:07 10.${n % 256}.${(n >> 8) % 256}.${i % 256} user${n % 977}@mail-${n % 13}.example.com "${METHODS[n % 4]} /api/v2/items/${n}?page=${i % 9}" ${status} ${n % 5000}`,
    );
  }
  return lines.join('\n');
}

/** A log scan with several regular expressions (native regex engine that keeps the lock, like `re`). */
export const regex: Workload<RegexInput> = {
  ...described('regex'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, lines: LINES[size] }));
  },
  run({ seed, lines }: RegexInput, ctx: TaskContext) {
    const random = seededRandom(seed);
    const counts = new Array<number>(PATTERNS.length).fill(0);
    let pathLength = 0;
    // Generated and scanned a chunk at a time, like reading a log file.
    for (let start = 0; start < lines; start += CHUNK) {
      ctx.checkpoint();
      const text = logChunk(random, start, Math.min(CHUNK, lines - start));
      PATTERNS.forEach((pattern, p) => {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          counts[p] = (counts[p] as number) + 1;
          if (p === 3) pathLength += match[1]?.length ?? 0;
        }
      });
    }
    return counts.reduce((h, c) => Math.imul(h ^ c, 0x0100_0193) >>> 0, pathLength >>> 0);
  },
};
