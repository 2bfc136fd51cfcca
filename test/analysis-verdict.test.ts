import { describe, expect, it } from 'vitest';
import { factsOf } from '../src/analysis/facts.js';
import { RULES } from '../src/analysis/mechanisms.js';
import { completedReferenceOf } from '../src/results/reference.js';
import { THRESHOLDS } from '../src/analysis/thresholds.js';
import { verdictOf } from '../src/analysis/verdict.js';
import type { CellResult, Direction, SuiteResult, Verdict, VerdictClass } from '../src/results/types.js';
import { scenario, type Sketch, type World } from './fixtures/scenario.js';

interface Case {
  name: string;
  world: World;
  cell: Sketch;
  direction: Direction;
  class: VerdictClass;
  /** Words the line must carry (the measured figures it quotes). */
  says?: RegExp[];
}

const CPU: World = { kind: 'cpu', workload: 'primes' };
const NATIVE: World = { kind: 'cpu', workload: 'native-hash', native: 0.95 };
const SLEEP: World = { kind: 'io', workload: 'sleep', wait: 0.97, aloneIoP50: 10.4 };
const FILES: World = { kind: 'io', workload: 'files', wait: 0.43, aloneIoP50: 2.5 };
/** A user's workload: it parses text and awaits a 3 ms timer (declared io). */
const PARSER: World = { kind: 'io', workload: 'parse', wait: 0.3, aloneIoP50: 3.2, threads: [1, 2, 4] };
/** Declared cpu, yet each task awaits 1 ms: only the measurements tell. */
const AWAITS: World = { kind: 'cpu', workload: 'awaits', wait: 0.25, aloneIoP50: 1.1 };
/** Declared io, yet pure computing. */
const BUSY: World = { kind: 'io', workload: 'busy' };
const RATIO0: World = { kind: 'mixed', workload: 'ratio', ioRatio: 0 };
const RATIO1: World = { kind: 'mixed', workload: 'ratio', ioRatio: 1, wait: 0.99, aloneIoP50: 10.2 };
const CONVOY: World = {
  kind: 'mixed',
  workload: 'convoy',
  focus: 'io-latency',
  wait: 0.1,
  aloneIoP50: 5.3,
  aloneIoMax: 6.5,
};
/** A user's Python workloads under CPython: pure Python, hashlib (which releases the GIL), a free-threaded build. */
const PY_CPU: World = { kind: 'cpu', workload: 'count-primes', cpython: { gil: true } };
const PY_HASH: World = { kind: 'cpu', workload: 'digest', cpython: { gil: true } };
const PY_FREE: World = { kind: 'cpu', workload: 'count-primes', cpython: { gil: false } };
const LAG: World = { kind: 'mixed', workload: 'responsiveness', focus: 'loop-lag', aloneLagP99: 300 };

const CASES: Case[] = [
  {
    name: 'CPython: threads on pure Python take turns for the GIL, with no lock figure claimed',
    world: PY_CPU,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.98, 0.96, 1.01], busy: 1 },
    direction: 'same',
    class: 'lock-serialised',
    says: [
      /only one thread can hold the GIL, so the CPU work \(100% of each task\) takes turns/,
      /\(threading under the GIL\)$/,
    ],
  },
  {
    name: 'CPython: threads that kept two cores busy under the GIL ran code that releases it',
    world: PY_HASH,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [1.75, 1.6, 1.9], busy: 1.8 },
    direction: 'faster',
    class: 'gil-released',
    says: [/^1\.75× faster: the threads computed in parallel under the GIL \(1\.8 cores busy\)/],
  },
  {
    name: 'CPython free-threaded: threads compute in parallel, with no GIL to release',
    world: PY_FREE,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [1.8, 1.7, 1.9], busy: 1.9 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/this build has no GIL \(threading on a free-threaded build, like 3\.13t\)$/],
  },
  {
    name: 'CPython free-threaded: threads that kept the cores busy yet ran slower contended',
    world: PY_FREE,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.2, 0.15, 0.25], busy: 1.7 },
    direction: 'slower',
    class: 'contention',
    says: [/1\.7 cores busy\) yet ran no faster: they got in each other's way/],
  },
  {
    name: 'cpu: sequential is the reference',
    world: CPU,
    cell: { strategy: 'sequential' },
    direction: 'reference',
    class: 'reference',
  },
  {
    name: 'cpu: gil-threads within 3%, the lock held all the time',
    world: CPU,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.98, 0.975, 0.99], busy: 1, lockHeld: 0.97 },
    direction: 'same',
    class: 'lock-serialised',
    says: [/^within 3% of sequential/, /held 97% of the time/],
  },
  {
    name: 'cpu: gil-threads measurably slower',
    world: CPU,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.93, 0.92, 0.94], busy: 1, lockHeld: 0.96 },
    direction: 'slower',
    class: 'lock-serialised',
    says: [/^1\.08× slower/],
  },
  {
    name: 'cpu: async runs the CPU work on one loop',
    world: CPU,
    cell: { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1 },
    direction: 'same',
    class: 'loop-runs-cpu',
    says: [/^no measurable difference/],
  },
  {
    name: 'cpu: workers compute in parallel',
    world: CPU,
    cell: { strategy: 'workers', threads: 2, speedup: [1.92, 1.9, 1.94], busy: 1.96 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/^1\.92× faster/, /2\.0 cores busy/],
  },
  {
    name: 'cpu: async-offload takes turns under the lock',
    world: CPU,
    cell: { strategy: 'async-offload', threads: 2, speedup: [0.975, 0.965, 0.98], busy: 1, lockHeld: 0.97 },
    direction: 'same',
    class: 'lock-serialised',
  },
  {
    name: 'cpu: workers on cores that were not free',
    world: { ...CPU, freeCores: 1.05 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.02, 0.99, 1.05], busy: 1.05 },
    direction: 'same',
    class: 'cores-not-free',
    says: [/1\.1 free when the run started/],
  },
  {
    name: 'parallel compute on a machine where other programs took part of every core: busy cores over sequential',
    world: { ...CPU, busy: 0.7, freeCores: 1.1 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.4, 1.3, 1.5], busy: 1.0 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/computed in parallel \(1\.0 cores busy, where sequential got 70% of a core: other programs took part/],
  },
  {
    name: 'a modest gain on a shared machine: the busy cores over sequential’s core account for it',
    // The default cpu run of a loaded machine: sequential got 73% of a core, workers 0.92 cores.
    world: { ...CPU, busy: 0.73, freeCores: 0.85 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.22, 1.04, 1.42], busy: 0.92 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/computed in parallel \(0\.9 cores busy, where sequential got 73% of a core/],
  },
  {
    name: 'workers gain less than the cores allow: their threads collected far more garbage than sequential',
    world: { ...CPU, gcMs: 3 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.35, 1.3, 1.4], busy: 1.9, gcMs: 24 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/computed in parallel .*; garbage collection took 24\.0 ms a batch against sequential's 3\.00 ms/],
  },
  {
    name: 'threads under the lock that also collected far more garbage: the lock is the reason, the garbage said beside it',
    world: { ...CPU, gcMs: 3 },
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.9, 0.87, 0.93], busy: 1, lockHeld: 0.97, gcMs: 24 },
    direction: 'slower',
    class: 'lock-serialised',
    says: [
      /only one thread can hold the lock.*; garbage collection took 24\.0 ms a batch .*each thread collects a heap of its own/,
    ],
  },
  {
    name: 'one event loop that collected far more garbage: its tasks were alive at once on one heap',
    world: { ...CPU, gcMs: 3 },
    cell: { strategy: 'async', speedup: [0.9, 0.87, 0.93], busy: 1, gcMs: 24 },
    direction: 'slower',
    class: 'loop-runs-cpu',
    says: [
      /garbage collection took 24\.0 ms a batch against sequential's 3\.00 ms \(all its tasks alive at once on one heap\)/,
    ],
  },
  {
    name: 'garbage collected alike: nothing said of it',
    world: { ...CPU, gcMs: 3 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.9, 1.85, 1.95], busy: 1.9, gcMs: 5 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/^(?!.*garbage)/],
  },
  {
    name: 'native sections: gil-threads overlap with the lock released',
    world: NATIVE,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [1.95, 1.91, 1.96], busy: 1.95, lockHeld: 0.04 },
    direction: 'faster',
    class: 'native-unlocked',
    says: [/native code with the lock released \(95% of it\)/],
  },
  {
    name: 'native sections: async still runs them one task at a time',
    world: NATIVE,
    cell: { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1 },
    direction: 'same',
    class: 'loop-runs-cpu',
  },
  {
    name: 'io: gil-threads overlap their waits',
    world: SLEEP,
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [1.9, 1.85, 1.93],
      busy: 0.06,
      inFlight: 1.9,
      lockHeld: 0.06,
    },
    direction: 'faster',
    class: 'waits-overlapped',
    says: [/waits release the lock, so threads wait at the same time \(1\.9 waits in flight on average\)/],
  },
  {
    name: 'io: async overlaps every wait',
    world: SLEEP,
    cell: { strategy: 'async', speedup: [7.5, 7.2, 7.7], busy: 0.2, inFlight: 7.6 },
    direction: 'faster',
    class: 'waits-overlapped',
    says: [/every task waits at once on one event loop/],
  },
  {
    name: 'io: workers overlap waits, not compute',
    world: SLEEP,
    cell: { strategy: 'workers', threads: 2, speedup: [1.9, 1.86, 1.94], busy: 0.08, inFlight: 1.9 },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'io: 8 threads on 2 cores overlap 8 waits',
    world: { ...SLEEP, threads: [8] },
    cell: { strategy: 'workers', threads: 8, speedup: [7.58, 7.3, 7.7], busy: 0.3, inFlight: 7.6 },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'files under the lock: no gain, the waits did not overlap, and no disk is blamed',
    world: FILES,
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [1.06, 0.98, 1.12],
      busy: 0.6,
      inFlight: 0.46,
      lockHeld: 0.6,
    },
    direction: 'same',
    class: 'waits-serial',
    says: [/the tasks did not overlap, though waits are 43% of the work/],
  },
  {
    name: 'files under workers: parallel compute and overlapping waits',
    world: FILES,
    cell: { strategy: 'workers', threads: 2, speedup: [1.23, 1.15, 1.3], busy: 1.4, inFlight: 1.4 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/threads wait at the same time/],
  },
  {
    name: 'files: each fsync shorter beside others than alone, the measured reason for a large gain',
    // Sequential hardly computes: what is not its waits is blocking calls, which overlap too.
    world: { ...FILES, wait: 0.8, aloneIoP50: 7.12, busy: 0.05 },
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [5.06, 4.8, 5.3],
      busy: 0.5,
      ioP50: 1.87,
      inFlight: 1.05,
      lockHeld: 0.6,
    },
    direction: 'faster',
    class: 'waits-shorter',
    says: [/each wait was shorter than alone \(off-CPU p50 1\.87 ms vs 7\.12 ms\)/],
  },
  {
    name: 'waits that overlap but each take longer together: no gain, and the measured reason',
    world: { ...FILES, wait: 0.9, aloneIoP50: 5 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.02, 0.98, 1.06], busy: 0.2, ioP50: 9.8, inFlight: 1.9 },
    direction: 'same',
    class: 'waits-longer',
    says: [/served them slower together; threads wait at the same time/],
  },
  {
    name: 'a thread sweep at one thread: gil-threads cannot overlap anything',
    world: PARSER,
    cell: { strategy: 'gil-threads', threads: 1, speedup: [0.99, 0.97, 1.01], busy: 0.7, inFlight: 0.3, lockHeld: 0.7 },
    direction: 'same',
    class: 'one-thread',
    says: [/one thread: nothing can overlap/],
  },
  {
    name: 'a thread sweep at one thread: workers pay to hand tasks over',
    world: PARSER,
    cell: { strategy: 'workers', threads: 1, speedup: [0.885, 0.86, 0.9], busy: 0.7, inFlight: 0.3 },
    direction: 'slower',
    class: 'one-thread',
    says: [/^1\.13× slower/],
  },
  {
    name: 'a thread sweep at two threads: one thread waits while the other computes',
    world: PARSER,
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [1.2, 1.15, 1.25],
      busy: 0.85,
      inFlight: 0.55,
      lockHeld: 0.8,
    },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'a thread sweep at four threads: waits in flight',
    world: PARSER,
    cell: { strategy: 'gil-threads', threads: 4, speedup: [1.35, 1.3, 1.4], busy: 0.95, inFlight: 1.4, lockHeld: 0.93 },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: '--io-ratio 0: gil-threads on pure CPU, no waits to speak of',
    world: RATIO0,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.96, 0.95, 0.97], busy: 1, lockHeld: 0.97 },
    direction: 'slower',
    class: 'lock-serialised',
  },
  {
    name: '--io-ratio 0: async on pure CPU',
    world: RATIO0,
    cell: { strategy: 'async', speedup: [1, 0.99, 1.01], busy: 1 },
    direction: 'same',
    class: 'loop-runs-cpu',
  },
  {
    name: '--io-ratio 0: workers compute in parallel, nobody waits',
    world: RATIO0,
    cell: { strategy: 'workers', threads: 2, speedup: [1.9, 1.85, 1.95], busy: 1.9 },
    direction: 'faster',
    class: 'parallel-compute',
  },
  {
    name: '--io-ratio 1: async overlaps all of it',
    world: RATIO1,
    cell: { strategy: 'async', tasks: 8, speedup: [7.6, 7.4, 7.8], busy: 0.1, inFlight: 7.7 },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: '--io-ratio 1: gil-threads overlap two at a time',
    world: RATIO1,
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [1.95, 1.9, 1.98],
      busy: 0.05,
      inFlight: 1.95,
      lockHeld: 0.02,
    },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'declared cpu but awaiting: async gains by overlapping its awaits',
    world: AWAITS,
    cell: { strategy: 'async', speedup: [1.31, 1.25, 1.36], busy: 0.98, inFlight: 2.9 },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'declared cpu but awaiting: async-offload gains by its awaits, not by native code',
    world: AWAITS,
    cell: {
      strategy: 'async-offload',
      threads: 2,
      speedup: [1.17, 1.12, 1.22],
      busy: 0.9,
      inFlight: 1.5,
      lockHeld: 0.88,
    },
    direction: 'faster',
    class: 'waits-overlapped',
  },
  {
    name: 'declared io but pure computing: judged as computing under the lock',
    world: BUSY,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.96, 0.95, 0.97], busy: 1, lockHeld: 0.98 },
    direction: 'slower',
    class: 'lock-serialised',
  },
  {
    name: 'an interval straddling 1 is no measurable difference, never "slower"',
    world: CPU,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.89, 0.85, 1.02], busy: 1, lockHeld: 0.95 },
    direction: 'same',
    class: 'lock-serialised',
    says: [/^no measurable difference/],
  },
  {
    name: 'a point past 3% with an interval reaching back within it is no ▼: the legend says the whole interval',
    world: CPU,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.97, 0.94, 0.998], busy: 1, lockHeld: 0.97 },
    direction: 'same',
    class: 'lock-serialised',
    says: [/^slower, but not measurably by over 3%/],
  },
  {
    name: 'a gain whose interval reaches back within 3% is no ▲',
    world: { ...CPU, wait: 0.02 },
    cell: { strategy: 'workers', threads: 2, speedup: [1.2, 1.01, 1.4], busy: 1.5 },
    direction: 'same',
    class: 'parallel-compute',
    says: [/^faster, but not measurably by over 3%/],
  },
  {
    name: 'an interval that holds no change and a large one is too noisy to tell, not "no mechanism explains it"',
    world: PY_CPU,
    cell: { strategy: 'workers', threads: 2, speedup: [1.24, 0.91, 1.69], busy: 1.8 },
    direction: 'unknown',
    class: 'too-noisy',
    says: [/^too noisy to tell: its 95% interval, 0\.91–1\.69×, holds both no change and a change of over 15%/],
  },
  {
    name: 'an interval that clears 1 by less than 3% and reaches far past it is too noisy too, not a gain to explain',
    // A first look's to_thread on a pure-Python loop: 1.31× (1.01–1.70) with the lock held.
    world: PY_CPU,
    cell: { strategy: 'async-offload', threads: 2, speedup: [1.31, 1.01, 1.7], busy: 1 },
    direction: 'unknown',
    class: 'too-noisy',
    says: [/^too noisy to tell: its 95% interval, 1\.01–1\.70×, holds both no change and a change of over 15%/],
  },
  {
    name: 'a first look whose gain nothing measured explains cannot tell it from its few batches’ noise',
    // A first look's threading on a pure-Python loop: 1.19× (1.06–1.35), the lock's premise unmet.
    world: { ...PY_CPU, quick: true },
    cell: { strategy: 'workers', threads: 2, speedup: [1.19, 1.06, 1.35], busy: 1 },
    direction: 'unknown',
    class: 'too-noisy',
    says: [/^1\.19×, cannot tell: a first look, and no mechanism measured here explains the figure/],
  },
  {
    name: 'CPython processes slower on a task that receives a large input: the measured transfer is named',
    world: { ...PY_HASH, freeCores: 1.3 },
    // 8 tasks of 12.5 ms of sequential work each; their inputs to the pool and back took 300 ms a batch.
    cell: { strategy: 'workers', threads: 2, speedup: [0.29, 0.27, 0.31], busy: 0.5, transferMs: 300 },
    direction: 'slower',
    class: 'transfer-cost',
    says: [
      /sending each task's input to a process and its result back costs 37\.5 ms \(measured with no work\), against 12\.5 ms of work per task/,
    ],
  },
  {
    name: 'processes slower at one process: nothing overlaps, and the measured hand-over is why it lost',
    world: PY_CPU,
    cell: { strategy: 'workers', threads: 1, speedup: [0.28, 0.27, 0.29], busy: 0.9, transferMs: 40 },
    direction: 'slower',
    class: 'one-thread',
    says: [
      /^3\.57× slower: one thread: nothing can overlap, so handing tasks to a process only cost time; sending each/,
    ],
  },
  {
    name: 'one batch each: too few to tell',
    world: CPU,
    cell: { strategy: 'workers', threads: 2, speedup: [1.8, 1.8, 1.8], samples: 1, busy: 1.8 },
    direction: 'unknown',
    class: 'parallel-compute',
    says: [/too few batches to tell/],
  },
  {
    name: '--gil none: threads compute in parallel, and no lock is mentioned but its absence',
    world: { ...CPU, gil: 'none' },
    cell: { strategy: 'gil-threads', threads: 2, speedup: [1.91, 1.88, 1.94], busy: 1.92 },
    direction: 'faster',
    class: 'parallel-compute',
    says: [/no lock in this mode/],
  },
  {
    name: '--gil legacy with few vain wake-ups: no "battle"',
    world: { ...CPU, workload: 'json', gil: 'legacy' },
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [0.9, 0.88, 0.92],
      busy: 1,
      lockHeld: 0.97,
      vainPerSecond: 5,
    },
    direction: 'slower',
    class: 'lock-serialised',
  },
  {
    name: '--gil legacy with frequent vain wake-ups: the GIL battle',
    world: { ...CPU, gil: 'legacy' },
    cell: {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [0.6, 0.55, 0.65],
      busy: 1.6,
      lockHeld: 0.9,
      vainPerSecond: 2400,
    },
    direction: 'slower',
    class: 'lock-battle',
    says: [/2400 a second/],
  },
  {
    name: 'workers on 8 threads and 2 cores still compute in parallel',
    world: { ...CPU, threads: [8] },
    cell: { strategy: 'workers', threads: 8, speedup: [1.9, 1.85, 1.95], busy: 1.93 },
    direction: 'faster',
    class: 'parallel-compute',
  },
  {
    name: 'slower with nothing overlapping, the cores idle: the hand-off cost, never "cores not free"',
    world: { ...CPU, wait: 0.02, freeCores: 1.97 },
    cell: { strategy: 'workers', threads: 2, tasks: 8, speedup: [0.7, 0.65, 0.75], busy: 1.1, inFlight: 0.02 },
    direction: 'slower',
    class: 'handoff-cost',
  },
  {
    name: 'slower with nothing overlapping, and the probe found the cores busy: they were not free',
    world: { ...CPU, wait: 0.02, freeCores: 1.1 },
    cell: { strategy: 'workers', threads: 2, tasks: 8, speedup: [0.7, 0.65, 0.75], busy: 1.1, inFlight: 0.02 },
    direction: 'slower',
    class: 'cores-not-free',
    says: [/1\.1 free when the run started/],
  },
  {
    name: 'convoy: each I/O op waits for the lock',
    world: CONVOY,
    cell: { strategy: 'gil-threads', threads: 2, tasks: 2, speedup: [1, 0.98, 1.02], lockHeld: 0.9, ioP50: 10.5 },
    direction: 'same',
    class: 'convoy',
    says: [/waits 5\.20 ms more than alone \(1\.04 switch intervals\)/],
  },
  {
    name: 'convoy under --gil legacy: no switch interval is quoted',
    world: { ...CONVOY, gil: 'legacy' },
    cell: { strategy: 'gil-threads', threads: 2, tasks: 2, speedup: [1, 0.98, 1.02], lockHeld: 0.9, ioP50: 9.5 },
    direction: 'same',
    class: 'convoy',
  },
  {
    name: 'convoy: workers share no lock',
    world: CONVOY,
    cell: { strategy: 'workers', threads: 2, tasks: 2, speedup: [1.3, 1.2, 1.4], ioP50: 5.4 },
    direction: 'faster',
    class: 'no-convoy',
    says: [/no shared lock, no convoy/],
  },
  {
    name: 'convoy under --gil none: no lock, no convoy',
    world: { ...CONVOY, gil: 'none' },
    cell: { strategy: 'gil-threads', threads: 2, tasks: 2, speedup: [1.3, 1.2, 1.4], ioP50: 5.5 },
    direction: 'faster',
    class: 'no-convoy',
    says: [/no lock in this mode/],
  },
  {
    name: 'convoy: async lets the CPU task block the loop',
    world: CONVOY,
    cell: { strategy: 'async', tasks: 2, speedup: [1, 0.99, 1.01], ioP50: 5.4, ioMax: 180 },
    direction: 'same',
    class: 'loop-blocked',
  },
  {
    name: 'responsiveness: async-offload blocked, because its callbacks wait for the lock',
    world: LAG,
    cell: { strategy: 'async-offload', threads: 2, speedup: [0.98, 0.95, 1.01], lagP99: 29.5, lockHeld: 0.96 },
    direction: 'same',
    class: 'loop-blocked',
    says: [/loop lag p99 29\.5 ms/, /callbacks need the lock, which the CPU threads held 96% of the time/],
  },
  {
    name: 'responsiveness: gil-threads keep the loop free',
    world: LAG,
    cell: { strategy: 'gil-threads', threads: 2, speedup: [0.98, 0.95, 1.01], lagP99: 1.3, lockHeld: 0.97 },
    direction: 'same',
    class: 'loop-responsive',
    says: [/main thread only dispatches/],
  },
  {
    name: 'responsiveness: async blocks its own loop',
    world: LAG,
    cell: { strategy: 'async', speedup: [1, 0.99, 1.01], lagP99: 290 },
    direction: 'same',
    class: 'loop-blocked',
  },
  {
    name: 'a mismatch is MISMATCH, the name the tables and the README use',
    world: CPU,
    cell: { strategy: 'workers', threads: 2, state: 'mismatch' },
    direction: 'wrong',
    class: 'wrong-results',
    says: [/^MISMATCH: checksums differ from sequential/],
  },
  {
    name: 'an errored cell is FAILED',
    world: CPU,
    cell: { strategy: 'workers', threads: 2, state: 'errored' },
    direction: 'failed',
    class: 'failed',
  },
];

const cellUnderTest = (result: SuiteResult): CellResult => result.cells[result.cells.length - 1] as CellResult;

/** Everything in a verdict that the measurements contradict; empty for an honest verdict. */
function contradictions(verdict: Verdict, cell: CellResult, result: SuiteResult): string[] {
  const found: string[] = [];
  const facts = factsOf(cell, result);
  const reference = completedReferenceOf(result.cells, cell);
  const evidence = { cell, facts, config: result.config, ...(reference ? { reference } : {}) };
  for (const mechanism of verdict.because) {
    if (!RULES[mechanism].holds(evidence)) found.push(`cites ${mechanism}, whose premise does not hold`);
  }
  const special = ['reference', 'failed', 'wrong-results', 'unexplained', 'too-noisy', 'measurement-fault'];
  if (!special.includes(verdict.class) && !verdict.because.includes(verdict.class as never)) {
    found.push(`class ${verdict.class} is not among the mechanisms that hold`);
  }
  const text = verdict.text;
  const interval = cell.speedup;
  // The marks' rule (summary legend): ▲/▼ only where the whole interval lies beyond 1 by over 3%.
  if (verdict.direction === 'faster' && !(interval && interval.low > THRESHOLDS.practicalRatio))
    found.push('▲ with an interval reaching within 3% of 1');
  if (verdict.direction === 'slower' && !(interval && interval.high < 1 / THRESHOLDS.practicalRatio))
    found.push('▼ with an interval reaching within 3% of 1');
  if (/faster/.test(verdict.headline) && !(interval && interval.low > 1))
    found.push('"faster" with an interval reaching 1');
  if (/slower/.test(verdict.headline) && !(interval && interval.high < 1))
    found.push('"slower" with an interval reaching 1');
  if (/disk/i.test(text)) found.push('blames a disk, which is never measured');
  if (/native/.test(verdict.reason) && (facts.nativeShare ?? 0) < THRESHOLDS.nativeMatters)
    found.push('native code without native sections');
  if (facts.concurrency === 1 && /(in parallel|at once|overlapped)/.test(verdict.reason))
    found.push('overlap at one thread');
  if (result.config.gil === 'none' && /(hold the lock|held \d+%|switch interval|convoy effect)/.test(text))
    found.push('a lock under --gil none');
  if (result.config.gil !== 'cpython' && /switch interval/.test(text))
    found.push('a switch interval outside cpython mode');
  if (/battle/.test(text) && !((facts.vainWakeupsPerSecond ?? 0) >= THRESHOLDS.battlePerSecond))
    found.push('a battle without frequent vain wake-ups');
  if (
    cell.focus === 'throughput' &&
    (facts.waitShare ?? 0) < THRESHOLDS.waitsMatter &&
    /\bwaits?\b/.test(verdict.reason)
  ) {
    found.push('waits in a workload that hardly waits');
  }
  return found;
}

describe('the analysis: verdicts follow from the measurements', () => {
  it('covers at least 25 situations', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$name', ({ world, cell: sketch, direction, class: klass, says }) => {
    const result = scenario(world, sketch);
    const cell = cellUnderTest(result);
    const verdict = verdictOf(cell, result);
    expect({ direction: verdict.direction, class: verdict.class }, verdict.text).toEqual({ direction, class: klass });
    expect(contradictions(verdict, cell, result), verdict.text).toEqual([]);
    for (const pattern of says ?? []) expect(verdict.text).toMatch(pattern);
  });

  it('the contradiction check itself catches the faults it looks for', () => {
    const result = scenario(FILES, {
      strategy: 'gil-threads',
      threads: 2,
      speedup: [1.06, 0.98, 1.12],
      busy: 0.6,
      inFlight: 1.1,
    });
    const cell = cellUnderTest(result);
    const honest = verdictOf(cell, result);
    const lying: Verdict = {
      ...honest,
      because: ['native-unlocked'],
      headline: '1.06× faster',
      reason: 'the work releases the lock (native code); what they wait on (a disk) serves one at a time',
    };
    lying.text = `${lying.headline}: ${lying.reason}`;
    expect(contradictions(lying, cell, result)).toEqual([
      'cites native-unlocked, whose premise does not hold',
      'class lock-serialised is not among the mechanisms that hold',
      '"faster" with an interval reaching 1',
      'blames a disk, which is never measured',
      'native code without native sections',
    ]);
  });

  it("never reads a workload's declared kind: the same measurements give the same verdict under any label", () => {
    const sketch: Sketch = { strategy: 'async', speedup: [1.31, 1.25, 1.36], busy: 0.98, inFlight: 2.9 };
    const texts = (['cpu', 'io', 'mixed'] as const).map((kind) => {
      const result = scenario({ ...AWAITS, kind }, sketch);
      return verdictOf(cellUnderTest(result), result).text;
    });
    expect(new Set(texts).size).toBe(1);
  });
});
