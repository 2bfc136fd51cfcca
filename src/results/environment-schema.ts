/** Where a run was measured: the machine and the process, recorded with every result. */
import { Type } from '@sinclair/typebox';
import { orNull } from '../config/schema.js';
import { ms, share } from './schema-parts.js';

export const CapacityProbeSchema = Type.Object(
  {
    threads: Type.Integer({ minimum: 1, description: 'Raw threads of the parallelism kernel.' }),
    freeCores: share(
      'Cores idle when the run started: the share of time the OS counted idle over 300 ms, times the cores available (older results: the kernel ratio below).',
    ),
    parallelism: Type.Optional(
      share(
        "Two raw threads' throughput ÷ one thread's on the same kernel: 2 where two cores compute at once; less where they share execution units (SMT, a VM's vCPUs) or a quota holds them. Absent in older results.",
      ),
    ),
  },
  {
    description:
      'The parallel-capacity probe: how many cores were free of other programs, and what two raw threads gained on them.',
  },
);

export const EnvironmentSchema = Type.Object({
  node: Type.String(),
  v8: Type.String(),
  platform: Type.String(),
  release: Type.String(),
  arch: Type.String(),
  cpuModel: Type.String(),
  logicalCores: Type.Integer({ minimum: 1 }),
  availableParallelism: Type.Integer({ minimum: 1 }),
  totalMemoryMb: Type.Number({ minimum: 0 }),
  loadAverage: Type.Array(Type.Number()),
  uvThreadpoolSize: orNull(Type.String()),
  ci: Type.Boolean(),
  timerResolutionMs: ms('Smallest step of performance.now() seen here.'),
  cgroupCpuLimit: orNull(Type.Number({ description: 'CPU cores allowed by a cgroup quota, or null.' })),
  gitCommit: orNull(Type.String({ description: 'The git commit of the working directory, if any.' })),
  configHash: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'Equal hashes measured the same thing.' }),
  capacity: Type.Optional(CapacityProbeSchema),
});
