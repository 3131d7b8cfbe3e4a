/**
 * `cutover completion bash|zsh|fish`: prints the completion script for the shell. Beside it, the
 * hidden `cutover __complete-ids [prefix] [--waves]` the scripts call for cutover and wave ids:
 * quiet (nothing on stderr, exit 0) and quick (gives up after a couple of seconds) when Temporal does
 * not answer, so a Tab press never garbles the prompt or hangs it.
 */
import { Argument, type Command } from 'commander';
import { resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import { bashScript, IDS_COMMAND, zshScript } from '../completion/bash';
import { fishScript } from '../completion/fish';
import { completionTree } from '../completion/tree';

const SHELLS = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** How long a Tab press waits for Temporal, loading the SDK included, before offering nothing. */
const IDS_TIMEOUT_MS = 2_500;
/** Cutovers read from Temporal for one Tab press; running ones come first. */
const IDS_LIMIT = 200;

export function completionCommand(program: Command): void {
  program
    .command('completion')
    .description('Print the shell completion script for bash, zsh or fish: commands, options and cutover ids')
    .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(SHELLS)))
    .addHelpText(
      'after',
      `
Examples:
  $ cutover completion bash > ~/.local/share/bash-completion/completions/cutover
  $ source <(cutover completion bash)       # this shell only
  $ source <(cutover completion zsh)        # add it to ~/.zshrc to keep it
  $ cutover completion fish > ~/.config/fish/completions/cutover.fish`,
    )
    .action((shell: keyof typeof SHELLS) => {
      process.stdout.write(SHELLS[shell](completionTree(program)));
    });

  withConnectionOptions(
    program
      .command(IDS_COMMAND, { hidden: true })
      .description('Print the ids of cutovers (or waves) starting with the prefix, running ones first: what the completion scripts call')
      .argument('[prefix]', 'the start of the id', '')
      .option('--waves', 'ids of waves instead of cutovers'),
  )
    .addHelpText('after', '\nExample:\n  $ cutover __complete-ids orders-')
    .action(async (prefix: string, options: ConnectionFlags & { waves?: boolean }) => {
      // The clock starts before the SDK loads, which alone takes about a second on a slow machine.
      const givenUp = new Promise<string[]>((resolve) => setTimeout(() => resolve([]), IDS_TIMEOUT_MS).unref());
      const ids = await Promise.race([givenUp, new Promise<string[]>((resolve) => setImmediate(() => resolve(idsOf(options, prefix, options.waves ? 'waves' : 'cutovers'))))]);
      if (ids.length > 0) process.stdout.write(`${ids.join('\n')}\n`);
      // A connection still trying an unreachable address would keep the process, and the shell, waiting.
      process.exit(0);
    });
}

async function idsOf(flags: ConnectionFlags, prefix: string, of: 'cutovers' | 'waves'): Promise<string[]> {
  try {
    const { Cutovers } = require('../cutovers') as typeof import('../cutovers');
    const cutovers = await Cutovers.connect(resolveConnection(flags));
    try {
      return await cutovers.ids(prefix, IDS_LIMIT, of);
    } finally {
      await cutovers.close();
    }
  } catch {
    return [];
  }
}
