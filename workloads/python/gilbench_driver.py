"""gil-bench's engine for a user's own Python workload, run under CPython's real strategies.

gil-bench starts this script once per run (standard library only, Python >= 3.9) and speaks to it
on a channel of its own: one JSON request per line on file descriptor 3, one JSON answer per line
on file descriptor 4. The workload's own print() goes to stdout, which gil-bench shows on its
stderr, so it can never corrupt a message.

A workload module defines:

    name = "my-work"
    kind = "cpu"                        # a label for grouping; conclusions come from measurements
    def inputs(tasks, size, seed): ...  # one picklable input per task, from the seed alone
    def run(task): ...                  # one task; returns int, str or bytes (the checksum's source)
    async def run_async(task): ...      # optional: what asyncio awaits

The strategies are CPython's own: a for loop, a threading pool, asyncio, a process pool and
asyncio.to_thread. The driver measures; gil-bench decides what the figures mean.
"""

import asyncio
import concurrent.futures as futures
import gc
import importlib.util
import inspect
import json
import math
import multiprocessing
import os
import pickle
import platform
import sys
import threading
import time
import traceback
import zlib

REQUESTS_FD = 3
REPLIES_FD = 4
KINDS = ("cpu", "io", "mixed")
LAG_TICK_S = 0.001


class ContractError(Exception):
    """The workload breaks the contract; the message starts with file:line."""


# ---- loading the user's module


def load_module(path):
    """Imports the workload by path; its folder comes first on sys.path, as for `python mine.py`."""
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def import_error(path, error):
    """file:line of an import that failed, in the user's file where the traceback passes through it."""
    if isinstance(error, SyntaxError) and error.filename == path:
        column = f":{error.offset}" if error.offset else ""
        return f"{path}:{error.lineno}{column}: cannot import it: {error.msg}"
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == path:
            line = frame.lineno
    where = f"{path}:{line}" if line else path
    return f"{where}: cannot import it: {type(error).__name__}: {error}"


def line_of(function, fallback=1):
    code = getattr(function, "__code__", None)
    return code.co_firstlineno if code else fallback


def check_contract(path, module):
    def fail(line, what):
        raise ContractError(f"{path}:{line}: {what}")

    name = getattr(module, "name", None)
    if not isinstance(name, str) or not name or not all(c.isalnum() or c == "-" for c in name):
        fail(1, 'needs name = "a-name" (letters, digits and dashes)')
    kind = getattr(module, "kind", None)
    if kind not in KINDS:
        fail(1, f"needs kind = one of {', '.join(KINDS)}")
    for function in ("inputs", "run"):
        if not callable(getattr(module, function, None)):
            fail(1, f'has no function "{function}": define {function}(' + ("tasks, size, seed" if function == "inputs" else "task") + ")")
    if inspect.iscoroutinefunction(module.run):
        fail(line_of(module.run), '"run" must be a plain function; put the coroutine in run_async(task)')
    run_async = getattr(module, "run_async", None)
    if run_async is not None and not inspect.iscoroutinefunction(run_async):
        fail(line_of(run_async), '"run_async" must be an async def')
    return name, kind


def checksum_of(path, run, index, value):
    """CRC-32 of the result's bytes, tagged by type so that 1 and "1" differ."""
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes)):
        raise ContractError(
            f"{path}:{line_of(run)}: run() returned {type(value).__name__} for task {index}; return an int, str or bytes"
        )
    if isinstance(value, int):
        data = b"i" + str(value).encode()
    elif isinstance(value, str):
        data = b"s" + value.encode("utf-8", "surrogatepass")
    else:
        data = b"b" + value
    return zlib.crc32(data)


# ---- garbage collection, timed in every process that runs tasks


class GcClock:
    """Time spent in the cyclic collector in this process: gc.callbacks brackets each collection.
    One per process: a forked pool worker inherits it with its total, which each task reads as a
    difference."""

    def __init__(self):
        self.total = 0.0
        self._start = None
        gc.callbacks.append(self._phase)

    def _phase(self, phase, _info):
        if phase == "start":
            self._start = time.perf_counter()
        elif self._start is not None:
            self.total += time.perf_counter() - self._start
            self._start = None


GC_CLOCK = GcClock()


# ---- running tasks, with each one's CPU time and wall time


def timed(run, task):
    wall, cpu = time.perf_counter(), time.thread_time()
    value = run(task)
    return value, time.thread_time() - cpu, time.perf_counter() - wall


_worker = {}


def _worker_start(path, fds):
    """A process-pool worker: the driver's channel is not its to hold; the workload is imported once."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
    if "module" not in _worker:
        _worker["module"] = sys.modules.get(os.path.splitext(os.path.basename(path))[0]) or load_module(path)


def _worker_ready(pause):
    time.sleep(pause)
    return os.getpid()


def _worker_run(task):
    before = GC_CLOCK.total
    value, cpu, wall = timed(_worker["module"].run, task)
    return value, cpu, wall, GC_CLOCK.total - before


def _worker_echo(task):
    return task


# ---- the cells


class Cell:
    def __init__(self, cell_id, strategy, threads):
        self.id = cell_id
        self.strategy = strategy
        self.threads = threads
        self.state = "completed"
        self.error = None
        self.mismatches = []
        self.startup_ms = 0.0
        self.pool = None
        self.loop = None


class Workload:
    def __init__(self, request):
        self.path = request["file"]
        try:
            self.module = load_module(self.path)
        except ContractError:
            raise
        except BaseException as error:  # noqa: BLE001 - any import failure is the user's to fix
            raise ContractError(import_error(self.path, error)) from None
        self.name, self.kind = check_contract(self.path, self.module)
        self.run = self.module.run
        self.run_async = getattr(self.module, "run_async", None)
        self.size, self.seed = request["size"], request["seed"]
        # The most tasks asyncio runs at once (--async-limit); None: every task, as gather alone does.
        self.async_limit = request.get("asyncLimit")
        self.inputs = self.make_inputs(request["tasks"])
        self.start_method = multiprocessing.get_start_method()
        self.reference = None
        self.cells = []
        for cell in request["cells"]:
            self.cells.append(Cell(cell["id"], cell["strategy"], cell["threads"]))
        for cell in self.cells:
            self.start(cell)

    def make_inputs(self, tasks):
        """The inputs for `tasks` tasks, each checked to travel to a process pool."""
        where = f"{self.path}:{line_of(self.module.inputs)}"
        try:
            inputs = list(self.module.inputs(tasks, self.size, self.seed))
        except BaseException as error:  # noqa: BLE001 - the user's to fix
            raise ContractError(f"{where}: inputs() failed: {type(error).__name__}: {error}") from None
        if len(inputs) != tasks:
            # Fewer inputs than threads would be reported as a finding ("nothing can overlap").
            got = f"{len(inputs)} input" + ("" if len(inputs) == 1 else "s")
            raise ContractError(f"{where}: inputs() returned {got} for {tasks} tasks; return one input per task")
        for index, task in enumerate(inputs):
            try:
                pickle.dumps(task)
            except Exception as error:  # noqa: BLE001
                raise ContractError(
                    f"{where}: input {index} cannot be pickled ({type(error).__name__}: {error}); the process pool sends inputs to its workers"
                ) from None
        return inputs

    def size_by_time(self, batch_ms, step, floor, most):
        """Two sequential passes of `step` tasks; then as many tasks as fill a batch of batch_ms."""
        probe = self.make_inputs(step)
        passes = []
        for _ in range(2):
            begun = time.perf_counter()
            try:
                for task in probe:
                    self.run(task)
            except Exception:  # noqa: BLE001 - its first batch reports the failure
                return None
            passes.append((time.perf_counter() - begun) * 1000)
        task_ms = passes[1] / step
        wanted = round(batch_ms / max(task_ms, 1e-3) / step) * step
        tasks = min(most // step * step, max(floor, wanted))
        self.inputs = self.make_inputs(tasks)
        self.reference = None
        return {"taskMs": finite(task_ms), "batchMs": batch_ms, "tasks": len(self.inputs)}

    # Pools start before any batch, and are warm before timing: their start-up is a figure of its own.
    def start(self, cell):
        begun = time.perf_counter()
        if cell.strategy == "workers":
            context = multiprocessing.get_context(self.start_method)
            cell.pool = futures.ProcessPoolExecutor(
                cell.threads, mp_context=context, initializer=_worker_start, initargs=(self.path, (REQUESTS_FD, REPLIES_FD))
            )
            seen = set()
            while len(seen) < cell.threads:
                seen.update(cell.pool.map(_worker_ready, [0.02] * cell.threads))
        elif cell.strategy == "gil-threads":
            cell.pool = futures.ThreadPoolExecutor(cell.threads)
            list(cell.pool.map(time.sleep, [0.001] * cell.threads))
        if cell.strategy in ("async", "async-offload"):
            cell.loop = asyncio.new_event_loop()
            if cell.strategy == "async-offload":
                cell.pool = futures.ThreadPoolExecutor(cell.threads)
                cell.loop.set_default_executor(cell.pool)
        cell.startup_ms = (time.perf_counter() - begun) * 1000

    def batch(self, cell):
        """One batch: every input once. Returns the values, per-task CPU and wall, batch CPU and
        the time this process and its pool's spent collecting garbage."""
        gc0 = GC_CLOCK.total
        cpu0 = time.process_time()
        wall0 = time.perf_counter()
        lags = []
        if cell.strategy == "sequential":
            outcomes = [timed(self.run, task) for task in self.inputs]
        elif cell.strategy == "gil-threads":
            outcomes = list(cell.pool.map(lambda task: timed(self.run, task), self.inputs))
        elif cell.strategy == "workers":
            outcomes = list(cell.pool.map(_worker_run, self.inputs))
        else:
            outcomes = cell.loop.run_until_complete(self.on_loop(cell, lags))
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        collecting = GC_CLOCK.total - gc0
        if cell.strategy == "workers":
            cpu += sum(outcome[1] for outcome in outcomes)
            collecting += sum(outcome[3] for outcome in outcomes)
        return outcomes, wall, cpu, lags, collecting

    async def on_loop(self, cell, lags):
        done = asyncio.Event()

        async def heartbeat():
            # The loop's lag: how late a 1 ms sleep wakes while the tasks run beside it.
            while not done.is_set():
                before = time.perf_counter()
                await asyncio.sleep(LAG_TICK_S)
                lags.append(max(0.0, time.perf_counter() - before - LAG_TICK_S) * 1000)

        async def one(task):
            if cell.strategy == "async-offload":
                return await asyncio.to_thread(timed, self.run, task)
            if self.run_async is not None:
                # A coroutine's CPU cannot be told from its neighbours'; its wall time is its life.
                wall = time.perf_counter()
                value = await self.run_async(task)
                return value, 0.0, time.perf_counter() - wall
            return timed(self.run, task)

        if self.async_limit is not None and cell.strategy == "async":
            gate = asyncio.Semaphore(self.async_limit)
            unlimited = one

            async def one(task):  # noqa: F811 - the same task, waiting for its turn first
                async with gate:
                    return await unlimited(task)

        beat = asyncio.ensure_future(heartbeat())
        try:
            return await asyncio.gather(*(one(task) for task in self.inputs))
        finally:
            done.set()
            await beat

    def verify(self, cell, outcomes):
        sums = [checksum_of(self.path, self.run, i, outcome[0]) for i, outcome in enumerate(outcomes)]
        if self.reference is None:
            self.reference = sums
            return
        seen = {m["task"] for m in cell.mismatches}
        for task, (expected, actual) in enumerate(zip(self.reference, sums)):
            # Each task once, at most ten: enough to show what went wrong.
            if expected != actual and task not in seen and len(cell.mismatches) < 10:
                cell.mismatches.append({"task": task, "expected": expected, "actual": actual})
        if cell.mismatches:
            cell.state = "mismatch"

    def run_batch(self, cell):
        """One batch of a cell: its time, CPU, waits and loop lags, its checksums checked."""
        if cell.state == "errored":
            return {"state": cell.state, "error": cell.error}
        try:
            outcomes, wall, cpu, lags, collecting = self.batch(cell)
            self.verify(cell, outcomes)
        except ContractError:
            raise
        except BaseException as error:  # noqa: BLE001 - a failing task fails its cell, not the run
            cell.state = "errored"
            cell.error = f"{type(error).__name__}: {error}"
            return {"state": cell.state, "error": cell.error}
        if cell.strategy == "async" and self.run_async is not None:
            # A coroutine's CPU cannot be told from its neighbours': each gets an equal share of the loop's.
            share = cpu / len(outcomes)
            waits = [max(0.0, outcome[2] - share) for outcome in outcomes]
        else:
            waits = [max(0.0, outcome[2] - outcome[1]) for outcome in outcomes]
        out = {
            "state": cell.state,
            "ms": finite(wall * 1000),
            "cpuMs": finite(cpu * 1000),
            "gcMs": finite(collecting * 1000),
            "waitsMs": [finite(x * 1000) for x in waits],
            "lagsMs": [finite(x) for x in lags],
        }
        if cell.mismatches:
            out["mismatches"] = cell.mismatches
        return out

    def measure_transfer(self):
        """Inputs to a process pool and back, with no work: what moving the data costs per batch."""
        pool = next((c.pool for c in self.cells if c.strategy == "workers" and c.state != "errored"), None)
        if pool is None:
            return None
        begun = time.perf_counter()
        list(pool.map(_worker_echo, self.inputs))
        return finite((time.perf_counter() - begun) * 1000)

    def close(self):
        for cell in self.cells:
            if cell.loop is not None:
                cell.loop.close()
            if cell.pool is not None:
                cell.pool.shutdown(wait=True, cancel_futures=True)


# ---- requests


def gil_state():
    """The GIL's state now, and how it was read.

    CPython 3.13 and later report it with sys._is_gil_enabled(); the nogil builds (the proof of
    concept behind PEP 703) with sys.flags.nogil. Before 3.13 no other build runs without it. The
    state is read after the workload's import: an extension module may turn the GIL back on."""
    check = getattr(sys, "_is_gil_enabled", None)
    if check is not None:
        return bool(check()), "sys._is_gil_enabled()"
    nogil = getattr(sys.flags, "nogil", None)
    if nogil is not None:
        return not bool(nogil), "sys.flags.nogil"
    if sys.version_info < (3, 13):
        return True, f"version: no CPython {sys.version_info[0]}.{sys.version_info[1]} build runs without it"
    return None, "not reported"


# The variable each kind of build reads for its GIL: 3.13+ (sys._is_gil_enabled) and the nogil fork.
GIL_VARIABLES = {"sys._is_gil_enabled()": "PYTHON_GIL", "sys.flags.nogil": "PYTHONGIL"}


def gil_forced_by(read_by):
    """The environment variable that set the GIL's state, where one was set that this build reads
    (a 3.11 ignores both: naming one there would blame it for a GIL it always has)."""
    name = GIL_VARIABLES.get(read_by)
    value = os.environ.get(name) if name else None
    return f"{name}={value}" if value else None


def gil_fields():
    gil, read_by = gil_state()
    forced = gil_forced_by(read_by)
    return {"gil": gil, "gilReadBy": read_by, **({"gilForcedBy": forced} if forced else {})}


def info():
    return {
        "implementation": platform.python_implementation().lower(),
        "version": platform.python_version(),
        **gil_fields(),
        "cpus": os.cpu_count() or 1,
    }


def convoy(request):
    """One round of Beazley's convoy: timed sleeps alone, then beside a pure-Python CPU thread.

    A thread that wakes from its sleep needs the GIL back, and the CPU thread keeps it until the
    switch interval forces a drop: each wake-up waits about one interval."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(request["switchIntervalMs"] / 1000)
    ops, wait = request["ops"], request["waitMs"] / 1000

    def sleeps():
        times = []
        for _ in range(ops):
            start = time.perf_counter()
            time.sleep(wait)
            times.append((time.perf_counter() - start) * 1000)
        return times

    try:
        alone = sleeps()
        stop = threading.Event()

        def spin():
            x = 0
            while not stop.is_set():
                x += 1

        cpu = threading.Thread(target=spin)
        cpu.start()
        time.sleep(0.01)
        try:
            beside = sleeps()
        finally:
            stop.set()
            cpu.join()
        return {"alone": alone, "beside": beside}
    finally:
        sys.setswitchinterval(previous)


def finite(x):
    return round(x, 3) if math.isfinite(x) else 0.0


class Driver:
    def __init__(self):
        self.workload = None

    def serve(self, request):
        op = request["op"]
        if op == "info":
            return info()
        if op == "convoy":
            return convoy(request)
        if op in ("close", "end"):
            if self.workload is not None:
                self.workload.close()
                self.workload = None
            return {}
        if op == "open":
            if self.workload is not None:
                self.workload.close()
            self.workload = Workload(request)
            w = self.workload
            return {
                "name": w.name,
                "kind": w.kind,
                "runAsync": w.run_async is not None,
                "startMethod": w.start_method,
                # Read after the import: an extension module may turn the GIL back on.
                **gil_fields(),
                "tasks": len(w.inputs),
                "cells": [{"id": c.id, "startupMs": finite(c.startup_ms)} for c in w.cells],
            }
        w = self.workload
        if w is None:
            raise RuntimeError("no workload is open")
        if op == "batch":
            cell = next(c for c in w.cells if c.id == request["cell"])
            return w.run_batch(cell)
        if op == "size":
            return {"sizing": w.size_by_time(request["batchMs"], request["step"], request["floor"], request["most"])}
        if op == "transfer":
            return {"ms": w.measure_transfer()}
        if op == "checksums":
            return {"checksums": w.reference or []}
        raise RuntimeError(f"unknown request {op!r}")


def main():
    requests = os.fdopen(REQUESTS_FD, "r", encoding="utf-8")
    replies = os.fdopen(REPLIES_FD, "w", encoding="utf-8")
    driver = Driver()
    for line in requests:
        envelope = json.loads(line)
        try:
            answer = {"id": envelope["id"], "value": driver.serve(envelope["request"])}
        except ContractError as error:
            answer = {"id": envelope["id"], "failure": str(error), "usage": True}
        except BaseException as error:  # noqa: BLE001 - reported to gil-bench, which decides
            answer = {"id": envelope["id"], "failure": f"{type(error).__name__}: {error}", "usage": False}
        replies.write(json.dumps(answer, allow_nan=False) + "\n")
        replies.flush()
        if envelope["request"]["op"] == "end":
            break
    if driver.workload is not None:
        driver.workload.close()


if __name__ == "__main__":
    main()
