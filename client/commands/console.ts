/** `cutover console`: a live web view of every cutover and a runbook planner; with sign-in, decisions from the page. */
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { failureMessage } from '../../workflows/failure';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { isLoopback } from '../console/security';
import { SECRET_VARIABLE, signInConfigOf, type SignInConfig, type SignInFlags } from '../console/sign-in-config';
import { UsageError } from '../errors';
import { withCutovers } from '../temporal';
import { print, printError } from '../terminal';

interface ConsoleFlags extends ConnectionFlags, SignInFlags {
  port: number;
  host: string;
}

export function consoleCommand(program: Command): void {
  const command = program
    .command('console')
    .description('Serve a live web view of running and recent cutovers and a runbook planner; with sign-in (OpenID Connect), approve, reject, pause, resume and abort from the page')
    .option('--port <n>', 'the port to listen on', port, 8080)
    .option('--host <address>', 'the address to listen on; anything but loopback exposes the console to the network', '127.0.0.1')
    .option('--oidc-issuer <url>', 'sign-in: the OpenID Connect issuer URL (Entra ID, Okta, Google, Dex, …); without it the console is read-only')
    .option('--oidc-client-id <id>', `sign-in: the console's client id at the provider (the secret: ${SECRET_VARIABLE} in the environment)`)
    .option('--public-url <url>', 'sign-in: where people open the console; the provider sends them back to <public-url>/auth/callback')
    .option('--principal-claim <claim>', 'sign-in: the claim holding the approver principal', 'preferred_username')
    .option('--signing-key <file>', 'sign-in: the console\'s SSH key (private, or public with its private half in ssh-agent); it signs the decisions made here');
  withConnectionOptions(command)
    .addHelpText('after', [
      '\nExamples:',
      '  $ cutover console',
      '  $ cutover console --port 9000 --address temporal.internal:7233',
      `  $ ${SECRET_VARIABLE}=… cutover console --host 0.0.0.0 --public-url https://cutover.example.com \\`,
      '      --oidc-issuer https://login.example.com --oidc-client-id cutover-console --signing-key /etc/cutover/console_ed25519',
    ].join('\n'))
    .action(async (options: ConsoleFlags) => {
      const config = signInConfig(options);
      // Loaded here: fastify and the OpenID client are for this command only.
      const { buildConsole } = require('../console/server') as typeof import('../console/server');
      const { Waves } = require('../wave/waves') as typeof import('../wave/waves');
      const provider = config ? await signInProvider(config) : null;
      await withCutovers(options, async (cutovers) => {
        const app = buildConsole({
          source: cutovers,
          waves: new Waves(cutovers),
          leases: () => (require('../leases') as typeof import('../leases')).listLeases(cutovers, 1_000),
          loopbackOnly: isLoopback(options.host),
          logError: (err) => printError(`console: ${escapeUnsafe(failureMessage(err), { oneLine: true })}`),
          signIn: config && provider ? { provider, key: { file: config.signingKey, source: '--signing-key' }, publicUrl: config.publicUrl, decisions: cutovers } : undefined,
        });
        try {
          await app.listen({ port: options.port, host: options.host });
        } catch (err) {
          throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${failureMessage(err)}`, 'choose another --port, or stop what is using it');
        }
        // The port actually bound: --port 0 asks the system for a free one.
        const { port: bound } = app.server.address() as { port: number };
        const mode = provider ? `sign-in through ${escapeUnsafe(provider.issuer, { oneLine: true })}` : 'read-only: sign-in is not configured';
        print(`console at http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${bound}/ (${mode}); Ctrl-C stops it`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await app.close();
      });
    });
}

function signInConfig(flags: ConsoleFlags): SignInConfig | null {
  const result = signInConfigOf(flags, process.env);
  if ('problems' in result) throw new UsageError(result.problems.join('\n'), 'see: cutover console --help');
  if (result.config && !existsSync(result.config.signingKey)) throw new UsageError(`--signing-key ${result.config.signingKey}: no such file`, 'pass the console\'s SSH key file, e.g. --signing-key /etc/cutover/console_ed25519');
  return result.config;
}

async function signInProvider(config: SignInConfig) {
  const { openIdProvider } = require('../console/openid') as typeof import('../console/openid');
  try {
    return await openIdProvider(config);
  } catch (err) {
    throw new UsageError(`cannot read the OpenID Connect provider at ${config.issuer}: ${failureMessage(err)}`, 'check --oidc-issuer: <issuer>/.well-known/openid-configuration must answer');
  }
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}
