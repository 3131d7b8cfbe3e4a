/**
 * Writes examples/runbook.schema.json and examples/wave.schema.json (`npm run schema`). The files are
 * committed so editors find them next to the examples; a test fails when one differs from what is
 * generated, so rerun this after changing the runbook or wave schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waveJsonSchemaText, WAVE_SCHEMA_FILE } from '../wave/json-schema';
import { runbookJsonSchema } from './json-schema';

export const RUNBOOK_SCHEMA_FILE = join(__dirname, '..', '..', 'examples', 'runbook.schema.json');

/** The file's exact contents, shared with the test that keeps the committed file fresh. */
export function runbookJsonSchemaText(): string {
  return `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(RUNBOOK_SCHEMA_FILE, runbookJsonSchemaText());
  console.log(`wrote ${RUNBOOK_SCHEMA_FILE}`);
  writeFileSync(WAVE_SCHEMA_FILE, waveJsonSchemaText());
  console.log(`wrote ${WAVE_SCHEMA_FILE}`);
}
