/**
 * What makes a wave impossible or unsafe to run, in the operator's terms: every problem at once, each
 * at a path of the wave file. Pure: the client checks before anything starts, and the wave workflow
 * can check the same way.
 */
import { providersNamed } from '../runbook/approval-rules';
import { gateProblems } from '../runbook/gate-rules';
import { closestName, duplicateNames, type RunbookProblem } from '../runbook/problems';
import { escapeUnsafe } from '../runbook/text';
import { findCycles } from './graph';
import type { Runbook } from '../runbook/schema';
import type { Wave } from './schema';

export function waveProblems(wave: Wave): RunbookProblem[] {
  const names = wave.applications.map((app) => app.name);
  const problems: RunbookProblem[] = [
    ...duplicateNames(
      wave.applications.map((app, i) => ({ name: app.name, path: `applications[${i}]` })),
      (name, first) => `application "${name}" is already listed at ${first}; give each application its own name`,
    ),
    ...duplicateIds(wave),
    ...gateProblems(wave),
  ];
  wave.applications.forEach((app, i) => {
    app.after.forEach((dep, j) => {
      const path = `applications[${i}].after[${j}]`;
      const first = app.after.indexOf(dep);
      if (first !== j) problems.push({ path, message: `"${dep}" is already listed at applications[${i}].after[${first}]; list each application once` });
      else if (!names.includes(dep)) problems.push({ path, message: unknownApplicationMessage(dep, names) });
    });
  });
  for (const cycle of findCycles(wave.applications)) {
    const first = wave.applications.findIndex((app) => app.name === cycle[0]);
    const message =
      cycle.length === 2
        ? `${cycle[0]} waits for itself, so it could never start; remove "${cycle[0]}" from its own "after"`
        : `these applications wait for each other, so none of them could start: ${cycle.join(' → ')} (→ runs before); remove one of the "after" entries`;
    problems.push({ path: `applications[${first}].after`, message });
  }
  return problems;
}

function duplicateIds(wave: Wave): RunbookProblem[] {
  const first = new Map<string, number>();
  const problems: RunbookProblem[] = [];
  wave.applications.forEach((app, i) => {
    if (app.id === undefined) return;
    const earlier = first.get(app.id);
    if (earlier === undefined) first.set(app.id, i);
    else {
      problems.push({
        path: `applications[${i}].id`,
        message: `cutover id "${app.id}" is already the id of ${wave.applications[earlier]!.name} (applications[${earlier}].id); each cutover needs its own id`,
      });
    }
  });
  return problems;
}

function unknownApplicationMessage(name: string, names: string[]): string {
  const closest = closestName(name, names);
  const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
  return `no application named "${escapeUnsafe(name, { oneLine: true })}" in this wave${guess}; list it under applications or fix the name`;
}

/** How resolvers see a record: case does not matter, nor a trailing dot. */
export function recordKey(record: string): string {
  return record.toLowerCase().replace(/\.$/, '');
}

/**
 * Two applications moving the weights of one DNS record would undo each other's steps and
 * rollbacks: each record belongs to one application of the wave.
 */
export function sharedRecordProblems(applications: readonly { index: number; name: string; record: string }[]): RunbookProblem[] {
  const owner = new Map<string, { index: number; name: string }>();
  const problems: RunbookProblem[] = [];
  for (const app of applications) {
    const key = recordKey(app.record);
    const earlier = owner.get(key);
    if (earlier === undefined) owner.set(key, app);
    else {
      problems.push({
        path: `applications[${app.index}].runbook`,
        message:
          `${app.name}'s runbook moves DNS record ${escapeUnsafe(app.record, { oneLine: true })}, as ${earlier.name}'s does ` +
          `(applications[${earlier.index}]); two cutovers on one record would undo each other: give each application its own record`,
      });
    }
  }
  return problems;
}

/**
 * `approvals: unverified` (names as typed) is a rehearsal's convenience: a wave whose applications
 * touch any real provider moves real traffic at its gates, so its decisions must be signed.
 */
export function approvalPolicyProblems(input: { wave: Wave; members: readonly { name: string; runbook: Runbook }[] }): RunbookProblem[] {
  if (input.wave.approvals !== 'unverified') return [];
  const real = input.members.flatMap((member) => providersNamed(member.runbook).filter(({ provider }) => provider !== 'simulated').map(({ path, provider }) => `${member.name}'s ${path} is ${provider}`));
  if (real.length === 0) return [];
  return [
    {
      path: 'approvals',
      message:
        `"unverified" is allowed only when every application's runbook uses simulated providers only, and ${real.slice(0, 3).join(', ')}${real.length > 3 ? ` and ${real.length - 3} more` : ''}: ` +
        'write approvals: signed (the default) and start the worker with --allowed-signers, so every decision is verified',
    },
  ];
}
