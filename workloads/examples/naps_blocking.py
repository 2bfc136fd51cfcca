"""naps without run_async: asyncio calls run() inside a coroutine, and time.sleep stalls the loop.

    gil-bench run --workload workloads/examples/naps_blocking.py
"""

from naps import WAITS, inputs, run  # noqa: F401 - the same tasks as naps.py, beside it

name = "naps-blocking"
kind = "io"
