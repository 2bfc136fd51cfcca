/**
 * Worker threads on Node 20 load JavaScript only, so every test that starts one runs the compiled
 * code in dist/ (see workloads/module-url.ts). `npm test` builds first; a file run on its own
 * (`npx vitest run test/x.test.ts`) after an edit would test the previous build, and fail, if at all,
 * with an error far from the cause. So before any test runs, each source file is compared with its
 * compiled twin: if one is missing or older, the build's tsc runs first; if tsc fails, no test runs
 * and its errors say why. Comparing times is enough: tsc (not incremental here) rewrites every output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** Sources (relative to the root) whose compiled JavaScript is missing or older than they are. */
function staleSources(root: string = ROOT): string[] {
  const stale: string[] = [];
  for (const top of ['src', 'workloads']) {
    for (const file of readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
      const source = join(top, file);
      const compiled = join(root, 'dist', source.replace(/\.ts$/, '.js'));
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(root, source)).mtimeMs)
        stale.push(source);
    }
  }
  return stale;
}

export default function setup(): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  const more = stale.length > 1 ? ` and ${stale.length - 1} more` : '';
  process.stderr.write(
    `dist/ is missing or older than ${stale[0]}${more}: compiling first (worker threads load dist/)\n`,
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    throw new Error(`dist/ is out of date and tsc failed, so tests would run old compiled code:\n${output}`);
  }
}
