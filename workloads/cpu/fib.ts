import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** fib(n) per size (about 2 / 13 / 35 / 145 ms on a 2020s core). */
const N: Record<SizeName, number> = { xs: 27, s: 31, m: 33, l: 36 };

/** Below this depth a subtree runs without checkpoints: fib(18) is about 8k calls, ~50 µs. */
const CHECKPOINT_CUTOFF = 18;

export interface FibInput {
  n: number;
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** Naive recursive Fibonacci with a checkpoint before every small subtree. */
export function fibChecked(n: number, checkpoint: () => void): number {
  if (n <= CHECKPOINT_CUTOFF) {
    checkpoint();
    return fib(n);
  }
  return fibChecked(n - 1, checkpoint) + fibChecked(n - 2, checkpoint);
}

export const fibonacci: Workload<FibInput> = {
  ...described('fib'),
  inputs({ tasks, size }) {
    return Array.from({ length: tasks }, () => ({ n: N[size] }));
  },
  run({ n }: FibInput, ctx: TaskContext) {
    return fibChecked(n, ctx.checkpoint) % 0x1_0000_0000;
  },
};
