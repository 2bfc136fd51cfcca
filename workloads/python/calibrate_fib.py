"""calibrate's twin of fib: naive recursion, pure Python (see calibrate_twins.py)."""

import calibrate_twins as t
import gilbench_calibrate as g

name = "fib"
kind = "cpu"
inputs = t.fib_inputs
run = g.fibonacci
