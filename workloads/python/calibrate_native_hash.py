"""calibrate's twin of native-hash: SHA-256 in hashlib, which releases the GIL (see calibrate_twins.py)."""

import calibrate_twins as t
import gilbench_calibrate as g

name = "native-hash"
kind = "cpu"
inputs = t.native_hash_inputs
run = g.native_hash
