/**
 * The layers of docs/architecture.md, enforced: each rule forbids one wrong-way import.
 * `npm test` runs this check (npm run lint), so the drawing stays true.
 */
const L = {
  workloads: '^workloads/',
  support: '^src/support/',
  stats: '^src/stats/',
  strategies: '^src/strategies/',
  config: '^src/config/',
  measure: '^src/measure/',
  engine: '^src/engine/',
  run: '^src/run/',
  results: '^src/results/',
  analysis: '^src/analysis/',
  reporters: '^src/reporters/',
  output: '^src/output/',
  cli: '^src/cli/',
  action: '^src/action/',
  bench: '^bench/',
};

/** from → the layers it must not import (at run time or for types). */
const FORBIDDEN = {
  workloads: [
    'strategies',
    'config',
    'measure',
    'engine',
    'run',
    'results',
    'analysis',
    'reporters',
    'output',
    'cli',
    'stats',
  ],
  support: [
    'workloads',
    'strategies',
    'config',
    'measure',
    'engine',
    'run',
    'results',
    'analysis',
    'reporters',
    'output',
    'cli',
    'stats',
  ],
  stats: ['workloads', 'strategies', 'measure', 'engine', 'run', 'results', 'analysis', 'reporters', 'output', 'cli'],
  strategies: ['config', 'measure', 'engine', 'run', 'results', 'analysis', 'reporters', 'output', 'cli', 'stats'],
  config: ['measure', 'engine', 'run', 'results', 'analysis', 'reporters', 'output', 'cli'],
  // Measurement never asks analysis what to do: the scheduler (run/) does, between looks.
  measure: ['analysis', 'engine', 'run', 'reporters', 'output', 'cli'],
  engine: ['analysis', 'run', 'reporters', 'output', 'cli'],
  run: ['reporters', 'cli'],
  results: ['measure', 'engine', 'run', 'analysis', 'reporters', 'output', 'cli'],
  analysis: ['measure', 'engine', 'run', 'reporters', 'output', 'cli'],
  reporters: ['measure', 'engine', 'run', 'output', 'cli'],
  output: ['measure', 'engine', 'run', 'analysis', 'reporters', 'cli'],
  // The GitHub Action runs the command as a child process and renders its result: it never measures.
  action: ['workloads', 'strategies', 'measure', 'engine', 'run', 'output', 'cli'],
};

module.exports = {
  forbidden: [
    ...Object.entries(FORBIDDEN).flatMap(([from, targets]) =>
      targets.map((to) => ({
        name: `${from}-not-to-${to}`,
        comment: `${from} sits below ${to} (docs/architecture.md)`,
        severity: 'error',
        from: { path: L[from] },
        to: { path: L[to] },
      })),
    ),
    {
      name: 'strategies-only-by-name',
      comment:
        'configuration, results, conclusions and reporters name strategies (strategies/names.ts) without loading one (piscina, worker threads)',
      severity: 'error',
      from: { path: '^src/(config|results|analysis|reporters)/' },
      to: { path: '^src/strategies/', pathNot: '^src/strategies/names\\.ts$' },
    },
    {
      name: 'nothing-to-action',
      comment:
        'the GitHub Action (src/action/) sits on top, beside the CLI: nothing of the product depends on it or on @actions/*',
      severity: 'error',
      from: { path: '^(src|workloads|bench)/', pathNot: '^src/action/' },
      to: { path: ['^src/action/', '@actions/'] },
    },
    {
      name: 'src-not-to-bench-or-test',
      comment: 'the product never depends on its self-benchmark or its tests',
      severity: 'error',
      from: { path: '^(src|workloads)/' },
      to: { path: '^(bench|test)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
