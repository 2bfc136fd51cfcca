"""The Python twins of gil-bench's calibrated workloads, as workload modules (see gilbench_driver.py).

gil-bench calibrate runs each under CPython's own strategies through the same engine as a user's
Python workload: calibrate_primes.py, calibrate_fib.py, calibrate_native_hash.py and
calibrate_sleep.py each name one of them. Their work is the JavaScript workloads' (the same
inputs give the same checksums, bit for bit), sized to take about as long per task: CPython runs
the same loops 20-40 times slower than V8.
"""

import asyncio
import hashlib
import time

M32 = 0xFFFFFFFF
CHECKSUM_SEED = 0x811C9DC5
CPU_SPAN = 12_000
CHUNK = 1 << 20
PATTERN = 64


# ---- checksums and seeded bytes, bit for bit as in workloads/checksum.ts and workloads/random.ts


def imul(a, b):
    return (a * b) & M32


def mix(h, value):
    for word in (value & M32, (value // 0x1_0000_0000) & M32):
        h = imul((h & M32) ^ word, 0x01000193)
    return h


def seeded_words(seed, count):
    """mulberry32, as workloads/random.ts: `count` uint32 words."""
    state = seed & M32
    out = []
    for _ in range(count):
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        out.append((t ^ (t >> 14)) & M32)
    return out


def seeded_bytes(seed, length):
    words = seeded_words(seed, (length + 3) // 4)
    return b"".join(w.to_bytes(4, "little") for w in words)[:length]


# ---- the workloads: each takes the same input dict as its JavaScript version


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


def count_primes(start, stop):
    return sum(1 for n in range(start, stop) if is_prime(n))


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def primes(inp):
    return count_primes(inp["from"], inp["to"])


def fibonacci(inp):
    return fib(inp["n"]) % 0x1_0000_0000


def native_hash(inp):
    """hashlib releases the GIL while it hashes buffers over 2047 bytes."""
    chunk = seeded_bytes(inp["seed"], PATTERN) * (CHUNK // PATTERN)
    h = hashlib.sha256()
    for _ in range(inp["rounds"]):
        h.update(chunk)
    return int.from_bytes(h.digest()[:4], "big")


def rounds_checksum(inp, wait):
    """workloads/io/rounds.ts: a little CPU, then a wait, several times over."""
    seed, span = inp["seed"], inp.get("cpuSpan", CPU_SPAN)
    h = mix(CHECKSUM_SEED, seed)
    for r in range(inp["rounds"]):
        start = seed + r * 7
        h = mix(h, count_primes(start, start + span))
        h = mix(h, wait(r))
    return h


async def rounds_checksum_async(inp, wait):
    seed, span = inp["seed"], inp.get("cpuSpan", CPU_SPAN)
    h = mix(CHECKSUM_SEED, seed)
    for r in range(inp["rounds"]):
        start = seed + r * 7
        h = mix(h, count_primes(start, start + span))
        h = mix(h, await wait(r))
    return h


# ---- calibrate's twins

# Per --size: s is calibrate --quick's size, m its default.
PRIMES_SPAN = {"xs": 5_000, "s": 15_000, "m": 40_000, "l": 100_000}
FIB_N = {"xs": 22, "s": 25, "m": 28, "l": 30}
HASH_ROUNDS = {"xs": 4, "s": 8, "m": 32, "l": 64}
SLEEP_ROUNDS = {"xs": 5, "s": 5, "m": 10, "l": 20}
SLEEP_WAIT_MS = 10
# Python's ~0.3 ms of CPU per round is a fortieth of V8's work.
SLEEP_CPU_SPAN = 300


def task_seeds(tasks, seed):
    return [(seed * 1000 + i) & M32 for i in range(tasks)]


def primes_inputs(tasks, size, seed):
    offsets = seeded_words(seed, tasks)
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

    return rounds_checksum(task, wait)


async def sleep_run_async(task):
    async def wait(r):
        await asyncio.sleep(task["waitMs"] / 1000)
        return r

    return await rounds_checksum_async(task, wait)
