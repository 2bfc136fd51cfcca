import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { compiledModuleUrl, workerExecArgv } from '../../src/support/module-url.js';

/** A loopback server running in its own thread, so CPU work elsewhere never delays its answers. */
export interface ServerThread {
  port: number;
  /** Closes the server; a server that will not close within 2 s is stopped all the same. */
  close(): Promise<void>;
}

/**
 * Starts `module` (a sibling of this file) in a worker thread. The module listens on 127.0.0.1 on
 * an ephemeral port, posts `{ port }`, and closes when sent 'close'.
 */
export async function startServerThread(module: string): Promise<ServerThread> {
  const worker = new Worker(compiledModuleUrl(module, import.meta.url), { execArgv: workerExecArgv() });
  const failed = once(worker, 'error').then(([error]) => Promise.reject(error as Error));
  const [message] = (await Promise.race([once(worker, 'message'), failed])) as [{ port: number }];
  failed.catch(() => undefined);
  return {
    port: message.port,
    async close() {
      const exited = once(worker, 'exit');
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
