import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import type { Environment } from '../results/types.js';

/** The smallest positive step between two performance.now() readings. */
function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 2000; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

/** What the machine is, recorded with every result so runs can be compared fairly. */
export function collectEnvironment(): Environment {
  const cpuList = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    release: release(),
    arch: process.arch,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    logicalCores: cpuList.length,
    availableParallelism: availableParallelism(),
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    uvThreadpoolSize: process.env['UV_THREADPOOL_SIZE'] ?? null,
    ci: Boolean(process.env['CI']),
    timerResolutionMs: Number(timerResolution().toPrecision(3)),
  };
}
