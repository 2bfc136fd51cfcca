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
  results: '^src/results/',
  analysis: '^src/analysis/',
  reporters: '^src/reporters/',
  output: '^src/output/',
  cli: '^src/cli/',
  bench: '^bench/',
};

/** from → the layers it must not import (at run time or for types). */
const FORBIDDEN = {
  workloads: ['strategies', 'config', 'measure', 'results', 'analysis', 'reporters', 'output', 'cli', 'stats'],
  support: [
    'workloads',
    'strategies',
    'config',
    'measure',
    'results',
    'analysis',
    'reporters',
    'output',
    'cli',
    'stats',
  ],
  stats: ['workloads', 'strategies', 'measure', 'results', 'analysis', 'reporters', 'output', 'cli'],
  strategies: ['config', 'measure', 'results', 'analysis', 'reporters', 'output', 'cli', 'stats'],
  config: ['measure', 'results', 'analysis', 'reporters', 'output', 'cli'],
  measure: ['analysis', 'reporters', 'output', 'cli'],
  results: ['measure', 'analysis', 'reporters', 'output', 'cli'],
  analysis: ['measure', 'reporters', 'output', 'cli'],
  reporters: ['measure', 'output', 'cli'],
  output: ['analysis', 'reporters', 'cli'],
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
