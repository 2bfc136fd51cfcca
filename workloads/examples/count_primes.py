"""Counts primes by trial division: pure Python, so it holds the GIL the whole time.

    gil-bench run --workload workloads/examples/count_primes.py
"""

name = "count-primes"
kind = "cpu"

# Numbers tested per task, by --size.
SPANS = {"xs": 2_000, "s": 8_000, "m": 30_000, "l": 100_000}


def inputs(tasks, size, seed):
    span = SPANS[size]
    # Each task its own stretch of numbers, placed by the seed alone.
    return [{"start": (seed % 1000) * 1000 + i * span, "span": span} for i in range(tasks)]


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def run(task):
    return sum(1 for n in range(task["start"], task["start"] + task["span"]) if is_prime(n))
