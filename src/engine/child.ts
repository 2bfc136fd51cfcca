/**
 * The Node engine in a child process of its own: the same protocol as in this process, carried
 * over Node's IPC channel. The child's stdout goes to this process's stderr, so a workload that
 * prints cannot corrupt the messages or a machine-readable stdout.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EngineCrashError, UsageError } from '../errors.js';
import { compiledModuleUrl } from '../support/module-url.js';
import { engineOver, type EngineFactory } from './engine.js';
import type { Envelope, EngineEvent, EngineRequest } from './protocol.js';

/** How long a child may take to end once asked, before it is killed. */
const CLOSE_GRACE_MS = 10_000;

export const childEngine: EngineFactory = async (onEvent: (event: EngineEvent) => void) => {
  const entry = fileURLToPath(compiledModuleUrl('./child-main.js', import.meta.url));
  const child = fork(entry, [], { stdio: ['ignore', 2, 2, 'ipc'], serialization: 'advanced', execArgv: [] });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  let ended: Error | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (envelope: Envelope) => {
    if (envelope.kind === 'event') onEvent(envelope.event);
    if (envelope.kind !== 'reply' && envelope.kind !== 'failure') return;
    const waiting = pending.get(envelope.id);
    pending.delete(envelope.id);
    if (envelope.kind === 'reply') waiting?.resolve(envelope.value);
    else waiting?.reject(envelope.usage ? new UsageError(envelope.message) : new Error(envelope.message));
  });
  child.on('exit', (code, signal) => {
    ended = new EngineCrashError(
      `the engine's process ended ${signal ? `by ${signal}` : `with exit code ${String(code)}`} (pid ${child.pid ?? '?'})`,
    );
    for (const waiting of pending.values()) waiting.reject(ended);
    pending.clear();
  });
  child.on('error', (error) => {
    ended ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const post = (envelope: Envelope): boolean => {
    if (!child.connected) return false;
    child.send(envelope);
    return true;
  };
  return engineOver({
    request: (request: EngineRequest) =>
      new Promise((resolve, reject) => {
        if (ended) return reject(ended);
        const id = next++;
        pending.set(id, { resolve, reject });
        if (!post({ kind: 'request', id, request })) {
          pending.delete(id);
          reject(new EngineCrashError("the engine's process is gone"));
        }
      }),
    abort: () => void post({ kind: 'abort' }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Ending the engine lets its pools and servers end cleanly; the channel's end then ends the child.
      if (!ended) await this.request({ op: 'end' }).catch(() => undefined);
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  });
};
