import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/program.js';
import type { RawOptions } from '../src/config/resolve.js';

function parse(args: string[]): { suite?: string; options?: RawOptions; listed?: boolean } {
  const seen: { suite?: string; options?: RawOptions; listed?: boolean } = {};
  const program = createProgram({
    bench: async (suite, options) => {
      seen.suite = suite;
      seen.options = options;
    },
    list: async () => {
      seen.listed = true;
    },
  }, { writeErr: () => {}, writeOut: () => {} });
  program.parse(args, { from: 'user' });
  return seen;
}

describe('createProgram', () => {
  it('maps each suite command to its options, unparsed', () => {
    const seen = parse(['cpu', '--threads', '1,2', '-s', 'workers', '--quick', '--json', '--no-color', '--switch-interval', '2']);
    expect(seen.suite).toBe('cpu');
    expect(seen.options).toMatchObject({ threads: '1,2', strategies: 'workers', quick: true, json: true, color: false, switchInterval: '2' });
  });

  it('has io, all, run and list', () => {
    expect(parse(['io']).suite).toBe('io');
    expect(parse(['all', '--no-save']).options).toMatchObject({ save: false });
    expect(parse(['run', '--workload', 'a.js', 'b.js']).options).toMatchObject({ workload: ['a.js', 'b.js'] });
    expect(parse(['list']).listed).toBe(true);
  });

  it.each([[['cpu', '--bogus']], [['nope']], [['cpu', '--threads']]])('throws a CommanderError for %j', (args) => {
    expect(() => parse(args)).toThrow(CommanderError);
  });

  it('every command has examples in its help', () => {
    const program = createProgram({ bench: async () => {}, list: async () => {} });
    for (const command of [program, ...program.commands]) {
      let help = '';
      command.configureOutput({ writeOut: (text) => (help += text) });
      command.outputHelp();
      expect({ command: command.name(), examples: help.includes('Examples:') }).toEqual({ command: command.name(), examples: true });
    }
  });
});
