import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { withinDeadline } from '../src/strategies/deadlines.js';

const late = (): Error => new Error('past its deadline');

describe('one timer for the deadlines of every task in flight', () => {
  it('passes a value or a rejection that comes in time', async () => {
    await expect(
      withinDeadline(
        sleep(5).then(() => 7),
        500,
        late,
      ),
    ).resolves.toBe(7);
    await expect(withinDeadline(Promise.reject(new Error('own')), 500, late)).rejects.toThrow('own');
  });

  it('rejects each task at its own deadline, the later ones after the earlier', async () => {
    const never = new Promise<number>(() => {});
    const start = performance.now();
    const ends: Array<[string, number]> = [];
    const watch = (name: string, p: Promise<unknown>) =>
      p.catch((error: Error) => ends.push([`${name}: ${error.message}`, performance.now() - start]));
    await Promise.all([
      watch('slow', withinDeadline(never, 60, late)),
      watch('quick', withinDeadline(never, 20, late)),
      watch(
        'done',
        withinDeadline(
          sleep(5).then(() => 1),
          30,
          late,
        ),
      ),
    ]);
    expect(ends.map(([what]) => what)).toEqual(['quick: past its deadline', 'slow: past its deadline']);
    expect(ends[0]?.[1]).toBeGreaterThanOrEqual(19);
    expect(ends[1]?.[1]).toBeGreaterThanOrEqual(59);
  });

  it('leaves no timer behind once every task has settled', async () => {
    await withinDeadline(sleep(1), 10_000, late);
    const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout');
    // vitest's own timers aside, none is ours: a 10 s deadline would still be pending.
    const before = timers.length;
    const pending = withinDeadline(sleep(1), 10_000, late);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeGreaterThan(before);
    await pending;
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});
