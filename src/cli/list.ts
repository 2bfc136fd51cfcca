import { CATALOGUE } from '../../workloads/catalogue.js';
import { SIZES } from '../../workloads/types.js';
import { pythonAnalogue, STRATEGY_DESCRIPTIONS, STRATEGY_NAMES } from '../strategies/names.js';
import { palette } from '../reporters/format.js';

const strategies = STRATEGY_NAMES.map((name) => ({ name, description: STRATEGY_DESCRIPTIONS[name] }));

/** The catalogue as data, for `list --json`. */
export function catalogue(): object {
  return {
    workloads: CATALOGUE.map((w) => ({
      name: w.name,
      kind: w.kind,
      description: w.description,
      sizes: w.sizes ?? null,
    })),
    strategies: strategies.map((s) => ({ name: s.name, python: pythonAnalogue(s.name), description: s.description })),
  };
}

/** The catalogue for people: every workload with kind, sizes and description; every strategy. */
export function renderCatalogue(color: boolean): string {
  const c = palette(color);
  const nameWidth = Math.max(...CATALOGUE.map((w) => w.name.length), ...strategies.map((s) => s.name.length)) + 2;
  const out = [c.bold('Workloads')];
  for (const w of CATALOGUE) {
    const how = w.parameter ? ' (runs with --io-ratio)' : '';
    out.push(`  ${c.cyan(w.name.padEnd(nameWidth))}${w.kind.padEnd(5)} ${w.description}${how}`);
    if (w.sizes)
      out.push(c.dim(`  ${''.padEnd(nameWidth)}      sizes: ${SIZES.map((s) => `${s} = ${w.sizes?.[s]}`).join(', ')}`));
  }
  out.push('', c.bold('Strategies'));
  for (const s of strategies) {
    out.push(`  ${c.cyan(s.name.padEnd(nameWidth))}${s.description}`);
    out.push(c.dim(`  ${''.padEnd(nameWidth)}Python: ${pythonAnalogue(s.name)}`));
  }
  return `${out.join('\n')}\n`;
}
