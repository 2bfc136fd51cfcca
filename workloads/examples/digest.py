"""SHA-256 over a buffer, in hashlib: C code that releases the GIL while it hashes.

    gil-bench run --workload workloads/examples/digest.py
"""

import hashlib

name = "digest"
kind = "cpu"

# Bytes hashed per task, by --size, and the rounds over them.
SIZES = {"xs": (1 << 20, 2), "s": (1 << 20, 8), "m": (1 << 22, 8), "l": (1 << 22, 32)}


def inputs(tasks, size, seed):
    length, rounds = SIZES[size]
    return [{"seed": seed * 1000 + i, "length": length, "rounds": rounds} for i in range(tasks)]


def run(task):
    # The buffer from the seed: a copy, quick beside the hashing (which is what is measured).
    data = task["seed"].to_bytes(8, "little") * (task["length"] // 8)
    digest = b""
    for _ in range(task["rounds"]):
        # Buffers over 2047 bytes are hashed with the GIL released; the chain makes each round count.
        hashed = hashlib.sha256(digest)
        hashed.update(data)
        digest = hashed.digest()
    return digest
