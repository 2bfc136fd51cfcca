import type { TaskMismatch } from '../results/types.js';

/**
 * Compares a batch's checksums with the reference (sequential's). Every task must match: a strategy
 * that skipped or changed work is a failed cell, never a number.
 */
export function findMismatches(
  reference: readonly (number | undefined)[],
  actual: readonly (number | undefined)[],
): TaskMismatch[] {
  const mismatches: TaskMismatch[] = [];
  reference.forEach((expected, task) => {
    if (expected === undefined) return;
    const got = actual[task];
    if (got !== expected) mismatches.push({ task, expected, actual: got ?? null });
  });
  return mismatches;
}
