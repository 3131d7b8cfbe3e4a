/**
 * The start's proof, taken at preflight before anything changes: verified against the keys preflight
 * loaded (the starter's among them) with pure code, recorded in the timeline, and required when the
 * runbook's two-person rule depends on who started, or when the starter adopts the weights DNS reads.
 */
import { ApplicationFailure, patched, workflowInfo } from '@temporalio/workflow';
import { startedByWave, startProof, startRefusal } from './decisions/start-proof';
import { trustedSigners } from './signing/gate-signers';
import { escapeUnsafe } from './runbook/text';
import { approvalPolicy } from './signed-decisions';
import type { CutoverRun } from './run';

export function checkStart(run: CutoverRun): void {
  // A run whose preflight passed before signed starts existed replays without this step.
  if (!patched('signed-start')) return;
  const loaded = run.signing.runSigners;
  // A wave starts its applications' cutovers itself; the wave's own start is not signed yet, so
  // such a start is recorded as not verified and not refused (Temporal lets only a workflow start a child).
  const byWave = workflowInfo().parent !== undefined;
  const proof = byWave ? startedByWave(run.startedBy) : startProof(run.signedStart, {
    policy: approvalPolicy(run),
    cutoverId: run.cutover,
    runbook: run.runbook,
    startedBy: run.startedBy,
    adoptWeights: run.adoptWeights,
    trusted: loaded.configured ? trustedSigners(loaded) : null,
    now: Date.now(),
  });
  run.signing = { ...run.signing, start: proof };
  // The proof is typed data: clients add "(ssh-ed25519 SHA256:…, verified)" from it, as for every decision.
  const adopting = run.adoptWeights ? ', adopting the weights DNS reads (--adopt-weights)' : '';
  run.record('start', `started by ${escapeUnsafe(run.startedBy, { oneLine: true })}${adopting}`, { by: run.startedBy, data: { proof, ...(run.adoptWeights && { adoptWeights: true }) } });
  const refusal = byWave ? null : startRefusal(proof, run.runbook, run.adoptWeights);
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'PreflightFailed', { problems: [refusal] });
}
