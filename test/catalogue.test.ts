import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../workloads/catalogue.js';
import { builtinWorkloads } from '../workloads/index.js';

describe('the workload catalogue', () => {
  it('lists every built-in workload, in run order, as the workload itself describes it', () => {
    const described = (w: (typeof CATALOGUE)[number]) => ({
      name: w.name,
      kind: w.kind,
      focus: w.focus,
      parameter: w.parameter,
      description: w.description,
      sizes: w.sizes,
    });
    expect(builtinWorkloads.map(described)).toEqual(CATALOGUE.map(described));
  });

  it('gives the responsiveness workload the sizes of the primes it runs', () => {
    const sizes = (name: string) => CATALOGUE.find((w) => w.name === name)?.sizes;
    expect(sizes('responsiveness')).toEqual(sizes('primes'));
  });
});
