/**
 * gil-bench in a real terminal: tmux gives it a pseudo-terminal of a set width, and what the
 * terminal shows at the end is read back, wrapped rows joined, so a line too wide for it shows as
 * one line longer than the width. `.ci/run` installs tmux; without it these tests are skipped.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/reporters/layout.js';
import { BIN, tempDir } from './helpers.js';

const run = promisify(execFile);
const TMUX = spawnSync('tmux', ['-V']).status === 0;
/** A private server, so a user's own tmux sessions are never touched. */
const SOCKET = `gil-bench-test-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', SOCKET, ...args]);
const DONE = '__gil_bench_done__';

/**
 * Runs gil-bench in a terminal `columns` wide (stderr too, so the progress bar is drawn) and returns
 * every line the terminal holds once it has finished, scrollback included.
 */
async function inTerminal(columns: number, args: string[]): Promise<string[]> {
  const session = `w${columns}-${args.length}`;
  const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  // Colour as on any terminal: the environment of the test runner must not turn it off.
  await tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    String(columns),
    '-y',
    '40',
    `env -u NO_COLOR -u FORCE_COLOR ${command}; echo ${DONE} $?; sleep 60`,
  );
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { stdout } = await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);
      const lines = stdout.split('\n');
      const end = lines.findIndex((line) => line.startsWith(DONE));
      if (end >= 0) {
        expect(lines[end]).toBe(`${DONE} 0`);
        return lines.slice(0, end);
      }
      if (Date.now() > deadline) throw new Error(`gil-bench did not finish in the terminal:\n${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await tmux('kill-session', '-t', session).catch(() => undefined);
  }
}

const SMALL = ['--quick', '--size', 'xs', '--workloads', 'primes,native-hash', '--no-probe', '--no-save'];

describe.skipIf(!TMUX)('in a real terminal (tmux; skipped without it)', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await dir.remove();
  });

  it.each([60, 80, 120])(
    '%i columns: no line wider than the terminal, the summary at the end, no stale progress line',
    async (columns) => {
      const lines = await inTerminal(columns, ['cpu', ...SMALL, '--details', '--results-dir', dir.path]);
      const over = lines.filter((line) => displayWidth(line) > columns);
      expect(over).toEqual([]);
      // The progress bar was cleared without a trace: no bar, no "n/N workload" row left behind.
      expect(lines.filter((line) => /[░]|^\s*\d+\/\d+ \S+ · /.test(line))).toEqual([]);
      const text = lines.join('\n');
      expect(text).toMatch(/primes \(cpu, \d+ tasks per batch\)/);
      const summary = lines.findIndex((line) => line.startsWith('Summary: speedup vs sequential at 2 threads'));
      expect(summary).toBeGreaterThan(0);
      expect(lines.slice(summary).join('\n')).toMatch(/│ native-hash +│/);
      expect(lines.filter((line) => line.trim() !== '').at(-1)).toMatch(/asyncio\.to_thread\.$/);
    },
    120_000,
  );

  it('a newcomer at 80 columns sees the header, the note and the summary, in one screen', async () => {
    const lines = await inTerminal(80, ['cpu', ...SMALL, '--results-dir', dir.path]);
    const shown = lines.filter((line) => line.trim() !== '');
    expect(shown[0]).toMatch(/^gil-bench \d+\.\d+\.\d+ · cpu · size xs/);
    expect(shown.some((line) => line.startsWith('note: --quick is a first look'))).toBe(true);
    expect(shown.some((line) => line.startsWith('Summary: speedup vs sequential'))).toBe(true);
    expect(shown.some((line) => line.includes('primes (cpu'))).toBe(false);
    expect(shown.length).toBeLessThanOrEqual(40);
    expect(lines.every((line) => displayWidth(line) <= 80)).toBe(true);
  }, 120_000);
});
