"""calibrate's twin of primes: trial division, pure Python (see calibrate_twins.py)."""

import calibrate_twins as t

name = "primes"
kind = "cpu"
inputs = t.primes_inputs
run = t.primes
