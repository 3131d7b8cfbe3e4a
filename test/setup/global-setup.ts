/**
 * One real Temporal dev server and one workflow bundle for the whole suite: every test file's
 * workers connect to TEMPORAL_ADDRESS and load CUTOVER_WORKFLOW_BUNDLE.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { CACHE_DIR, startTemporal } from '../../worker/temporal-server';
import { ensureMoto } from '../support/moto';

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[setup] ${line}\n`);
  await ensureMoto(log);
  const server = await startTemporal(log);
  (globalThis as { __temporal?: typeof server }).__temporal = server;
  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.TEMPORAL_NAMESPACE = server.namespace;

  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger() });
  mkdirSync(CACHE_DIR, { recursive: true });
  const bundlePath = path.join(CACHE_DIR, 'workflow-bundle.test.js');
  writeFileSync(bundlePath, code);
  process.env.CUTOVER_WORKFLOW_BUNDLE = bundlePath;
}

function quietLogger() {
  const ignore = () => undefined;
  return { trace: ignore, debug: ignore, info: ignore, warn: console.warn, error: console.error, log: ignore };
}
