/**
 * Every core's time so far, as the OS counts it: idle, busy (user, nice, system, interrupts) and
 * their sum, ms. On Linux from /proc/stat's first line, which sums the cores: `os.cpus()` reads
 * the same counters but also each core's model and speed, at about 90 µs a call against 35, and a
 * run reads the counters around every timed batch.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { TICKS_PER_SECOND } from './own-cpu.js';

export interface CoreTimes {
  idle: number;
  busy: number;
  total: number;
}

/** One of /proc's clock ticks, ms. */
const MS_PER_TICK = 1000 / TICKS_PER_SECOND;

function fromProc(): CoreTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').slice(0, 256).split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq …: the fields os.cpus() reports, as it reads them.
    const [user, nice, system, idle, , irq] = line.trim().split(/\s+/).slice(1).map(Number);
    if ([user, nice, system, idle, irq].some((x) => x === undefined || !Number.isFinite(x))) return undefined;
    const busy = ((user as number) + (nice as number) + (system as number) + (irq as number)) * MS_PER_TICK;
    return { idle: (idle as number) * MS_PER_TICK, busy, total: busy + (idle as number) * MS_PER_TICK };
  } catch {
    return undefined;
  }
}

export function coreTimes(): CoreTimes {
  const proc = process.platform === 'linux' ? fromProc() : undefined;
  if (proc) return proc;
  let idle = 0;
  let busy = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    busy += times.user + times.nice + times.sys + times.irq;
  }
  return { idle, busy, total: idle + busy };
}
