/** Where a run was measured: the machine and the process, recorded with every result. */
import { Type } from '@sinclair/typebox';
import { orNull } from '../config/schema.js';
import { ms, share } from './schema-parts.js';

export const CapacityProbeSchema = Type.Object(
  {
    threads: Type.Integer({ minimum: 1 }),
    freeCores: share("Two threads' work ÷ the time it took, in units of one thread alone: 2 = two free cores."),
  },
  { description: 'The parallel-capacity probe: how many of `threads` raw threads really ran at once.' },
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
