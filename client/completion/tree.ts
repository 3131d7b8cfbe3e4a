/**
 * The command line as completion sees it, read from the commander program itself (through its Help,
 * which already knows which commands and options are visible), so a new command or option completes
 * without touching the completion scripts.
 */
import type { Command } from 'commander';

export interface CompletionOption {
  /** --long and -s spellings. */
  names: string[];
  /** The option is followed by a value. */
  takesValue: boolean;
  choices: string[];
  description: string;
}

/** What a command's positional argument is filled with. */
export type ArgumentKind = 'cutover-id' | 'wave-id' | 'file' | 'choice' | 'other';

export interface CompletionCommand {
  name: string;
  description: string;
  subcommands: CompletionCommand[];
  options: CompletionOption[];
  /** The first positional argument, when the command takes one. */
  argument: { kind: ArgumentKind; choices: string[] } | null;
}

/** `cutover <command> <id>` takes a cutover id; `cutover wave <command> <id>` a wave's. */
function argumentKind(name: string, choices: string[], underWave: boolean): ArgumentKind {
  if (choices.length > 0) return 'choice';
  if (name === 'id') return underWave ? 'wave-id' : 'cutover-id';
  if (['runbook', 'wave', 'file', 'state-file'].includes(name)) return 'file';
  return 'other';
}

export function completionTree(command: Command, path: string[] = []): CompletionCommand {
  const help = command.createHelp();
  const underWave = path[0] === 'wave';
  const first = command.registeredArguments[0];
  return {
    name: command.name(),
    description: command.description(),
    subcommands: help
      .visibleCommands(command)
      .filter((sub) => sub.name() !== 'help')
      .map((sub) => completionTree(sub, [...path, sub.name()])),
    options: help.visibleOptions(command).map((option) => ({
      names: [option.long, option.short].filter((name): name is string => Boolean(name)),
      takesValue: option.required || option.optional,
      choices: option.argChoices ?? [],
      description: option.description,
    })),
    argument: first ? { kind: argumentKind(first.name(), first.argChoices ?? [], underWave), choices: first.argChoices ?? [] } : null,
  };
}

/** Every command with the words that lead to it: [] for the program, ['wave', 'plan'] for `cutover wave plan`. */
export function commandPaths(root: CompletionCommand): Array<{ path: string[]; command: CompletionCommand }> {
  const walk = (command: CompletionCommand, path: string[]): Array<{ path: string[]; command: CompletionCommand }> => [
    { path, command },
    ...command.subcommands.flatMap((sub) => walk(sub, [...path, sub.name])),
  ];
  return walk(root, []);
}
