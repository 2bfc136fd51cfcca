/**
 * The entry of an engine's child process: it serves the protocol's requests from its parent over
 * the IPC channel, one at a time. A workload's own output cannot reach the channel (the parent
 * sends this process's stdout to its stderr), and the parent alone decides when to stop.
 */
import { setFlagsFromString } from 'node:v8';
import { WorkloadContractError } from '../../workloads/loader.js';
import { describeError, UsageError } from '../errors.js';
import { NodeEngine } from './node-engine.js';
import type { Envelope } from './protocol.js';

// As in the CLI's own process (cli/main.ts): the same young generation for every isolate.
setFlagsFromString('--max-semi-space-size=8');

const send = (envelope: Envelope): void => {
  if (process.connected) process.send?.(envelope);
};
const engine = new NodeEngine((event) => send({ kind: 'event', event }));

process.on('message', (envelope: Envelope) => {
  if (envelope.kind === 'abort') {
    engine.abort();
    return;
  }
  if (envelope.kind !== 'request') return;
  const { id, request } = envelope;
  engine.handle(request).then(
    (value) => send({ kind: 'reply', id, value }),
    (error: unknown) =>
      send({
        kind: 'failure',
        id,
        message: error instanceof Error ? error.message : String(error),
        usage: error instanceof UsageError || error instanceof WorkloadContractError,
      }),
  );
});
// Ctrl-C reaches the whole process group: the parent hears it too, and sends 'abort'.
process.on('SIGINT', () => {});
// A parent that is gone leaves no orphan: its channel closes, and this process ends.
process.on('disconnect', () => process.exit(0));
const escaped = (error: unknown): void =>
  send({ kind: 'event', event: { type: 'escaped', message: describeError(error) } });
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);
