/** Where the CLI writes; the real process streams unless a test passes its own. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function processIo(): Io {
  // A reader that stops early (`gil-bench cpu --json | head`) closes the pipe: end quietly, as
  // command-line tools do on SIGPIPE, rather than with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
