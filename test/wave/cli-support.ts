/** Wave files and runbooks written for the real `cutover` binary, each application on its own DNS record of the CLI worker's cloud. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimulatedCloud } from '../../activities/simulated';
import { gatedRunbookYaml, SIMULATED_RECORD, tempDir } from '../client/cli/support';
import { appRecord, greenErrorRate } from './support';

/** The CLI tests' runbook for one application: its own record and error rate; without the gate unless asked. */
export function applicationRunbookYaml(name: string, options: { gate?: boolean } = {}): string {
  let text = gatedRunbookYaml(`${name}-app`)
    .replace(`record: ${SIMULATED_RECORD}`, `record: ${appRecord(name)}`)
    .replace('query: green.error_rate', `query: ${greenErrorRate(name)}`)
    .replace('baselineQuery: blue.error_rate', `baselineQuery: ${name}.blue.error_rate`);
  if (!options.gate) text = text.replace('      gate: half-way\n', '').replace(/gates:\n(  .*\n|    .*\n)+/, '');
  return text;
}

/** Gives each application its record and metrics in the worker's cloud. */
export function addApplications(cloud: SimulatedCloud, names: string[]): void {
  for (const name of names) {
    cloud.addDnsRecord(appRecord(name), { ttlMs: 500, syncDelayMs: 50 });
    cloud.setMetric(greenErrorRate(name), 0.01);
    cloud.setMetric(`${name}.blue.error_rate`, 0.01);
  }
}

/** Writes the wave and one runbook per application into a new folder; returns the wave file. */
export function writeWaveFiles(wave: string, runbooks: Record<string, string>): string {
  const folder = tempDir('cutover-cli-wave');
  for (const [file, text] of Object.entries(runbooks)) writeFileSync(path.join(folder, file), text);
  const file = path.join(folder, 'wave.yaml');
  writeFileSync(file, wave);
  return file;
}
