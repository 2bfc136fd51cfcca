import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram, type Actions } from '../src/cli/program.js';
import type { RawOptions } from '../src/config/resolve.js';

interface Seen {
  suite?: string;
  options?: RawOptions;
  listed?: boolean;
  command?: string;
  args?: unknown[];
}

/** Actions that only record what they were called with. */
function recording(seen: Seen): Actions {
  const record =
    (command: string) =>
    async (...args: unknown[]): Promise<void> => {
      seen.command = command;
      seen.args = args;
    };
  return {
    bench: async (suite, options) => {
      seen.suite = suite;
      seen.options = options;
    },
    list: async () => {
      seen.listed = true;
    },
    compare: record('compare'),
    check: record('check'),
    merge: record('merge'),
    report: record('report'),
    calibrate: record('calibrate'),
    guide: record('guide'),
  };
}

function parse(args: string[]): Seen {
  const seen: Seen = {};
  const program = createProgram(recording(seen), { writeErr: () => {}, writeOut: () => {} });
  program.parse(args, { from: 'user' });
  return seen;
}

describe('createProgram', () => {
  it('maps each suite command to its options, unparsed', () => {
    const seen = parse([
      'cpu',
      '--threads',
      '1,2',
      '-s',
      'workers',
      '--quick',
      '--json',
      '--no-color',
      '--switch-interval',
      '2',
    ]);
    expect(seen.suite).toBe('cpu');
    expect(seen.options).toMatchObject({
      threads: '1,2',
      strategies: 'workers',
      quick: true,
      json: true,
      color: false,
      switchInterval: '2',
    });
  });

  it('has io, all, run and list', () => {
    expect(parse(['io']).suite).toBe('io');
    expect(parse(['all', '--no-save']).options).toMatchObject({ save: false });
    expect(parse(['run', '--workload', 'a.js', 'b.js']).options).toMatchObject({ workload: ['a.js', 'b.js'] });
    expect(parse(['list']).listed).toBe(true);
  });

  it('has compare, check, merge and report, with their arguments', () => {
    expect(
      parse(['compare', 'base.json', 'head.json', '--fail-on-regression', '15', '--metric', 'time']),
    ).toMatchObject({
      command: 'compare',
      args: ['base.json', 'head.json', { failOnRegression: '15', metric: 'time' }],
    });
    expect(parse(['compare', 'main', '--fail-on-regression']).args?.[2]).toMatchObject({ failOnRegression: true });
    expect(parse(['check']).args?.[0]).toBeUndefined();
    expect(parse(['merge', 'a.json', 'b.json', '--format', 'markdown']).args).toEqual([
      ['a.json', 'b.json'],
      expect.objectContaining({ format: 'markdown' }),
    ]);
    expect(parse(['report', 'r.json', '--html', 'r.html']).args?.[1]).toMatchObject({ html: 'r.html' });
  });

  it("has guide, with one workload of the user's and the formats", () => {
    expect(parse(['guide', '--workload', 'mine.py', '--python', 'python3.12', '--no-save'])).toMatchObject({
      command: 'guide',
      args: [{ workload: 'mine.py', python: 'python3.12', save: false }],
    });
    expect(() => parse(['guide', '--io-ratio', '0.5'])).toThrow(CommanderError);
  });

  it.each([[['cpu', '--bogus']], [['nope']], [['cpu', '--threads']]])('throws a CommanderError for %j', (args) => {
    expect(() => parse(args)).toThrow(CommanderError);
  });

  it('builds the options of the command a line names, and of no other', () => {
    const program = createProgram(recording({}), { writeErr: () => {}, writeOut: () => {} });
    program.parse(['io', '--quick'], { from: 'user' });
    const built = program.commands.filter((c) => c.options.length > 0).map((c) => c.name());
    // list declares its one option directly; the rest wait until used.
    expect(built).toEqual(['io', 'list']);
  });

  it('marks the commands that take options in the top-level help without building them', () => {
    let help = '';
    const program = createProgram(recording({}), { writeOut: (text) => (help += text), writeErr: () => {} });
    expect(() => program.parse(['--help'], { from: 'user' })).toThrow(CommanderError);
    expect(help).toMatch(/^ {2}cpu \[options\] /m);
    expect(help).toMatch(/^ {2}compare \[options\] <base> \[head\] /m);
    expect(help).toMatch(/^ {2}merge \[options\] <results\.\.\.> /m);
    expect(help).toMatch(/^ {2}help \[command\] /m);
    expect(program.commands.every((c) => c.name() === 'list' || c.options.length === 0)).toBe(true);
  });

  it("a measuring command's help sorts its options under headings, in under 85 lines at 80 columns", () => {
    let help = '';
    const program = createProgram(recording({}), { writeOut: (text) => (help += text), writeErr: () => {} });
    program.configureHelp({ helpWidth: 80 });
    expect(() => program.parse(['cpu', '--help'], { from: 'user' })).toThrow(CommanderError);
    const headings = help.split('\n').filter((line) => /^\S.*:$/.test(line));
    expect(headings).toEqual([
      'What to run:',
      'How to measure:',
      'The simulated lock:',
      'Output:',
      'Saving and comparing:',
      'Examples:',
    ]);
    expect(help.trimEnd().split('\n').length).toBeLessThan(85);
  });

  it('every command has examples in its help', () => {
    const program = createProgram(recording({}));
    for (const command of [program, ...program.commands]) {
      let help = '';
      command.configureOutput({ writeOut: (text) => (help += text) });
      command.outputHelp();
      expect({ command: command.name(), examples: help.includes('Examples:') }).toEqual({
        command: command.name(),
        examples: true,
      });
    }
  });
});
