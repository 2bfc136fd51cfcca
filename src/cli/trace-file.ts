/**
 * `--trace FILE`: each cell's traced batch is appended to a temporary file as soon as it is done,
 * so memory holds one cell's events at a time; closing writes the closing bracket and the figures
 * the trace reconciles with, and renames the file into place.
 */
import { constants } from 'node:fs';
import { access, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CellTrace } from '../measure/traced-batch.js';
import type { RunConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import { chromeTraceEvents } from '../reporters/chrome-trace.js';
import { cellLabel } from '../results/cell-id.js';
import { VERSION } from '../version.js';

/** Checks, before anything runs, that the trace can be written where asked. */
export async function checkTracePath(path: string): Promise<void> {
  const dir = dirname(path);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--trace ${path}: the folder ${dir} does not exist`);
  await access(dir, constants.W_OK).catch(() => {
    throw new UsageError(`--trace ${path}: the folder ${dir} is not writable`);
  });
  if ((await stat(path).catch(() => undefined))?.isDirectory())
    throw new UsageError(`--trace ${path}: is a folder, not a file`);
}

export interface TraceFile {
  add(trace: CellTrace): Promise<void>;
  /** Finishes the file and puts it in place. Returns how many cells it holds. */
  close(): Promise<number>;
  /** Removes the unfinished file. */
  discard(): Promise<void>;
}

export async function openTraceFile(path: string, config: RunConfig): Promise<TraceFile> {
  const temp = `${path}.${process.pid}.tmp`;
  const file: FileHandle = await open(temp, 'w');
  const cells: Array<Record<string, unknown>> = [];
  await file.write('{"traceEvents":[\n');
  let first = true;
  let closed = false;
  return {
    async add({ cell, timeline }) {
      const pid = cells.length + 1;
      const label = cellLabel(cell);
      const events = chromeTraceEvents(label, timeline, pid);
      await file.write(`${first ? '' : ',\n'}${events.map((e) => JSON.stringify(e)).join(',\n')}`);
      first = false;
      cells.push({
        pid,
        cell: label,
        batchMs: Number(timeline.batchMs.toFixed(3)),
        droppedEvents: timeline.dropped,
        // What the lock metrics made of the same batch: each thread's holding slices add up to its holdShare.
        reported: timeline.threads.flatMap((t) => (t.reported ? [{ thread: t.thread, ...t.reported }] : [])),
      });
    },
    async close() {
      const otherData = {
        tool: `gil-bench ${VERSION}`,
        gil: config.gil,
        switchIntervalMs: config.switchIntervalMs,
        note: "Each process is one cell's traced batch, an extra untimed batch after its timed rounds; every batch starts at 0.",
        cells,
      };
      await file.write(`\n],"displayTimeUnit":"ms","otherData":${JSON.stringify(otherData)}}\n`);
      closed = true;
      await file.close();
      await rename(temp, path);
      return cells.length;
    },
    async discard() {
      if (closed) return;
      closed = true;
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}
