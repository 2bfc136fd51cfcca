"""calibrate's twin of fib: naive recursion, pure Python (see calibrate_twins.py)."""

import calibrate_twins as t

name = "fib"
kind = "cpu"
inputs = t.fib_inputs
run = t.fibonacci
