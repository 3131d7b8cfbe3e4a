import { readFileSync } from 'node:fs';
import { DURATION_PATTERN, runbookJsonSchema } from '../../client/runbook/json-schema';
import { RUNBOOK_SCHEMA_FILE, runbookJsonSchemaText } from '../../client/runbook/write-json-schema';
import { parseDuration } from '../../workflows/runbook/duration';

describe('runbook JSON Schema', () => {
  it('is committed as examples/runbook.schema.json exactly as generated (run `npm run schema` after schema changes)', () => {
    expect(readFileSync(RUNBOOK_SCHEMA_FILE, 'utf8')).toBe(runbookJsonSchemaText());
  });

  it('describes the input side: durations as strings, thresholds as a number or a string', () => {
    const schema = runbookJsonSchema() as any;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('Cutover runbook');
    expect(schema.properties.rpo).toMatchObject({ type: 'string', pattern: DURATION_PATTERN });
    const prometheus = schema.properties.analysis.properties.metrics.items.oneOf.find((m: any) => m.properties.provider.const === 'prometheus');
    const threshold = prometheus.properties.threshold;
    expect(threshold.properties.above.type).toEqual(['number', 'string']);
    expect(threshold).toMatchObject({ minProperties: 1, maxProperties: 1, additionalProperties: false });
  });

  it('offers one member per provider in every section that talks to a cloud', () => {
    const schema = runbookJsonSchema() as any;
    const providers = (section: any) => section.oneOf.map((member: any) => member.properties.provider.const);
    expect(providers(schema.properties.dns)).toEqual(['simulated', 'route53', 'azure']);
    expect(providers(schema.properties.replication)).toEqual(['simulated', 'dms', 'prometheus']);
    expect(providers(schema.properties.drain)).toEqual(['simulated', 'sqs', 'servicebus']);
    expect(providers(schema.properties.analysis.properties.metrics.items)).toEqual(['simulated', 'prometheus', 'cloudwatch', 'http-probe']);
    expect(providers(schema.properties.notifications.items)).toEqual(['simulated', 'slack', 'webhook']);
  });

  it('accepts exactly the duration strings parseDuration accepts', () => {
    const pattern = new RegExp(DURATION_PATTERN);
    for (const text of ['250ms', '90s', '5m', '1h30m', '1.5s', '2d', '5', '5 s', '5sec', 'm', '1h 30m', '-1s']) {
      expect([text, pattern.test(text)]).toEqual([text, parseDuration(text) !== undefined]);
    }
  });
});
