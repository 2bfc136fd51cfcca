"""calibrate's twin of sleep: a little CPU, then a timer, several times over (see calibrate_twins.py)."""

import calibrate_twins as t

name = "sleep"
kind = "io"
inputs = t.sleep_inputs
run = t.sleep_run
run_async = t.sleep_run_async
