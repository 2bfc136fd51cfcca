/** What a benchmark command does for --trace and --lanes, before and after the run. */
import type { OutputOptions, RunConfig } from '../config/types.js';
import type { CellTrace } from '../engine/protocol.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';
import { printLanes } from './lanes.js';
import { checkTracePath, openTraceFile, type TraceFile } from './trace-file.js';

export interface Tracing {
  file?: TraceFile;
  hooks: { onTrace?(trace: CellTrace): Promise<void> };
}

/** Checks and opens the --trace file before anything runs; its hook appends each traced cell. */
export async function startTracing(output: OutputOptions, run: RunConfig): Promise<Tracing> {
  if (!output.tracePath) return { hooks: {} };
  await checkTracePath(output.tracePath);
  const file = await openTraceFile(output.tracePath, run);
  return { file, hooks: { onTrace: (trace) => file.add(trace) } };
}

/**
 * After the run: puts the trace file in place and prints the --lanes strips (on stderr when stdout
 * carries a machine format). Returns false if the trace could not be written.
 */
export async function finishTracing(
  tracing: Tracing,
  result: SuiteResult,
  output: OutputOptions,
  io: Io,
): Promise<boolean> {
  let ok = true;
  if (tracing.file && output.tracePath) {
    try {
      const cells = await tracing.file.close();
      if (!output.quiet)
        io.stderr.write(
          `trace of ${cells} cell${cells === 1 ? '' : 's'} written to ${output.tracePath}: open it in https://ui.perfetto.dev\n`,
        );
    } catch (error) {
      ok = false;
      io.stderr.write(
        `error: could not write the trace ${output.tracePath}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
  if (output.lanes) {
    const toStderr = output.targets.some((t) => !t.path && t.format !== 'table');
    if (!printLanes(result, output.lanes, io, { color: output.color, toStderr }))
      io.stderr.write(
        'gil-bench: --lanes: no traced cell to show (the traced batches failed, or the run stopped first)\n',
      );
  }
  return ok;
}
