"""Waits on a timer: time.sleep in run(), asyncio.sleep in run_async().

Without run_async, asyncio would call run() inside a coroutine, and time.sleep would stall the
event loop; with it, every task's wait overlaps.

    gil-bench run --workload workloads/examples/naps.py
"""

import asyncio
import time

name = "naps"
kind = "io"

# Seconds each task waits, by --size.
WAITS = {"xs": 0.002, "s": 0.005, "m": 0.02, "l": 0.05}


def inputs(tasks, size, seed):
    return [{"task": seed + i, "seconds": WAITS[size]} for i in range(tasks)]


def run(task):
    time.sleep(task["seconds"])
    return task["task"] * 2 + 1


async def run_async(task):
    await asyncio.sleep(task["seconds"])
    return task["task"] * 2 + 1
