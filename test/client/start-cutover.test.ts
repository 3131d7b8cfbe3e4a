import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { RunbookError } from '../../workflows/runbook/problems';
import { startCutoverFromFile } from '../../client/start-cutover';
import { MINIMAL } from '../runbook/fixtures';
import { connectHarness, uniqueId, type Harness } from '../support/harness';

const dir = mkdtempSync(path.join(tmpdir(), 'cutover-runbooks-'));

function runbookFile(name: string, text: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

const malformed: Array<[string, string, string]> = [
  ['bad YAML', MINIMAL.replace('rpo: 5s', 'rpo: [5s'), ''],
  ['an unknown field', MINIMAL.replace('rpo: 5s', 'rpo: 5s\nrpoo: 5s'), 'rpoo'],
  ['weights not rising', MINIMAL.replace('weight: 50', 'weight: 100'), 'canary.steps[1].weight'],
  ['a bake shorter than the TTL', MINIMAL.replace('weight: 50\n      bake: 2s', 'weight: 50\n      bake: 1s'), 'canary.steps[0].bake'],
  ['a gate without approvers', `${MINIMAL}gates:\n  - name: go-live\n    approvers: []\nstartGate: go-live\n`, 'gates[0].approvers'],
];

describe('starting a cutover from a runbook file', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => harness.close());

  it.each(malformed)('refuses %s before any workflow starts, naming the field', async (name, text, field) => {
    const workflowId = uniqueId('malformed');
    const file = runbookFile(name.replace(/\W+/g, '-'), text);

    const attempt = startCutoverFromFile(harness.client, file, { startedBy: 'olivia', workflowId, taskQueue: uniqueId('tq') });

    const error = await attempt.then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(RunbookError);
    const problems = (error as RunbookError).problems;
    expect(problems.length).toBeGreaterThan(0);
    if (field) expect(problems.map((problem) => problem.path)).toContain(field);
    else expect(problems[0]!.line).toBeDefined();
    expect((error as Error).message).toContain(file);
    await expect(harness.client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('starts a valid runbook under the given id with the starter recorded', async () => {
    const workflowId = uniqueId('valid');
    const { handle, runbook } = await startCutoverFromFile(harness.client, runbookFile('valid', MINIMAL), { startedBy: 'olivia', workflowId, taskQueue: uniqueId('tq') });
    const description = await handle.describe();
    expect(description.workflowId).toBe(workflowId);
    expect(description.memo).toMatchObject({ runbook: runbook.name, startedBy: 'olivia' });
    await handle.terminate('test over');
  });
});
