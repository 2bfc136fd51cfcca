/**
 * The loopback HTTP server, run in its own thread so that CPU work on the main thread never delays
 * its answers. GET /?delay=MS&v=N answers after MS milliseconds with a body derived from N.
 */
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { CHECKSUM_SEED, mixString } from '../checksum.js';

if (!parentPort) throw new Error('http-server.js must run in a worker thread');
const port = parentPort;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const delay = Math.min(Number(url.searchParams.get('delay') ?? 0) || 0, 10_000);
  const value = url.searchParams.get('v') ?? '';
  setTimeout(() => {
    const body = String(mixString(CHECKSUM_SEED, value));
    // A length, not chunked encoding: the minimal clients of the Python twin read it.
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }, delay);
});
server.keepAliveTimeout = 60_000;

// Loopback only, on an ephemeral port: nothing is reachable from outside the machine.
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  port.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});

port.on('message', (message: unknown) => {
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => port.close());
  }
});
