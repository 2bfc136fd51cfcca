import { Agent, get } from 'node:http';
import { CHECKSUM_SEED, mixString } from '../checksum.js';
import { seededTasks } from '../../src/support/random.js';
import { described, LOOPBACK_LATENCY_MS } from '../catalogue.js';
import type { SizeName, Workload, WorkloadSetup } from '../types.js';
import { handlerRounds } from './rounds.js';
import { startServerThread } from './server-thread.js';

const ROUNDS: Record<SizeName, number> = { xs: 5, s: 5, m: 10, l: 20 };
/** How long the server takes to answer, as a slow upstream would. */
const LATENCY_MS = LOOPBACK_LATENCY_MS;

export interface HttpInput {
  seed: number;
  rounds: number;
  /** Candidates of CPU work per round (default about 0.3 ms); calibration sets it per language. */
  cpuSpan?: number;
  latencyMs: number;
}

// One keep-alive agent per thread, so a request costs a round trip, not a TCP handshake.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** GET http://127.0.0.1:port/path over this thread's keep-alive agent; resolves with the body. */
export function request(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Starts the loopback server thread; teardown closes it and this thread's idle sockets. */
export async function startServer(): Promise<WorkloadSetup> {
  const server = await startServerThread('./http-server.js');
  return {
    env: { port: server.port },
    async teardown() {
      agent.destroy();
      await server.close();
    },
  };
}

export const http: Workload<HttpInput> = {
  ...described('http'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, rounds: ROUNDS[size], latencyMs: LATENCY_MS }));
  },
  setup: startServer,
  run({ seed, rounds, latencyMs, cpuSpan }: HttpInput, ctx) {
    const port = Number(ctx.env['port']);
    return handlerRounds(
      ctx,
      seed,
      rounds,
      async (round) => {
        const value = `${seed}-${round}`;
        const body = await request(port, `/?delay=${latencyMs}&v=${value}`);
        return mixString(CHECKSUM_SEED, body);
      },
      cpuSpan,
    );
  },
};
