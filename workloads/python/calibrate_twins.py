"""The Python twins of gil-bench's calibrated workloads, as workload modules (see gilbench_driver.py).

gil-bench calibrate runs each under CPython's own strategies through the same engine as a user's
Python workload: calibrate_primes.py, calibrate_fib.py, calibrate_native_hash.py and
calibrate_sleep.py each name one of them. Their work is the JavaScript workloads' (the functions
of gilbench_calibrate.py), sized to take about as long per task: CPython runs the same loops
20-40 times slower than V8.
"""

import asyncio
import time

import gilbench_calibrate as g

# Per --size: s is calibrate --quick's size, m its default.
PRIMES_SPAN = {"xs": 5_000, "s": 15_000, "m": 40_000, "l": 100_000}
FIB_N = {"xs": 22, "s": 25, "m": 28, "l": 30}
HASH_ROUNDS = {"xs": 4, "s": 8, "m": 32, "l": 64}
SLEEP_ROUNDS = {"xs": 5, "s": 5, "m": 10, "l": 20}
SLEEP_WAIT_MS = 10
# Python's ~0.3 ms of CPU per round is a fortieth of V8's work.
SLEEP_CPU_SPAN = 300


def task_seeds(tasks, seed):
    return [(seed * 1000 + i) & g.M32 for i in range(tasks)]


def primes_inputs(tasks, size, seed):
    offsets = g.seeded_words(seed, tasks)
    return [{"from": w % 1000, "to": w % 1000 + PRIMES_SPAN[size]} for w in offsets]


def fib_inputs(tasks, size, seed):
    return [{"n": FIB_N[size]} for _ in range(tasks)]


def native_hash_inputs(tasks, size, seed):
    return [{"seed": s, "rounds": HASH_ROUNDS[size]} for s in task_seeds(tasks, seed)]


def sleep_inputs(tasks, size, seed):
    rounds = SLEEP_ROUNDS[size]
    return [
        {"seed": s, "rounds": rounds, "waitMs": SLEEP_WAIT_MS, "cpuSpan": SLEEP_CPU_SPAN} for s in task_seeds(tasks, seed)
    ]


def sleep_run(task):
    def wait(r):
        time.sleep(task["waitMs"] / 1000)
        return r

    return g.rounds_checksum(task, wait)


async def sleep_run_async(task):
    async def wait(r):
        await asyncio.sleep(task["waitMs"] / 1000)
        return r

    return await g.rounds_checksum_async(task, wait)
