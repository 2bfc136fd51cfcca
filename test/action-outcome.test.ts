/**
 * What the action makes of a gate: its inputs checked, gil-bench's exit code and comparison mapped
 * to a verdict, the undecided policy applied, and the outputs. Stubbed gate outcomes, no measuring.
 */
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/action/inputs.js';
import {
  detectableOutput,
  outcomeOf,
  regressedOutput,
  verdictOf,
  worstVerdict,
  type GateRun,
} from '../src/action/outcome.js';
import { comparisonOf, metricChange } from './fixtures/comparisons.js';

const unchanged = comparisonOf({ 'wc/sequential/1t': [metricChange('unchanged', 'time', 0.01, 0.09)] });
const improved = comparisonOf({ 'wc/workers/2t': [metricChange('improved', 'time', -0.3, 0.1)] });
const undecided = comparisonOf({ 'wc/async/1t': [metricChange('inconclusive', 'time', 0.04, 0.19)] });
const regressed = comparisonOf({
  'wc/sequential/1t': [metricChange('regressed', 'time', 0.21, 0.11)],
  'wc/workers/2t': [metricChange('unchanged', 'speedup', 0, 0.08), metricChange('regressed', 'time', 0.19, 0.14)],
});

describe('a gate run becomes a verdict', () => {
  it.each<[string, GateRun, string]>([
    ['exit 0, nothing changed', { code: 0, comparison: unchanged }, 'unchanged'],
    ['exit 0, a cell faster', { code: 0, comparison: improved }, 'improved'],
    ['exit 1 with a regression', { code: 1, comparison: regressed }, 'regressed'],
    ['exit 3, the data cannot decide', { code: 3, comparison: undecided }, 'undecided'],
    ['exit 1 from a failed cell, the comparison unchanged', { code: 1, comparison: unchanged }, 'failed'],
    ['exit 2, bad input, no result', { code: 2, note: 'error: --pairs must be …' }, 'failed'],
    ['exit 130, interrupted', { code: 130, comparison: undecided }, 'failed'],
    ['no base version', { skipped: true, note: 'no such file' }, 'skipped'],
  ])('%s', (_, run, verdict) => {
    expect(verdictOf(run)).toBe(verdict);
  });

  it('takes the worst over several interpreters', () => {
    expect(worstVerdict(['unchanged', 'improved'])).toBe('improved');
    expect(worstVerdict(['improved', 'undecided', 'unchanged'])).toBe('undecided');
    expect(worstVerdict(['undecided', 'regressed'])).toBe('regressed');
    expect(worstVerdict(['regressed', 'failed'])).toBe('failed');
    expect(worstVerdict(['skipped', 'unchanged'])).toBe('unchanged');
  });
});

describe('the undecided policy', () => {
  const run: GateRun = { code: 3, comparison: undecided };

  it.each([
    ['warn', false, 'warning'],
    ['fail', true, 'error'],
    ['pass', false, 'notice'],
  ] as const)('%s: the step fails: %s; annotated as %s', (policy, fails, level) => {
    const outcome = outcomeOf([run], policy);
    expect(outcome).toMatchObject({ verdict: 'undecided', fails, annotation: { level } });
    expect(outcome.annotation?.text).toContain('cannot decide after 2 looks');
    expect(outcome.annotation?.text).toContain(`the undecided policy is ${policy}`);
  });

  it('never lets a regression or a failed run pass, whatever it says', () => {
    for (const policy of ['warn', 'fail', 'pass'] as const) {
      expect(outcomeOf([{ code: 1, comparison: regressed }], policy)).toMatchObject({
        verdict: 'regressed',
        fails: true,
      });
      expect(outcomeOf([{ code: 2, note: 'bad' }], policy)).toMatchObject({ verdict: 'failed', fails: true });
      expect(outcomeOf([{ code: 0, comparison: unchanged }], policy)).toEqual({ verdict: 'unchanged', fails: false });
    }
  });

  it('names each interpreter in what it says', () => {
    const outcome = outcomeOf(
      [
        { python: 'python3.11', code: 0, comparison: unchanged },
        { python: 'python3.13', code: 1, comparison: regressed },
      ],
      'warn',
    );
    expect(outcome.verdict).toBe('regressed');
    expect(outcome.annotation?.text).toMatch(/^python3\.13: regressed by 15% or more/);
  });
});

describe('the outputs', () => {
  it('name the regressed metrics, and the smallest change this runner detects in every metric', () => {
    expect(regressedOutput([{ code: 1, comparison: regressed }])).toBe('wc/sequential/1t time, wc/workers/2t time');
    expect(detectableOutput([{ code: 1, comparison: regressed }])).toBe('14');
    expect(regressedOutput([{ code: 0, comparison: unchanged }])).toBe('');
    expect(detectableOutput([{ code: 2 }])).toBe('');
    expect(
      regressedOutput([
        { python: 'python3.12', code: 1, comparison: regressed },
        { python: 'python3.13', code: 0, comparison: unchanged },
      ]),
    ).toBe('python3.12: wc/sequential/1t time, python3.12: wc/workers/2t time');
  });
});

describe('the inputs', () => {
  const reader =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? '';

  it('default to a 15% gate that warns when it cannot decide and comments', () => {
    expect(readInputs(reader({ workload: 'bench/w.js', token: 't' }), 'bench')).toEqual({
      workload: 'bench/w.js',
      thresholdPct: 15,
      undecided: 'warn',
      pythons: [],
      options: [],
      comment: true,
      token: 't',
      key: 'bench-bench-w.js',
    });
    expect(
      readInputs(
        reader({
          workload: 'bench/w.py',
          threshold: '7.5',
          pairs: '10',
          undecided: 'fail',
          python: 'python3.12, python3.13t',
          options: '--threads 4  --metric time',
          comment: 'false',
          name: 'py gate',
        }),
      ),
    ).toMatchObject({
      thresholdPct: 7.5,
      pairs: 10,
      undecided: 'fail',
      pythons: ['python3.12', 'python3.13t'],
      options: ['--threads', '4', '--metric', 'time'],
      comment: false,
      key: 'py-gate',
    });
  });

  it.each([
    [{}, /^input workload is required/],
    [{ workload: '/etc/w.js' }, /^input workload must be a path inside the repository/],
    [{ workload: '../w.js' }, /^input workload must be a path inside the repository/],
    [{ workload: 'w.ts' }, /^input workload must be a JavaScript \(\.js, \.mjs\) or Python \(\.py\) module/],
    [{ workload: 'w.js', threshold: '0' }, /^input threshold must be a percentage above 0/],
    [{ workload: 'w.js', threshold: 'lots' }, /^input threshold must be a number/],
    [{ workload: 'w.js', pairs: '1' }, /^input pairs must be a whole number from 2 to 100/],
    [{ workload: 'w.js', undecided: 'ignore' }, /^input undecided must be one of warn, fail, pass/],
    [{ workload: 'w.js', python: 'python3' }, /^input python needs a Python workload/],
    [{ workload: 'w.js', comment: 'maybe' }, /^input comment must be true or false/],
    [{ workload: 'w.js', options: '--quick --against x.js' }, /^input options must not give --against/],
    [{ workload: 'w.js', options: '--format=markdown' }, /^input options must not give --format=markdown/],
  ])('refuses %j with one line', (values, message) => {
    expect(() => readInputs(reader(values))).toThrow(message);
  });
});
