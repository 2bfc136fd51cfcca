import { connect, type Socket } from 'node:net';
import { CHECKSUM_SEED, mixString } from '../checksum.js';
import { seededTasks } from '../../src/support/random.js';
import { described, LOOPBACK_LATENCY_MS } from '../catalogue.js';
import type { SizeName, Workload } from '../types.js';
import { handlerRounds } from './rounds.js';
import { startServerThread } from './server-thread.js';

const ROUNDS: Record<SizeName, number> = { xs: 5, s: 5, m: 10, l: 20 };
/** How long the echo server waits before answering, as a slow peer would. */
const LATENCY_MS = LOOPBACK_LATENCY_MS;

export interface TcpInput {
  seed: number;
  rounds: number;
  latencyMs: number;
}

/** One connection per task; each round sends a line and waits for its echo. */
class EchoClient {
  private buffered = '';
  private pending?: { resolve(line: string): void; reject(error: Error): void };

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('error', (error) => this.settle((p) => p.reject(error)));
    socket.on('close', () => this.settle((p) => p.reject(new Error('the echo server closed the connection'))));
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      const newline = this.buffered.indexOf('\n');
      if (newline < 0) return;
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      this.settle((p) => p.resolve(line));
    });
  }

  private settle(how: (pending: NonNullable<EchoClient['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) how(pending);
  }

  static open(port: number): Promise<EchoClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.off('error', reject);
        resolve(new EchoClient(socket));
      });
      socket.once('error', reject);
    });
  }

  roundTrip(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`${line}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export const tcp: Workload<TcpInput> = {
  ...described('tcp'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, rounds: ROUNDS[size], latencyMs: LATENCY_MS }));
  },
  async setup() {
    const server = await startServerThread('./tcp-echo-server.js');
    return { env: { port: server.port }, teardown: () => server.close() };
  },
  async run({ seed, rounds, latencyMs }: TcpInput, ctx) {
    const client = await ctx.io(() => EchoClient.open(Number(ctx.env['port'])));
    try {
      return await handlerRounds(ctx, seed, rounds, async (round) => {
        const echoed = await client.roundTrip(`${latencyMs} ${seed}-${round}`);
        return mixString(CHECKSUM_SEED, echoed);
      });
    } finally {
      client.close();
    }
  },
};
