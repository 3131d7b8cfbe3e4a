/**
 * `cutover verify <id> --allowed-signers <file>`: re-verifies every decision of a cutover from its
 * workflow history alone (every run, or exported history files), against the keys an auditor trusts.
 * One line for the start and per decision; exit 7 naming each entry that does not verify (`--strict`:
 * unsigned controls too), and each gate passed or resume taken with no accepted, verified decision
 * behind it, or an accepted update the memo does not list.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AllowedSignersError, parseAllowedSigners, type AllowedSigner } from '../../workflows/signing/allowed-signers';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { CliError, UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { verificationLines } from '../render/verification';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { palette, print } from '../terminal';
import { historyFacts } from '../verify/history-facts';
import { verifyDecisions } from '../verify/verify-decisions';
import { ConsoleVouchersError, parseConsoleVouchers } from '../../worker/console-vouchers';
import type { ConsoleVoucher } from '../../workflows/signing/vouchers';

function readSigners(file: string): AllowedSigner[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--allowed-signers ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseAllowedSigners(text, file);
  } catch (err) {
    if (err instanceof AllowedSignersError) throw new UsageError(err.message);
    throw err;
  }
}

function readVouchers(file: string): ConsoleVoucher[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--console-vouchers ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseConsoleVouchers(text, file);
  } catch (err) {
    if (err instanceof ConsoleVouchersError) throw new UsageError(err.message);
    throw err;
  }
}

function readHistory(file: string): unknown {
  const hint = 'export each run with: temporal workflow show --workflow-id <id> --run-id <run> --output json > run.json';
  let json: { events?: unknown };
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--history ${file}: not a JSON file (${(err as Error).message})`, hint);
  }
  if (!json || !Array.isArray(json.events)) throw new UsageError(`--history ${file}: not a workflow history: it has no "events" list`, hint);
  return json;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function verifyCommand(program: Command): void {
  const command = program
    .command('verify')
    .description('Re-verify every decision of a cutover from its workflow history: signature, key, and what the statement binds; exit 7 when any does not verify')
    .argument('<id>', 'the cutover id')
    .requiredOption('--allowed-signers <file>', 'the keys you trust, in OpenSSH allowed_signers format (principal, key)')
    .option('--console-vouchers <file>', 'the consoles you trust to vouch for signed-in people, and as whom (the worker\'s console-vouchers YAML); without it, decisions taken through a console do not verify')
    .option('--history <file>', 'read this exported history instead of asking Temporal; repeat for each run, first run first', collect)
    .option('--strict', 'fail on any unsigned start, pause or abort too (by default only an unsigned resume fails: it lets a run go on)');
  withConnectionOptions(command)
    .addHelpText('after', '\nExamples:\n  $ cutover verify orders-cutover-20260301-091500 --allowed-signers ./allowed_signers\n  $ temporal workflow show --workflow-id orders-1 --output json > orders-1.json\n  $ cutover verify orders-1 --allowed-signers ./allowed_signers --history orders-1.json\n  $ cutover verify orders-1 --allowed-signers ./allowed_signers --console-vouchers ./console-vouchers.yaml')
    .action(async (id: string, options: ConnectionFlags & { allowedSigners: string; consoleVouchers?: string; history?: string[]; strict?: boolean }) => {
      const signers = readSigners(options.allowedSigners);
      const vouchers = options.consoleVouchers ? readVouchers(options.consoleVouchers) : null;
      const histories = options.history
        ? options.history.map(readHistory)
        : await withCutovers(options, (cutovers) => withSpinner(`reading the history of ${id}`, () => cutovers.histories(id)));
      const verification = verifyDecisions(id, historyFacts(histories), signers, { vouchers, strict: options.strict ?? false });
      for (const line of verificationLines(verification, palette())) print(line);
      if (!verification.ok) {
        const failed = verification.decisions.filter((decision) => decision.fails).map((decision) => `#${decision.seq}`);
        const effects = verification.effects.map((effect) => `${effect.kind === 'gate-passed' ? `gate "${effect.gate}" passed` : effect.kind === 'resumed' ? 'a resume' : 'an update'} at ${effect.at}`);
        const what = [...(verification.runProblems.length > 0 ? ['the run'] : []), ...(verification.start?.fails ? ['the start'] : []), ...failed, ...effects].join(', ');
        throw new CliError(`cutover ${id} does not verify: ${what}`, EXIT.notVerified);
      }
    });
}
