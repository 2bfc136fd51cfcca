import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { runSuite } from '../src/run/run-suite.js';
import { resultJsonSchema } from '../src/results/schema.js';
import type { SuiteResult } from '../src/results/types.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { ROOT, tinyConfig } from './helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'suite-result.schema.json'), 'utf8')) as object;
// ajv checks "date-time" only with the ajv-formats plugin; the shape is what matters here.
const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

function errorsOf(result: unknown): string[] {
  validate(result);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('the published result schema', () => {
  it('is the one generated from the result types (run "npm run schema" after changing them)', () => {
    expect(schema).toEqual(resultJsonSchema());
  });

  it('accepts the reporter fixture', () => {
    expect(errorsOf(suiteFixture)).toEqual([]);
  });

  it('accepts what real runs produce, with their conclusions: CPU with a lock, I/O with latencies, mixed, a thread sweep, a failed cell', async () => {
    const measured: SuiteResult[] = [
      await runSuite(tinyConfig({ threads: [1, 2], probe: true })),
      await runSuite(
        tinyConfig({ suite: 'io', workloads: [{ name: 'sleep' }], strategies: ['sequential', 'gil-threads', 'async'] }),
      ),
      await runSuite(
        tinyConfig({
          suite: 'mixed',
          workloads: [{ name: 'convoy' }, { name: 'ratio', ioRatio: 0.5 }],
          strategies: ['sequential', 'async-offload'],
        }),
      ),
      await runSuite(
        tinyConfig({
          suite: 'run',
          workloads: [{ name: 'throwing', file: join(ROOT, 'test', 'fixtures', 'throwing-workload.js') }],
          strategies: ['sequential', 'workers'],
        }),
      ),
    ];
    const results = measured.map(analyse);
    for (const result of results) expect(errorsOf(JSON.parse(JSON.stringify(result)))).toEqual([]);
    // The summary's sentences and the sweep's series are data of the result, not of a renderer.
    const [sweep] = results;
    expect(sweep?.summary?.sentences.some((s) => s.startsWith('CPU-bound work (primes'))).toBe(true);
    expect(sweep?.sweeps?.map((s) => [s.workload, s.parameter, s.points])).toEqual([['primes', 'threads', [1, 2]]]);
    expect(Array.isArray(sweep?.sweeps?.[0]?.crossovers)).toBe(true);
  });

  it('accepts a calibration result', () => {
    const calibration = {
      python: { command: 'python3', version: '3.11.7', implementation: 'cpython', gil: true },
      threads: 2,
      rows: [
        {
          workload: 'primes',
          kind: 'cpu',
          simulated: 'gil-threads',
          real: 'threads',
          simulatedSpeedup: 0.97,
          realSpeedup: 0.98,
          fidelity: 0.99,
          checked: true,
        },
      ],
      convoy: { simulatedExtraMs: 4.9, realExtraMs: 5.1, fidelity: 0.96 },
      loopLag: {
        simulatedDirectP99: 300,
        realDirectP99: 170,
        simulatedOffloadP50: 5,
        realOffloadP50: 5.2,
        simulatedOffloadP99: 16,
        realOffloadP99: 70,
        offloadFidelityP50: 0.96,
        offloadFidelity: 0.23,
      },
      processStartupMs: 11,
      worst: { workload: 'primes', simulated: 'gil-threads', real: 'threads', fidelity: 0.99 },
    };
    expect(
      errorsOf({
        ...suiteFixture,
        suite: 'calibrate',
        config: { ...suiteFixture.config, suite: 'calibrate' },
        calibration,
      }),
    ).toEqual([]);
  });

  it('rejects a result of the wrong shape, naming the field', () => {
    const broken = { ...suiteFixture, cells: [{ ...suiteFixture.cells[0], state: 'fine' }] };
    expect(errorsOf(broken)).toContain('/cells/0/state must be equal to one of the allowed values');
    expect(errorsOf({ ...suiteFixture, schemaVersion: 2 })).toContain('/schemaVersion must be equal to constant');
  });
});
