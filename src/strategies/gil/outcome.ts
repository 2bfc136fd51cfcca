import { describeError } from '../../errors.js';
import { emptyOutcome } from '../main-thread.js';
import type { BatchOutcome } from '../types.js';
import type { TaskLockStats, TaskReply } from './protocol.js';
import type { RecordedTrace } from './trace-recorder.js';

/** Turns the pool's settled replies into a batch outcome, keeping every task's lock figures. */
export function outcomeFromReplies(settled: PromiseSettledResult<TaskReply>[]): BatchOutcome {
  const outcome = emptyOutcome(settled.length);
  const lock: TaskLockStats[] = [];
  const trace: RecordedTrace[] = [];
  settled.forEach((result, task) => {
    if (result.status === 'rejected') {
      outcome.failures.push({ task, error: describeError(result.reason) });
      return;
    }
    const reply = result.value;
    lock.push(reply.stats);
    if (reply.trace) trace.push(reply.trace);
    outcome.native.calls += reply.stats.nativeCalls;
    outcome.native.ms += reply.stats.nativeMs;
    outcome.gcMs += reply.gcMs;
    outcome.ioLatencies.push(...reply.ioLatencies);
    if (reply.ok) outcome.checksums[task] = reply.checksum;
    else
      outcome.failures.push({
        task,
        error: `${reply.error.name === 'Error' ? '' : `${reply.error.name}: `}${reply.error.message}`,
      });
  });
  outcome.lock = lock;
  if (trace.length > 0) outcome.trace = trace;
  return outcome;
}
