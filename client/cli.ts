/**
 * The `cutover` command: one subcommand per file under commands/, one error handler, documented
 * exit codes. Expected errors (a refused approval, an invalid runbook, an unknown id) print their
 * message and a next step, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { version } from '../package.json';
import { RunbookError } from '../workflows/runbook/problems';
import { failureMessage } from '../workflows/failure';
import { escapeUnsafe } from '../workflows/runbook/text';
import { abortCommand } from './commands/abort';
import { approveCommand } from './commands/approve';
import { completionCommand } from './commands/completion';
import { consoleCommand } from './commands/console';
import { leasesCommand } from './commands/leases';
import { listCommand } from './commands/list';
import { pauseCommand } from './commands/pause';
import { planCommand } from './commands/plan';
import { rejectCommand } from './commands/reject';
import { releaseCommand } from './commands/release';
import { reportCommand } from './commands/report';
import { resumeCommand } from './commands/resume';
import { startCommand } from './commands/start';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { verifyCommand } from './commands/verify';
import { watchCommand } from './commands/watch';
import { waveCommand } from './commands/wave';
import { workerCommand } from './commands/worker';
import { CliError } from './errors';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';
import { palette, printError } from './terminal';

const HELP_AFTER = `
Connection (every command that talks to Temporal):
  TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE and
  TEMPORAL_CONFIG_FILE, as for the temporal CLI; --address and --namespace override them.

Identity (start, approve, reject, pause, resume, abort record who acted):
  --as <name>, else CUTOVER_IDENTITY, else "identity: <name>" in the config file
  (CUTOVER_CONFIG, default ~/.config/cutover/config.yaml), else the OS user name.

Signing (approve and reject need it; pause, resume and abort use it when there):
  --key <private key file>, else "key: <file>" in the config file, else ssh-agent's
  first key; signed with ssh-keygen -Y sign. Re-check a cutover: cutover verify.

${EXIT_CODES_HELP}

Example, from runbook to completed cutover:
  $ cutover plan examples/orders-cutover.yaml
  $ cutover worker --simulated /tmp/clouds.json &
  $ cutover start examples/orders-cutover.yaml --id orders-1 --as olivia
  $ cutover watch orders-1
  $ cutover approve orders-1 --gate go-live --as alice   (in another shell)
  $ cutover report orders-1 > orders-1.md`;

export function buildProgram(): Command {
  const program = new Command('cutover')
    .description('Run a cloud-migration cutover runbook on Temporal: plan it, start it, watch it, decide at its gates, report on it')
    .version(version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage and an example)')
    .configureOutput({ outputError: (text, write) => write(palette(process.stderr).red(escapeUnsafe(text))) })
    .addHelpText('after', HELP_AFTER);
  for (const define of [
    validateCommand,
    planCommand,
    startCommand,
    statusCommand,
    watchCommand,
    approveCommand,
    rejectCommand,
    pauseCommand,
    resumeCommand,
    abortCommand,
    listCommand,
    leasesCommand,
    releaseCommand,
    reportCommand,
    verifyCommand,
    waveCommand,
    workerCommand,
    consoleCommand,
    completionCommand,
  ]) {
    define(program);
  }
  return program;
}

export async function run(argv: string[]): Promise<void> {
  // `cutover report x | head` closes the pipe early: that is the reader being done, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = handleError(err);
  }
}

/**
 * Prints what went wrong and what to do next; returns the exit code. Messages may quote a cutover's
 * own words (a refusal, a provider error): escaped, like everything else it prints.
 */
function handleError(err: unknown): number {
  const colour = palette(process.stderr);
  const say = (style: (text: string) => string, text: string) => printError(style(escapeUnsafe(text)));
  // Commander has already printed its own message (and help, when asked for).
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof RunbookError) {
    say(colour.red, err.message);
    say(colour.dim, `fix these and check again with: cutover ${err.kind === 'wave' ? 'wave validate' : 'validate'} ${err.source}`);
    return EXIT.invalidRunbook;
  }
  if (err instanceof CliError) {
    say(colour.red, err.message);
    if (err.hint) say(colour.dim, err.hint);
    return err.exitCode;
  }
  say(colour.red, `unexpected error: ${failureMessage(err)}`);
  if (process.env.CUTOVER_DEBUG && err instanceof Error && err.stack) say((text) => text, err.stack);
  else say(colour.dim, 'run again with CUTOVER_DEBUG=1 to see where it happened');
  return EXIT.unexpected;
}
