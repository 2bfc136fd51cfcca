"""Python twins of gil-bench's workloads, run under CPython's real strategies.

gil-bench calibrate starts this script (standard library only, Python >= 3.9), writes one JSON
request to its stdin, and reads one JSON answer from its stdout. The workloads take the same
inputs as their JavaScript versions and return the same checksums, so identical work can be
proven; the strategies are CPython's own: a for loop, threading, asyncio, multiprocessing and
asyncio.to_thread.
"""

import asyncio
import concurrent.futures as futures
import hashlib
import http.client
import json
import os
import statistics
import sys
import threading
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


def mix_string(h, text):
    """Over UTF-16 code units, as JavaScript's charCodeAt."""
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = imul((h & M32) ^ int.from_bytes(data[i : i + 2], "little"), 0x01000193)
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


def sleep_task(inp, env, latencies):
    def wait(r):
        t = time.perf_counter()
        time.sleep(inp["waitMs"] / 1000)
        latencies.append((time.perf_counter() - t) * 1000)
        return r

    return rounds_checksum(inp, wait)


async def sleep_task_async(inp, env, latencies):
    async def wait(r):
        t = time.perf_counter()
        await asyncio.sleep(inp["waitMs"] / 1000)
        latencies.append((time.perf_counter() - t) * 1000)
        return r

    return await rounds_checksum_async(inp, wait)


_local = threading.local()


def http_get(port, path):
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", path)
    return conn.getresponse().read().decode()


def http_task(inp, env, latencies):
    def wait(r):
        t = time.perf_counter()
        body = http_get(env["port"], f"/?delay={inp['latencyMs']}&v={inp['seed']}-{r}")
        latencies.append((time.perf_counter() - t) * 1000)
        return mix_string(CHECKSUM_SEED, body)

    return rounds_checksum(inp, wait)


async def http_task_async(inp, env, latencies):
    reader, writer = await asyncio.open_connection("127.0.0.1", env["port"])
    try:

        async def wait(r):
            t = time.perf_counter()
            path = f"/?delay={inp['latencyMs']}&v={inp['seed']}-{r}"
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
            await writer.drain()
            length = 0
            while True:
                line = (await reader.readline()).decode().strip()
                if not line:
                    break
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":")[1])
            body = (await reader.readexactly(length)).decode()
            latencies.append((time.perf_counter() - t) * 1000)
            return mix_string(CHECKSUM_SEED, body)

        return await rounds_checksum_async(inp, wait)
    finally:
        writer.close()


def files_task(inp, env, latencies):
    def wait(r):
        t = time.perf_counter()
        path = os.path.join(env["dir"], f"py-task{inp['id']}-round{r}.dat")
        data = seeded_bytes(inp["seed"] + r, 16 << 10)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        with open(path, "rb") as f:
            back = f.read()
        latencies.append((time.perf_counter() - t) * 1000)
        h = mix(CHECKSUM_SEED, len(back))
        for i in range(0, len(back), 64):
            h = mix(h, back[i])
        return h

    return rounds_checksum(inp, wait)


CPU = {"primes": primes, "fib": fibonacci, "native-hash": native_hash}
IO = {"sleep": (sleep_task, sleep_task_async), "http": (http_task, http_task_async), "files": (files_task, None)}


def run_task(workload, inp, env):
    """One task, blocking; returns (checksum, I/O latencies). Module level so processes can run it."""
    latencies = []
    if workload in CPU:
        return CPU[workload](inp), latencies
    return IO[workload][0](inp, env, latencies), latencies


async def run_task_async(workload, inp, env):
    latencies = []
    if workload in CPU:
        return CPU[workload](inp), latencies
    blocking, coroutine = IO[workload]
    if coroutine is None:
        # asyncio has no file I/O of its own: the standard answer is a thread.
        return await asyncio.to_thread(run_task, workload, inp, env)
    return await coroutine(inp, env, latencies), latencies


# ---- the strategies


def noop(x):
    return x


class Pools:
    def __init__(self, threads):
        self.threads = futures.ThreadPoolExecutor(threads)
        start = time.perf_counter()
        self.processes = futures.ProcessPoolExecutor(threads)
        # Warm: every process started and ready before anything is timed.
        list(self.processes.map(noop, range(threads * 4)))
        self.process_startup_ms = (time.perf_counter() - start) * 1000
        # asyncio.to_thread runs on the loop's default executor: N threads, like the other pools.
        self.offload_loop = asyncio.new_event_loop()
        self.offload_loop.set_default_executor(futures.ThreadPoolExecutor(threads))

    def close(self):
        self.threads.shutdown()
        self.processes.shutdown()
        self.offload_loop.close()


def run_batch(strategy, workload, inputs, env, pools):
    if strategy == "sequential":
        return [run_task(workload, inp, env) for inp in inputs]
    if strategy == "threads":
        return list(pools.threads.map(lambda inp: run_task(workload, inp, env), inputs))
    if strategy == "processes":
        return list(pools.processes.map(run_task, [workload] * len(inputs), inputs, [env] * len(inputs)))
    if strategy == "asyncio":

        async def main():
            return await asyncio.gather(*(run_task_async(workload, inp, env) for inp in inputs))

        return asyncio.run(main())
    if strategy == "to_thread":

        async def main():
            return await asyncio.gather(*(asyncio.to_thread(run_task, workload, inp, env) for inp in inputs))

        # One loop for every batch: closing a loop shuts its default executor down.
        return pools.offload_loop.run_until_complete(main())
    raise ValueError(f"unknown strategy {strategy}")


STRATEGIES = ["sequential", "threads", "asyncio", "processes", "to_thread"]


def suite(req):
    """Every strategy on one workload, interleaved round by round, as gil-bench runs its own."""
    pools = Pools(req["threads"])
    try:
        samples = {s: [] for s in STRATEGIES}
        checksums, latencies = {}, {s: [] for s in STRATEGIES}
        for round_ in range(req["warmup"] + req["iterations"]):
            for strategy in STRATEGIES:
                start = time.perf_counter()
                results = run_batch(strategy, req["workload"], req["inputs"], req.get("env", {}), pools)
                elapsed = (time.perf_counter() - start) * 1000
                checksums[strategy] = [c for c, _ in results]
                if round_ >= req["warmup"]:
                    samples[strategy].append(elapsed)
                    for _, lat in results:
                        latencies[strategy].extend(lat)
        return {"samples": samples, "checksums": checksums, "ioLatencies": latencies, "processStartupMs": pools.process_startup_ms}
    finally:
        pools.close()


def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    pos = (len(values) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def convoy(req):
    """Beazley's convoy: I/O operations beside one CPU-bound thread, against the same alone."""
    io_inp, cpu_inp = req["io"], req["cpu"]
    sys.setswitchinterval(req["switchIntervalMs"] / 1000)

    def io_ops():
        lat = []
        for _ in range(io_inp["ops"]):
            t = time.perf_counter()
            time.sleep(io_inp["waitMs"] / 1000)
            lat.append((time.perf_counter() - t) * 1000)
        return lat

    alone = io_ops()
    cpu = threading.Thread(target=primes, args=(cpu_inp,))
    cpu.start()
    time.sleep(0.01)
    beside = io_ops()
    cpu.join()
    return {
        "aloneP50": percentile(alone, 0.5),
        "aloneP99": percentile(alone, 0.99),
        "besideP50": percentile(beside, 0.5),
        "besideP99": percentile(beside, 0.99),
    }


def lag(req):
    """A 1 ms heartbeat on the asyncio loop while CPU work runs on the loop, then via to_thread.

    Only beats that overlap the work count, pooled over `repeats` batches as gil-bench pools its
    timed batches: one batch holds a few dozen beats, too few for a steady p99."""
    inputs, threads, repeats = req["inputs"], req["threads"], req.get("repeats", 1)
    sys.setswitchinterval(req["switchIntervalMs"] / 1000)

    async def measure(offload, lags):
        running, done = [False], asyncio.Event()

        async def heartbeat():
            loop = asyncio.get_running_loop()
            while not done.is_set():
                due = loop.time() + 0.001
                counted = running[0]
                await asyncio.sleep(0.001)
                if counted or running[0]:
                    lags.append(max(0.0, (loop.time() - due) * 1000))

        async def direct(inp):
            await asyncio.sleep(0)
            return primes(inp)

        beat = asyncio.create_task(heartbeat())
        await asyncio.sleep(0.005)
        if offload:
            asyncio.get_running_loop().set_default_executor(futures.ThreadPoolExecutor(threads))
        running[0] = True
        if offload:
            await asyncio.gather(*(asyncio.to_thread(primes, inp) for inp in inputs))
        else:
            await asyncio.gather(*(direct(inp) for inp in inputs))
        running[0] = False
        done.set()
        await beat

    def summary(offload):
        lags = []
        for _ in range(repeats):
            asyncio.run(measure(offload, lags))
        return {"p50": percentile(lags, 0.5), "p99": percentile(lags, 0.99), "max": max(lags or [0])}

    return {"direct": summary(False), "toThread": summary(True)}


def info(_req):
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {"version": sys.version.split()[0], "implementation": sys.implementation.name, "gil": bool(gil), "cpus": os.cpu_count()}


def checksums(req):
    """The checksum of each input, sequentially: proves the twins do the JavaScript work."""
    return {"checksums": [run_task(req["workload"], inp, req.get("env", {}))[0] for inp in req["inputs"]]}


OPS = {"info": info, "suite": suite, "convoy": convoy, "lag": lag, "checksums": checksums}

if __name__ == "__main__":
    request = json.loads(sys.stdin.read())
    try:
        answer = OPS[request["op"]](request)
    except Exception as error:  # one line back to gil-bench, never a traceback
        answer = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(answer))
