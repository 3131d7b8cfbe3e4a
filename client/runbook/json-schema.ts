/**
 * JSON Schema of the runbook file as an operator writes it (durations as strings, thresholds as a
 * number or "baseline * k"), generated from the zod schema so the two never disagree. Editors use it
 * for completion and inline errors (see the `$schema` comment on line 1 of the examples); the
 * semantic checks still need `validate`.
 */
import { z } from 'zod';
import { DURATION_HINT } from '../../workflows/runbook/duration';
import { duration, runbookSchema, threshold } from '../../workflows/runbook/schema';

/**
 * What parseDuration accepts. Kept here because zod cannot see inside a transform; a test holds the
 * two together.
 */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+$';

export function runbookJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(
    runbookSchema,
    'Cutover runbook',
    'A cloud-migration cutover for the Cutover Orchestrator: RPO gate on replication lag, queue drain, ' +
      'canary DNS weights from blue to green with analysis and automatic rollback, and approval gates.',
  );
}

/** The input side of a file's zod schema as JSON Schema, durations and thresholds as operators write them. */
export function jsonSchemaOf(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    // The input side: with 'output', durations would be numbers of milliseconds.
    io: 'input',
    // Anything zod cannot express should fail the schema test, not vanish from the editor's view.
    unrepresentable: 'throw',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === duration) {
        jsonSchema.pattern = DURATION_PATTERN;
        jsonSchema.description = `Write ${DURATION_HINT}.`;
      }
      if (zodSchema === threshold) {
        // The schema's "exactly one of above/below" check, in a form editors understand.
        jsonSchema.minProperties = 1;
        jsonSchema.maxProperties = 1;
        jsonSchema.description = 'Breach when the value goes above (or below) a number, or "baseline * k" of blue\'s baseline.';
      }
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}
