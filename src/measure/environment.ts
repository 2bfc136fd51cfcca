import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import type { RunConfig } from '../config/types.js';
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

/** Cores a cgroup CPU quota allows (v2 `cpu.max`, else v1 `cfs_quota_us`), or null. */
function cgroupCpuLimit(): number | null {
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const v2 = read('/sys/fs/cgroup/cpu.max')?.split(/\s+/);
  if (v2 && v2[0] !== 'max' && Number(v2[0]) > 0 && Number(v2[1]) > 0) return Number(v2[0]) / Number(v2[1]);
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'));
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'));
  return quota > 0 && period > 0 ? quota / period : null;
}

/** The commit checked out in the working directory, if it is a git repository. */
function gitCommit(cwd: string): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd,
        timeout: 2000,
        stdio: ['ignore', 'pipe', 'ignore'],
        encoding: 'utf8',
      }).trim() || null
    );
  } catch {
    return null;
  }
}

/** A short hash of a configuration: two runs with equal hashes measured the same thing. */
export function configHash(config: RunConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** What the machine is, recorded with every result so runs can be compared fairly. */
export function collectEnvironment(config: RunConfig, cwd = process.cwd()): Environment {
  return { ...machineFacts(), gitCommit: gitCommit(cwd), configHash: configHash(config) };
}

/** The machine alone, without a run's configuration. */
export function machineFacts(): Omit<Environment, 'gitCommit' | 'configHash' | 'capacity'> {
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
    cgroupCpuLimit: cgroupCpuLimit(),
  };
}
