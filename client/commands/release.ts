/**
 * `cutover release <resource> --reason <text>`: a person gives back a lease its holder cannot (a
 * cutover that ended rollback-failed, or whose workflow was terminated), after checking the
 * resource. Signed with their SSH key; the lease verifies it against the worker's allowed signers
 * and records it with its proof, and tells the holder's timeline when its workflow is still open.
 */
import type { Command } from 'commander';
import { freeTextProblem } from '../../workflows/decisions/request';
import { releaseStatementText } from '../../workflows/signing/release-statement';
import { resourceProblem } from '../../workflows/leases/resources';
import { describeHolder } from '../../workflows/leases/rules';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { decisionOptions, type DecisionFlags } from '../decide';
import { UsageError } from '../errors';
import { describeIdentity, resolveIdentity } from '../identity';
import { chooseKey } from '../signing/sign-decision';
import { signStatement } from '../signing/sign-statement';
import { expiryMs } from '../signing/statements';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { palette, print } from '../terminal';

export function releaseCommand(program: Command): void {
  const command = program
    .command('release')
    .description('Release a resource lease by hand, once you have checked the resource (its holder ended rollback-failed or was terminated)')
    .argument('<resource>', 'the resource as `cutover leases` lists it, e.g. dns/route53/Z123/orders.example.com')
    .requiredOption('--reason <text>', 'what you checked, recorded with your signature in the lease\'s history');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover release dns/route53/Z123/orders.example.com --reason "reads 100% blue; orders-1 was terminated"')
    .action(async (resource: string, options: DecisionFlags & { reason: string }) => {
      const problem = resourceProblem(resource);
      if (problem) throw new UsageError(`<resource> ${problem}`);
      const reasonProblem = freeTextProblem('--reason', options.reason) ?? (options.reason.trim() === '' ? '--reason is empty: say what you checked' : null);
      if (reasonProblem) throw new UsageError(reasonProblem);
      const identity = resolveIdentity({ flag: options.as, env: process.env });
      const expiresInMs = expiryMs(options.expiresIn);
      const key = await chooseKey(options.key, process.env);
      if (!key) throw new UsageError('no SSH key to sign the release with: a release is always signed', 'pass --key <private key file>, or add your key to ssh-agent');
      const colour = palette();
      await withCutovers(options, async (cutovers) => {
        const leases = require('../leases') as typeof import('../leases');
        const state = await withSpinner(`reading the lease on ${resource}`, () => leases.leaseState(cutovers, resource));
        if (!state.holder) throw new UsageError(`nobody holds ${resource}: there is nothing to release`);
        const now = Date.now();
        const statement = releaseStatementText({
          resource,
          holder: state.holder.cutover,
          holderFirstRunId: state.holder.firstRunId,
          by: identity.name,
          reason: options.reason,
          signedAt: new Date(now).toISOString(),
          expiresAt: new Date(now + expiresInMs).toISOString(),
        });
        const signed = await signStatement(statement, { key: key.file, env: process.env });
        const receipt = await withSpinner(`releasing ${resource}`, () => leases.releaseLease(cutovers, resource, { by: identity.name, reason: options.reason, signed }));
        print(colour.green(`released ${escapeUnsafe(resource, { oneLine: true })}, taken from ${escapeUnsafe(describeHolder(receipt.holder), { oneLine: true })}`));
        print(colour.dim(`  recorded at ${receipt.at} as ${describeIdentity(identity)}, signed with ${receipt.proof.keyType} ${receipt.proof.fingerprint}`));
      });
    });
}
