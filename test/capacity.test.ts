import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { idleCores, probeCapacity } from '../src/measure/capacity.js';
import { ownCpuMs } from '../src/measure/own-cpu.js';
import { HostProbe } from '../src/measure/host-probe.js';

describe('the capacity probe', () => {
  it('counts idle cores from the OS, within the cores this process may use', async () => {
    const idle = await idleCores(200);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(availableParallelism());
  });

  it.skipIf(process.platform !== 'linux')('reads a core kept busy by another program as not free', async () => {
    // Started through a shell that exits at once: the busy process is no child of this one.
    spawnSync('sh', ['-c', `${process.execPath} -e 'const end = Date.now() + 700; while (Date.now() < end);' &`], {
      stdio: 'ignore',
    });
    expect(await idleCores(300)).toBeLessThan(availableParallelism() - 0.5);
  });

  it("does not count this process's own work as another program's", async () => {
    const quiet = await idleCores(250);
    const end = performance.now() + 300;
    const free = idleCores(250);
    while (performance.now() < end) {
      // Spins on this thread for the whole window.
    }
    const spun = await free;
    // The spinning core reads as free: as many as a moment before, not one fewer.
    expect(spun).toBeGreaterThan(quiet - 0.5);
  });

  it('reads a core that a thread of this process keeps busy as free: the run, not another program, holds it', async () => {
    // The probe once took its two raw threads' ratio as the free cores, so a thread of ours that
    // computed beside it read as one core fewer.
    const quiet = (await probeCapacity(1)).freeCores;
    const spinner = new Worker('const end = Date.now() + 1500; while (Date.now() < end);', { eval: true });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const spun = (await probeCapacity(1)).freeCores;
      expect(spun).toBeGreaterThan(quiet - 0.5);
    } finally {
      await spinner.terminate();
    }
  });

  it.skipIf(process.platform !== 'linux')(
    "counts a child process's CPU as this process's own, even once it has ended",
    () => {
      const before = ownCpuMs();
      // A child that computes for about 300 ms of CPU, then exits (as an interpreter's version check does).
      spawnSync(process.execPath, ['-e', 'const end = Date.now() + 300; while (Date.now() < end);']);
      expect(ownCpuMs() - before).toBeGreaterThan(200);
    },
  );

  it('keeps the raw threads’ ratio apart from the free cores', async () => {
    const probe = await probeCapacity(1);
    expect(probe.threads).toBe(2);
    expect(probe.parallelism).toBeGreaterThan(0);
    expect(probe.parallelism).toBeLessThanOrEqual(2);
  });

  it.skipIf(process.platform !== 'linux')("records the cores other programs took during a cell's batches", async () => {
    const host = new HostProbe();
    // Another program (no child of this one) computes through the batch, which only waits.
    spawnSync('sh', ['-c', `${process.execPath} -e 'const end = Date.now() + 700; while (Date.now() < end);' &`], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    host.beginMachine();
    host.begin(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    host.end();
    host.endMachine();
    expect(host.summary([300], availableParallelism()).otherCores).toBeGreaterThan(0.5);
  });
});
