/**
 * CPU time this process and every process it started have used, ms: what the capacity probe must
 * not count as other programs' (a Python interpreter starting beside the probe kept a core busy,
 * and the run warned "close other programs"). On Linux, from /proc: the process tree under this
 * one (its process-pool children included, whatever their process group); elsewhere this process
 * alone.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux that matters. */
export const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  ticks: number;
}

/**
 * A process's parent and its ticks, from /proc/PID/stat: its own user and system time, and that of
 * the children it has reaped (a short-lived one, such as an interpreter's version check, is gone
 * from /proc by the end of the window, its time added to its parent's); undefined once it is gone.
 */
function statOf(pid: string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { ppid: Number(fields[1]), ticks: (utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0) };
  } catch {
    return undefined;
  }
}

/** Ticks used by `root` and every process under it, from one pass over /proc. */
function treeTicks(root: number): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const stats = new Map<number, Stat>();
  for (const pid of pids) {
    const stat = statOf(pid);
    if (stat) stats.set(Number(pid), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    ticks += stats.get(pid)?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

/** CPU time, ms, of this process and (on Linux) every process under it, so far. */
export function ownCpuMs(): number {
  const ticks = process.platform === 'linux' ? treeTicks(process.pid) : undefined;
  if (ticks !== undefined) return (ticks * 1000) / TICKS_PER_SECOND;
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
