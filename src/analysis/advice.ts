/**
 * What to do with a Python module, row by row (one interpreter, or each of several): the way that
 * ran it fastest, as its speedup's interval decides, and what held each other way back, in words a
 * user can act on, from the verdicts' measured mechanisms. Only Python rows: there the module is
 * the code the user will run; the simulation's rows teach, and its sentences say why already.
 */
import { cellPhrase, cellTitle, strategyLabel } from '../results/cell-id.js';
import type { CellResult, SuiteResult, VerdictClass } from '../results/types.js';
import { MAIN_THREAD_STRATEGIES } from '../strategies/names.js';
import { fastestOf, ms, perTask, times } from './interpreters.js';
import { listed } from './summary-words.js';

/** What held these ways back (one verdict class), where it names something the user can change or choose. */
function limitOf(klass: VerdictClass, cells: readonly CellResult[]): string | undefined {
  const names = listed(cells.map(strategyLabel));
  const facts = cells[0]?.verdict?.facts;
  switch (klass) {
    case 'lock-serialised':
    case 'lock-battle':
      return `${names} waited for the GIL: only processes, or a build without it, run Python code in parallel`;
    case 'transfer-cost':
      return `${names} paid ${ms(facts?.transferMs ?? 0)} a task to send its input and result (against ${ms(facts?.taskMs ?? 0)} of work): send less, or more work a task`;
    case 'loop-runs-cpu':
      return `${names} ran the CPU work one task at a time: it pays only where tasks wait`;
    case 'handoff-cost':
    case 'one-thread':
      return `${names} gained nothing for handing tasks over`;
    case 'cores-not-free':
      return `${names} found the cores busy with other programs: measure again on a quieter machine`;
    case 'contention':
      return `${names} kept the cores busy yet ran no faster: the threads contend on shared objects or locks; share less between tasks`;
    case 'waits-serial':
      return `${names}: the waits did not overlap`;
    default:
      return undefined;
  }
}

/** One sentence per Python row of the run. */
export function adviceSentences(result: SuiteResult): string[] {
  const threads = Math.max(...result.config.threads);
  const python = result.cells.filter((c) => c.runtime && c.focus === 'throughput');
  return [...new Set(python.map(cellTitle))].flatMap((title) => {
    const own = python.filter((c) => cellTitle(c) === title);
    const first = own[0];
    if (!first || !own.some((c) => c.strategy === 'sequential' && c.state === 'completed')) return [];
    // The matrix's cells: main-thread strategies once, the pools at the largest thread count.
    const ways = own.filter(
      (c) =>
        c.strategy !== 'sequential' &&
        c.state === 'completed' &&
        c.speedup !== undefined &&
        (MAIN_THREAD_STRATEGIES.includes(c.strategy) || c.threads === threads),
    );
    if (ways.length === 0) return [];
    const gained = ways.filter((c) => (c.speedup?.low ?? 0) > 1);
    // Fastest by its typical task, as the sentence across interpreters picks it.
    const best = fastestOf(gained);
    const pick = best
      ? `${strategyLabel(best)} ran it fastest, ${times(best.speedup?.value ?? 1)} the for loop (${ms(perTask(best))} a task)`
      : 'keep the for loop: no other way ran it measurably faster here';
    const byClass = new Map<VerdictClass, CellResult[]>();
    for (const cell of ways.filter((c) => c !== best && c.verdict)) {
      const klass = cell.verdict?.class ?? 'unexplained';
      byClass.set(klass, [...(byClass.get(klass) ?? []), cell]);
    }
    const limits = [...byClass].flatMap(([klass, cells]) => limitOf(klass, cells) ?? []);
    const held = limits.map((limit) => `; ${limit}`).join('');
    return [`What to do (${cellPhrase(first)}): ${pick}${held}.`];
  });
}
