import { createRequire } from 'node:module';

// Commander is CommonJS: required directly, it loads in about two thirds of the time an ESM import
// takes (no export scan), which is most of what `--help` costs beyond Node's own start.
const commander = createRequire(import.meta.url)('commander') as typeof import('commander');

export const { Command, CommanderError, Option } = commander;
export type { OutputConfiguration } from 'commander';
export type Command = import('commander').Command;
export type Option = import('commander').Option;
export type CommanderError = import('commander').CommanderError;
export type Argument = import('commander').Argument;
