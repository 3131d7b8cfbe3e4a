/**
 * Writes examples/runbook.schema.json (`npm run schema`). The file is committed so editors find it
 * next to the examples; a test fails when it differs from runbookJsonSchema(), so rerun this after
 * changing the runbook schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runbookJsonSchema } from './json-schema';

export const RUNBOOK_SCHEMA_FILE = join(__dirname, '..', '..', 'examples', 'runbook.schema.json');

/** The file's exact contents, shared with the test that keeps the committed file fresh. */
export function runbookJsonSchemaText(): string {
  return `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(RUNBOOK_SCHEMA_FILE, runbookJsonSchemaText());
  console.log(`wrote ${RUNBOOK_SCHEMA_FILE}`);
}
