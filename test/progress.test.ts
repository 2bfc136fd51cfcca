import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/output/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WritableStream & { isTTY: boolean; written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WritableStream & {
    isTTY: boolean;
    written: string[];
  };
}

describe('createProgress', () => {
  const batch = { type: 'batch', workload: 'primes', strategy: 'workers', threads: 2, done: 5, total: 10 } as const;

  it('draws a bar with the cell and the time left on a terminal', () => {
    let clock = 0;
    const stream = fakeStream(true);
    const progress = createProgress(stream, true, () => clock);
    clock = 4000;
    progress.update(batch);
    expect(stream.written.at(-1)).toContain('██████████░░░░░░░░░░ 5/10 primes · workers ×2 · ~4s left');
    progress.clear();
    expect(stream.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('says so when a batch is a further round for a cell that has not settled', () => {
    const stream = fakeStream(true);
    createProgress(stream, true).update({ ...batch, done: 10, extra: true });
    expect(stream.written.at(-1)).toContain('10/10 primes · workers ×2 · another round, not settled yet');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream, true);
    progress.update(batch);
    progress.clear();
    expect(stream.written).toEqual([]);
  });
});
