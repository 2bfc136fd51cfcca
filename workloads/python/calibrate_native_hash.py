"""calibrate's twin of native-hash: SHA-256 in hashlib, which releases the GIL (see calibrate_twins.py)."""

import calibrate_twins as t

name = "native-hash"
kind = "cpu"
inputs = t.native_hash_inputs
run = t.native_hash
