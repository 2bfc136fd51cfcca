"""gil-bench's countdown for old interpreters: Beazley's 2009 test of the old GIL.

Valid Python 2 and 3 alike, so that CPython 2.7 can run it. gil-bench starts it as it starts its
workload driver (gilbench_driver.py) and speaks the same protocol: one JSON request per line on
file descriptor 3, one JSON answer per line on file descriptor 4. Each "pair" request counts a
pure-Python loop down twice in a row, then in two threads at once, and answers both times in ms.
"""

import json
import os
import platform
import threading
import time


def count(k):
    while k > 0:
        k -= 1


def pair(n):
    start = time.time()
    count(n)
    count(n)
    alone = time.time() - start
    threads = [threading.Thread(target=count, args=(n,)) for _ in range(2)]
    start = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"alone": alone * 1000, "both": (time.time() - start) * 1000}


def serve(request):
    op = request["op"]
    if op == "info":
        return {"implementation": platform.python_implementation().lower(), "version": platform.python_version()}
    if op == "pair":
        return pair(int(request["n"]))
    if op == "end":
        return {}
    raise RuntimeError("unknown request %r" % (op,))


def main():
    requests = os.fdopen(3, "r")
    replies = os.fdopen(4, "w")
    # readline, not iteration: Python 2 reads a file ahead in blocks and would wait for more.
    for line in iter(requests.readline, ""):
        envelope = json.loads(line)
        try:
            answer = {"id": envelope["id"], "value": serve(envelope["request"])}
        except Exception as error:  # noqa: BLE001 - reported to gil-bench, which decides
            answer = {"id": envelope["id"], "failure": "%s: %s" % (type(error).__name__, error), "usage": False}
        replies.write(json.dumps(answer) + "\n")
        replies.flush()
        if envelope["request"]["op"] == "end":
            break


if __name__ == "__main__":
    main()
