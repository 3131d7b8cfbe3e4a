import fc from 'fast-check';
import { approveRequestSchema, controlRequestSchema, rejectRequestSchema } from '../../workflows/messages';
import { parsePayload } from '../../workflows/message-payload';
import { applicationEndedSchema, applicationStartedSchema } from '../../workflows/wave/application';
import { unsafeCharacter } from '../../workflows/runbook/text';
import { hostilePayload } from './support/hostile-payloads';

const SCHEMAS = {
  approve: approveRequestSchema,
  reject: rejectRequestSchema,
  pause: controlRequestSchema,
  'application-started': applicationStartedSchema,
  'application-ended': applicationEndedSchema,
} as const;

describe('parsing a message payload or saying why', () => {
  it('names the field and what it must be, for the payloads of the reported freeze', () => {
    expect(parsePayload('approve-signal', approveRequestSchema, { gate: { toString: 1 }, by: 'bob' })).toEqual({ ok: false, problem: 'approve-signal: gate must be text, not an object' });
    expect(parsePayload('approve-signal', approveRequestSchema, { gate: 'go-live', by: { toString: 1 } })).toEqual({ ok: false, problem: 'approve-signal: by must be text, not an object' });
    expect(parsePayload('reject', rejectRequestSchema, { gate: 'go-live', by: ['bob'] })).toEqual({ ok: false, problem: 'reject: by must be text, not a list; reason must be text, not nothing' });
    expect(parsePayload('pause', controlRequestSchema, null)).toEqual({ ok: false, problem: 'pause: the payload must be an object, not null' });
    expect(parsePayload('pause', controlRequestSchema, { by: 'x'.repeat(1_000_000) })).toEqual({ ok: false, problem: 'pause: by must be at most 64 characters, not text of 1000000 characters' });
    expect(parsePayload('approve', approveRequestSchema, { gate: 'g', by: 'bob', signed: { statement: 's', signature: 7 } })).toEqual({ ok: false, problem: 'approve: signed.signature must be text, not a number' });
    // zod's own length check throws on a `length` it cannot compare: the field's type is checked first.
    expect(parsePayload('approve', approveRequestSchema, { gate: { length: { toString: 1 } }, by: 'bob' })).toEqual({ ok: false, problem: 'approve: gate must be text, not an object' });
    // zod's default message reads the input's constructor name: one that cannot become text is refused all the same.
    const hostileConstructor = { gate: Object.assign(Object.create(null) as object, { constructor: { name: Object.create(null) as object } }) };
    expect(parsePayload('reject', rejectRequestSchema, hostileConstructor)).toMatchObject({ ok: false, problem: expect.stringMatching(/^reject: /) });
    expect(parsePayload('application-ended', applicationEndedSchema, { name: 'a', state: 'exploded', reason: null, final: null })).toEqual({ ok: false, problem: 'application-ended: state must be one of "waiting", "running", "completed", "rolled-back", "aborted", "rollback-failed", "failed", "skipped", "not-started"' });
  });

  it('keeps the fields a request has, drops the ones it does not, and reads null as left out', () => {
    const sent = JSON.parse('{"gate": "go-live", "by": "bob", "comment": null, "__proto__": {"admin": true}, "toString": 1}');
    const parsed = parsePayload('approve', approveRequestSchema, sent);
    expect(parsed).toEqual({ ok: true, value: { gate: 'go-live', by: 'bob' } });
    if (parsed.ok) expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it.each(Object.entries(SCHEMAS))('never throws on any payload of %s, and what it accepts holds only short text where text belongs', (name, schema) => {
    fc.assert(
      fc.property(hostilePayload, (payload) => {
        const parsed = parsePayload<unknown>(name, schema as never, payload);
        if (!parsed.ok) {
          expect(parsed.problem.startsWith(`${name}: `)).toBe(true);
          // Says what was wrong without repeating what was sent: bounded, and nothing a terminal would obey.
          expect(parsed.problem.length).toBeLessThan(1_000);
          expect(unsafeCharacter(parsed.problem, { oneLine: true })).toBeNull();
          return;
        }
        const value = parsed.value as Record<string, unknown>;
        for (const field of ['gate', 'by', 'name']) if (field in value) expect(typeof value[field] === 'string' && (value[field] as string).length <= 100).toBe(true);
        for (const field of ['comment', 'reason']) if (value[field] !== undefined && value[field] !== null) expect(typeof value[field]).toBe('string');
        expect(String(value)).toBe('[object Object]');
      }),
      { numRuns: 1_000 },
    );
  });

  it('accepts every well-formed request unchanged', () => {
    const text = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(fc.record({ gate: text, by: text, comment: fc.option(text, { nil: undefined }), signed: fc.option(fc.record({ statement: text, signature: text }), { nil: undefined }) }), (request) => {
        const expected = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
        expect(parsePayload('approve', approveRequestSchema, request)).toEqual({ ok: true, value: expected });
      }),
    );
  });
});
