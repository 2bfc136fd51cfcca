import { describe, expect, it } from 'vitest';
import { createProgress, progressStyle } from '../src/output/progress.js';

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
    const progress = createProgress(stream, 'bar', () => clock);
    clock = 4000;
    progress.update(batch);
    expect(stream.written.at(-1)).toContain('██████████░░░░░░░░░░ 5/10 primes · workers ×2 · ~4s left');
    progress.clear();
    expect(stream.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('says so when a batch is a further round for a cell that has not settled', () => {
    const stream = fakeStream(true);
    createProgress(stream, 'bar').update({ ...batch, done: 10, extra: true });
    expect(stream.written.at(-1)).toContain('10/10 primes · workers ×2 · another round, not settled yet');
  });

  it('writes nothing as a bar when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream, 'bar');
    progress.update(batch);
    progress.clear();
    expect(stream.written).toEqual([]);
  });

  it('writes a plain line per batch when lines are asked for, on a terminal or not, and has nothing to clear', () => {
    for (const isTTY of [false, true]) {
      let clock = 0;
      const stream = fakeStream(isTTY);
      const progress = createProgress(stream, 'lines', () => clock);
      clock = 4000;
      progress.update({ type: 'start', batches: 10 });
      progress.update(batch);
      progress.update({ ...batch, done: 6, extra: true });
      progress.clear();
      expect(stream.written).toEqual([
        '5/10 primes · workers ×2 · ~4s left\n',
        '6/10 primes · workers ×2 · another round, not settled yet\n',
      ]);
    }
  });

  it('writes nothing when off, even on a terminal', () => {
    const stream = fakeStream(true);
    const progress = createProgress(stream, 'off');
    progress.update(batch);
    progress.clear();
    expect(stream.written).toEqual([]);
  });

  it('--quiet turns progress off; GIL_BENCH_PROGRESS=lines asks for lines; a bar otherwise', () => {
    expect(progressStyle(false, {})).toBe('bar');
    expect(progressStyle(false, { GIL_BENCH_PROGRESS: 'lines' })).toBe('lines');
    expect(progressStyle(true, { GIL_BENCH_PROGRESS: 'lines' })).toBe('off');
    expect(progressStyle(false, { GIL_BENCH_PROGRESS: 'yes' })).toBe('bar');
  });
});

describe('the progress bar on a narrow terminal', () => {
  const batch = {
    type: 'batch',
    workload: 'ratio (I/O 25%)',
    strategy: 'async-offload',
    threads: 2,
    done: 5,
    total: 10,
  } as const;

  it.each([80, 60, 40, 20])('stays within %i columns, one spare, cut with "…", so it never wraps', (columns) => {
    const stream = Object.assign(fakeStream(true), { columns });
    createProgress(stream, 'bar', () => 0).update(batch);
    const line = (stream.written.at(-1) ?? '').replace('\r\x1b[2K', '');
    expect([...line].length).toBeLessThanOrEqual(columns - 1);
    if ([...line].length === columns - 1) expect(line.endsWith('…')).toBe(true);
  });

  it('follows a resize: each update reads the width again', () => {
    const stream = Object.assign(fakeStream(true), { columns: 120 });
    const progress = createProgress(stream, 'bar', () => 0);
    progress.update(batch);
    expect(stream.written.at(-1)).toContain('async-offload ×2');
    stream.columns = 30;
    progress.update(batch);
    expect([...(stream.written.at(-1) ?? '').replace('\r\x1b[2K', '')].length).toBeLessThanOrEqual(29);
  });
});
