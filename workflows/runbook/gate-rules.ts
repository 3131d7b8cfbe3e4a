/**
 * Rules about gates: every gate can be passed, by people other than the one who starts the cutover
 * when the two-person rule says so, and every gate named is defined and used once. Pure, checked by
 * the client before anything starts and by the workflow as it starts.
 */
import { escapeUnsafe } from './text';
import { closestName, duplicateNames, type RunbookProblem } from './problems';
import type { Gate, Runbook } from './schema';

/** What holds gates: a runbook, or a wave with its start and sign-off gates (no canary). */
export type GateHolder = { gates: Gate[]; startGate?: string; signoffGate?: string; canary?: { steps: { gate?: string }[] } };

/**
 * Gates that `startedBy` would leave with no one to decide them: under the two-person rule the starter
 * may not approve, so a gate whose only approver is the starter could never pass. Checked by `start`
 * (which knows who starts) and by the workflow, before anything changes.
 */
export function starterProblems(runbook: Runbook, startedBy: string): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  runbook.gates.forEach((gate, i) => {
    if (!gate.twoPersonRule || gate.approvers.length === 0 || gate.approvers.some((approver) => approver !== startedBy)) return;
    problems.push({
      path: `gates[${i}].approvers`,
      message:
        `${escapeUnsafe(startedBy, { oneLine: true })} starts this cutover and is the only approver of gate "${gate.name}", ` +
        'which follows the two-person rule: no one could decide it; add another approver, or let someone else start the cutover',
    });
  });
  return problems;
}

export function gateProblems(runbook: GateHolder): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  const defined = runbook.gates.map((gate) => gate.name);

  runbook.gates.forEach((gate, i) => {
    const path = `gates[${i}].approvers`;
    if (gate.approvers.length === 0) {
      problems.push({ path, message: 'a gate without approvers can never be passed; list who may approve, e.g. [alice, bob]' });
    } else if (gate.twoPersonRule && new Set(gate.approvers).size < 2) {
      problems.push({
        path,
        message:
          'a gate under the two-person rule needs at least two approvers: the one who starts the cutover may not decide it; ' +
          'list another approver, e.g. [alice, bob]',
      });
    }
    const signers = new Set(gate.approvers).size - (gate.twoPersonRule ? 1 : 0);
    if (gate.approvers.length > 0 && gate.approvals > Math.max(1, signers)) {
      const listed = `${signers} approver${signers === 1 ? '' : 's'}`;
      const who = gate.twoPersonRule ? `${listed} other than the one who starts the cutover (two-person rule)` : listed;
      problems.push({
        path: `gates[${i}].approvals`,
        message: `asks for ${gate.approvals} different signers, but the gate lists ${who}: list more approvers or write approvals: ${Math.max(1, signers)}`,
      });
    }
    gate.approvers.forEach((approver, j) => {
      const first = gate.approvers.indexOf(approver);
      if (first !== j) problems.push({ path: `${path}[${j}]`, message: `"${escapeUnsafe(approver, { oneLine: true })}" is already listed at ${path}[${first}]; list each approver once` });
    });
  });
  problems.push(
    ...duplicateNames(
      runbook.gates.map((gate, i) => ({ name: gate.name, path: `gates[${i}]` })),
      (name, first) => `gate "${name}" is already defined at ${first}; give each gate its own name`,
    ),
  );

  const references = [
    { path: 'startGate', name: runbook.startGate },
    ...(runbook.canary?.steps ?? []).map((step, i) => ({ path: `canary.steps[${i}].gate`, name: step.gate })),
    { path: 'signoffGate', name: runbook.signoffGate },
  ].filter((ref): ref is { path: string; name: string } => ref.name !== undefined);

  const usedBy = new Map<string, string>();
  for (const ref of references) {
    if (!defined.includes(ref.name)) {
      problems.push({ path: ref.path, message: undefinedGateMessage(ref.name, defined) });
      continue;
    }
    const earlier = usedBy.get(ref.name);
    if (earlier !== undefined) {
      problems.push({
        path: ref.path,
        message: `gate "${ref.name}" is already used by ${earlier}; a gate is passed once, so define another gate for this point`,
      });
      continue;
    }
    usedBy.set(ref.name, ref.path);
  }

  runbook.gates.forEach((gate, i) => {
    if (!usedBy.has(gate.name) && defined.indexOf(gate.name) === i) {
      problems.push({
        path: `gates[${i}].name`,
        message:
          `gate "${gate.name}" is never used (a typo in a reference?); ` +
          'name it in startGate, signoffGate or a canary step\'s gate, or remove it',
      });
    }
  });
  return problems;
}

function undefinedGateMessage(name: string, defined: string[]): string {
  if (defined.length === 0) {
    return `no gate named "${name}": define it under gates, e.g. - { name: ${name}, approvers: [alice] }`;
  }
  const closest = closestName(name, defined);
  const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
  const known = [...new Set(defined)].map((gate) => `"${gate}"`).join(', ');
  return `no gate named "${name}" in gates${guess}; define it under gates or use one of: ${known}`;
}
