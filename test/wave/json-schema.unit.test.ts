import { readFileSync } from 'node:fs';
import { DURATION_PATTERN } from '../../client/runbook/json-schema';
import { WAVE_SCHEMA_FILE, waveJsonSchema, waveJsonSchemaText } from '../../client/wave/json-schema';

describe('wave JSON Schema', () => {
  it('is committed as examples/wave.schema.json exactly as generated (run `npm run schema` after schema changes)', () => {
    expect(readFileSync(WAVE_SCHEMA_FILE, 'utf8')).toBe(waveJsonSchemaText());
  });

  it('describes applications, the blast radius and gates as operators write them', () => {
    const schema = waveJsonSchema() as any;
    expect(schema.title).toBe('Cutover wave');
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'applications', 'maxParallel']));
    expect(Object.keys(schema.properties.applications.items.properties)).toEqual(['name', 'runbook', 'id', 'after']);
    expect(schema.properties.blastRadius.properties.running.enum).toEqual(['finish', 'roll-back']);
    expect(schema.properties.gates.items.properties.timeout).toMatchObject({ type: 'string', pattern: DURATION_PATTERN });
  });
});
