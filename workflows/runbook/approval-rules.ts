/**
 * The runbook's approval policy. Unverified approvals (names as typed) are a rehearsal's convenience:
 * with any real provider a decision moves real traffic, so it must carry a signature the cutover
 * verifies. Pure, checked with the other semantic rules before anything starts.
 */
import type { RunbookProblem } from './problems';
import type { Runbook } from './schema';

/** Every provider the runbook names, with the field that names it. */
export function providersNamed(runbook: Runbook): Array<{ path: string; provider: string }> {
  const named = (path: string, section: { provider: string } | undefined) => (section ? [{ path, provider: section.provider }] : []);
  return [
    ...named('dns.provider', runbook.dns),
    ...named('replication.provider', runbook.replication),
    ...named('drain.provider', runbook.drain),
    ...named('writes.greenQueues.provider', runbook.writes.mode === 'switch' ? runbook.writes.greenQueues : undefined),
    ...runbook.analysis.metrics.flatMap((metric, i) => named(`analysis.metrics[${i}].provider`, metric)),
    ...(runbook.acceptance?.checks ?? []).flatMap((check, i) => named(`acceptance.checks[${i}].provider`, check)),
    ...(runbook.acceptance?.tests ?? []).flatMap((test, i) => named(`acceptance.tests[${i}].provider`, test)),
    ...Object.entries(runbook.hooks).flatMap(([hook, section]) => named(`hooks.${hook}.provider`, section)),
    ...runbook.notifications.flatMap((notification, i) => named(`notifications[${i}].provider`, notification)),
    ...named('progress.migrationHub', runbook.progress && { provider: 'migration-hub' }),
  ];
}

export function approvalPolicyProblems(runbook: Runbook): RunbookProblem[] {
  if (runbook.approvals !== 'unverified') return [];
  const real = providersNamed(runbook).filter(({ provider }) => provider !== 'simulated');
  if (real.length === 0) return [];
  const named = real.map(({ path, provider }) => `${path} is ${provider}`).join(', ');
  return [
    {
      path: 'approvals',
      message:
        `"unverified" is allowed only on simulated providers, and ${named}: ` +
        'write approvals: signed (the default) and start the worker with --allowed-signers, so every decision is verified',
    },
  ];
}
