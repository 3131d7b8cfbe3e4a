/**
 * Random message payloads a sender could put in a Signal or an Update (fast-check arbitraries):
 * JSON values of every kind, objects keyed `toString`, `valueOf`, `__proto__` and `constructor`,
 * deep nesting, huge strings, lists where text belongs, and requests that are nearly right (the
 * right field names holding the wrong things). Every value survives JSON, as a payload must.
 */
import fc from 'fast-check';

/** Keys that turn an object into trouble for `String(x)`, `${x}`, `x.trim()`, or a lookup by name. */
const HOSTILE_KEYS = ['toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'then', 'prototype', 'length', 'trim'] as const;
/** The field names of every request, so the hostile values land where a handler reads. */
const FIELD_KEYS = ['gate', 'by', 'comment', 'reason', 'signed', 'statement', 'signature', 'name', 'state', 'final', 'phase', 'weights', 'outcome'] as const;

const hugeString = fc.integer({ min: 5_000, max: 20_000 }).map((length) => 'x'.repeat(length));

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: hugeString },
);

const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...FIELD_KEYS), fc.string({ maxLength: 12 }));

/** Any JSON value, its objects keyed by names that hurt. */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** A list or an object nested hundreds or thousands deep. */
const deep = fc.tuple(fc.integer({ min: 50, max: 1_000 }), fc.boolean(), leaf).map(([depth, asList, inner]) => {
  let value: unknown = inner;
  // One reference per level: two would make the JSON 2^depth long.
  for (let i = 0; i < depth; i++) value = asList ? [value] : i % 2 === 0 ? { gate: value } : { by: value };
  return value;
});

/**
 * An own `__proto__` key, as JSON.parse makes it (an object literal would set the prototype instead),
 * beside the fields a request has.
 */
const ownProto = fc.tuple(jsonish, jsonish).map(([proto, by]) => JSON.parse(`{"__proto__": ${JSON.stringify(proto) ?? 'null'}, "gate": {"toString": 1}, "by": ${JSON.stringify(by) ?? 'null'}}`) as unknown);

/** The right field names, holding anything at all or nearly the right thing. */
const nearlyRight = fc.record(
  {
    gate: fc.oneof(fc.constantFrom('half-way', 'go-live', ''), jsonish),
    by: fc.oneof(fc.constantFrom('mallory', 'olivia', ' olivia ', 'car\u200bol', '\x1b[31mmallory', 'wave@x'), jsonish),
    comment: jsonish,
    reason: fc.oneof(fc.constantFrom('', ' ', 'looks fine'), jsonish),
    signed: fc.oneof(jsonish, fc.record({ statement: jsonish, signature: jsonish })),
    name: fc.oneof(fc.constantFrom('zz', ''), jsonish),
    state: fc.oneof(fc.constantFrom('completed', 'rolled-back', 'exploded'), jsonish),
    final: jsonish,
  },
  { requiredKeys: [] },
);

/** One payload of any of the kinds above. */
export const hostilePayload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: jsonish },
  { weight: 5, arbitrary: nearlyRight },
  { weight: 1, arbitrary: deep },
  { weight: 2, arbitrary: ownProto },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ gate: { toString: 1 }, by: 'bob' }, { gate: 'go-live', by: { toString: 1 } }, { by: { valueOf: 1, toString: 1 }, reason: [] }, [], 'bob', 0) },
);

/** `count` payloads from a fixed seed, so a failing run can be repeated. */
export function hostilePayloads(count: number, seed: number): unknown[] {
  return fc.sample(hostilePayload, { numRuns: count, seed });
}
