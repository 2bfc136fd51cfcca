// count_primes.py's twin for the simulation: the same trial division over the same numbers, so
// that the real and the simulated speedups can stand in one table:
//   npx gil-bench run --workload workloads/examples/count_primes.py --twin workloads/examples/count_primes.js

export const name = 'count-primes';
export const kind = 'cpu';
export const description = 'count primes by trial division (the twin of count_primes.py)';

// As in count_primes.py: numbers tested per task, by --size.
const SPANS = { xs: 2_000, s: 8_000, m: 30_000, l: 100_000 };

export function inputs({ tasks, size, seed }) {
  const span = SPANS[size];
  return Array.from({ length: tasks }, (_, i) => ({ start: (seed % 1000) * 1000 + i * span, span }));
}

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

export function run({ start, span }, ctx) {
  let count = 0;
  for (let n = start; n < start + span; n++) {
    if ((n & 255) === 0) ctx.checkpoint();
    if (isPrime(n)) count++;
  }
  return count;
}
