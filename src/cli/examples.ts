/** Examples shown at the end of each command's --help. */
export const EXAMPLES: Record<string, readonly string[]> = {
  program: [
    'gil-bench cpu                         # CPU-bound workloads under all five strategies',
    'gil-bench io --quick                  # I/O-bound workloads, small and fast',
    'gil-bench all --threads 4 --json > result.json',
    'gil-bench list                        # workloads and strategies',
    'gil-bench cpu --save-baseline main    # later: gil-bench cpu --baseline main --fail-on-regression 15',
    'gil-bench report bench-results/<run>.json --html report.html',
  ],
  cpu: [
    'gil-bench cpu',
    'gil-bench cpu --quick',
    'gil-bench cpu --strategies gil-threads,workers --threads 4',
    'gil-bench cpu --workloads primes --switch-interval 1',
    'gil-bench cpu --json | jq ".cells[] | {workload, strategy, speedup}"',
  ],
  io: ['gil-bench io', 'gil-bench io --quick --threads 4', 'gil-bench io --workloads http --tasks 32'],
  mixed: [
    'gil-bench mixed',
    'gil-bench mixed --switch-interval 1',
    'gil-bench mixed --io-ratio 0,0.25,0.5,0.75,1 --quick',
  ],
  all: ['gil-bench all', 'gil-bench all --quick --no-save', 'gil-bench all --json > result.json'],
  run: [
    'gil-bench run --workload ./my-workload.js',
    'gil-bench run --workload ./my-workload.js --threads 2,4 --size s',
  ],
  list: ['gil-bench list', 'gil-bench list --json'],
  compare: [
    'gil-bench compare bench-results/2026-11-25T10-00-00-000Z-cpu.json bench-results/2026-11-26T10-00-00-000Z-cpu.json',
    'gil-bench compare main                  # run now with the baseline "main"\'s configuration',
    'gil-bench compare main --fail-on-regression 15 --format markdown >> "$GITHUB_STEP_SUMMARY"',
  ],
  check: ['gil-bench check', 'gil-bench check bench-results/2026-11-25T10-00-00-000Z-cpu.json'],
  calibrate: [
    'gil-bench calibrate --quick',
    'gil-bench calibrate --python python3.13t',
    'gil-bench calibrate --format markdown --output fidelity.md',
  ],
  merge: [
    'gil-bench cpu --label linux-x64 --json > linux-x64.json      # on each machine',
    'gil-bench merge linux-x64.json macos-arm64.json --format markdown',
  ],
  guide: [
    'gil-bench guide',
    'gil-bench guide --workload ./my-workload.js',
    'gil-bench guide --workload ./my_workload.py --python python3.12',
    'gil-bench guide --format html --output guide.html',
  ],
  report: [
    'gil-bench report bench-results/2026-11-25T10-00-00-000Z-cpu.json --html report.html',
    'gil-bench report result.json --format csv --output result.csv',
  ],
};

export function examplesText(command: string): string {
  const lines = EXAMPLES[command] ?? [];
  return lines.length === 0 ? '' : `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
