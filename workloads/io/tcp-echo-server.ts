/**
 * The loopback TCP echo server, in its own thread. Each line it receives is sent back after the
 * delay the line asks for: "<delay ms> <payload>\n".
 */
import { createServer, type Socket } from 'node:net';
import { parentPort } from 'node:worker_threads';

if (!parentPort) throw new Error('tcp-echo-server.js must run in a worker thread');
const port = parentPort;
const sockets = new Set<Socket>();

const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => socket.destroy());
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const delay = Math.min(Number(line.slice(0, line.indexOf(' '))) || 0, 10_000);
      setTimeout(() => socket.write(`${line}\n`), delay);
    }
  });
});

// Loopback only, on an ephemeral port: nothing is reachable from outside the machine.
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  port.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});

port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  for (const socket of sockets) socket.destroy();
  server.close(() => port.close());
});
