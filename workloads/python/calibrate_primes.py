"""calibrate's twin of primes: trial division, pure Python (see calibrate_twins.py)."""

import calibrate_twins as t
import gilbench_calibrate as g

name = "primes"
kind = "cpu"
inputs = t.primes_inputs
run = g.primes
