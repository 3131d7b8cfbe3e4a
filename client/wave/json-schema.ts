/** JSON Schema of the wave file as an operator writes it, generated from the zod schema like the runbook's. */
import { join } from 'node:path';
import { waveSchema } from '../../workflows/wave/schema';
import { jsonSchemaOf } from '../runbook/json-schema';

export const WAVE_SCHEMA_FILE = join(__dirname, '..', '..', 'examples', 'wave.schema.json');

export function waveJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(
    waveSchema,
    'Cutover wave',
    'Many applications cut over in one plan by the Cutover Orchestrator, each by its own runbook: ' +
      'dependencies between them, how many run at once, a blast radius, and wave-level gates.',
  );
}

/** The file's exact contents, shared with the test that keeps the committed file fresh. */
export function waveJsonSchemaText(): string {
  return `${JSON.stringify(waveJsonSchema(), null, 2)}\n`;
}
